"""kg eval: gold reading, matching, scores, the dev-set regression floor."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError
from kg.evaluation import evaluate, read_gold, read_predictions
from kg.evaluation.data import GoldEntity, Predicted
from kg.evaluation.scoring import match

ROOT = Path(__file__).resolve().parents[1]
DEV_GOLD = ROOT / "tests" / "data" / "seed_gold.jsonl"
SAMPLE_GRAPH = ROOT / "outputs" / "graph.ttl"
SHARED_SCORER = ROOT.parent / "shared" / "eval" / "score.py"

# The dev-set level reached by the committed extraction; a change that drops below it fails.
DEV_FLOOR = {"untyped": 0.84, "typed": 0.81, "proposed": 0.84}

TTL = """\
@prefix kg: <https://w3id.org/paperkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix kgr: <https://w3id.org/paperkg/resource/> .
kgr:paper-a a kg:Paper ; dcterms:identifier "a" ; dcterms:title "Alpha" ;
    kg:mentions kgr:dataset-gsm8k, kgr:method-lora, kgr:task-x ; kg:proposes kgr:method-lora .
kgr:dataset-gsm8k a kg:Dataset ; skos:prefLabel "GSM8K" .
kgr:method-lora a kg:Method ; skos:prefLabel "LoRA" ; skos:altLabel "low-rank adaptation" .
kgr:task-x a kg:Method ; skos:prefLabel "Mathematical reasoning" .
"""


def gold_line(pid: str, *entities: dict, title: str = "Alpha") -> str:
    return json.dumps({"id": pid, "title": title, "entities": list(entities)})


@pytest.fixture
def tiny(tmp_path: Path) -> tuple[Path, Path]:
    graph = tmp_path / "g.ttl"
    graph.write_text(TTL, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join([gold_line(
        "a",
        {"name": "GSM8K", "type": "Dataset", "role": "evaluated_on", "core": True},
        {"name": "Low-Rank Adaptation", "type": "Method", "role": "proposed", "aliases": ["LoRA"], "core": True},
        {"name": "mathematical reasoning", "type": "Task", "role": "addressed", "core": True},
        {"name": "transformers", "type": "Method", "role": "used", "core": True},
    )]) + "\n", encoding="utf-8")
    return graph, gold


def test_evaluate_counts_hits_false_positives_and_misses(tiny):
    graph, gold = tiny
    result = evaluate(read_predictions(graph), read_gold(gold))
    assert (result.untyped.tp, result.untyped.fp, result.untyped.fn) == (3, 0, 1)
    assert (result.typed.tp, result.typed.fp, result.typed.fn) == (2, 1, 2)
    assert (result.proposed.tp, result.proposed.fp, result.proposed.fn) == (1, 0, 0)
    assert result.typed.precision == pytest.approx(2 / 3)
    assert ("Task: mathematical reasoning", 1) in result.misses
    assert ("Method: Mathematical reasoning", 1) in result.false_positives


def test_evaluate_finds_papers_by_title_when_ids_differ(tiny):
    graph, gold = tiny
    gold.write_text(gold_line("p9", {"name": "GSM8K", "type": "Dataset", "role": "used"}, title="ALPHA") + "\n")
    result = evaluate(read_predictions(graph), read_gold(gold))
    assert result.typed.tp == 1 and not result.missing


def test_non_core_matches_count_neither_way(tiny):
    graph, gold = tiny
    gold.write_text(gold_line("a", {"name": "GSM8K", "type": "Dataset", "role": "used", "core": False}) + "\n")
    result = evaluate(read_predictions(graph), read_gold(gold))
    assert (result.typed.tp, result.typed.fn) == (0, 0)
    assert result.typed.fp == 2


def test_match_prefers_exact_names_over_aliases():
    gold = [GoldEntity("LLaMA-2", "Model", "used", frozenset({"llama 2", "llama"})),
            GoldEntity("LLaMA", "Model", "used", frozenset({"llama"}))]
    preds = [Predicted("e", {"Model"}, {"llama"})]
    assert match(preds, gold, typed=True) == [(0, 1)]


@pytest.mark.parametrize(("line", "problem"), [
    ("{not json", "not a gold paper line"),
    ('{"id": "a", "entities": [{"name": "X", "type": "Metric"}]}', "is not one of"),
    ('{"title": "t", "entities": []}', "missing field 'id'"),
])
def test_read_gold_names_the_bad_line(tmp_path, line, problem):
    path = tmp_path / "gold.jsonl"
    path.write_text(gold_line("a") + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"gold\.jsonl:2: .*{problem}"):
        read_gold(path)


def test_cli_eval_reports_scores_and_errors(tiny):
    graph, gold = tiny
    result = CliRunner().invoke(cli, ["eval", str(gold), "--graph", str(graph), "--show", "3"])
    assert result.exit_code == 0, result.output
    assert "typed      0.667  0.500  0.571" in result.output
    assert "Task: mathematical reasoning" in result.output


def test_cli_eval_missing_graph_is_a_clean_error(tmp_path, tiny):
    _, gold = tiny
    result = CliRunner().invoke(cli, ["eval", str(gold), "--graph", str(tmp_path / "none.ttl")])
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and "kg build" in result.output


def test_dev_set_scores_stay_above_the_level_reached():
    result = evaluate(read_predictions(SAMPLE_GRAPH), read_gold(DEV_GOLD))
    reached = {name: getattr(result, name).f1 for name in DEV_FLOOR}
    assert all(reached[name] >= floor for name, floor in DEV_FLOOR.items()), reached


@pytest.mark.skipif(not SHARED_SCORER.is_file(), reason="the shared scorer is not beside this checkout")
def test_scores_agree_with_the_shared_scorer():
    out = subprocess.run([sys.executable, str(SHARED_SCORER), str(SAMPLE_GRAPH), str(DEV_GOLD), "--json"],
                         capture_output=True, text=True, check=True).stdout
    theirs = json.loads(out)
    ours = evaluate(read_predictions(SAMPLE_GRAPH), read_gold(DEV_GOLD))
    for name in ("untyped", "typed", "proposed"):
        score = getattr(ours, name)
        assert (score.tp, score.fp, score.fn) == tuple(theirs[name][k] for k in ("tp", "fp", "fn"))
