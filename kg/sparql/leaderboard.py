"""A dataset's leaderboard: every result reported on it, ranked per metric.

Used by ``kg leaderboard``. The results are read with one SPARQL query, the
dataset and metric bound as parameters (never spliced into the text); the
ranking is done here, in ``O(n log n)`` for ``n`` results: best first, the
largest value, or the smallest on a metric with ``kg:lowerIsBetter true``
(a graph made before metrics said so ranks every metric higher-is-better).
Equal values share a rank ("1, 1, 3").
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from decimal import Decimal
from itertools import groupby

import pyoxigraph as ox

from kg.errors import QueryError
from kg.sparql.execute import execute
from kg.sparql.tables import fit, layout, prefixed

__all__ = ["LEADERBOARD_FORMATS", "Standing", "format_leaderboard", "leaderboard"]

LEADERBOARD_FORMATS = ("table", "csv", "json")

_DATASETS = """
SELECT DISTINCT ?dataset ?label WHERE {
  ?dataset a kg:Dataset ; skos:prefLabel ?label ; skos:prefLabel|rdfs:label|skos:altLabel ?name .
  FILTER (LCASE(STR(?name)) = LCASE(STR(?asked)) || STR(?dataset) = STR(?asked))
}
ORDER BY ?label ?dataset
"""

_RESULTS = """
SELECT ?metric ?metricLabel ?lower ?entity ?entityLabel ?value ?unit ?paper ?id ?sentence WHERE {
  ?result a kg:Result ; kg:onDataset ?dataset ; kg:metric ?metric ; kg:value ?value ;
          kg:ofEntity ?entity ; kg:reportedIn ?paper ; kg:sentence ?sentence .
  ?metric skos:prefLabel ?metricLabel .
  OPTIONAL { ?metric kg:lowerIsBetter ?lower }
  ?entity skos:prefLabel ?entityLabel .
  ?paper dcterms:identifier ?id .
  OPTIONAL { ?result kg:unit ?unit }
}
"""


@dataclass(frozen=True)
class Standing:
    """One result on a leaderboard: its rank among the results by the same metric, and what it is."""

    metric: str
    rank: int
    entity: str
    value: str
    unit: str
    paper: str
    sentence: str
    entity_iri: str
    paper_iri: str
    lower_is_better: bool


def _dataset(store: ox.Store, name: str) -> tuple[ox.NamedNode, str]:
    """The one dataset named ``name`` (any label, any case, or its IRI)."""
    rows = list(execute(store, _DATASETS, params={"asked": ox.Literal(name)}))
    found = {row["dataset"]: row["label"].value for row in rows}
    if not found:
        raise QueryError(f"no dataset is named {name!r}; fix: give a dataset's label or IRI "
                         "(`kg query most-used-datasets.rq` lists them)")
    if len(found) > 1:
        listed = ", ".join(f"{label} <{iri.value}>" for iri, label in sorted(found.items(), key=lambda i: i[0].value))
        raise QueryError(f"{name!r} names {len(found)} datasets ({listed}); fix: give the IRI of the one you mean")
    return next(iter(found.items()))


def _true(term: ox.Literal | None) -> bool:
    return term is not None and term.value == "true"


def leaderboard(store: ox.Store, dataset: str, *, metric: str | None = None) -> list[Standing]:
    """Return every result on ``dataset``, ranked per metric, best first.

    Parameters
    ----------
    store : pyoxigraph.Store
        A paperkg graph.
    dataset : str
        Any label of the dataset (case-insensitive) or its IRI.
    metric : str, optional
        Keep only the results by this metric (its label, case-insensitive).

    Raises
    ------
    QueryError
        When no dataset, or more than one, has that name, or the dataset has
        results but none by ``metric``.

    Notes
    -----
    Standings come by metric label, then rank, entity label and paper
    identifier, so the same graph always gives the same list.
    """
    iri, label = _dataset(store, dataset)
    rows = list(execute(store, _RESULTS, params={"dataset": iri}))
    if metric is not None:
        metrics = sorted({row["metricLabel"].value for row in rows})
        rows = [row for row in rows if row["metricLabel"].value.lower() == metric.lower()]
        if metrics and not rows:
            raise QueryError(f"no result on {label} is by the metric {metric!r}; fix: use one of {', '.join(metrics)}")
    keyed = sorted(
        ((row["metricLabel"].value, _true(row["lower"]), Decimal(row["value"].value), row) for row in rows),
        key=lambda item: (item[0], item[2] if item[1] else -item[2], item[3]["entityLabel"].value,
                          item[3]["id"].value, item[3]["sentence"].value),
    )
    standings = []
    for _, group in groupby(keyed, key=lambda item: item[0]):
        previous, rank = None, 0
        for position, (label, lower, value, row) in enumerate(group, start=1):
            if value != previous:
                previous, rank = value, position
            unit = row["unit"]
            standings.append(Standing(label, rank, row["entityLabel"].value, row["value"].value,
                                      unit.value if unit is not None else "", row["id"].value,
                                      row["sentence"].value, row["entity"].value, row["paper"].value, lower))
    return standings


def _with_unit(value: str, unit: str) -> str:
    """``83.9%``, ``2.1 points``: a sign right after the number, a word after a space."""
    return f"{value}{unit}" if not unit[:1].isalpha() else f"{value} {unit}"


def format_leaderboard(standings: list[Standing], fmt: str = "table") -> str:
    """Write standings as an aligned table, CSV (a header and one row each) or a JSON array.

    Raises
    ------
    QueryError
        For a format not in :data:`LEADERBOARD_FORMATS`.

    Examples
    --------
    >>> row = Standing("accuracy", 1, "LoRA", "83.9", "%", "2403.01234", "…", "https://w3id.org/paperkg/resource/method/lora",
    ...                "https://w3id.org/paperkg/resource/paper/2403-01234", False)
    >>> print(format_leaderboard([row]), end="")
    metric    rank  entity  value  paper       entity IRI
    --------  ----  ------  -----  ----------  ----------------
    accuracy  1     LoRA    83.9%  2403.01234  kgr:method\\/lora
    (1 row)
    """
    if fmt == "json":
        return json.dumps([asdict(standing) for standing in standings], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        names = list(Standing.__dataclass_fields__)
        writer.writerow(names)
        for standing in standings:
            cells = [getattr(standing, name) for name in names]
            writer.writerow([str(cell).lower() if isinstance(cell, bool) else cell for cell in cells])
        return out.getvalue()
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r}; fix: use one of {', '.join(LEADERBOARD_FORMATS)}")
    cells = [[fit(s.metric), str(s.rank), fit(s.entity), _with_unit(s.value, s.unit), fit(s.paper),
              fit(prefixed(s.entity_iri), whole=True)] for s in standings]
    return layout(["metric", "rank", "entity", "value", "paper", "entity IRI"], cells)
