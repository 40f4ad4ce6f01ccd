"""Which entities matter: degree, PageRank, and betweenness across communities.

All three run on :func:`kg.analysis.projections.link_graph`, the undirected
graph of papers and entities (``variantOf`` included, so a model family
gains from its variants).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.records import ENTITY_TYPES

__all__ = ["BETWEENNESS_BUDGET", "EXACT_BETWEENNESS_LIMIT", "Bridge", "Ranked", "betweenness_sources", "bridges",
           "rank_entities"]

EXACT_BETWEENNESS_LIMIT = 5000
"""Graphs with more nodes get betweenness estimated from sampled sources."""

BETWEENNESS_BUDGET = 1_000_000
"""Edge visits the estimate may spend: it uses about this many edges' worth of source nodes."""


def betweenness_sources(nodes: int, edges: int) -> int | None:
    """Return how many sampled sources to estimate betweenness from, or None for the exact value.

    Up to ``EXACT_BETWEENNESS_LIMIT`` nodes, None; above, ``BETWEENNESS_BUDGET / edges``
    sources, at least 16 and at most 500 (Brandes & Pich, "Centrality estimation in
    large networks", Int. J. Bifurcation and Chaos, 2007).

    >>> betweenness_sources(100, 300), betweenness_sources(20_000, 10_000), betweenness_sources(10**6, 10**7)
    (None, 100, 16)
    """
    if nodes <= EXACT_BETWEENNESS_LIMIT:
        return None
    return min(nodes, max(16, min(500, BETWEENNESS_BUDGET // max(edges, 1))))


@dataclass(frozen=True)
class Ranked:
    """An entity with its centralities.

    ``papers`` is how many papers link to it, ``degree`` its degree in the
    link graph (papers plus variant/family links), ``pagerank`` its PageRank.
    """

    node: str
    label: str
    kind: str
    papers: int
    degree: int
    pagerank: float


@dataclass(frozen=True)
class Bridge:
    """An entity whose neighbours fall in several communities, with its betweenness."""

    node: str
    label: str
    kind: str
    betweenness: float
    communities: int


def rank_entities(graph: nx.Graph) -> dict[str, list[Ranked]]:
    """Return the entities of each type, highest PageRank first.

    Parameters
    ----------
    graph : networkx.Graph
        A link graph (:func:`kg.analysis.projections.link_graph`).

    Returns
    -------
    dict
        Entity type → every entity of that type as :class:`Ranked`, sorted by
        PageRank (rounded to 9 decimals), then label. PageRank uses damping
        0.85 on the unweighted graph (Page et al., "The PageRank citation
        ranking", 1999).

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_nodes_from([("p", {"kind": "Paper", "label": "P"}), ("q", {"kind": "Paper", "label": "Q"}),
    ...                   ("a", {"kind": "Task", "label": "A"}), ("b", {"kind": "Task", "label": "B"})])
    >>> g.add_edges_from([("p", "a"), ("q", "a"), ("q", "b")])
    >>> [(r.label, r.papers) for r in rank_entities(g)["Task"]]
    [('A', 2), ('B', 1)]

    Notes
    -----
    PageRank by power iteration with scipy sparse matrices: about linear in
    the number of edges per iteration.
    """
    scores = nx.pagerank(graph, alpha=0.85, max_iter=1000, tol=1e-12) if len(graph) else {}
    kinds = graph.nodes(data="kind")
    result: dict[str, list[Ranked]] = {kind: [] for kind in ENTITY_TYPES}
    for node, kind in kinds:
        if kind in result:
            papers = sum(1 for n in graph[node] if kinds[n] == "Paper")
            result[kind].append(Ranked(node, graph.nodes[node]["label"], kind, papers, graph.degree(node),
                                       round(scores[node], 9)))
    for ranked in result.values():
        ranked.sort(key=lambda r: (-r.pagerank, r.label, r.node))
    return result


def bridges(
    graph: nx.Graph, membership: dict[str, int], *, top: int = 10, seed: int = 0
) -> tuple[list[Bridge], int | None]:
    """Return the entities with the highest betweenness whose neighbours span two or more communities.

    Parameters
    ----------
    graph : networkx.Graph
        A link graph.
    membership : dict
        Node → community number (every node of ``graph``).
    top : int
        How many bridges to return.
    seed : int
        Seed of the source sample on large graphs.

    Returns
    -------
    (list of Bridge, int or None)
        The bridges, highest betweenness first (normalised, rounded to 9
        decimals), and the number of sampled sources, or None when the
        betweenness is exact.

    Examples
    --------
    >>> g = nx.path_graph(["p", "a", "q"])
    >>> nx.set_node_attributes(g, {"p": "Paper", "a": "Method", "q": "Paper"}, "kind")
    >>> nx.set_node_attributes(g, {"p": "P", "a": "A", "q": "Q"}, "label")
    >>> found, sampled = bridges(g, {"p": 1, "a": 1, "q": 2})
    >>> [(b.label, b.betweenness, b.communities) for b in found], sampled
    ([('A', 1.0, 2)], None)

    Notes
    -----
    Brandes' algorithm (Brandes, "A faster algorithm for betweenness
    centrality", J. Math. Sociol. 2001): ``O(V·E)`` exact; above
    ``EXACT_BETWEENNESS_LIMIT`` nodes, ``O(k·E)`` from the ``k`` sources of
    :func:`betweenness_sources`, drawn with ``seed``, which bounds the work
    near ``BETWEENNESS_BUDGET`` edge visits.
    """
    sampled = betweenness_sources(graph.number_of_nodes(), graph.number_of_edges())
    scores = nx.betweenness_centrality(graph, k=sampled, seed=seed if sampled else None)
    found = []
    for node, kind in graph.nodes(data="kind"):
        if kind not in ENTITY_TYPES:
            continue
        spanned = {membership[node]} | {membership[n] for n in graph[node]}
        if len(spanned) >= 2 and scores[node] > 0:
            found.append(Bridge(node, graph.nodes[node]["label"], kind, round(scores[node], 9), len(spanned)))
    found.sort(key=lambda b: (-b.betweenness, b.label, b.node))
    return found[:top], sampled
