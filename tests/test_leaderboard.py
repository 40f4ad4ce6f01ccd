"""Tests for kg.sparql.leaderboard, `kg leaderboard` and the result queries in ontology/queries/."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import QueryError
from kg.graph.build import facts_to_graph
from kg.graph.turtle import turtle_bytes
from kg.records import Result
from kg.sparql.execute import run_store_query
from kg.sparql.leaderboard import format_leaderboard, leaderboard
from kg.sparql.query import read_query
from tests.conftest import make_facts

# paper index, entity, dataset, metric, value, unit
RESULTS = (
    (0, "method/lora-plus", "dataset/gsm8k", "accuracy", "83.9", "%"),
    (1, "method/lora", "dataset/gsm8k", "accuracy", "80.1", "%"),
    (1, "model/llama-2-70b", "dataset/gsm8k", "accuracy", "83.9", "%"),
    (2, "method/lora", "dataset/gsm8k", "accuracy", "90.5", "%"),
    (0, "method/lora-plus", "dataset/math", "perplexity", "2.9", ""),
    (2, "method/lora", "dataset/math", "perplexity", "3.25", ""),
    (2, "method/lora", "dataset/math", "accuracy", "41.2", "%"),
)


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    facts = make_facts()
    counts: dict[str, int] = {}
    results = []
    for i, entity, dataset, metric, value, unit in RESULTS:
        paper = facts.papers[i]
        counts[paper.id] = counts.get(paper.id, 0) + 1
        results.append(Result(paper.id, counts[paper.id], entity, dataset, None, metric, value, unit, "abstract",
                              0, 5, f"{entity} gets {value}{unit} {metric} on {dataset}.", "test", 0.8))
    path = tmp_path_factory.mktemp("leaderboard") / "graph.ttl"
    path.write_bytes(turtle_bytes(facts_to_graph(replace(facts, results=tuple(results)))))
    return path


@pytest.fixture(scope="module")
def store(graph_file: Path) -> ox.Store:
    store = ox.Store()
    store.load(graph_file.read_bytes(), format=ox.RdfFormat.TURTLE)
    return store


def test_higher_is_better_and_ties_share_a_rank(store: ox.Store) -> None:
    board = leaderboard(store, "GSM8K")
    assert [(s.rank, s.entity, s.value, s.paper) for s in board] == [
        (1, "LoRA", "90.5", "paper-3"),
        (2, "LLaMA-2-70B", "83.9", "2404.00001v2"),
        (2, "LoRA+", "83.9", "2403.01234"),
        (4, "LoRA", "80.1", "2404.00001v2"),
    ]


def test_lower_is_better_on_perplexity_and_each_metric_ranked_apart(store: ox.Store) -> None:
    board = leaderboard(store, "math")
    assert [(s.metric, s.rank, s.entity, s.lower_is_better) for s in board] == [
        ("accuracy", 1, "LoRA", False),
        ("perplexity", 1, "LoRA+", True),
        ("perplexity", 2, "LoRA", True),
    ]


def test_metric_filter_any_case_and_the_dataset_by_iri(store: ox.Store) -> None:
    board = leaderboard(store, "https://w3id.org/paperkg/resource/dataset/math", metric="Perplexity")
    assert [s.entity for s in board] == ["LoRA+", "LoRA"]


@pytest.mark.parametrize(("dataset", "metric", "message"), [
    ("ImageNet", None, "no dataset is named 'ImageNet'"),
    ("MATH", "BLEU", "no result on MATH is by the metric 'BLEU'; fix: use one of accuracy, perplexity"),
])
def test_unknown_dataset_or_metric_is_an_error(store: ox.Store, dataset: str, metric: str | None,
                                               message: str) -> None:
    with pytest.raises(QueryError, match=message):
        leaderboard(store, dataset, metric=metric)


def test_a_dataset_without_results_has_an_empty_board() -> None:
    store = ox.Store()
    store.load(turtle_bytes(facts_to_graph(make_facts())), format=ox.RdfFormat.TURTLE)
    assert leaderboard(store, "GSM8K") == []
    assert format_leaderboard([]).endswith("(0 rows)\n")


def test_formats_agree(store: ox.Store) -> None:
    board = leaderboard(store, "MATH")
    table = format_leaderboard(board).splitlines()
    assert table[0].split() == ["metric", "rank", "entity", "value", "paper", "entity", "IRI"]
    assert table[2].split()[:4] == ["accuracy", "1", "LoRA", "41.2%"]
    assert table[-1] == "(3 rows)"
    rows = list(csv.DictReader(io.StringIO(format_leaderboard(board, "csv"))))
    records = json.loads(format_leaderboard(board, "json"))
    assert [(r["entity"], r["value"], r["lower_is_better"]) for r in rows] == [
        (r["entity"], r["value"], str(r["lower_is_better"]).lower()) for r in records]
    assert records[1]["sentence"] == "method/lora-plus gets 2.9 perplexity on dataset/math."
    with pytest.raises(QueryError, match="unknown format 'xml'"):
        format_leaderboard(board, "xml")


def test_cli_leaderboard(graph_file: Path) -> None:
    result = CliRunner().invoke(cli, ["leaderboard", "gsm8k", "--graph", str(graph_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [r["entity"] for r in json.loads(result.output)] == ["LoRA", "LLaMA-2-70B", "LoRA+", "LoRA"]
    result = CliRunner().invoke(cli, ["leaderboard", "CIFAR-10", "--graph", str(graph_file)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("error: no dataset is named 'CIFAR-10'")


def test_leaderboard_query_keeps_the_best_per_dataset_and_metric(store: ox.Store) -> None:
    rows = json.loads(run_store_query(store, read_query("leaderboard.rq"), fmt="json"))["results"]["bindings"]
    assert sorted((r["datasetLabel"]["value"], r["metricLabel"]["value"], r["entityLabel"]["value"],
                   r["value"]["value"]) for r in rows) == [
        ("GSM8K", "accuracy", "LoRA", "90.5"),
        ("MATH", "accuracy", "LoRA", "41.2"),
        ("MATH", "perplexity", "LoRA+", "2.9"),
    ]


def test_leaderboard_query_for_one_dataset(store: ox.Store) -> None:
    text = run_store_query(store, read_query("leaderboard.rq"), params=["dataset=kgr:dataset/math"], fmt="csv")
    assert [row["metricLabel"] for row in csv.DictReader(io.StringIO(text))] == ["accuracy", "perplexity"]


def test_results_of_one_entity(store: ox.Store) -> None:
    text = run_store_query(store, read_query("results-of.rq"), params=["entity=kgr:method/lora"], fmt="csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["datasetLabel"], r["metricLabel"], r["value"], r["unit"]) for r in rows] == [
        ("GSM8K", "accuracy", "80.1", "%"),
        ("GSM8K", "accuracy", "90.5", "%"),
        ("MATH", "accuracy", "41.2", "%"),
        ("MATH", "perplexity", "3.25", ""),
    ]


def test_a_graph_made_before_metrics_stated_their_direction_ranks_higher_first(graph_file: Path) -> None:
    store = ox.Store()
    store.load(graph_file.read_bytes(), format=ox.RdfFormat.TURTLE)
    store.update("DELETE WHERE { ?m <https://w3id.org/paperkg/ontology#lowerIsBetter> ?b }")
    assert [s.entity for s in leaderboard(store, "MATH", metric="perplexity")] == ["LoRA", "LoRA+"]
    rows = json.loads(run_store_query(store, read_query("leaderboard.rq"), fmt="json"))["results"]["bindings"]
    assert ("perplexity", "3.25") in {(r["metricLabel"]["value"], r["value"]["value"]) for r in rows}
