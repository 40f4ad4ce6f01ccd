"""Tests for kg.graph.build: the Facts → RDF mapping of DESIGN.md."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
import rdflib
from rdflib import DCTERMS, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef

from kg.errors import GraphError
from kg.graph.build import facts_to_graph
from kg.graph.namespace import KG, KGL, KGR, PREFIXES, SCHEMA
from kg.records import Entity, Facts, Link, Mention, Paper

P1 = KGR["paper/2403.01234"]
P2 = KGR["paper/2404.00001v2"]
P3 = KGR["paper/paper-3"]
LORA = KGR["method/lora"]


def one_paper(paper: Paper) -> Graph:
    return facts_to_graph(Facts(papers=(paper,), entities=(), links=()))


def test_build_paper_metadata(graph: Graph) -> None:
    assert set(graph.subjects(RDF.type, KG.Paper)) == {P1, P2, P3}
    assert graph.value(P1, DCTERMS.identifier) == Literal("2403.01234")
    assert graph.value(P1, DCTERMS.title) == Literal(
        "LoRA+: Efficient Low-Rank Adaptation of Large Models"
    )
    assert set(graph.objects(P1, DCTERMS.creator)) == {Literal("Ada Lovelace"), Literal("Alan Turing")}
    assert graph.value(P1, KG.arxivId) == Literal("2403.01234")
    assert graph.value(P2, KG.arxivId) is None


def test_build_empty_abstract_kept(graph: Graph) -> None:
    assert graph.value(P3, DCTERMS.abstract) == Literal("")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2024-03-02", Literal("2024-03-02", datatype=rdflib.XSD.date)),
        ("March 2024", Literal("March 2024")),
        ("2024-02-30", Literal("2024-02-30")),
        ("2024", Literal("2024")),
    ],
)
def test_build_date_typed_only_when_iso(given: str, expected: Literal) -> None:
    graph = one_paper(Paper(id="p", title="T", date=given))
    assert list(graph.objects(None, DCTERMS.date)) == [expected]


def test_build_no_date_when_unknown(graph: Graph) -> None:
    assert graph.value(P3, DCTERMS.date) is None


@pytest.mark.parametrize(
    ("paper", "url"),
    [
        (Paper(id="p", title="T", url="https://x.org/a", arxiv_id="1"), "https://x.org/a"),
        (Paper(id="p", title="T", arxiv_id="2403.01234"), "https://arxiv.org/abs/2403.01234"),
        (Paper(id="p", title="T", url="https://x.org/a b"), "https://x.org/a%20b"),
        (Paper(id="p", title="T"), None),
    ],
)
def test_build_url(paper: Paper, url: str | None) -> None:
    found = list(one_paper(paper).objects(None, SCHEMA.url))
    assert found == ([URIRef(url)] if url else [])


def test_build_entity_labels(graph: Graph) -> None:
    assert set(graph.objects(LORA, RDF.type)) == {KG.Method}
    assert list(graph.objects(LORA, SKOS.prefLabel)) == [Literal("LoRA")]
    assert list(graph.objects(LORA, RDFS.label)) == [Literal("LoRA")]
    assert list(graph.objects(LORA, SKOS.altLabel)) == [Literal("Low-Rank Adaptation")]
    assert graph.value(LORA, SKOS.exactMatch) == KGL["LoRA"]


def test_build_labels_plain_literals(graph: Graph) -> None:
    for prop in (SKOS.prefLabel, RDFS.label, SKOS.altLabel):
        for label in graph.objects(None, prop):
            assert label.language is None and label.datatype is None


def test_build_alias_equal_to_label_dropped(graph: Graph) -> None:
    gsm8k = KGR["dataset/gsm8k"]
    assert set(graph.objects(gsm8k, SKOS.altLabel)) == {Literal("GSM-8K")}


def test_build_variant_of(graph: Graph) -> None:
    assert graph.value(KGR["model/llama-2-70b"], KG.variantOf) == KGR["model/llama-2"]
    assert graph.value(KGR["model/llama-2"], RDF.type) == KG.Model


def test_build_links_asserted_twice(graph: Graph, facts: Facts) -> None:
    for link in facts.links:
        paper = KGR["paper/" + link.paper_id]
        assert (paper, KG[link.role], KGR[link.entity]) in graph
        assert (paper, KG.mentions, KGR[link.entity]) in graph
    assert len(list(graph.triples((None, KG.mentions, None)))) == len(facts.links)


def test_build_mention_node(graph: Graph) -> None:
    node = KGR["mention/2403.01234/title-0-5"]
    assert graph.value(node, RDF.type) == KG.Mention
    assert graph.value(node, KG.inPaper) == P1
    assert graph.value(node, KG.denotes) == KGR["method/lora-plus"]
    assert graph.value(node, KG.text) == Literal("LoRA+")
    assert graph.value(node, KG.field) == Literal("title")
    assert graph.value(node, KG.start) == Literal(0, datatype=rdflib.XSD.integer)
    assert graph.value(node, KG.end) == Literal(5, datatype=rdflib.XSD.integer)
    assert graph.value(node, KG.extractor) == Literal("test")
    assert graph.value(node, KG.role) == Literal("proposes")
    assert graph.value(node, KG.sentence) is not None


@pytest.mark.parametrize(("value", "lexical"), [(0.12345, "0.123"), (1.0, "1.000"), (0.9, "0.900")])
def test_build_confidence_decimal_three_places(value: float, lexical: str) -> None:
    graph = facts_to_graph(span_facts((value, "m1", "uses"),))
    confidence = next(graph.objects(None, KG.confidence))
    assert confidence.datatype == rdflib.XSD.decimal
    assert str(confidence) == lexical
    assert confidence.toPython() == Decimal(lexical)


def span_facts(*spans: tuple[float, str, str]) -> Facts:
    """Facts with one paper "LoRA" and one link per (confidence, entity slug, role), same span."""
    paper = Paper(id="p", title="LoRA")
    entities = tuple(
        Entity(f"method/{slug}", "Method", slug) for slug in sorted({s for _, s, _ in spans})
    )
    links = tuple(
        Link("p", f"method/{slug}", role, (Mention("LoRA", "title", 0, 4, "Method", role, "x", c),))
        for c, slug, role in spans
    )
    return Facts(papers=(paper,), entities=entities, links=links)


def test_build_shared_span_same_entity_one_node() -> None:
    graph = facts_to_graph(span_facts((0.5, "m1", "proposes"), (0.7, "m1", "uses")))
    nodes = list(graph.subjects(RDF.type, KG.Mention))
    assert nodes == [KGR["mention/p/title-0-4"]]
    assert set(graph.objects(nodes[0], KG.role)) == {Literal("proposes"), Literal("uses")}
    assert list(graph.objects(nodes[0], KG.confidence)) == [Literal(Decimal("0.500"))]


def test_build_shared_span_other_entity_second_node() -> None:
    graph = facts_to_graph(span_facts((0.5, "m1", "uses"), (0.7, "m2", "uses")))
    nodes = sorted(graph.subjects(RDF.type, KG.Mention))
    assert nodes == [KGR["mention/p/title-0-4"], KGR["mention/p/title-0-4-method-m2"]]
    assert [graph.value(n, KG.denotes) for n in nodes] == [KGR["method/m1"], KGR["method/m2"]]


def test_build_no_blank_nodes(graph: Graph) -> None:
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)


def test_build_prefixes_bound(graph: Graph) -> None:
    bound = {prefix: str(ns) for prefix, ns in graph.namespaces()}
    assert {p: bound.get(p) for p in PREFIXES} == PREFIXES


def test_build_base_configurable(facts: Facts) -> None:
    graph = facts_to_graph(facts, base="https://example.org/kg/")
    assert (URIRef("https://example.org/kg/paper/paper-3"), RDF.type, KG.Paper) in graph
    assert not any(str(s).startswith(str(KGR)) for s in graph.subjects())


def test_build_deterministic(facts: Facts) -> None:
    assert set(facts_to_graph(facts)) == set(facts_to_graph(facts))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: replace(f, papers=(*f.papers, Paper(id="PAPER-3", title="x"))),
         "'paper-3' and 'PAPER-3' both get the IRI"),
        (lambda f: replace(f, papers=(*f.papers, Paper(id="PAPER-3", title="x", source="more.jsonl:4"))),
         "more.jsonl:4: papers 'paper-3' and 'PAPER-3' both get the IRI"),
        (lambda f: replace(f, entities=(Entity("metric/f1", "Metric", "F1"),)),
         "has type 'Metric'; fix the resolver"),
        (lambda f: replace(f, entities=(Entity("model/a", "Model", "A", variant_of="model/b"),)),
         "variant of the unknown entity 'model/b'"),
        (lambda f: replace(f, links=(replace(f.links[0], role="cites"),)),
         "has role 'cites'"),
        (lambda f: replace(f, links=(replace(f.links[0], paper_id="nope"),)),
         "refers to an unknown paper"),
        (lambda f: replace(f, links=(replace(f.links[0], entity="task/nope"),)),
         "refers to an unknown entity"),
    ],
)
def test_build_bad_facts_raise(facts: Facts, change, message: str) -> None:  # noqa: ANN001
    with pytest.raises(GraphError, match=message):
        facts_to_graph(change(facts))


def test_graph_package_exports() -> None:
    import types

    import kg.graph

    public = {
        name
        for name, value in vars(kg.graph).items()
        if not name.startswith("_") and name != "annotations" and not isinstance(value, types.ModuleType)
    }
    assert kg.graph.__all__ == sorted(public)
