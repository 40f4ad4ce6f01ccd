"""Tests of kg.graph.evidence: mentions and arXiv ids read back from the graph."""

from __future__ import annotations

from rdflib import Literal

from kg.graph.evidence import Evidence, arxiv_ids, evidence
from kg.graph.namespace import KG, KGR


def test_evidence_has_one_record_per_mention(graph, facts) -> None:
    found = evidence(graph)
    assert len(found) == sum(len(link.mentions) for link in facts.links)
    assert found == sorted(found)
    lora_plus = [e for e in found if e.entity == str(KGR["method/lora-plus"])]
    (first,) = [e for e in lora_plus if e.field == "title"]
    paper = facts.papers[0]
    assert first.paper == str(KGR["paper/2403.01234"]) and first.role == "proposes"
    assert paper.title[first.start:first.end] == first.text == "LoRA+"
    assert first.sentence == paper.title


def test_evidence_skips_mentions_missing_offsets(graph) -> None:
    before = evidence(graph)
    node = next(graph.subjects(KG.text, Literal("GSM8K")))
    graph.remove((node, KG.start, None))
    assert len(evidence(graph)) == len(before) - 1


def test_arxiv_ids(graph) -> None:
    assert arxiv_ids(graph) == {str(KGR["paper/2403.01234"]): "2403.01234"}
    assert Evidence("p", "e", "uses", "title", 0, 1, "x") < Evidence("q", "e", "uses", "title", 0, 1, "x")
