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


def test_a_mention_read_from_its_lines_is_the_record_rdflib_gives() -> None:
    from pathlib import Path

    from kg.builder.runs import by_subject
    from kg.graph.evidence import mention_evidence, mention_from_lines
    from kg.graph.ntriples import subject_key
    from kg.graph.turtle_stream import rdflib_terms

    nt = Path(__file__).resolve().parents[1] / "outputs" / "graph.nt"
    lines = sorted(nt.read_bytes().splitlines(), key=subject_key)
    mentions = [group for subject, group in by_subject(lines) if subject.startswith(f"{KGR}mention/".encode())]
    assert len(mentions) > 100
    for group in mentions:
        assert mention_from_lines(group) == mention_evidence((p, o) for _, p, o in rdflib_terms(group))
    without_start = [line for line in mentions[0] if b"#start>" not in line]
    assert mention_from_lines(without_start) is None
    assert mention_evidence((p, o) for _, p, o in rdflib_terms(without_start)) is None
