"""The build's views, written from sorted N-Triples, are the views of the whole graph: with every node shown and cut down."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.builder.runs import by_subject
from kg.builder.views import write_views
from kg.export.writers import export_bytes
from kg.graph import load_graph
from kg.graph.namespace import KGR
from kg.graph.ntriples import subject_key
from kg.viewer.page import write_view

OUTPUTS = Path(__file__).resolve().parents[1] / "outputs"


@pytest.fixture(scope="module")
def lines() -> list[bytes]:
    return sorted((OUTPUTS / "graph.nt").read_bytes().splitlines(), key=subject_key)


@pytest.fixture(scope="module")
def graph():  # type: ignore[no-untyped-def]  # an rdflib Graph
    return load_graph(OUTPUTS / "graph.ttl")


@pytest.mark.parametrize("max_nodes", [5000, 300, 40, 7])
def test_page_is_that_of_the_whole_graph(lines: list[bytes], graph, tmp_path: Path, max_nodes: int) -> None:  # type: ignore[no-untyped-def]
    write_views(by_subject(lines), by_subject(lines), tmp_path, str(KGR), max_nodes=max_nodes)
    chosen = write_view(graph, tmp_path / "whole.html", max_nodes=max_nodes)
    assert (tmp_path / "graph.html").read_bytes() == (tmp_path / "whole.html").read_bytes()
    assert len(chosen.graph) == min(max_nodes, chosen.total)


def _leaderboard_graph():  # type: ignore[no-untyped-def]  # an rdflib Graph
    """Four papers with results of their own models on one dataset; the first uses three more methods."""
    from kg.graph.build import facts_to_graph
    from kg.records import Entity, Facts, Link, Mention, Paper, Result

    def link(paper: str, entity: str, role: str) -> Link:
        return Link(paper, entity, role, (Mention(entity, "abstract", 0, 1, "Method", role, "test", 1.0),))

    papers = tuple(Paper(id=f"p{i}", title=f"Paper {i}", abstract="M gets 80.0% on D.", url=f"https://example.org/{i}")
                   for i in range(4))
    entities = (Entity("dataset/d", "Dataset", "D"), *(Entity(f"model/m{i}", "Model", f"M{i}") for i in range(4)),
                *(Entity(f"method/x{i}", "Method", f"X{i}") for i in range(3)))
    links = (*(link(f"p{i}", "dataset/d", "evaluatesOn") for i in range(4)),
             *(link(f"p{i}", f"model/m{i}", "proposes") for i in range(4)),
             *(link("p0", f"method/x{i}", "uses") for i in range(3)))
    results = tuple(Result(f"p{i}", 1, f"model/m{i}", "dataset/d", None, "accuracy", f"8{i}.0", "%", "abstract", 0, 1,
                           f"M{i} gets 8{i}.0% on D.", "test", 0.5) for i in range(4))
    return facts_to_graph(Facts(papers, entities, links, results=results))


@pytest.mark.parametrize("max_nodes", [3, 4])
def test_a_cut_page_names_what_its_findings_point_to(tmp_path: Path, max_nodes: int) -> None:
    """Results on a dataset shown, of models and papers left out, keep their names, titles and links."""
    graph = _leaderboard_graph()
    lines = sorted(export_bytes(graph, "nt").splitlines(), key=subject_key)
    write_views(by_subject(lines), by_subject(lines), tmp_path, str(KGR), max_nodes=max_nodes)
    shown = write_view(graph, tmp_path / "whole.html", max_nodes=max_nodes).graph
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert f"{KGR}dataset/d" in shown and f"{KGR}paper/p3" not in shown and f"{KGR}model/m3" not in shown
    assert "Paper 3" in page and "https://example.org/3" in page and "M3" in page and "83.0" in page
    assert (tmp_path / "graph.html").read_bytes() == (tmp_path / "whole.html").read_bytes()


@pytest.mark.parametrize(("fmt", "name"), [("graphml", "graph.graphml"), ("csv", "edges.csv")])
def test_exports_are_those_of_the_whole_graph(lines: list[bytes], graph, tmp_path: Path, fmt: str, name: str) -> None:  # type: ignore[no-untyped-def]
    write_views(by_subject(lines), by_subject(lines), tmp_path, str(KGR), max_nodes=40)
    assert (tmp_path / name).read_bytes() == export_bytes(graph, fmt)
