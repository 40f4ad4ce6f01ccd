"""Tests of kg.graph.reported and kg.viewer.results: results and relations as the side panel's records."""

from __future__ import annotations

import pytest

from kg.graph.build import facts_to_graph
from kg.graph.reported import RelationClaim, ReportedResult, relation_claims, reported_results
from kg.viewer import results as viewer_results
from kg.viewer.results import add_findings, entity_results, leaderboards, relations
from tests.conftest import PAPERS, make_facts, make_findings_facts

R = "https://w3id.org/paperkg/resource/"
GSM8K, MATH, LORA, LORA_PLUS, LLAMA = (R + "dataset/gsm8k", R + "dataset/math", R + "method/lora",
                                       R + "method/lora-plus", R + "model/llama-2-70b")


@pytest.fixture(scope="module")
def findings() -> tuple[list[ReportedResult], list[RelationClaim]]:
    graph = facts_to_graph(make_findings_facts())
    return reported_results(graph), relation_claims(graph)


def test_public_names_are_exported() -> None:
    assert viewer_results.__all__ == sorted(viewer_results.__all__)
    assert all(hasattr(viewer_results, name) for name in viewer_results.__all__)


def test_lower_is_better_comes_from_the_metric_in_the_graph(findings) -> None:
    results, _ = findings
    assert {(r.metric, r.lower_is_better) for r in results} == {("accuracy", False), ("error rate", True)}


def test_reported_results_read_back_with_names(findings) -> None:
    results, _ = findings
    assert len(results) == 5
    (top,) = [r for r in results if r.entity == LORA_PLUS and r.dataset == GSM8K]
    assert (top.entity_name, top.dataset_name, top.metric, top.value, top.unit) == ("LoRA+", "GSM8K", "accuracy",
                                                                                     "84.2", "%")
    assert top.paper_title == PAPERS[0].title and top.paper_url == "https://arxiv.org/abs/2403.01234"
    assert top.task_name == "mathematical reasoning" and top.confidence == pytest.approx(0.6)


def test_leaderboard_puts_the_best_first(findings) -> None:
    board = leaderboards(findings[0])
    assert sorted(board) == [GSM8K, MATH]
    (accuracy,) = board[GSM8K]
    assert accuracy["metric"] == "accuracy" and accuracy["lowerIsBetter"] is False
    assert [(r["entityName"], r["value"]) for r in accuracy["rows"]] == [("LoRA+", "84.2"), ("LoRA", "80.1"),
                                                                         ("LLaMA-2-70B", "56.8")]
    assert accuracy["rows"][2]["paperTitle"] == "Scaling Math Reasoning"
    assert accuracy["rows"][2]["paperUrl"] == "https://example.org/papers/2"
    assert accuracy["rows"][0]["sentence"] == "method/lora-plus gets 84.2% on dataset/gsm8k."


def test_leaderboard_puts_the_lowest_first_when_lower_is_better(findings) -> None:
    (errors,) = leaderboards(findings[0])[MATH]
    assert errors["metric"] == "error rate" and errors["lowerIsBetter"] is True
    assert [(r["entityName"], r["value"]) for r in errors["rows"]] == [("LoRA+", "28.0"), ("LoRA", "30.5")]


def test_leaderboard_compares_values_as_numbers_and_groups_by_metric() -> None:
    rows = [ReportedResult("d", metric, f"e{value}", value, "", "p", "", f"r{value}", entity_name=f"E{value}",
                           lower_is_better=metric == "perplexity")
            for metric, value in (("BLEU", "9.5"), ("BLEU", "10.25"), ("BLEU", "-1"), ("perplexity", "12"),
                                  ("perplexity", "3.5"))]
    tables = leaderboards(reversed(rows))["d"]
    assert [t["metric"] for t in tables] == ["BLEU", "perplexity"]
    assert [r["value"] for r in tables[0]["rows"]] == ["10.25", "9.5", "-1"]
    assert [r["value"] for r in tables[1]["rows"]] == ["3.5", "12"]


def test_entity_results_by_dataset_then_metric(findings) -> None:
    rows = entity_results(findings[0])[LORA]
    assert [(r["datasetName"], r["metric"], r["value"]) for r in rows] == [("GSM8K", "accuracy", "80.1"),
                                                                           ("MATH", "error rate", "30.5")]
    assert rows[0]["dataset"] == GSM8K and rows[0]["paper"] == R + "paper/2403.01234"


def test_relations_outgoing_and_incoming_with_evidence(findings) -> None:
    found = relations(findings[1])
    assert [(r["property"], r["outgoing"], r["otherName"]) for r in found[LORA_PLUS]] == [
        ("basedOn", True, "LoRA"), ("benchmarkedOn", True, "GSM8K")]
    assert [(r["property"], r["outgoing"], r["otherName"]) for r in found[LORA]] == [
        ("basedOn", False, "LoRA+"), ("comparedWith", False, "LLaMA-2-70B")]
    (based,) = [r for r in found[LORA] if r["property"] == "basedOn"]
    assert based["other"] == LORA_PLUS
    assert based["evidence"] == [{"sentence": "LoRA+ improves LoRA.", "paper": R + "paper/2403.01234",
                                  "paperTitle": PAPERS[0].title, "paperUrl": "https://arxiv.org/abs/2403.01234"}]


def test_relation_asserted_without_a_claim_has_no_evidence() -> None:
    from rdflib import URIRef

    from kg.graph.namespace import KG

    graph = facts_to_graph(make_facts())
    graph.add((URIRef(LORA), KG.basedOn, URIRef(R + "model/llama-2")))
    (claim,) = relation_claims(graph)
    assert (claim.subject_name, claim.property, claim.object_name, claim.paper) == ("LoRA", "basedOn", "LLaMA-2", "")
    assert relations([claim])[LORA] == [{"property": "basedOn", "outgoing": True, "other": R + "model/llama-2",
                                         "otherName": "LLaMA-2", "evidence": []}]


def test_add_findings_only_where_there_are_some(findings) -> None:
    details = {GSM8K: {"kind": "Dataset"}, LORA: {"kind": "Method"}, R + "task/math-reasoning": {"kind": "Task"},
               R + "paper/2403.01234": {"kind": "Paper"}}
    merged = add_findings(details, *findings)
    assert set(merged[GSM8K]) == {"kind", "leaderboard", "relations"}
    assert set(merged[LORA]) == {"kind", "results", "relations"}
    assert merged[R + "task/math-reasoning"] == {"kind": "Task"}
    assert merged[R + "paper/2403.01234"] == {"kind": "Paper"}
    assert MATH not in merged  # a dataset the view leaves out gets no panel
    assert details[GSM8K] == {"kind": "Dataset"}  # the input is left as it was
    assert add_findings(details) == details


def test_graph_without_results_or_claims_reads_none() -> None:
    graph = facts_to_graph(make_facts())
    assert reported_results(graph) == [] and relation_claims(graph) == []
