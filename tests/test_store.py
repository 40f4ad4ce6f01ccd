"""Oxigraph stores: in memory from a file, on disk, reopened read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.errors import GraphError
from kg.graph.turtle import write_turtle
from kg.sparql.store import create_store, load_store, open_store, rdf_format


@pytest.fixture
def turtle(graph: Graph, tmp_path: Path) -> Path:
    return write_turtle(graph, tmp_path / "graph.ttl")


def test_load_store_has_every_triple(graph: Graph, turtle: Path) -> None:
    assert len(load_store(turtle)) == len(graph)


def test_create_store_reopens_read_only(graph: Graph, turtle: Path, tmp_path: Path) -> None:
    folder = create_store(turtle, tmp_path / "store")
    store = open_store(folder)
    assert len(store) == len(graph)
    with pytest.raises((OSError, RuntimeError), match="read-write"):
        store.update("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }")


def test_create_store_replaces_an_existing_store(graph: Graph, turtle: Path, tmp_path: Path) -> None:
    small = tmp_path / "one.nt"
    small.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n", encoding="utf-8")
    folder = create_store(turtle, tmp_path / "store")
    create_store(small, folder)
    assert len(open_store(folder)) == 1


def test_create_store_refuses_a_folder_of_other_files(turtle: Path, tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(GraphError, match="not empty and holds no Oxigraph store"):
        create_store(turtle, tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep me"
    with pytest.raises(GraphError, match="is a file"):
        create_store(turtle, turtle)


def test_open_store_without_a_store(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="no Oxigraph store here; fix: make one with `kg build --store"):
        open_store(tmp_path)


@pytest.mark.parametrize("content", ["<urn:x:a> <urn:x:b> .\n", "@prefix : <urn:x:> .\n:a :b"])
def test_load_store_bad_file_names_the_format(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphError, match=r"bad\.ttl: cannot parse as Turtle: .*; fix the file"):
        load_store(path)


def test_load_store_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="no such graph file"):
        load_store(tmp_path / "nope.ttl")


@pytest.mark.parametrize(("name", "expected"), [("g.ttl", "Turtle"), ("g.NT", "N-Triples"), ("g.jsonld", "JSON-LD"),
                                                ("g.rdf", "RDF/XML"), ("g.unknown", "Turtle")])
def test_rdf_format_from_extension(name: str, expected: str) -> None:
    assert rdf_format(name).name == expected
