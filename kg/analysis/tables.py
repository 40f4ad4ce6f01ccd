"""Counting tables: nodes per type, links per role, type-to-type co-occurrence, isolated papers."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from kg.analysis.projections import paper_links
from kg.records import ENTITY_TYPES, ROLES

__all__ = ["isolated_papers", "pair_counts", "role_counts", "top_pairs", "type_counts"]


def type_counts(view: nx.MultiDiGraph) -> dict[str, int]:
    """Return how many nodes of each type ``view`` has: Paper, then the entity types.

    >>> g = nx.MultiDiGraph(); g.add_node("p", kind="Paper")
    >>> type_counts(g)
    {'Paper': 1, 'Method': 0, 'Model': 0, 'Task': 0, 'Dataset': 0}
    """
    found = Counter(kind for _, kind in view.nodes(data="kind"))
    return {kind: found[kind] for kind in ("Paper", *ENTITY_TYPES)}


def role_counts(view: nx.MultiDiGraph) -> dict[str, int]:
    """Return how many edges of each role ``view`` has: the four roles, then ``variantOf``.

    >>> g = nx.MultiDiGraph(); _ = g.add_edge("p", "e", key="uses", role="uses")
    >>> role_counts(g)["uses"], role_counts(g)["variantOf"]
    (1, 0)
    """
    found = Counter(role for *_, role in view.edges(data="role"))
    return {role: found[role] for role in (*ROLES, "variantOf")}


def pair_counts(view: nx.MultiDiGraph, source: str, target: str) -> Counter[tuple[str, str]]:
    """Return, for every (``source``-type entity, ``target``-type entity), how many papers link to both.

    Parameters
    ----------
    view : networkx.MultiDiGraph
        The view from :func:`kg.to_networkx`.
    source, target : str
        Entity types, e.g. "Method" and "Task".

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for n, k in [("p", "Paper"), ("m", "Method"), ("t", "Task")]:
    ...     g.add_node(n, kind=k)
    >>> _ = g.add_edge("p", "m", key="uses", role="uses"); _ = g.add_edge("p", "t", key="addresses", role="addresses")
    >>> dict(pair_counts(g, "Method", "Task"))
    {('m', 't'): 1}

    Notes
    -----
    Time is the sum over papers of (their ``source`` entities × their
    ``target`` entities).
    """
    kinds = view.nodes(data="kind")
    counts: Counter[tuple[str, str]] = Counter()
    for _, entities in sorted(paper_links(view).items()):
        sources = sorted(e for e in entities if kinds[e] == source)
        targets = sorted(e for e in entities if kinds[e] == target)
        counts.update((s, t) for s in sources for t in targets if s != t)
    return counts


def top_pairs(view: nx.MultiDiGraph, source: str, target: str, *, top: int = 15) -> list[tuple[str, str, int]]:
    """Return the ``top`` (source, target, papers) rows of :func:`pair_counts`, most papers first, then by label."""
    labels = view.nodes(data="label")
    rows = [(s, t, n) for (s, t), n in pair_counts(view, source, target).items()]
    rows.sort(key=lambda row: (-row[2], labels[row[0]], labels[row[1]], row[0], row[1]))
    return rows[:top]


def isolated_papers(view: nx.MultiDiGraph) -> list[str]:
    """Return the papers linked to no entity, by title.

    >>> g = nx.MultiDiGraph(); g.add_node("p", kind="Paper", label="A paper")
    >>> isolated_papers(g)
    ['p']
    """
    labels = view.nodes(data="label")
    return sorted((p for p, es in paper_links(view).items() if not es), key=lambda p: (labels[p], p))
