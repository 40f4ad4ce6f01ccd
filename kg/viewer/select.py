"""Which part of the graph a view shows: types, the neighbourhood of a node, a node limit.

:func:`select_view` cuts a ``kg.graph.to_networkx`` graph down to what one
HTML view draws and says, in a sentence for the page, what it left out.
"""

from __future__ import annotations

import difflib
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from kg.errors import ViewError
from kg.viewer.assets import ROLES_SHOWN

__all__ = ["DEFAULT_MAX_NODES", "Selection", "drawn_links", "find_nodes", "select_view"]

DEFAULT_MAX_NODES = 5000
"""Above this many nodes a view keeps the best-connected ones (a 5,000-node view loads in seconds)."""

_PLURALS = {"Paper": "papers", "Method": "methods", "Model": "models", "Task": "tasks", "Dataset": "datasets"}


@dataclass(frozen=True, eq=False)
class Selection:
    """The part of a graph one view shows.

    ``graph`` is the subgraph to draw; ``total`` the number of nodes before
    the node limit; ``left_out`` the nodes the limit dropped, per kind;
    ``centers`` the nodes the view is around (empty for a whole-graph view);
    ``note`` one sentence for the page about what is shown ("" when all is).
    """

    graph: nx.MultiDiGraph
    total: int
    left_out: dict[str, int] = field(default_factory=dict)
    centers: tuple[str, ...] = ()
    note: str = ""


def _norm(text: str) -> str:
    """Case- and space-insensitive form of a name: ``" Lo RA "`` → ``"lo ra"``."""
    return " ".join(str(text).split()).casefold()


def _names(node: str, attrs: dict[str, str]) -> Iterable[str]:
    """Every name a node answers to: label, title, identifier, aliases."""
    yield attrs.get("label", "")
    yield attrs.get("title", "")
    yield attrs.get("identifier", "")
    yield from str(attrs.get("aliases", "")).split("; ")


def find_nodes(nxgraph: nx.MultiDiGraph, name: str) -> list[str]:
    """Return the nodes named ``name``: its IRI, or a label, title, identifier or alias.

    Names match ignoring case and runs of spaces. An IRI match wins outright.

    Raises
    ------
    ViewError
        When no node has that name; the message suggests the closest labels.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("m/lora", kind="Method", label="LoRA", aliases="Low-Rank Adaptation")
    >>> find_nodes(g, "low-rank  adaptation"), find_nodes(g, "m/lora")
    (['m/lora'], ['m/lora'])
    >>> find_nodes(g, "LoRa+")
    Traceback (most recent call last):
    ...
    kg.errors.ViewError: no node is named 'LoRa+'; fix: use a label, alias or IRI from the graph, e.g. 'LoRA'
    """
    if name in nxgraph:
        return [name]
    wanted = _norm(name)
    found = sorted(n for n, attrs in nxgraph.nodes(data=True) if any(_norm(x) == wanted for x in _names(n, attrs) if x))
    if found:
        return found
    labels = sorted({str(attrs.get("label", "")) for _, attrs in nxgraph.nodes(data=True)} - {""})
    close = difflib.get_close_matches(name, labels, n=3, cutoff=0.5) or labels[:3]
    hint = f", e.g. {', '.join(repr(c) for c in close)}" if close else ""
    raise ViewError(f"no node is named {name!r}; fix: use a label, alias or IRI from the graph{hint}")


def _within(nxgraph: nx.MultiDiGraph, centers: list[str], depth: int) -> set[str]:
    """Return the nodes at most ``depth`` links from any of ``centers``, either direction."""
    seen = set(centers)
    queue = deque((c, 0) for c in centers)
    while queue:
        node, hops = queue.popleft()
        if hops == depth:
            continue
        for other in (*nxgraph.successors(node), *nxgraph.predecessors(node)):
            if other not in seen:
                seen.add(other)
                queue.append((other, hops + 1))
    return seen


def _count_phrase(counts: Counter[str]) -> str:
    """``Counter({"Paper": 2, "Task": 1})`` → ``"2 papers, 1 task"``, in kind order."""
    parts = []
    for kind, plural in _PLURALS.items():
        if counts.get(kind):
            parts.append(f"{counts[kind]:,} {plural if counts[kind] != 1 else plural[:-1]}")
    return ", ".join(parts)


def drawn_links(nxgraph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return ``nxgraph`` with only the links the page draws: the paper → entity roles and ``variantOf``.

    The relations between entities (``comparedWith`` and the like) are shown
    in the side panel, with their evidence, not drawn; they count neither for
    ``--around`` nor for "best-connected".

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("p", "m", key="uses"); _ = g.add_edge("m", "n", key="comparedWith")
    >>> list(drawn_links(g).edges(keys=True)), sorted(drawn_links(g))
    ([('p', 'm', 'uses')], ['m', 'n', 'p'])
    """
    drawn = nx.MultiDiGraph(nxgraph)
    drawn.remove_edges_from([(u, v, k) for u, v, k in nxgraph.edges(keys=True) if k not in ROLES_SHOWN])
    return drawn


def select_view(
    nxgraph: nx.MultiDiGraph,
    *,
    types: Iterable[str] | None = None,
    around: str | None = None,
    depth: int = 1,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Selection:
    """Return the part of ``nxgraph`` to draw (its :func:`drawn_links`), and a note saying what was left out.

    Parameters
    ----------
    nxgraph : networkx.MultiDiGraph
        As made by ``kg.graph.to_networkx`` (each node has ``kind``).
    types : iterable of str, optional
        Keep only nodes of these kinds (``"Paper"``, ``"Method"``, …); the
        nodes named by ``around`` stay whatever their kind.
    around : str, optional
        A node's label, alias, title, identifier or IRI: keep only what lies
        within ``depth`` links of it (every node it names, if several).
    depth : int
        How many links from ``around`` to go (papers and entities alternate,
        so 2 reaches the entities that share a paper with it).
    max_nodes : int
        Above this many nodes, keep the ``max_nodes`` with the most links in
        the whole graph (ties: by IRI); ``around``'s nodes are always kept.

    Raises
    ------
    ViewError
        An unknown ``around`` name, a negative ``depth`` or a ``max_nodes``
        below 1.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for n, kind in [("p1", "Paper"), ("p2", "Paper"), ("m", "Method"), ("t", "Task")]:
    ...     g.add_node(n, kind=kind, label=n)
    >>> _ = g.add_edge("p1", "m", key="uses"); _ = g.add_edge("p2", "m", key="uses"); _ = g.add_edge("p2", "t", key="addresses")
    >>> view = select_view(g, max_nodes=2)
    >>> sorted(view.graph), view.left_out, view.note
    (['m', 'p2'], {'Paper': 1, 'Task': 1}, 'Showing the 2 best-connected of 4 nodes; left out: 1 paper, 1 task.')
    >>> sorted(select_view(g, around="t", depth=2).graph)
    ['m', 'p2', 't']
    """
    if depth < 0:
        raise ViewError(f"depth {depth} is negative; fix: give --depth 0 or more")
    if max_nodes < 1:
        raise ViewError(f"max-nodes {max_nodes} leaves nothing to show; fix: give --max-nodes 1 or more")
    nxgraph = drawn_links(nxgraph)
    notes = []
    centers: list[str] = []
    keep = set(nxgraph)
    if around is not None:
        centers = find_nodes(nxgraph, around)
        keep = _within(nxgraph, centers, depth)
        named = f" ({len(centers)} nodes)" if len(centers) > 1 else ""
        notes.append(f"Around {around!r}{named}, {depth} link{'s' * (depth != 1)} deep.")
    if types is not None:
        wanted = set(types)
        keep = {n for n in keep if nxgraph.nodes[n].get("kind") in wanted or n in centers}
        notes.append(f"Types: {', '.join(k for k in _PLURALS if k in wanted) or 'none'}.")
    total = len(keep)
    left_out: Counter[str] = Counter()
    if total > max_nodes:
        first = set(centers)
        ranked = sorted(keep, key=lambda n: (n not in first, -nxgraph.degree(n), n))
        for node in ranked[max_nodes:]:
            left_out[str(nxgraph.nodes[node].get("kind"))] += 1
        keep = set(ranked[:max_nodes])
        notes.append(
            f"Showing the {max_nodes:,} best-connected of {total:,} nodes; left out: {_count_phrase(left_out)}."
        )
    return Selection(
        graph=nxgraph.subgraph(keep).copy(),
        total=total,
        left_out=dict(sorted(left_out.items())),
        centers=tuple(centers),
        note=" ".join(notes),
    )
