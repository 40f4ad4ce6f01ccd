"""Every IRI a table shows is a SPARQL term that parses back, in Oxigraph, to the same IRI."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.prefixes import PREFIXES
from kg.sparql.execute import parse_param, run_store_query
from kg.sparql.store import load_store
from kg.sparql.tables import MAX_CELL, fit, local_name, prefixed

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "outputs" / "graph.ttl"
KGR = PREFIXES["kgr"]
IRIS_QUERY = "SELECT DISTINCT ?iri WHERE { { ?iri ?p ?o } UNION { ?s ?iri ?o } UNION { ?s ?p ?iri } FILTER(isIRI(?iri)) }"


def _means(term: str) -> str:
    """The IRI ``term`` stands for when pasted into a query as a term (parsed by Oxigraph)."""
    (solution,) = ox.Store().query(f"SELECT ?x WHERE {{ VALUES ?x {{ {term} }} }}", prefixes=PREFIXES)
    node = solution["x"]
    assert isinstance(node, ox.NamedNode)
    return node.value


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return load_store(SAMPLE)


def test_every_iri_cell_of_the_sample_parses_back(store: ox.Store) -> None:
    table = run_store_query(store, IRIS_QUERY + " ORDER BY ?iri").splitlines()[2:-1]
    full = [row[0] for row in csv.reader(io.StringIO(run_store_query(store, IRIS_QUERY + " ORDER BY ?iri",
                                                                     fmt="csv")))][1:]
    assert len(table) == len(full) > 1000
    assert any(len(cell) > MAX_CELL for cell in table)  # long paper IRIs are shown whole, not cut
    for cell, iri in zip(table, full, strict=True):
        assert _means(cell.rstrip()) == iri
        assert parse_param(f"x={cell.rstrip()}")[1] == ox.NamedNode(iri)


@pytest.mark.parametrize("local", [
    "dataset/ro", "paper/2403.01234v2", "model/qwen2.5-math-7b", "a.b", ".a", "a.", "-a", "a-b", "_a", "1a",
    "a%20b", "(x)", "a,b;c=d", "x#y", "x?y&z", "~a!", "a*b+c", "it's", "a@b", "a:b", "étude", "",
    "a·b", "·a", "a\u0301",
])
def test_prefixed_parses_back_to_the_same_iri(local: str) -> None:
    iri = KGR + local
    ox.NamedNode(iri)  # a valid IRI: the cases below that are not are shown apart
    term = prefixed(iri)
    assert _means(term) == iri
    assert term.startswith("kgr:") == (local_name(local) is not None)


@pytest.mark.parametrize("local", ["a%zz", "%", "a b", "a\\b", "a|b", "a^b", "a`b", "a{b}", '"a"'])
def test_an_invalid_iri_is_shown_whole(local: str) -> None:
    with pytest.raises(ValueError):
        ox.NamedNode(KGR + local)
    term = prefixed(KGR + local)
    assert term in (f"<{KGR}{local}>", f"kgr:{local.replace('%', chr(92) + '%')}")


@pytest.mark.parametrize(("iri", "shown"), [
    (KGR + "dataset/ro", "kgr:dataset\\/ro"),
    (PREFIXES["kg"] + "Paper", "kg:Paper"),
    (PREFIXES["kgl"] + "gsm8k", "kgl:gsm8k"),  # the longest namespace wins (kgl: over nothing, kgr: unrelated)
    ("https://example.org/x", "<https://example.org/x>"),
    (KGR + "a b", "<https://w3id.org/paperkg/resource/a b>"),
])
def test_prefixed_forms(iri: str, shown: str) -> None:
    assert prefixed(iri) == shown


def test_fit_cuts_text_but_not_whole_terms() -> None:
    long = "x" * (MAX_CELL + 5)
    assert fit(long) == "x" * (MAX_CELL - 1) + "…"
    assert fit(long, whole=True) == long


@pytest.mark.parametrize("value", ["kgr:dataset\\/gsm8k", "kgr:dataset/gsm8k", f"<{KGR}dataset/gsm8k>"])
def test_param_accepts_the_printed_form(value: str, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    query = "SELECT ?d ?label WHERE { ?d skos:prefLabel ?label }"
    result = CliRunner().invoke(cli, ["query", query, "--param", f"d={value}"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2:] == ["kgr:dataset\\/gsm8k  GSM8K", "(1 row)"]


def test_table_cell_pasted_into_a_query_finds_the_node(store: ox.Store) -> None:
    cell = run_store_query(store, 'SELECT ?d WHERE { ?d skos:prefLabel "GSM8K" }').splitlines()[2]
    answer = run_store_query(store, f"SELECT ?label WHERE {{ {cell} skos:prefLabel ?label }}")
    assert answer.splitlines()[2:] == ["GSM8K", "(1 row)"]
