"""Exports: each format round-trips, and the same graph gives the same bytes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli import cli
from kg.errors import GraphError
from kg.export.writers import EXPORTS, export_bytes, write_export, write_exports
from kg.graph import to_networkx
from kg.graph.build import facts_to_graph
from kg.graph.turtle import write_turtle
from kg.records import Facts


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_export_round_trips(graph: Graph, fmt: str, rdflib_format: str) -> None:
    data = export_bytes(graph, fmt)
    assert isomorphic(Graph().parse(data=data, format=rdflib_format), graph)
    store = ox.Store()  # an independent parser agrees
    store.load(data, format=ox.RdfFormat.N_TRIPLES if fmt == "nt" else ox.RdfFormat.JSON_LD)
    assert len(store) == len(graph)


def test_ntriples_lines_are_sorted(graph: Graph) -> None:
    lines = export_bytes(graph, "nt").splitlines()
    assert lines == sorted(lines) and len(lines) == len(graph)


def test_jsonld_uses_the_prefixes(graph: Graph) -> None:
    text = export_bytes(graph, "jsonld").decode("utf-8")
    assert '"@id": "kgr:paper/2403.01234"' in text and '"kg:Paper"' in text


def test_graphml_round_trips_with_type_and_label_on_every_node(graph: Graph) -> None:
    read = nx.read_graphml(io.BytesIO(export_bytes(graph, "graphml")), force_multigraph=True)
    view = to_networkx(graph)
    assert sorted(read.nodes) == sorted(view.nodes)
    assert sorted(read.edges(keys=True)) == sorted(view.edges(keys=True))
    for node, attrs in read.nodes(data=True):
        assert attrs["type"] == view.nodes[node]["kind"] and attrs["label"] == view.nodes[node]["label"]
        assert all(isinstance(value, str) for value in attrs.values())
        assert {k: v for k, v in attrs.items() if k != "type"} == view.nodes[node]


def test_graphml_declares_only_string_keys(graph: Graph) -> None:
    text = export_bytes(graph, "graphml").decode("utf-8")
    assert text.count('attr.type="string"') == text.count("<key ")


def test_edge_csv_round_trips(graph: Graph) -> None:
    rows = list(csv.DictReader(io.StringIO(export_bytes(graph, "csv").decode("utf-8"))))
    view = to_networkx(graph)
    assert sorted((r["source"], r["target"], r["role"]) for r in rows) == sorted(view.edges(keys=True))
    for row in rows:
        assert row["source_type"] == view.nodes[row["source"]]["kind"]
        assert row["target_label"] == view.nodes[row["target"]]["label"]


@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_export_is_deterministic(facts: Facts, fmt: str) -> None:
    shuffled = Facts(facts.papers[::-1], facts.entities[::-1], facts.links[::-1])
    assert export_bytes(facts_to_graph(facts), fmt) == export_bytes(facts_to_graph(shuffled), fmt)


def test_write_exports_names(graph: Graph, tmp_path: Path) -> None:
    paths = write_exports(graph, tmp_path / "out")
    assert [p.name for p in paths] == ["graph.nt", "graph.jsonld", "graph.graphml", "edges.csv"]
    assert all(p.stat().st_size > 0 for p in paths)


def test_export_errors(graph: Graph, tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="unknown export format 'xls'; fix: use one of nt, jsonld, graphml, csv"):
        export_bytes(graph, "xls")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(GraphError, match="cannot write the export"):
        write_export(graph, "nt", tmp_path / "file" / "graph.nt")


@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_cli_export_writes_beside_the_graph(graph: Graph, tmp_path: Path, fmt: str) -> None:
    turtle = write_turtle(graph, tmp_path / "graph.ttl")
    result = CliRunner().invoke(cli, ["export", "--format", fmt, "--graph", str(turtle)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / EXPORTS[fmt][0]).read_bytes() == export_bytes(graph, fmt)


def test_cli_store_reports_triples(graph: Graph, tmp_path: Path) -> None:
    turtle = write_turtle(graph, tmp_path / "graph.ttl")
    result = CliRunner().invoke(cli, ["store", str(turtle), str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {tmp_path / 's'}: {len(graph)} triples\n"
    result = CliRunner().invoke(cli, ["store", str(tmp_path / "nope.ttl"), str(tmp_path / "t")])
    assert result.exit_code == 1 and result.output.startswith("error:") and "no such graph file" in result.output


def test_build_writes_exports_and_a_store_without_validation(tmp_path: Path) -> None:
    source = tmp_path / "papers.jsonl"
    source.write_text('{"id": "x1", "title": "Tuning LLaMA-2-7B", "abstract": "We fine-tune LLaMA-2-7B with LoRA on GSM8K."}\n',
                      encoding="utf-8")
    out, store = tmp_path / "out", tmp_path / "store"
    result = CliRunner().invoke(cli, ["build", str(source), "--out", str(out), "--store", str(store), "--no-validate"])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    for fmt, (name, _) in EXPORTS.items():
        assert (out / name).read_bytes() == export_bytes(graph, fmt)
    answer = CliRunner().invoke(cli, ["query", "SELECT ?l WHERE { ?d a kg:Dataset ; skos:prefLabel ?l }",
                                      "--store", str(store), "--format", "csv"])
    assert answer.exit_code == 0 and answer.output.splitlines() == ["l", "GSM8K"]


def test_jsonld_written_subject_by_subject_is_that_of_the_whole_graph(graph: Graph, tmp_path: Path) -> None:
    """Fed each subject's N-Triples lines in turn, the streaming writer writes jsonld_bytes of the whole graph."""
    from rdflib import XSD, Literal, URIRef

    from kg.export.jsonld_stream import JsonLdWriter
    from kg.export.writers import jsonld_bytes

    paper = next(iter(graph.subjects()))
    graph.add((paper, URIRef("urn:x:note"), Literal("Bonjour", lang="fr")))
    graph.add((paper, URIRef("urn:x:note"), Literal("2024-05-01", datatype=XSD.date)))
    writer = JsonLdWriter(tmp_path / "graph.jsonld")
    for subject in sorted(set(graph.subjects()), key=str):
        writer.add_lines([f"{s.n3()} {p.n3()} {o.n3()} .".encode() for s, p, o in sorted(graph.triples((subject, None, None)))])
    assert writer.close().read_bytes() == jsonld_bytes(graph)
