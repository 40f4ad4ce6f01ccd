"""Tests for kg.analysis.similarity: weighted Jaccard through shared entities, never all pairs."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from rdflib import Graph

import kg
from kg.analysis import SimilarityIndex, most_similar, similar_pairs, similarity_graph
from kg.graph.namespace import KGR
from kg.records import Facts


def _star(papers: int, *, pairs: int = 0) -> nx.MultiDiGraph:
    """Papers that all use one hub method; each also has a task of its own, except
    that papers 0–1, 2–3, … (``pairs`` of them) share a dataset."""
    g = nx.MultiDiGraph()
    g.add_node("hub", kind="Method", label="hub")
    for i in range(papers):
        paper, own = f"p{i:05d}", f"t{i:05d}"
        g.add_node(paper, kind="Paper", label=paper)
        g.add_node(own, kind="Task", label=own)
        g.add_edge(paper, "hub", key="uses", role="uses")
        g.add_edge(paper, own, key="addresses", role="addresses")
        if i < 2 * pairs:
            shared = f"d{i // 2:05d}"
            g.add_node(shared, kind="Dataset", label=shared)
            g.add_edge(paper, shared, key="evaluatesOn", role="evaluatesOn")
    return g


def test_score_is_weighted_jaccard_with_idf_weights(graph: Graph, facts: Facts) -> None:
    view = kg.to_networkx(graph)
    n = len(facts.papers)
    df: dict[str, int] = {}
    for link in facts.links:
        df[link.entity] = df.get(link.entity, 0) + 1
    weight = {key: 1 + math.log((1 + n) / (1 + d)) for key, d in df.items()}
    entities = [{link.entity for link in facts.links if link.paper_id == p.id} for p in facts.papers]
    a, b = entities[0], entities[1]
    expected = sum(weight[e] for e in a & b) / sum(weight[e] for e in a | b)
    best = similar_pairs(view, top=1)[0]
    assert {best.paper, best.other} == {str(KGR[f"paper/{facts.papers[i].id}"]) for i in (0, 1)}
    assert best.score == pytest.approx(expected, abs=1e-6)
    assert {s.removeprefix(str(KGR)) for s in best.shared} == a & b
    rarest = min(a & b, key=lambda e: (df[e], str(KGR[e])))
    assert best.shared[0] == str(KGR[rarest])


def test_pairs_sharing_only_a_hub_are_never_compared() -> None:
    view = _star(300, pairs=3)
    index = SimilarityIndex(view, max_papers=50)
    assert index.hubs == {"hub"}
    assert index.candidates("p00010") == []
    found = similar_pairs(view, top=100, max_papers=50)
    assert [(p.paper, p.other) for p in found] == [("p00000", "p00001"), ("p00002", "p00003"), ("p00004", "p00005")]
    assert all(p.shared[0].startswith("d") and p.shared[1] == "hub" for p in found)  # the hub still counts
    assert 0 < found[0].score < 1


def test_default_hub_limit_keeps_work_linear_on_a_star() -> None:
    view = _star(2000)
    index = SimilarityIndex(view)
    assert index.max_papers == 100 and index.hubs == {"hub"}
    assert sum(len(index.candidates(p)) for p in index.links) == 0
    assert similarity_graph(view).number_of_edges() == 0


def test_most_similar_uses_hubs_for_one_paper() -> None:
    view = _star(40, pairs=1)
    found = most_similar(view, "p00000", top=3)
    assert [p.other for p in found] == ["p00001", "p00002", "p00003"]
    assert found[0].score > found[1].score == found[2].score


def test_similarity_graph_edges_and_top_k(graph: Graph) -> None:
    view = kg.to_networkx(graph)
    full = similarity_graph(view)
    papers = [n for n, k in view.nodes(data="kind") if k == "Paper"]
    assert sorted(full) == sorted(papers)
    for u, v, data in full.edges(data=True):
        shared = set(view.successors(u)) & set(view.successors(v))
        assert data["shared"] == len(shared) > 0 and 0 < data["weight"] <= 1
        assert set(data["entities"].split("; ")) == {view.nodes[e]["label"] for e in shared}
    star = _star(30, pairs=10)
    assert similarity_graph(star, top_k=1, max_papers=5).number_of_edges() == 10
    assert similarity_graph(star, top_k=1).number_of_edges() <= 30


def test_similar_pairs_min_shared_and_order(graph: Graph) -> None:
    view = kg.to_networkx(graph)
    every = similar_pairs(view, top=10)
    assert [p.score for p in every] == sorted((p.score for p in every), reverse=True)
    assert all(len(p.shared) >= 3 for p in similar_pairs(view, min_shared=3))
    assert len(similar_pairs(view, min_shared=3)) < len(every)
