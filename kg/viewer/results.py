"""The results and relations the side panel shows: a dataset's leaderboard, an entity's results and relations.

Made from the records of :mod:`kg.graph.reported` and merged into the node
details of :mod:`kg.viewer.data`, as plain JSON-ready values in a fixed
order. A panel section is present only when it has something in it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from kg.graph.reported import RelationClaim, ReportedResult
from kg.records import RELATIONS
from kg.viewer.data import http_url

__all__ = ["add_findings", "entity_results", "leaderboards", "relations"]

def _number(value: str) -> Decimal:
    """Return ``value`` as a Decimal; anything unreadable sorts as 0."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return Decimal(0)
    return number if number.is_finite() else Decimal(0)


def _best_first(result: ReportedResult) -> tuple[Any, ...]:
    """Sort key putting a metric's best value first, then by entity, paper and sentence."""
    number = _number(result.value)
    return (-number if not result.lower_is_better else number,
            result.entity_name, result.entity, result.paper_title, result.paper, result.sentence, result.iri)


def _paper(paper: str, title: str, url: str) -> dict[str, str]:
    """Return a paper reference: its id, title and http(s) URL (``""`` if none)."""
    return {"paper": paper, "paperTitle": title, "paperUrl": http_url(url)}


def _row(result: ReportedResult, *, show_dataset: bool) -> dict[str, Any]:
    """Return one result as the panel shows it."""
    row: dict[str, Any] = {
        "entity": result.entity, "entityName": result.entity_name,
        "metric": result.metric, "value": result.value, "unit": result.unit,
        "sentence": result.sentence, "task": result.task, "taskName": result.task_name,
        **_paper(result.paper, result.paper_title, result.paper_url),
    }
    if show_dataset:
        row.update(dataset=result.dataset, datasetName=result.dataset_name)
    return row


def leaderboards(results: Iterable[ReportedResult]) -> dict[str, list[dict[str, Any]]]:
    """Return dataset IRI → its leaderboard: one table per metric (by label), rows best first.

    Each table is ``{"metric", "lowerIsBetter", "rows"}``; a row has the
    entity (``entity``, ``entityName``), ``value``, ``unit``, the paper
    (``paper``, ``paperTitle``, ``paperUrl``), ``sentence`` and ``task``/``taskName``.
    Higher is better unless the metric's ``kg:lowerIsBetter`` is true; ties go by entity name.

    >>> from kg.graph.reported import ReportedResult as R
    >>> board = leaderboards([R("d", "top-1 error", "a", "9.1", "%", "p", "", "r1", entity_name="A", lower_is_better=True),
    ...                       R("d", "top-1 error", "b", "8.7", "%", "p", "", "r2", entity_name="B", lower_is_better=True)])
    >>> [(t["metric"], t["lowerIsBetter"], [r["entityName"] for r in t["rows"]]) for t in board["d"]]
    [('top-1 error', True, ['B', 'A'])]
    """
    grouped: dict[str, dict[str, list[ReportedResult]]] = defaultdict(lambda: defaultdict(list))
    for result in results:
        grouped[result.dataset][result.metric].append(result)
    return {
        dataset: [
            {"metric": metric, "lowerIsBetter": any(r.lower_is_better for r in grouped[dataset][metric]),
             "rows": _unique(_row(r, show_dataset=False) for r in sorted(grouped[dataset][metric], key=_best_first))}
            for metric in sorted(grouped[dataset])
        ]
        for dataset in sorted(grouped)
    }


def entity_results(results: Iterable[ReportedResult]) -> dict[str, list[dict[str, Any]]]:
    """Return entity IRI → its results, by dataset name, then metric, best first.

    Rows are those of :func:`leaderboards` with the dataset (``dataset``,
    ``datasetName``) added.
    """
    grouped: dict[str, list[ReportedResult]] = defaultdict(list)
    for result in results:
        grouped[result.entity].append(result)
    return {
        entity: _unique(_row(r, show_dataset=True) for r in sorted(
            grouped[entity], key=lambda r: (r.dataset_name, r.dataset, r.metric, *_best_first(r))))
        for entity in sorted(grouped)
    }


def relations(claims: Iterable[RelationClaim]) -> dict[str, list[dict[str, Any]]]:
    """Return entity IRI → its relations, outgoing first, by property (in :data:`~kg.records.RELATIONS` order) and name.

    Each is ``{"property", "outgoing", "other", "otherName", "evidence"}``;
    ``evidence`` lists ``{"sentence", "paper", "paperTitle", "paperUrl"}``,
    sorted by paper title, for the claims behind it (empty when none).

    >>> from kg.graph.reported import RelationClaim as C
    >>> found = relations([C("a", "basedOn", "b", "p", "A builds on B.", "A", "B", "P")])
    >>> [(r["property"], r["outgoing"], r["otherName"], r["evidence"][0]["sentence"]) for r in found["b"]]
    [('basedOn', False, 'A', 'A builds on B.')]
    """
    said: dict[tuple[str, str, bool, str, str], list[dict[str, str]]] = defaultdict(list)
    for claim in claims:
        evidence = ([{"sentence": claim.sentence, **_paper(claim.paper, claim.paper_title, claim.paper_url)}]
                    if claim.paper else [])
        for entity, outgoing, other, name in ((claim.subject, True, claim.object, claim.object_name),
                                              (claim.object, False, claim.subject, claim.subject_name)):
            said[entity, claim.property, outgoing, other, name].extend(evidence)
    order = {name: i for i, name in enumerate(RELATIONS)}
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entity, prop, outgoing, other, name in sorted(
            said, key=lambda k: (k[0], not k[2], order.get(k[1], len(order)), k[1], k[4], k[3])):
        evidence = _unique(sorted(said[entity, prop, outgoing, other, name],
                                  key=lambda e: (e["paperTitle"], e["paper"], e["sentence"])))
        found[entity].append({"property": prop, "outgoing": outgoing, "other": other, "otherName": name,
                              "evidence": evidence})
    return dict(found)


def _unique(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return ``rows`` in order without repeats."""
    kept: list[dict[str, Any]] = []
    for row in rows:
        if row not in kept:
            kept.append(row)
    return kept


def add_findings(
    details: Mapping[str, dict[str, Any]],
    results: Iterable[ReportedResult] = (),
    claims: Iterable[RelationClaim] = (),
) -> dict[str, dict[str, Any]]:
    """Return ``details`` with ``leaderboard`` on datasets, ``results`` and ``relations`` on entities.

    Only nodes in ``details`` get them, and only when they have some; a
    node without results or relations is left as it is. Papers get neither.
    """
    results = list(results)
    boards, scored, related = leaderboards(results), entity_results(results), relations(claims)
    merged: dict[str, dict[str, Any]] = {}
    for node, info in details.items():
        info = dict(info)
        if info.get("kind") != "Paper":
            if info.get("kind") == "Dataset" and node in boards:
                info["leaderboard"] = boards[node]
            if node in scored:
                info["results"] = scored[node]
            if node in related:
                info["relations"] = related[node]
        merged[node] = info
    return merged
