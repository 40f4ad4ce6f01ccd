"""Ablation: the gold-set scores without one extraction rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluation import evaluate, read_gold, read_predictions
from kg.evaluation.ablation import RULES, Ablation, ablate, format_effects, main, rule_effects
from kg.extract.pipeline import shared_nlp
from kg.extract.registry import UnknownRuleError
from kg.records import Paper

ROOT = Path(__file__).resolve().parents[1]

PAPERS = [
    Paper("a1", "Falkor Scaling", "We compare Falkor-7B with Zephyr-13B-Chat and fine-tune them with LoRA for mathematical reasoning."),
    Paper("a2", "Hopular: Modern Hopfield Networks for Tabular Data", "Hopular beats gradient boosting."),
]
GOLD = [
    {"id": "a1", "title": "Falkor Scaling", "entities": [
        {"name": "Falkor-7B", "type": "Model", "role": "used"},
        {"name": "Zephyr-13B-Chat", "type": "Model", "role": "used"},
        {"name": "LoRA", "type": "Method", "role": "used"},
        {"name": "mathematical reasoning", "type": "Task", "role": "addressed"}]},
    {"id": "a2", "title": "Hopular: Modern Hopfield Networks for Tabular Data", "entities": [
        {"name": "Hopular", "type": "Method", "role": "proposed"}]},
]


@pytest.fixture(scope="module")
def gold(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gold") / "gold.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in GOLD), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def nlp():
    return shared_nlp(False)


def test_ablate_scores_each_rule_switched_off_alone(gold, nlp):
    baseline = Ablation(gold, PAPERS, nlp=nlp).score()
    scores = ablate(["model-names", "title-name"], gold, PAPERS, nlp=nlp)
    assert list(scores) == ["model-names", "title-name"]
    assert scores["model-names"].untyped.tp == baseline.untyped.tp - 2
    assert scores["model-names"].proposed == baseline.proposed
    assert scores["title-name"].proposed.tp == baseline.proposed.tp - 1 == 0


def test_rule_effects_puts_the_most_helpful_rule_first(gold, nlp):
    baseline, effects = rule_effects(gold, PAPERS, rules=["lexicon", "evaluated-on", "model-names"], nlp=nlp)
    assert [e.rule for e in effects] == ["model-names", "evaluated-on", "lexicon"]
    helpful, idle, harmful = effects
    assert helpful.stage == "kg_rules" and helpful.summary == "Yield the spans of sized or versioned model names."
    assert helpful.untyped == pytest.approx(helpful.evaluation.untyped.f1 - baseline.untyped.f1) and helpful.untyped < 0
    assert (helpful.changed, idle.changed, idle.total) == (2, 0, 0)
    assert harmful.total > 0 and harmful.changed == 5  # the lexicon's names the gold leaves out are false positives
    table = format_effects(baseline, effects, show=2)
    assert table.splitlines()[1].split() == ["(all", "rules)", *(f"{getattr(baseline, s).f1:.3f}"
                                                                  for s in ("untyped", "typed", "proposed"))]
    assert "model-names" in table and "lexicon" not in table


@pytest.mark.parametrize("call", [
    lambda gold: ablate(["model-names", "no-such-rule"], gold, PAPERS),
    lambda gold: rule_effects(gold, PAPERS, rules=["no-such-rule"]),
])
def test_unknown_rule_raises_before_any_extraction(gold, call):
    with pytest.raises(UnknownRuleError, match=r"unknown extraction rule 'no-such-rule'; valid rules: .*model-names"):
        call(gold)


def test_ablation_rules_are_the_registry():
    assert "model-names" in RULES and "support" in RULES


def test_ablation_baseline_is_the_committed_sample_graphs_score():
    gold = ROOT / "tests" / "data" / "seed_gold.jsonl"
    assert Ablation(gold).score() == evaluate(read_predictions(ROOT / "outputs" / "graph.ttl"), read_gold(gold))


def test_main_exits_with_the_valid_rules_for_an_unknown_name():
    with pytest.raises(SystemExit, match=r"error: unknown extraction rule 'no-such-rule'; valid rules: abbreviations, "):
        main(["no-such-rule"])


def test_kg_rules_lists_every_rule_with_its_summary():
    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(cli, ["rules"])
    assert result.exit_code == 0, result.output
    listed = [line.split()[0] for line in result.output.splitlines() if line.startswith("  ")]
    assert sorted(listed) == sorted(RULES)
    assert "  model-names          Yield the spans of sized or versioned model names." in result.output
    assert "``" not in result.output  # docstring markup is left out


def test_kg_eval_ablate_prints_the_effect_of_the_named_rule(gold, tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    papers = tmp_path / "papers.jsonl"
    papers.write_text("".join(json.dumps({"id": p.id, "title": p.title, "abstract": p.abstract}) + "\n"
                              for p in PAPERS), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(gold), "--ablate", "model-names", "--papers", str(papers)])
    assert result.exit_code == 0, result.output
    header, everything, row = result.output.splitlines()
    assert header.split() == ["rule", "stage", "untyped", "typed", "proposed", "mentions"]
    assert everything.startswith("(all rules)")
    assert row.split()[:2] == ["model-names", "kg_rules"] and float(row.split()[2]) < 0


def test_kg_eval_ablate_refuses_an_unknown_rule(gold):
    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(cli, ["eval", str(gold), "--ablate", "model-name"])
    assert result.exit_code == 1
    assert "error: unknown extraction rule 'model-name'; valid rules: abbreviations" in result.output
