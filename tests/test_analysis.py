"""Tests for kg.analysis: loading, lookup, projections, tables, centrality and communities."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

import kg
from kg.analysis import (
    KnowledgeGraph,
    bipartite_graph,
    bridges,
    cooccurrence_graph,
    find_communities,
    isolated_papers,
    link_graph,
    membership,
    pair_counts,
    rank_entities,
    role_counts,
    top_pairs,
    type_counts,
)
from kg.errors import AnalysisError
from kg.graph.build import facts_to_graph
from kg.graph.namespace import KGR
from kg.graph.turtle import write_turtle
from kg.records import Entity, Facts, Link, Paper


def _iri(key: str) -> str:
    return str(KGR[key])


@pytest.fixture
def kgraph(graph: Graph, tmp_path: Path) -> KnowledgeGraph:
    return kg.load(write_turtle(graph, tmp_path / "graph.ttl"))


def _paper(link: Link) -> str:
    return _iri(f"paper/{link.paper_id}")


def _papers_of(facts: Facts) -> dict[str, set[str]]:
    """Entity key → IRIs of the papers linking to it, from the fixture's Facts."""
    found: dict[str, set[str]] = {}
    for link in facts.links:
        found.setdefault(link.entity, set()).add(_paper(link))
    return found


def test_load_holds_rdf_and_networkx_with_plain_attributes(kgraph: KnowledgeGraph, graph: Graph,
                                                           facts: Facts) -> None:
    assert isinstance(kgraph.rdf, Graph) and len(kgraph.rdf) == len(graph)
    assert isinstance(kgraph.nx, nx.MultiDiGraph)
    assert kgraph.papers() == sorted(_iri(f"paper/{p.id}") for p in facts.papers)
    assert Counter(kgraph.nx.nodes[n]["type"] for n in kgraph.nx) == Counter(
        ["Paper"] * len(facts.papers) + [e.type for e in facts.entities])
    assert all(d["type"] == d["kind"] for _, d in kgraph.nx.nodes(data=True))
    assert {role for *_, role in kgraph.nx.edges(data="role")} == {link.role for link in facts.links} | {"variantOf"}
    assert f"{len(facts.papers)} papers, {len(facts.entities)} entities" in repr(kgraph)


def test_load_missing_file_is_a_graph_error(tmp_path: Path) -> None:
    with pytest.raises(kg.GraphError, match="no such graph file"):
        kg.load(tmp_path / "missing.ttl")


@pytest.mark.parametrize(("name", "key"), [
    ("GSM8K", "dataset/gsm8k"),
    ("gsm-8k", "dataset/gsm8k"),                 # alias, any case
    ("math reasoning", "task/math-reasoning"),   # alias
    ("MATH", "dataset/math"),                    # exact label beats the task's case-insensitive nothing
    ("paper-3", "paper/paper-3"),                # paper identifier
    ("scaling math reasoning", "paper/2404.00001v2"),  # title, any case
    (str(KGR["method/lora-plus"]), "method/lora-plus"),
])
def test_find_by_label_alias_identifier_or_iri(kgraph: KnowledgeGraph, name: str, key: str) -> None:
    assert kgraph.find(name) == _iri(key)


def test_find_unknown_name_says_how_to_fix(kgraph: KnowledgeGraph) -> None:
    with pytest.raises(AnalysisError, match="no Task node is named 'LoRA'; fix: use a label"):
        kgraph.find("LoRA", kind="Task")


def test_find_ambiguous_name_lists_the_nodes_and_a_type_settles_it() -> None:
    facts = Facts((Paper(id="p", title="T"),),
                  (Entity("method/x", "Method", "X"), Entity("task/x", "Task", "X")), ())
    kgraph = KnowledgeGraph(facts_to_graph(facts))
    with pytest.raises(AnalysisError, match="'X' names 2 nodes .*method/x.*task/x"):
        kgraph.find("X")
    assert kgraph.find("X", kind="Task") == _iri("task/x")


@pytest.mark.parametrize("call", [lambda g: g.entities("Algorithm"), lambda g: g.find("x", kind="Thing")])
def test_unknown_type_is_an_analysis_error(kgraph: KnowledgeGraph, call) -> None:
    with pytest.raises(AnalysisError, match="unknown .*type"):
        call(kgraph)


def test_bipartite_has_one_edge_per_linked_pair_and_no_variant_edge(kgraph: KnowledgeGraph, facts: Facts) -> None:
    b = kgraph.bipartite()
    assert nx.is_bipartite(b)
    pairs = {(_paper(link), _iri(link.entity)) for link in facts.links}
    assert {tuple(sorted(e)) for e in b.edges()} == {tuple(sorted(p)) for p in pairs}
    assert b.nodes[_iri("model/llama-2")]["bipartite"] == 1 and b.degree(_iri("model/llama-2")) == 0
    assert all(d["weight"] == 1 and "variantOf" not in d["roles"] for *_, d in b.edges(data=True))


def test_link_graph_keeps_variant_edges(kgraph: KnowledgeGraph) -> None:
    links = link_graph(kgraph.nx)
    assert links.edges[_iri("model/llama-2-70b"), _iri("model/llama-2")]["roles"] == "variantOf"


def test_cooccurrence_weights_count_shared_papers(kgraph: KnowledgeGraph, facts: Facts) -> None:
    papers = _papers_of(facts)
    c = kgraph.cooccurrence()
    expected = {tuple(sorted((_iri(a), _iri(b)))): len(papers[a] & papers[b])
                for a, b in combinations(papers, 2) if papers[a] & papers[b]}
    assert {tuple(sorted((u, v))): w for u, v, w in c.edges(data="weight")} == expected
    assert all(c.nodes[_iri(k)]["papers"] == len(v) for k, v in papers.items())
    only_tasks = cooccurrence_graph(kgraph.nx, kinds=("Task",))
    assert list(only_tasks) == [_iri("task/math-reasoning")] and only_tasks.number_of_edges() == 0


def test_counts_match_the_fixture(kgraph: KnowledgeGraph, facts: Facts) -> None:
    assert type_counts(kgraph.nx) == {"Paper": 3, "Method": 2, "Model": 2, "Task": 1, "Dataset": 2}
    roles = Counter(link.role for link in facts.links)
    assert role_counts(kgraph.nx) == {**{r: roles[r] for r in ("proposes", "uses", "evaluatesOn", "addresses")},
                                      "variantOf": 1}


def test_pair_counts_and_top_pairs(kgraph: KnowledgeGraph, facts: Facts) -> None:
    papers = _papers_of(facts)
    counts = pair_counts(kgraph.nx, "Model", "Dataset")
    assert counts[(_iri("model/llama-2-70b"), _iri("dataset/gsm8k"))] == len(papers["model/llama-2-70b"]
                                                                                & papers["dataset/gsm8k"]) == 2
    rows = top_pairs(kgraph.nx, "Method", "Dataset", top=2)
    assert rows == [(_iri("method/lora"), _iri("dataset/math"), 3), (_iri("method/lora"), _iri("dataset/gsm8k"), 2)]


def test_isolated_papers_are_those_without_links(graph: Graph, facts: Facts) -> None:
    assert isolated_papers(kg.to_networkx(graph)) == []
    lonely = Facts((*facts.papers, Paper(id="lonely", title="Nothing here")), facts.entities, ())
    view = kg.to_networkx(facts_to_graph(lonely))
    assert len(isolated_papers(view)) == len(facts.papers) + 1


def test_rank_entities_orders_by_pagerank_and_counts_papers(kgraph: KnowledgeGraph, facts: Facts) -> None:
    ranking = rank_entities(link_graph(kgraph.nx))
    papers = _papers_of(facts)
    for kind, ranked in ranking.items():
        assert [r.pagerank for r in ranked] == sorted((r.pagerank for r in ranked), reverse=True)
        for r in ranked:
            assert r.kind == kind and r.papers == len(papers.get(r.node.removeprefix(str(KGR)), ()))
    family = next(r for r in ranking["Model"] if r.label == "LLaMA-2")
    assert family.papers == 0 and family.degree == 1 and family.pagerank > 0
    assert ranking["Method"][0].label == "LoRA"  # in every paper


def _two_clusters() -> nx.Graph:
    g = nx.Graph()
    for group in "ab":
        for i in range(3):
            g.add_node(f"{group}p{i}", kind="Paper", label=f"{group}p{i}")
        for kind in ("Task", "Method"):
            g.add_node(f"{group}{kind}", kind=kind, label=f"{group}{kind}")
            g.add_edges_from((f"{group}p{i}", f"{group}{kind}") for i in range(3))
    g.add_node("bridge", kind="Dataset", label="bridge")
    g.add_edges_from([("ap0", "bridge"), ("bp0", "bridge")])
    g.add_node("alone", kind="Paper", label="alone")
    return g


def test_communities_split_two_clusters_with_their_tasks() -> None:
    found = find_communities(_two_clusters())
    assert [c.number for c in found] == [1, 2]
    assert sorted(sorted(c.papers) for c in found) == [["ap0", "ap1", "ap2"], ["bp0", "bp1", "bp2"]]
    for c in found:
        group = c.papers[0][0]
        assert c.tasks[0] == (f"{group}Task", 3, 3)
        assert c.entities[0] in (f"{group}Task", f"{group}Method")
    assert find_communities(_two_clusters()) == found


def test_bridges_find_the_entity_between_communities() -> None:
    g = _two_clusters()
    found, sampled = bridges(g, membership(g, find_communities(g)))
    assert sampled is None
    assert found[0].label == "bridge" and found[0].communities == 2
    assert all(b.kind != "Paper" for b in found)


def test_bridges_sample_sources_on_large_graphs(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.analysis import centrality

    monkeypatch.setattr(centrality, "EXACT_BETWEENNESS_LIMIT", 5)
    g = _two_clusters()
    first = bridges(g, membership(g, find_communities(g)))
    assert first[1] == len(g)  # at least 16 sources, at most every node
    monkeypatch.setattr(centrality, "BETWEENNESS_BUDGET", 0)
    assert centrality.betweenness_sources(10_000, 100) == 16
    assert bridges(g, membership(g, find_communities(g))) == first


def test_membership_gives_unlisted_nodes_their_own_numbers() -> None:
    g = _two_clusters()
    found = find_communities(g)
    numbers = membership(g, found)
    assert set(numbers) == set(g)
    assert numbers["alone"] > len(found)
    assert len({numbers[n] for n in g if n not in {m for c in found for m in (*c.papers, *c.entities)}}) == \
        len(g) - sum(len(c.papers) + len(c.entities) for c in found)


def test_projections_work_on_the_loaded_view_alone(kgraph: KnowledgeGraph) -> None:
    assert bipartite_graph(kgraph.nx).number_of_nodes() == kgraph.nx.number_of_nodes()
