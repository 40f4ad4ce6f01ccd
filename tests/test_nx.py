"""Tests for kg.graph.nx: the networkx view of a paperkg graph."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from kg.graph.build import facts_to_graph
from kg.graph.namespace import KGR
from kg.graph.nx import to_networkx
from kg.graph.turtle import load_graph, write_turtle
from kg.records import Facts

LORA = str(KGR["method/lora"])
P1 = str(KGR["paper/2403.01234"])


@pytest.fixture
def view(graph: Graph) -> nx.MultiDiGraph:
    return to_networkx(graph)


def test_nx_counts(view: nx.MultiDiGraph, facts: Facts) -> None:
    assert view.number_of_nodes() == len(facts.papers) + len(facts.entities)
    variants = sum(1 for entity in facts.entities if entity.variant_of)
    assert view.number_of_edges() == len(facts.links) + variants


def test_nx_kinds(view: nx.MultiDiGraph) -> None:
    kinds = [view.nodes[node]["kind"] for node in view]
    assert {kind: kinds.count(kind) for kind in set(kinds)} == {
        "Paper": 3, "Method": 2, "Model": 2, "Task": 1, "Dataset": 2
    }


def test_nx_attributes_plain_types(view: nx.MultiDiGraph, tmp_path: Path) -> None:
    for _, attrs in view.nodes(data=True):
        assert all(type(value) in (str, int, float) for value in attrs.values()), attrs
    for *_, attrs in view.edges(keys=True, data=True):
        assert all(type(value) in (str, int, float) for value in attrs.values()), attrs
    nx.write_graphml(view, tmp_path / "graph.graphml")
    back = nx.read_graphml(tmp_path / "graph.graphml", force_multigraph=True)
    assert back.number_of_nodes() == view.number_of_nodes()
    assert back.number_of_edges() == view.number_of_edges()


def test_nx_paper_attributes(view: nx.MultiDiGraph) -> None:
    attrs = view.nodes[P1]
    assert attrs["label"] == attrs["title"] == "LoRA+: Efficient Low-Rank Adaptation of Large Models"
    assert attrs["identifier"] == "2403.01234"
    assert attrs["url"] == "https://arxiv.org/abs/2403.01234"
    assert attrs["date"] == "2024-03-02"
    assert attrs["authors"] == "Ada Lovelace; Alan Turing"
    paper3 = view.nodes[str(KGR["paper/paper-3"])]
    assert paper3["abstract"] == ""
    assert "url" not in paper3 and "date" not in paper3 and "authors" not in paper3


def test_nx_entity_attributes(view: nx.MultiDiGraph) -> None:
    assert view.nodes[LORA] == {
        "kind": "Method", "label": "LoRA", "aliases": "Low-Rank Adaptation", "concept": "LoRA"
    }
    assert "concept" not in view.nodes[str(KGR["dataset/math"])]


def test_nx_edges_keyed_by_role(view: nx.MultiDiGraph) -> None:
    assert view.has_edge(P1, str(KGR["method/lora-plus"]), key="proposes")
    assert view.edges[P1, LORA, "uses"] == {"role": "uses"}
    variant = (str(KGR["model/llama-2-70b"]), str(KGR["model/llama-2"]), "variantOf")
    assert view.edges[variant] == {"role": "variantOf"}


def test_nx_same_for_loaded_graph(graph: Graph, view: nx.MultiDiGraph, tmp_path: Path) -> None:
    loaded = to_networkx(load_graph(write_turtle(graph, tmp_path / "g.ttl")))
    assert list(loaded.nodes(data=True)) == list(view.nodes(data=True))
    assert list(loaded.edges(keys=True, data=True)) == list(view.edges(keys=True, data=True))


def test_nx_sorted_insertion_order(view: nx.MultiDiGraph) -> None:
    assert list(view.nodes) == sorted(view.nodes)
    edges = list(view.edges(keys=True))
    assert edges == sorted(edges, key=lambda e: (e[0], e[2], e[1]))


def test_nx_empty_graph() -> None:
    view = to_networkx(facts_to_graph(Facts((), (), ())))
    assert view.number_of_nodes() == 0


@pytest.fixture
def related(facts: Facts) -> nx.MultiDiGraph:
    """The fixture's graph with one result of LoRA+ on GSM8K and three claims."""
    from dataclasses import replace

    from kg.records import Claim, Result

    paper, other = facts.papers[0].id, facts.papers[1].id
    result = Result(paper, 1, "method/lora-plus", "dataset/gsm8k", None, "accuracy", "83.9", "%", "abstract", 0, 5,
                    "LoRA+ reaches 83.9% on GSM8K.", "test", 0.8)
    claims = (
        Claim(paper, 1, "method/lora-plus", "benchmarkedOn", "dataset/gsm8k", "LoRA+ reaches 83.9% on GSM8K.", "test", 0.7),
        Claim(paper, 2, "method/lora-plus", "basedOn", "method/lora", "LoRA+ builds on LoRA.", "test", 0.75),
        Claim(other, 1, "method/lora-plus", "basedOn", "method/lora", "LoRA+ extends LoRA.", "test", 0.75),
    )
    return to_networkx(facts_to_graph(replace(facts, results=(result,), claims=claims)))


def test_nx_relations_are_typed_edges_with_their_evidence(related: nx.MultiDiGraph) -> None:
    lora_plus, gsm8k = str(KGR["method/lora-plus"]), str(KGR["dataset/gsm8k"])
    based = related.edges[lora_plus, LORA, "basedOn"]
    assert based == {"role": "basedOn", "claims": 2, "papers": "2403.01234; 2404.00001v2",
                     "sentence": "LoRA+ builds on LoRA."}
    bench = related.edges[lora_plus, gsm8k, "benchmarkedOn"]
    assert bench["results"] == "accuracy 83.9% (2403.01234)" and bench["claims"] == 1


def test_nx_relations_stay_plain_for_graphml_and_out_of_the_link_projections(
        related: nx.MultiDiGraph, view: nx.MultiDiGraph, tmp_path: Path) -> None:
    from kg.analysis.projections import bipartite_graph, link_graph

    nx.write_graphml(related, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert back.number_of_edges() == related.number_of_edges() == view.number_of_edges() + 2
    assert nx.utils.graphs_equal(link_graph(related), link_graph(view))
    assert nx.is_bipartite(bipartite_graph(related))
    edges = list(related.edges(keys=True))
    assert edges == sorted(edges, key=lambda e: (e[0], e[2], e[1]))
