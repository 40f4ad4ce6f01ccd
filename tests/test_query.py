"""Tests for kg.sparql.query and the competency questions in ontology/queries/."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.errors import QueryError
from kg.graph.namespace import KG, KGR, PREFIXES
from kg.graph.turtle import turtle_bytes
from kg.sparql.query import FORMATS, bundled_queries, read_query, run_query
from kg.records import Facts

COMPETENCY = [
    "papers-evaluating-on-dataset.rq",
    "most-used-datasets.rq",
    "proposals.rq",
    "tasks-per-method.rq",
    "papers-sharing-entities.rq",
]


def rows(graph: Graph, name: str) -> list[dict[str, str]]:
    """Run a bundled query; return its rows as {variable: value} with values as strings."""
    doc = json.loads(run_query(graph, read_query(name), fmt="json"))
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def test_bundled_queries_present() -> None:
    assert set(COMPETENCY) <= set(bundled_queries())


@pytest.mark.parametrize("name", sorted(bundled_queries()))
def test_bundled_query_has_comment_header(name: str) -> None:
    first = read_query(name).splitlines()[0]
    assert first.startswith("# ") and first.endswith("?")


@pytest.mark.parametrize("name", sorted(bundled_queries()))
def test_bundled_query_runs_in_oxigraph_too(graph: Graph, name: str) -> None:
    store = pyoxigraph.Store()
    store.load(turtle_bytes(graph), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(list(store.query(read_query(name)))) == len(rows(graph, name))


def test_query_papers_evaluating_on_dataset(graph: Graph) -> None:
    assert [r["id"] for r in rows(graph, "papers-evaluating-on-dataset.rq")] == [
        "2403.01234", "2404.00001v2"
    ]


def test_query_most_used_datasets(graph: Graph) -> None:
    assert [(r["label"], r["papers"]) for r in rows(graph, "most-used-datasets.rq")] == [
        ("MATH", "3"), ("GSM8K", "2")
    ]


def test_query_proposals(graph: Graph) -> None:
    assert [(r["id"], r["type"], r["label"]) for r in rows(graph, "proposals.rq")] == [
        ("2403.01234", "Method", "LoRA+")
    ]


def test_query_tasks_per_method(graph: Graph) -> None:
    found = [(r["methodLabel"], r["taskLabel"], r["papers"]) for r in rows(graph, "tasks-per-method.rq")]
    assert found == [
        ("LLaMA-2-70B", "mathematical reasoning", "2"),
        ("LoRA", "mathematical reasoning", "2"),
        ("LoRA+", "mathematical reasoning", "1"),
    ]


def test_query_papers_sharing_entities(graph: Graph) -> None:
    found = rows(graph, "papers-sharing-entities.rq")
    assert [(r["paper1"], r["paper2"], r["shared"]) for r in found] == [
        ("2403.01234", "2404.00001v2", "5"),
        ("2403.01234", "paper-3", "2"),
        ("2404.00001v2", "paper-3", "2"),
    ]
    assert set(found[1]["entities"].split("; ")) == {"LoRA", "MATH"}


def test_query_model_families(graph: Graph) -> None:
    assert [(r["familyLabel"], r["variantLabel"], r["papers"]) for r in rows(graph, "model-families.rq")] == [
        ("LLaMA-2", "LLaMA-2-70B", "2")
    ]


def test_query_link_evidence(graph: Graph, facts: Facts) -> None:
    assert len(rows(graph, "link-evidence.rq")) == sum(len(link.mentions) for link in facts.links)


def test_run_query_table_shortens_iris(graph: Graph) -> None:
    text = run_query(graph, "SELECT ?d ?l WHERE { ?d a kg:Dataset ; skos:prefLabel ?l } ORDER BY ?l")
    assert text.splitlines() == [
        "d                   l",
        "------------------  -----",
        "kgr:dataset\\/gsm8k  GSM8K",
        "kgr:dataset\\/math   MATH",
        "(2 rows)",
    ]


def test_run_query_csv_full_iris(graph: Graph) -> None:
    text = run_query(graph, "SELECT ?d ?l WHERE { ?d a kg:Dataset ; skos:prefLabel ?l } ORDER BY ?l", fmt="csv")
    assert list(csv.reader(io.StringIO(text))) == [
        ["d", "l"], [str(KGR["dataset/gsm8k"]), "GSM8K"], [str(KGR["dataset/math"]), "MATH"]
    ]


def test_run_query_json_select(graph: Graph) -> None:
    query = "SELECT ?p ?end WHERE { ?m kg:end ?end ; kg:inPaper ?p } ORDER BY DESC(?end) LIMIT 1"
    doc = json.loads(run_query(graph, query, fmt="json"))
    assert doc["head"] == {"vars": ["p", "end"]}
    assert doc["results"]["bindings"] == [{
        "p": {"type": "uri", "value": str(KGR["paper/2403.01234"])},
        "end": {"type": "literal", "value": "120", "datatype": PREFIXES["xsd"] + "integer"},
    }]


@pytest.mark.parametrize(
    ("fmt", "expected"), [("table", "true\n"), ("csv", "true\n"), ("json", '{"head": {}, "boolean": true}\n')]
)
def test_run_query_ask(graph: Graph, fmt: str, expected: str) -> None:
    assert run_query(graph, "ASK { ?p kg:proposes ?e }", fmt=fmt) == expected


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_run_query_construct_returns_turtle(graph: Graph, fmt: str) -> None:
    text = run_query(graph, "CONSTRUCT { ?p kg:proposes ?e } WHERE { ?p kg:proposes ?e }", fmt=fmt)
    expected = Graph()
    expected.add((KGR["paper/2403.01234"], KG.proposes, KGR["method/lora-plus"]))
    assert isomorphic(Graph().parse(data=text, format="turtle"), expected)
    assert "@prefix kg: <https://w3id.org/paperkg/ontology#> ." in text


def test_run_query_own_prefix_wins(graph: Graph) -> None:
    query = "PREFIX kg: <urn:other#> SELECT (kg:x AS ?x) WHERE {}"
    assert "urn:other#x" in run_query(graph, query, fmt="csv")


def test_run_query_empty_result(graph: Graph) -> None:
    assert run_query(graph, "SELECT ?x WHERE { ?x kg:comparedWith ?y }").endswith("(0 rows)\n")


def test_run_query_syntax_error(graph: Graph) -> None:
    with pytest.raises(QueryError, match=r"cannot parse the SPARQL query: .*line:1, col:19.*; fix the query"):
        run_query(graph, "SELECT ?x WHERE { ?x kg:foo }")


def test_run_query_unknown_prefix(graph: Graph) -> None:
    with pytest.raises(QueryError, match="Unknown namespace prefix : foo.*declare the prefix"):
        run_query(graph, "SELECT ?x WHERE { ?x foo:bar ?y }")


def test_run_query_evaluation_error() -> None:
    class Broken(Graph):
        def query(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
            raise RuntimeError("store unavailable")

    with pytest.raises(QueryError, match="cannot run the SPARQL query: store unavailable; fix"):
        run_query(Broken(), "ASK {}")


def test_run_query_unknown_format(graph: Graph) -> None:
    with pytest.raises(QueryError, match="unknown format 'xml'; fix: use one of table, csv, tsv, json"):
        run_query(graph, "ASK {}", fmt="xml")


def test_read_query_text_passes_through() -> None:
    assert read_query("ASK { ?s ?p ?o }") == "ASK { ?s ?p ?o }"


def test_read_query_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("ASK {}\n", encoding="utf-8")
    assert read_query(path) == "ASK {}\n"
    assert read_query(str(path)) == "ASK {}\n"


def test_read_query_bundled_name() -> None:
    assert read_query("proposals.rq") == bundled_queries()["proposals.rq"].read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["nope.rq", "elsewhere/proposals.rq"])
def test_read_query_missing_file(tmp_path: Path, name: str) -> None:
    with pytest.raises(QueryError, match=r"\.rq: no such query file; fix: .*proposals\.rq"):
        read_query(tmp_path / name)
