"""Paper similarity: weighted Jaccard over the entities two papers share.

Two papers are compared only when they share an entity, found through the
entity → papers postings, never by trying all pairs. The weight of an entity
is its inverse document frequency, ``1 + ln((1 + N) / (1 + df))`` for ``N``
papers of which ``df`` link to it, so a rare dataset says more than "large
language model". The score of papers ``A`` and ``B`` is the weighted Jaccard
index ``w(A ∩ B) / w(A ∪ B)`` (Ioffe, "Improved consistent sampling, weighted
minhash and L1 sketching", ICDM 2010, uses the same generalisation).

Entities linked to more than ``max_papers`` papers ("hubs") still count in
every score, but are not used to find candidate pairs: two papers that share
only hubs are not compared. This bounds the work on a large graph by the sum
over non-hub entities of ``df²``.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx

from kg.analysis.projections import paper_links, postings

__all__ = ["SimilarPair", "SimilarityIndex", "hub_limit", "most_similar", "similar_pairs", "similarity_graph"]

HUB_CAP = 100
"""Entities linked to more papers than this never seed candidate pairs."""


def hub_limit(papers: int) -> int:
    """Return the default hub limit for a graph of ``papers`` papers: ``min(100, max(10, papers // 2))``.

    >>> hub_limit(60), hub_limit(100_000)
    (30, 100)
    """
    return min(HUB_CAP, max(10, papers // 2))


@dataclass(frozen=True)
class SimilarPair:
    """Two papers, their similarity (rounded to 6 decimals) and the entities they share.

    ``shared`` lists entity IRIs, the most telling (rarest) first.
    """

    paper: str
    other: str
    score: float
    shared: tuple[str, ...]


class SimilarityIndex:
    """The postings and entity weights of a graph, to score papers against each other.

    Parameters
    ----------
    view : networkx.MultiDiGraph
        The view from :func:`kg.to_networkx`.
    max_papers : int, optional
        Entities linked to more papers are hubs (see the module notes). The
        default is :func:`hub_limit` of the number of papers.

    Notes
    -----
    Building the index is linear in the number of links. Scores add entity
    weights in IRI order (non-hubs, then hubs), so a pair gets the same score
    however it is reached.
    """

    def __init__(self, view: nx.MultiDiGraph, *, max_papers: int | None = None) -> None:
        links = paper_links(view)
        self.links = {paper: tuple(sorted(links[paper])) for paper in sorted(links)}
        self.postings = postings(links)
        n = len(self.links)
        self.max_papers = max_papers if max_papers is not None else hub_limit(n)
        self.weight = {e: 1.0 + math.log((1 + n) / (1 + len(ps))) for e, ps in self.postings.items()}
        self.hubs = frozenset(e for e, ps in self.postings.items() if len(ps) > self.max_papers)
        self.hubs_of = {p: frozenset(e for e in es if e in self.hubs) for p, es in self.links.items()}
        self.total = {p: sum(self.weight[e] for e in es) for p, es in self.links.items()}

    def _value(self, paper: str, other: str, common: float) -> float:
        """Return the score of two papers whose shared non-hub entities weigh ``common``."""
        hubs = self.hubs_of[paper] & self.hubs_of[other]
        for entity in sorted(hubs):
            common += self.weight[entity]
        union = self.total[paper] + self.total[other] - common
        return round(common / union, 6) if union > 0 else 0.0

    def overlaps(self, paper: str, *, hubs: bool = False) -> dict[str, float]:
        """Return, for each paper sharing a non-hub entity with ``paper`` (any entity if ``hubs``),
        the weight of the non-hub entities they share."""
        found: dict[str, float] = {}
        for entity in self.links[paper]:
            if entity in self.hubs:
                if hubs:
                    for other in self.postings[entity]:
                        found.setdefault(other, 0.0)
                continue
            weight = self.weight[entity]
            for other in self.postings[entity]:
                found[other] = found.get(other, 0.0) + weight
        found.pop(paper, None)
        return found

    def candidates(self, paper: str, *, hubs: bool = False) -> list[str]:
        """Return the papers sharing a non-hub entity with ``paper`` (any entity if ``hubs``), sorted."""
        return sorted(self.overlaps(paper, hubs=hubs))

    def scores(self, paper: str, *, hubs: bool = False) -> Iterator[tuple[str, float]]:
        """Yield ``(other, score)`` for every candidate of ``paper``."""
        for other, common in self.overlaps(paper, hubs=hubs).items():
            yield other, self._value(paper, other, common)

    def score(self, paper: str, other: str) -> SimilarPair:
        """Return the weighted Jaccard similarity of two papers, with what they share."""
        shared = set(self.links[paper]).intersection(self.links[other])
        common = 0.0
        for entity in sorted(shared - self.hubs):
            common += self.weight[entity]
        order = sorted(shared, key=lambda e: (-self.weight[e], e))
        return SimilarPair(paper, other, self._value(paper, other, common), tuple(order))

    def pairs(self) -> Iterator[tuple[float, str, str]]:
        """Yield ``(score, paper, other)`` for every compared pair once (``paper < other``)."""
        for paper in self.links:
            for other, value in self.scores(paper):
                if paper < other:
                    yield value, paper, other


def similar_pairs(
    view: nx.MultiDiGraph, *, top: int = 10, min_shared: int = 1, max_papers: int | None = None
) -> list[SimilarPair]:
    """Return the ``top`` most similar paper pairs sharing at least ``min_shared`` entities.

    Pairs come best first, ties by IRI.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for n, k in [("p", "Paper"), ("q", "Paper"), ("r", "Paper"), ("a", "Method"), ("b", "Task")]:
    ...     g.add_node(n, kind=k, label=n)
    >>> for p, e in [("p", "a"), ("p", "b"), ("q", "a"), ("q", "b"), ("r", "b")]:
    ...     _ = g.add_edge(p, e, key="uses", role="uses")
    >>> [(x.paper, x.other, x.score) for x in similar_pairs(g)]
    [('p', 'q', 1.0), ('p', 'r', 0.437124), ('q', 'r', 0.437124)]

    Notes
    -----
    Time is the sum over non-hub entities of ``df²``, plus ``log top`` per
    compared pair; memory is ``O(top)`` beyond the index.
    """
    index = SimilarityIndex(view, max_papers=max_papers)
    found = (
        (-value, paper, other) for value, paper, other in index.pairs()
        if min_shared <= 1 or len(set(index.links[paper]).intersection(index.links[other])) >= min_shared
    )
    return [index.score(paper, other) for _, paper, other in heapq.nsmallest(top, found)]


def most_similar(view: nx.MultiDiGraph, paper: str, *, top: int = 5) -> list[SimilarPair]:
    """Return the ``top`` papers most similar to ``paper``, best first (``pair.other`` is the match).

    Every entity of ``paper``, hubs included, is used to find candidates.

    Notes
    -----
    Linear in the number of links (building the index) plus the papers
    sharing an entity with ``paper``.
    """
    index = SimilarityIndex(view)
    best = heapq.nsmallest(top, ((-value, other) for other, value in index.scores(paper, hubs=True)))
    return [index.score(paper, other) for _, other in best]


def similarity_graph(
    view: nx.MultiDiGraph, *, top_k: int | None = None, max_papers: int | None = None
) -> nx.Graph:
    """Return the paper similarity graph.

    Parameters
    ----------
    view : networkx.MultiDiGraph
        The view from :func:`kg.to_networkx`.
    top_k : int, optional
        Keep only each paper's ``top_k`` best neighbours (an edge stays when it
        is among the best of either end); default: every compared pair.
    max_papers : int, optional
        The hub limit of :class:`SimilarityIndex`.

    Returns
    -------
    networkx.Graph
        Every paper (``kind``, ``type``, ``label``); an edge between papers that
        share a non-hub entity, with ``weight`` (the weighted Jaccard score),
        ``shared`` (how many entities) and ``entities`` (their labels,
        "; "-joined, rarest first).

    Notes
    -----
    See :func:`similar_pairs` for the time; the graph holds at most
    ``top_k × N`` edges when ``top_k`` is given.
    """
    index = SimilarityIndex(view, max_papers=max_papers)
    result = nx.Graph()
    for paper in index.links:
        data = view.nodes[paper]
        result.add_node(paper, kind=data["kind"], type=data["kind"], label=data["label"])
    if top_k is None:
        chosen = sorted((paper, other) for _, paper, other in index.pairs())
    else:
        kept: set[tuple[str, str]] = set()
        for paper in index.links:
            best = heapq.nsmallest(top_k, ((-value, other) for other, value in index.scores(paper)))
            kept.update((min(paper, other), max(paper, other)) for _, other in best)
        chosen = sorted(kept)
    for paper, other in chosen:
        pair = index.score(paper, other)
        labels = "; ".join(view.nodes[e]["label"] for e in pair.shared)
        result.add_edge(paper, other, weight=pair.score, shared=len(pair.shared), entities=labels)
    return result
