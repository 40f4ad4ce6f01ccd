"""The committed outputs/ are what ``kg build`` makes of the bundled sample today."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from kg.cli import cli

OUTPUTS = Path(__file__).resolve().parents[1] / "outputs"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    result = CliRunner().invoke(cli, ["build", "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("name", ["graph.ttl", "graph.html", "graph.nt", "graph.jsonld", "graph.graphml", "edges.csv"])
def test_committed_output_is_current(rebuilt, name):
    assert (rebuilt / name).read_bytes() == (OUTPUTS / name).read_bytes(), (
        f"outputs/{name} is stale: run `kg build` and commit outputs/"
    )


def test_sample_graph_has_sixty_papers_by_an_independent_parser():
    store = pyoxigraph.Store()
    store.load((OUTPUTS / "graph.ttl").read_bytes(), format=pyoxigraph.RdfFormat.TURTLE)
    query = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a <https://w3id.org/paperkg/ontology#Paper> }"
    (row,) = list(store.query(query))
    assert int(row["n"].value) == 60


def test_sample_graph_conforms_and_round_trips():
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from kg.graph import load_graph, turtle_bytes, validate

    graph = load_graph(OUTPUTS / "graph.ttl")
    assert validate(graph).conforms
    assert isomorphic(graph, Graph().parse(data=turtle_bytes(graph), format="turtle"))
