"""Tests for kg.graph.turtle: deterministic Turtle, round trips, load errors."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.errors import GraphError
from kg.graph.build import bind_prefixes, facts_to_graph
from kg.graph.turtle import load_graph, turtle_bytes, write_turtle
from kg.graph.turtle_stream import TurtleWriter
from kg.records import Facts


def test_turtle_same_facts_same_bytes(facts: Facts) -> None:
    assert turtle_bytes(facts_to_graph(facts)) == turtle_bytes(facts_to_graph(facts))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_turtle_independent_of_triple_order(graph: Graph, seed: int) -> None:
    triples = sorted(graph)
    random.Random(seed).shuffle(triples)
    shuffled = bind_prefixes(Graph())
    for triple in triples:
        shuffled.add(triple)
    assert turtle_bytes(shuffled) == turtle_bytes(graph)


def test_turtle_round_trip_rdflib(graph: Graph, tmp_path: Path) -> None:
    path = write_turtle(graph, tmp_path / "out" / "graph.ttl")
    back = load_graph(path)
    assert isomorphic(back, graph)
    assert turtle_bytes(back) == path.read_bytes()


def test_turtle_parsed_by_pyoxigraph(graph: Graph) -> None:
    store = pyoxigraph.Store()
    store.load(turtle_bytes(graph), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(graph)


def test_turtle_subjects_in_iri_order(graph: Graph) -> None:
    lines = turtle_bytes(graph).decode("utf-8").splitlines()
    subjects = [line.split()[0].strip("<>") for line in lines if line.startswith("<")]
    assert subjects == sorted(subjects)
    assert len(subjects) == len(set(graph.subjects()))


def test_load_graph_other_format_by_suffix(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "graph.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    assert isomorphic(load_graph(path), graph)


def test_load_graph_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match=r"nope\.ttl: no such graph file; fix"):
        load_graph(tmp_path / "nope.ttl")


def test_load_graph_unparsable(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(GraphError, match=r"bad\.ttl: cannot parse as turtle: .*; fix the file"):
        load_graph(path)


def test_write_turtle_unwritable(graph: Graph, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(GraphError, match="cannot write the graph.*writable"):
        write_turtle(graph, tmp_path / "file" / "graph.ttl")


@pytest.mark.parametrize("forget_every", [1, 2, 1000])
def test_turtle_written_subject_by_subject_is_rdflib_s(forget_every: int, tmp_path: Path) -> None:
    graph = load_graph(Path(__file__).resolve().parents[1] / "outputs" / "graph.ttl")
    writer = TurtleWriter(tmp_path / "graph.ttl", forget_every=forget_every)
    for subject in sorted(set(graph.subjects()), key=str):
        writer.add(sorted(graph.triples((subject, None, None))))
    assert writer.close().read_bytes() == turtle_bytes(graph)
