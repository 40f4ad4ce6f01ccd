"""Projections of the paperkg networkx view: the simple graphs analyses run on.

The view from :func:`kg.to_networkx` is a ``MultiDiGraph`` with one edge per
role. Most algorithms want a simple undirected graph instead:

- :func:`link_graph`: papers and entities, one edge per linked pair
  (``variantOf`` included, the relations between entities left out), for PageRank, betweenness and shortest paths;
- :func:`bipartite_graph`: papers and entities, paper–entity edges only, for
  communities;
- :func:`cooccurrence_graph`: entities, weighted by the papers they share.

The paper similarity graph is in :mod:`kg.analysis.similarity`.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx

from kg.records import ENTITY_TYPES, ROLES

__all__ = ["bipartite_graph", "cooccurrence_graph", "link_graph", "paper_links", "postings"]

_LINKS = frozenset({*ROLES, "variantOf"})
"""The edge roles the projections keep: paper → entity links and model families, not the relations a paper states."""


def paper_links(view: nx.MultiDiGraph) -> dict[str, frozenset[str]]:
    """Return, for every paper in ``view``, the set of entities it links to by any role.

    Papers without links map to an empty set; ``variantOf`` edges are ignored.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", kind="Paper"); g.add_node("e", kind="Task"); g.add_node("q", kind="Paper")
    >>> g.add_edge("p", "e", key="addresses", role="addresses")
    'addresses'
    >>> sorted((p, sorted(es)) for p, es in paper_links(g).items())
    [('p', ['e']), ('q', [])]

    Notes
    -----
    Linear in the number of edges.
    """
    kinds = view.nodes(data="kind")
    return {
        node: frozenset(t for t in view.successors(node) if kinds[t] != "Paper")
        for node, kind in kinds
        if kind == "Paper"
    }


def postings(links: dict[str, frozenset[str]]) -> dict[str, list[str]]:
    """Invert ``paper → entities`` into ``entity → sorted papers``.

    >>> postings({"p": frozenset({"e"}), "q": frozenset({"e", "f"})})
    {'e': ['p', 'q'], 'f': ['q']}
    """
    result: dict[str, list[str]] = defaultdict(list)
    for paper in sorted(links):
        for entity in links[paper]:
            result[entity].append(paper)
    return {entity: result[entity] for entity in sorted(result)}


def _copy_nodes(source: nx.MultiDiGraph, target: nx.Graph, kinds: tuple[str, ...]) -> None:
    """Add the nodes of ``source`` whose kind is in ``kinds`` to ``target``, with kind and label."""
    for node, data in source.nodes(data=True):
        if data["kind"] in kinds:
            target.add_node(node, kind=data["kind"], type=data["kind"], label=data["label"])


def link_graph(view: nx.MultiDiGraph) -> nx.Graph:
    """Return ``view`` as a simple undirected graph: every node, one edge per linked pair.

    Only paper → entity links and ``variantOf`` count; the relations between
    entities a paper states (``comparedWith`` and the like) are left out. Each edge has ``roles``, the sorted "; "-joined roles between the two nodes
    (e.g. ``"proposes; uses"``, or ``"variantOf"`` between a model and its family).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", kind="Paper", label="P"); g.add_node("e", kind="Method", label="E")
    >>> g.add_edge("p", "e", key="uses", role="uses"); g.add_edge("p", "e", key="proposes", role="proposes")
    'uses'
    'proposes'
    >>> list(link_graph(g).edges(data="roles"))
    [('p', 'e', 'proposes; uses')]

    Notes
    -----
    Linear in the number of nodes and edges.
    """
    result = nx.Graph()
    _copy_nodes(view, result, ("Paper", *ENTITY_TYPES))
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for source, target, role in view.edges(data="role"):
        if role in _LINKS:
            roles[(source, target)].add(role)
    for (source, target), found in roles.items():
        if result.has_edge(source, target):
            found = found | set(result.edges[source, target]["roles"].split("; "))
        result.add_edge(source, target, roles="; ".join(sorted(found)))
    return result


def bipartite_graph(view: nx.MultiDiGraph) -> nx.Graph:
    """Return the paper–entity bipartite graph of ``view``.

    Parameters
    ----------
    view : networkx.MultiDiGraph
        The view from :func:`kg.to_networkx`.

    Returns
    -------
    networkx.Graph
        Every paper (``bipartite=0``) and entity (``bipartite=1``), with
        ``kind``, ``type`` and ``label``; one edge per linked paper and entity,
        with ``roles`` (sorted, "; "-joined) and ``weight`` 1. ``variantOf``
        links between entities are left out, so the graph is bipartite.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", kind="Paper", label="P"); g.add_node("m", kind="Model", label="M")
    >>> g.add_node("f", kind="Model", label="F")
    >>> g.add_edge("p", "m", key="uses", role="uses"); g.add_edge("m", "f", key="variantOf", role="variantOf")
    'uses'
    'variantOf'
    >>> b = bipartite_graph(g)
    >>> nx.is_bipartite(b), sorted(b.edges()), b.nodes["p"]["bipartite"]
    (True, [('p', 'm')], 0)

    Notes
    -----
    Linear in the number of nodes and edges.
    """
    result = link_graph(view)
    result.remove_edges_from([(u, v) for u, v, roles in result.edges(data="roles") if roles == "variantOf"])
    for node, kind in result.nodes(data="kind"):
        result.nodes[node]["bipartite"] = 0 if kind == "Paper" else 1
    for _, _, data in result.edges(data=True):
        data["roles"] = "; ".join(r for r in data["roles"].split("; ") if r != "variantOf")
        data["weight"] = 1
    return result


def cooccurrence_graph(view: nx.MultiDiGraph, *, kinds: tuple[str, ...] = ENTITY_TYPES) -> nx.Graph:
    """Return the entity co-occurrence graph: entities linked when a paper mentions both.

    Parameters
    ----------
    view : networkx.MultiDiGraph
        The view from :func:`kg.to_networkx`.
    kinds : tuple of str
        The entity types to keep (default: all four).

    Returns
    -------
    networkx.Graph
        Every entity of ``kinds`` with ``kind``, ``type``, ``label`` and
        ``papers`` (how many papers link to it); an edge between two entities
        that share a paper, ``weight`` the number of papers they share.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for n, k in [("p", "Paper"), ("q", "Paper"), ("a", "Method"), ("b", "Task")]:
    ...     g.add_node(n, kind=k, label=n.upper())
    >>> for p in "pq":
    ...     g.add_edge(p, "a", key="uses", role="uses"); g.add_edge(p, "b", key="addresses", role="addresses")
    'uses'
    'addresses'
    'uses'
    'addresses'
    >>> c = cooccurrence_graph(g)
    >>> c.edges["a", "b"]["weight"], c.nodes["a"]["papers"]
    (2, 2)

    Notes
    -----
    Time is the sum over papers of the square of their number of entities,
    linear in the number of papers when abstracts name a bounded number of
    entities.
    """
    result = nx.Graph()
    _copy_nodes(view, result, kinds)
    links = paper_links(view)
    counts: dict[str, int] = defaultdict(int)
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for paper in sorted(links):
        entities = sorted(e for e in links[paper] if e in result)
        for entity in entities:
            counts[entity] += 1
        for pair in combinations(entities, 2):
            weights[pair] += 1
    for node in result:
        result.nodes[node]["papers"] = counts.get(node, 0)
    result.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weights.items()))
    return result
