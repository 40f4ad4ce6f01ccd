"""What the papers report: leaderboards from the results, and the relations stated most often.

:func:`leaderboards` ranks the results of :func:`kg.graph.reported.reported_results`
per dataset and metric; :func:`frequent_relations` counts the claims behind
each relation edge of the networkx view. Both give plain rows for the report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import networkx as nx

from kg.graph.reported import ReportedResult
from kg.records import RELATIONS

__all__ = ["Board", "Relation", "frequent_relations", "leaderboards"]


@dataclass(frozen=True)
class Board:
    """The results on one dataset by one metric, best first: ``(entity, value with unit, paper id)`` rows."""

    dataset: str
    metric: str
    lower_is_better: bool
    rows: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class Relation:
    """One relation between two entities (by label) and how many claims, in how many papers, state it."""

    property: str
    subject: str
    object: str
    claims: int
    papers: int


def _number(value: str) -> Decimal:
    try:
        return Decimal(value)
    except InvalidOperation:
        return Decimal(0)


def _paper_id(paper: str) -> str:
    return paper.rsplit("/", 1)[-1]


def leaderboards(results: Iterable[ReportedResult], *, top: int) -> list[Board]:
    """Return the leaderboards of the ``top`` datasets with the most results, each metric's rows best first.

    Best is the largest value, or the smallest where the metric's
    ``kg:lowerIsBetter`` is true; at most ``top`` rows a board. Datasets come
    by number of results, then name; a dataset's metrics by name.

    >>> from kg.graph.reported import ReportedResult as R
    >>> rows = [R("d", "WER", "a", "5.1", "%", "p/1", "", "r1", dataset_name="D", entity_name="A", lower_is_better=True),
    ...         R("d", "WER", "b", "4.3", "%", "p/2", "", "r2", dataset_name="D", entity_name="B", lower_is_better=True)]
    >>> [(b.dataset, b.metric, b.rows) for b in leaderboards(rows, top=5)]
    [('D', 'WER', (('B', '4.3%', '2'), ('A', '5.1%', '1')))]
    """
    grouped: dict[str, dict[str, list[ReportedResult]]] = defaultdict(lambda: defaultdict(list))
    for result in results:
        grouped[result.dataset_name or result.dataset][result.metric].append(result)
    ranked = sorted(grouped, key=lambda d: (-sum(len(r) for r in grouped[d].values()), d))[:top]
    boards = []
    for dataset in ranked:
        for metric in sorted(grouped[dataset]):
            found = grouped[dataset][metric]
            lower = any(r.lower_is_better for r in found)
            best = sorted(found, key=lambda r: ((1 if lower else -1) * _number(r.value), r.entity_name, r.paper))
            rows = tuple(dict.fromkeys((r.entity_name or r.entity, f"{r.value}{r.unit}", _paper_id(r.paper))
                                       for r in best))[:top]
            boards.append(Board(dataset, metric, lower, rows))
    return boards


def frequent_relations(view: nx.MultiDiGraph, *, top: int) -> tuple[dict[str, int], list[Relation]]:
    """Return the claims per relation property, and the ``top`` relations the most claims back.

    Ties go by property, then subject and object label.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="A"); g.add_node("b", label="B")
    >>> _ = g.add_edge("a", "b", key="comparedWith", role="comparedWith", claims=2, papers="p1; p2")
    >>> frequent_relations(g, top=3)
    ({'appliedTo': 0, 'basedOn': 0, 'benchmarkedOn': 0, 'comparedWith': 2}, [Relation(property='comparedWith', \
subject='A', object='B', claims=2, papers=2)])
    """
    per_property = dict.fromkeys(RELATIONS, 0)
    relations = []
    for source, target, data in view.edges(data=True):
        if data.get("role") in per_property:
            claims = int(data.get("claims", 0))
            per_property[data["role"]] += claims
            papers = len([p for p in str(data.get("papers", "")).split("; ") if p])
            relations.append(Relation(data["role"], str(view.nodes[source]["label"]), str(view.nodes[target]["label"]),
                                      claims, papers))
    relations.sort(key=lambda r: (-r.claims, -r.papers, r.property, r.subject, r.object))
    return per_property, relations[:top]
