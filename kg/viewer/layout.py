"""Starting positions for the viewer: a force-directed layout computed before the page opens.

vis-network's own physics costs about 0.1 s per step on a 5,000-node graph in
headless Chromium here, too slow to lay out a large graph from random
positions on load. :func:`layout` runs Fruchterman–Reingold (Fruchterman &
Reingold, "Graph drawing by force-directed placement", Software: Practice and
Experience 21(11), 1991) in numpy, with the paper's grid variant of
repulsion: only nodes closer than twice the ideal distance repel, found
with a k-d tree, so each step is about linear in the nodes. The page then
lets vis-network's physics run a few steps from these positions and stops it.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

__all__ = ["IDEAL_DISTANCE", "layout"]

IDEAL_DISTANCE = 70.0
"""The ideal distance between linked nodes, in vis-network canvas units."""


def _spread(index: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Return the (n, 2) sums of the rows of ``values`` per node ``index`` (a fast ``np.add.at``)."""
    return np.stack([np.bincount(index, values[:, 0], n), np.bincount(index, values[:, 1], n)], axis=1)


def layout(
    nxgraph: nx.MultiDiGraph,
    *,
    seed: int = 7,
    iterations: int = 60,
    sizes: Mapping[str, float] | None = None,
) -> dict[str, tuple[float, float]]:
    """Return node → ``(x, y)``: a force-directed layout of ``nxgraph`` (edge directions ignored).

    Parameters
    ----------
    nxgraph : networkx.MultiDiGraph
        Any graph with string node ids.
    seed : int
        Seeds the random starting positions; the same graph and seed give
        the same positions (rounded to 0.1).
    iterations : int
        Steps of the simulation; the largest move allowed cools linearly to 0.
    sizes : mapping, optional
        Node → drawn radius; nodes repel from their borders, so big nodes get room.

    Returns
    -------
    dict
        Positions in canvas units, centred on the origin.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> pos = layout(g)
    >>> sorted(pos), pos == layout(g)
    (['a', 'b', 'c'], True)
    >>> import math
    >>> 0.5 * IDEAL_DISTANCE < math.dist(pos["a"], pos["b"]) < 2 * IDEAL_DISTANCE
    True

    Notes
    -----
    O(iterations · (n + m + p)) for n nodes, m edges and p pairs of nodes
    closer than the cut-off, which the repulsion keeps near O(n).
    """
    ids = sorted(str(n) for n in nxgraph)
    n = len(ids)
    if n == 0:
        return {}
    where = {node: i for i, node in enumerate(ids)}
    pairs = sorted({(min(where[str(u)], where[str(v)]), max(where[str(u)], where[str(v)]))
                    for u, v in nxgraph.edges() if str(u) != str(v)})
    src = np.array([p[0] for p in pairs], dtype=np.int64)
    dst = np.array([p[1] for p in pairs], dtype=np.int64)
    radius = np.array([float((sizes or {}).get(node, 10.0)) for node in ids])
    k = IDEAL_DISTANCE
    rng = np.random.default_rng(seed)
    spread = k * np.sqrt(n) * 0.6
    pos = rng.uniform(-spread, spread, size=(n, 2))
    step = spread / 4
    cutoff = 2.0 * k
    gravity = 0.005
    degree = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n) + 1.0
    for i in range(iterations):
        force = np.zeros((n, 2))
        close = cKDTree(pos).query_pairs(cutoff, output_type="ndarray")
        if len(close):
            a, b = close[:, 0], close[:, 1]
            delta = pos[a] - pos[b]
            dist = np.hypot(delta[:, 0], delta[:, 1])
            gap = np.maximum(dist - 0.5 * (radius[a] + radius[b]), 1.0)
            push = k * k / gap / np.maximum(dist, 1e-9)
            force += _spread(a, delta * push[:, None], n) - _spread(b, delta * push[:, None], n)
        if len(src):
            delta = pos[src] - pos[dst]
            dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 1e-9)
            pull = delta * 0.5
            pull_src, pull_dst = pull / degree[src, None] ** 0.5, pull / degree[dst, None] ** 0.5
            force += _spread(dst, pull_dst, n) - _spread(src, pull_src, n)
        force -= gravity * pos
        length = np.maximum(np.hypot(force[:, 0], force[:, 1]), 1e-9)
        limit = step * (1.0 - i / iterations) + 1.0
        pos += force * (np.minimum(length, limit) / length)[:, None]
    pos -= pos.mean(axis=0)
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(ids, pos, strict=True)}
