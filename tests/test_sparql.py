"""Queries on an Oxigraph store: bound parameters, formats, errors, and ``kg query`` on top."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli import cli
from kg.errors import QueryError
from kg.graph.namespace import KG, KGR, PREFIXES
from kg.graph.turtle import turtle_bytes, write_turtle
from kg.sparql.query import run_query
from kg.sparql.execute import parse_param, parse_term, run_store_query

BY_LABEL = "SELECT ?id ?label WHERE { ?p kg:evaluatesOn ?d ; dcterms:identifier ?id . ?d skos:prefLabel ?label } ORDER BY ?id"
HOSTILE = ['GSM8K" } UNION { ?p ?x ?label', "MATH } UNION { ?s ?p ?o", "x\\\" . } #", "'; DROP ALL", "{}"]


@pytest.fixture
def store(graph: Graph) -> ox.Store:
    loaded = ox.Store()
    loaded.load(turtle_bytes(graph), format=ox.RdfFormat.TURTLE)
    return loaded


@pytest.fixture
def turtle(graph: Graph, tmp_path: Path) -> Path:
    return write_turtle(graph, tmp_path / "graph.ttl")


def ids(text: str) -> list[str]:
    return [b["id"]["value"] for b in json.loads(text)["results"]["bindings"]]


def test_param_binds_a_string(store: ox.Store) -> None:
    assert ids(run_store_query(store, BY_LABEL, params=["label=MATH"], fmt="json")) == ["2404.00001v2", "paper-3"]


@pytest.mark.parametrize("value", HOSTILE)
def test_param_cannot_change_the_query(store: ox.Store, value: str) -> None:
    assert ids(run_store_query(store, BY_LABEL, params=[f"label={value}"], fmt="json")) == []
    assert ids(run_store_query(store, BY_LABEL, params={"label": ox.Literal(value)}, fmt="json")) == []


def test_param_binds_an_iri(store: ox.Store) -> None:
    query = "SELECT ?id ?d WHERE { ?p kg:evaluatesOn ?d ; dcterms:identifier ?id } ORDER BY ?id"
    for value in ("kgr:dataset/gsm8k", f"<{KGR['dataset/gsm8k']}>"):
        assert ids(run_store_query(store, query, params=[f"d={value}"], fmt="json")) == ["2403.01234", "2404.00001v2"]


def test_param_binds_a_typed_literal(store: ox.Store) -> None:
    query = "SELECT ?m ?end WHERE { ?m kg:end ?end }"
    found = json.loads(run_store_query(store, query, params=['end="120"^^xsd:integer'], fmt="json"))
    assert len(found["results"]["bindings"]) == 1
    assert not json.loads(run_store_query(store, query, params=["end=120"], fmt="json"))["results"]["bindings"]


def test_param_binds_a_variable_that_is_not_selected(store: ox.Store) -> None:
    query = "SELECT ?id WHERE { ?p dcterms:identifier ?id ; kg:evaluatesOn ?d . ?d skos:prefLabel ?label } ORDER BY ?id"
    assert ids(run_store_query(store, query, params=["label=MATH"], fmt="json")) == ["2404.00001v2", "paper-3"]


@pytest.mark.parametrize("value", HOSTILE)
def test_param_on_an_unselected_variable_cannot_change_the_query(store: ox.Store, value: str) -> None:
    query = "SELECT ?id WHERE { ?p dcterms:identifier ?id ; kg:evaluatesOn ?d . ?d skos:prefLabel ?label }"
    assert ids(run_store_query(store, query, params=[f"label={value}"], fmt="json")) == []
    assert ids(run_store_query(store, query, params={"label": ox.Literal(value)}, fmt="json")) == []


def test_param_in_a_filter_only(store: ox.Store) -> None:
    query = "SELECT ?id WHERE { ?p dcterms:identifier ?id FILTER(STRSTARTS(?id, ?start)) } ORDER BY ?id"
    assert ids(run_store_query(store, query, params=["start=2404"], fmt="json")) == ["2404.00001v2"]


def test_param_needs_a_where_group(store: ox.Store) -> None:
    with pytest.raises(QueryError, match=r"cannot bind a parameter: the query has no WHERE group"):
        run_store_query(store, "DESCRIBE kg:Paper", params=["x=1"])


def test_param_on_unselected_variable_keeps_parse_errors_in_place(store: ox.Store) -> None:
    with pytest.raises(QueryError, match=r"cannot parse the SPARQL query: error at 1:32:"):
        run_store_query(store, "SELECT ?id WHERE { ?p ?q ?id ..", params=["label=x"])


@pytest.mark.parametrize(("text", "message"), [
    ("label", "is not NAME=VALUE"), ("=x", "is not NAME=VALUE"), ("a b=x", "is not NAME=VALUE"),
    ("d=<not an iri>", "is not a valid IRI"), ('d="1"^^nope', "is not an IRI"),
])
def test_parse_param_errors(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_param(text)


@pytest.mark.parametrize(("value", "expected"), [
    ("plain text", ox.Literal("plain text")),
    ('"chat"@fr', ox.Literal("chat", language="fr")),
    ('"2024-01-02"^^<http://www.w3.org/2001/XMLSchema#date>', ox.Literal("2024-01-02", datatype=ox.NamedNode(PREFIXES["xsd"] + "date"))),
    ("kg:Paper", ox.NamedNode(str(KG.Paper))),
    ("unknown:thing", ox.Literal("unknown:thing")),
    ('say "hi"', ox.Literal('say "hi"')),
])
def test_parse_term(value: str, expected: ox.NamedNode | ox.Literal) -> None:
    assert parse_term(value) == expected


@pytest.mark.parametrize("name", ["papers-sharing-entities.rq", "proposals.rq", "model-families.rq", "link-evidence.rq"])
def test_store_query_agrees_with_rdflib(graph: Graph, store: ox.Store, name: str) -> None:
    from kg.sparql.query import read_query

    def number(cell: str) -> str:  # "0.9" and "0.900" are one xsd:decimal
        try:
            return repr(float(cell))
        except ValueError:
            return cell

    def rows(text: str) -> list[list[str]]:
        return sorted([number(cell) for cell in row] for row in csv.reader(io.StringIO(text)))

    text = read_query(name)
    ours = rows(run_store_query(store, text, fmt="csv"))
    theirs = rows(run_query(graph, text, fmt="csv"))
    if name == "papers-sharing-entities.rq":  # GROUP_CONCAT order is up to the engine
        ours, theirs = ([r[:3] + [sorted(r[3].split("; "))] for r in t] for t in (ours, theirs))
    assert ours == theirs


@pytest.mark.parametrize(("fmt", "check"), [
    ("csv", lambda t: t.splitlines() == ["label", "GSM8K", "MATH"]),
    ("tsv", lambda t: t.splitlines() == ["?label", '"GSM8K"', '"MATH"']),
    ("json", lambda t: [b["label"]["value"] for b in json.loads(t)["results"]["bindings"]] == ["GSM8K", "MATH"]),
    ("xml", lambda t: t.count("<literal>") == 2 and "sparql-results" in t),
    ("table", lambda t: t.splitlines() == ["label", "-----", "GSM8K", "MATH", "(2 rows)"]),
])
def test_store_query_formats(store: ox.Store, fmt: str, check) -> None:
    text = run_store_query(store, "SELECT ?label WHERE { ?d a kg:Dataset ; skos:prefLabel ?label } ORDER BY ?label", fmt=fmt)
    assert check(text) and text.endswith("\n")


def test_store_query_construct_is_sorted_turtle(graph: Graph, store: ox.Store) -> None:
    text = run_store_query(store, "CONSTRUCT WHERE { ?p kg:proposes ?e }", fmt="json")
    assert text.startswith("@prefix")
    expected = Graph()
    expected.add((KGR["paper/2403.01234"], KG.proposes, KGR["method/lora-plus"]))
    assert isomorphic(Graph().parse(data=text, format="turtle"), expected)


TERMS = """SELECT ?x WHERE { { VALUES ?x { "0120"^^xsd:integer 12 -7 0 "1e3"^^xsd:double "1.50"^^xsd:decimal
    "1"^^xsd:boolean "2024-01-02"^^xsd:date "bad"^^xsd:integer "x"@en "plain" "a\\nb   c" "0"^^xsd:int
    "7"^^<urn:x:t> <urn:x:y> kg:Paper } } UNION { BIND(TRIPLE(<urn:x:a>, <urn:x:b>, <urn:x:c>) AS ?x) } }"""


def test_store_query_table_shows_terms_as_rdflib_does(store: ox.Store) -> None:
    from rdflib import Literal, URIRef

    from kg.sparql.query import FORMATS

    def rdflib_term(node: ox.NamedNode | ox.Literal | ox.Triple) -> URIRef | Literal:
        if isinstance(node, ox.NamedNode):
            return URIRef(node.value)
        if isinstance(node, ox.Triple):
            return Literal(str(node))
        plain = node.language or node.datatype.value == PREFIXES["xsd"] + "string"
        return Literal(node.value, lang=node.language, datatype=None if plain else node.datatype.value)

    expected = FORMATS["table"](["x"], [(rdflib_term(s["x"]),) for s in store.query(TERMS, prefixes=PREFIXES)])
    text = run_store_query(store, TERMS)
    assert text == expected
    shown = text.splitlines()
    assert {"<urn:x:a> <urn:x:b> <urn:x:c>", "120", "12", "-7", "1000.0", "1.5", "true", "bad", "a b c",
            "<urn:x:y>", "kg:Paper"} <= set(shown)
    assert shown[-1] == "(17 rows)"


def test_cli_query_on_a_store_imports_neither_rdflib_nor_networkx(turtle: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    made = CliRunner().invoke(cli, ["store", str(turtle), str(tmp_path / "store")])
    assert made.exit_code == 0, made.output
    script = (
        "import sys\n"
        "from kg.cli import cli\n"
        "for fmt in ('csv', 'table'):\n"
        "    cli.main(['query', 'model-families.rq', '--store', sys.argv[1], '--format', fmt], standalone_mode=False)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rdflib', 'networkx', 'pyshacl'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "store")], capture_output=True, text=True,
                         check=True).stdout
    assert out.splitlines()[-1] == "[]"


@pytest.mark.parametrize(("fmt", "expected"), [("table", "true\n"), ("csv", "true\n")])
def test_store_query_ask(store: ox.Store, fmt: str, expected: str) -> None:
    assert run_store_query(store, "ASK { ?p kg:proposes ?e }", fmt=fmt) == expected
    assert json.loads(run_store_query(store, "ASK { ?p kg:proposes ?e }", fmt="json"))["boolean"] is True


@pytest.mark.parametrize(("query", "fmt", "message"), [
    ("SELECT ?x WHERE { ?x foo:bar ?y }", "table", "cannot parse the SPARQL query: .*declare the prefix"),
    ("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }", "table", "cannot parse the SPARQL query"),
    ("ASK {}", "yaml", "unknown format 'yaml'; fix: use one of table, json, xml, csv, tsv"),
])
def test_store_query_errors(store: ox.Store, query: str, fmt: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        run_store_query(store, query, fmt=fmt)


def test_rdflib_query_tsv_escapes(graph: Graph) -> None:
    text = run_query(graph, 'SELECT ?x ?n WHERE { BIND("a\\tb" AS ?x) BIND(3 AS ?n) }', fmt="tsv")
    assert text.splitlines() == ["?x\t?n", '"a\\tb"\t"3"^^<http://www.w3.org/2001/XMLSchema#integer>']


# ---- the command line ----


def test_cli_query_param_and_tsv(turtle: Path) -> None:
    result = CliRunner().invoke(cli, ["query", BY_LABEL, "--graph", str(turtle), "--param", "label=GSM8K",
                                      "--format", "tsv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["?id\t?label", '"2403.01234"\t"GSM8K"', '"2404.00001v2"\t"GSM8K"']


def test_cli_query_hostile_param_returns_nothing(turtle: Path) -> None:
    result = CliRunner().invoke(cli, ["query", BY_LABEL, "--graph", str(turtle), "--param", f"label={HOSTILE[0]}"])
    assert result.exit_code == 0, result.output
    assert result.output.endswith("(0 rows)\n")


def test_cli_query_on_a_store(turtle: Path, tmp_path: Path) -> None:
    made = CliRunner().invoke(cli, ["store", str(turtle), str(tmp_path / "store")])
    assert made.exit_code == 0, made.output
    result = CliRunner().invoke(cli, ["query", "proposals.rq", "--store", str(tmp_path / "store"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "LoRA+" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["--param", "oops"], "error: 'oops' is not NAME=VALUE"),
    (["--store", "{tmp}"], "error: {tmp}: no Oxigraph store here"),
])
def test_cli_query_errors_are_one_line(turtle: Path, tmp_path: Path, args: list[str], message: str) -> None:
    args = [a.format(tmp=tmp_path) for a in args]
    result = CliRunner().invoke(cli, ["query", "ASK {}", "--graph", str(turtle), *args])
    assert result.exit_code == 1
    assert result.output.startswith(message.format(tmp=tmp_path)) and "Traceback" not in result.output
