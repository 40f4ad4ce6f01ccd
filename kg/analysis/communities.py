"""Groups of papers and entities that hang together: Louvain communities of the paper–entity graph."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

__all__ = ["SEED", "Community", "find_communities", "membership"]

SEED = 42
"""The fixed seed of the Louvain runs, so the same graph gives the same communities."""


@dataclass(frozen=True)
class Community:
    """One community: its papers and entities, and the tasks its papers address.

    ``entities`` are sorted by how many of the community's papers link to them
    (then by label); ``papers`` by how many entities they link to; ``tasks``
    are ``(task, papers in the community, papers overall)``, most frequent
    first, then the most specific.
    """

    number: int
    papers: tuple[str, ...]
    entities: tuple[str, ...]
    tasks: tuple[tuple[str, int, int], ...]


def find_communities(bipartite: nx.Graph, *, seed: int = SEED, resolution: float = 1.0) -> list[Community]:
    """Return the Louvain communities of the paper–entity graph with at least one paper and one entity.

    Parameters
    ----------
    bipartite : networkx.Graph
        The paper–entity graph (:func:`kg.analysis.projections.bipartite_graph`).
    seed : int
        Seed of the Louvain run.
    resolution : float
        Louvain resolution; above 1 favours smaller communities.

    Returns
    -------
    list of Community
        Largest first (by papers, then entities), numbered from 1. Isolated
        nodes and single-node communities are left out.

    Examples
    --------
    >>> g = nx.Graph()
    >>> for n in ["p1", "p2", "q1", "q2"]:
    ...     g.add_node(n, kind="Paper", label=n)
    >>> for n, k in [("t", "Task"), ("u", "Task"), ("m", "Method"), ("d", "Dataset")]:
    ...     g.add_node(n, kind=k, label=n)
    >>> g.add_edges_from([("p1", "t"), ("p2", "t"), ("p1", "m"), ("p2", "m"),
    ...                   ("q1", "u"), ("q2", "u"), ("q1", "d"), ("q2", "d")])
    >>> [(c.number, c.papers, c.entities) for c in find_communities(g)]
    [(1, ('p1', 'p2'), ('m', 't')), (2, ('q1', 'q2'), ('d', 'u'))]

    Notes
    -----
    Blondel et al., "Fast unfolding of communities in large networks", J.
    Stat. Mech. 2008, as implemented by networkx: about linear in the number
    of edges per pass.
    """
    kinds = bipartite.nodes(data="kind")
    labels = bipartite.nodes(data="label")
    connected = bipartite.subgraph(n for n in bipartite if bipartite.degree(n) > 0)
    groups = nx.community.louvain_communities(connected, seed=seed, resolution=resolution) if len(connected) else []
    found = []
    for group in groups:
        papers = [n for n in group if kinds[n] == "Paper"]
        entities = [n for n in group if kinds[n] != "Paper"]
        if not papers or not entities:
            continue
        members = set(group)
        inside = {n: sum(1 for m in bipartite[n] if m in members) for n in group}
        tasks: Counter[str] = Counter(t for p in papers for t in bipartite[p] if kinds[t] == "Task")
        task_rows = sorted(
            ((t, count, bipartite.degree(t)) for t, count in tasks.items()),
            key=lambda row: (-row[1], row[2], labels[row[0]], row[0]),
        )
        found.append((
            tuple(sorted(papers, key=lambda n: (-inside[n], labels[n], n))),
            tuple(sorted(entities, key=lambda n: (-inside[n], labels[n], n))),
            tuple(task_rows),
        ))
    found.sort(key=lambda c: (-len(c[0]), -len(c[1]), min(c[0])))
    return [Community(i, papers, entities, tasks) for i, (papers, entities, tasks) in enumerate(found, 1)]


def membership(graph: nx.Graph, communities: list[Community]) -> dict[str, int]:
    """Return node → community number for every node of ``graph``.

    Nodes outside the listed communities each get a number of their own,
    after the listed ones, so that no two of them count as one community.

    >>> g = nx.Graph([("a", "b")]); g.add_node("c")
    >>> membership(g, [Community(1, ("a",), ("b",), ())])
    {'a': 1, 'b': 1, 'c': 2}
    """
    result = {n: c.number for c in communities for n in (*c.papers, *c.entities)}
    extra = len(communities)
    for node in graph:
        if node not in result:
            extra += 1
            result[node] = extra
    return result
