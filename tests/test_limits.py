"""Long and pathological inputs: processed, or refused at their path:line with the limit and its fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.builder.limits import DEFAULT_MAX_CHARS, fit_pipeline, limit_lengths
from kg.cli import cli
from kg.errors import InputError
from kg.extract.pipeline import shared_nlp
from kg.ingest import read_papers
from kg.records import Paper


def build(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", *args, "--out", str(tmp_path / "out"), "--quiet", "--no-validate"])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_limit_lengths_refuses_a_long_title() -> None:
    with pytest.raises(InputError, match=r"^a\.csv:7: the title of p1 is 30 characters long, over the limit of 10; "
                                         r"shorten it, or raise the limit with --max-chars 30$"):
        limit_lengths([Paper("p1", "t" * 30, source="a.csv:7")], 10)


def test_a_long_abstract_is_refused_with_path_line_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"id": "a", "title": "Long", "abstract": "LoRA on GSM8K. " * 100_000}) + "\n")
    code, output = build(tmp_path, str(path))
    assert code == 1 and output.strip() == (
        f"error: {path}:1: the abstract of a is 1,499,999 characters long, over the limit of {DEFAULT_MAX_CHARS:,}; "
        "shorten it, or raise the limit with --max-chars 1499999")
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_skip_bad_counts_the_long_record(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    rows = [{"id": "a", "title": "LoRA on GSM8K", "abstract": "x " * 60}, {"id": "b", "title": "Short"}]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    result = CliRunner().invoke(cli, ["build", str(path), "--max-chars", "100", "--skip-bad", "--out",
                                      str(tmp_path / "out"), "--no-validate"])
    assert result.exit_code == 0
    assert f"skipped: {path}:1: the abstract of a is 119 characters long, over the limit of 100" in result.output
    assert "│ skipped records    │ 1 " in result.output and "│ papers             │ 1 " in result.output


def test_fit_pipeline_raises_spacy_limit() -> None:
    fit_pipeline(2_000_000, statistical=False)
    assert shared_nlp(False).max_length > 2_000_000


@pytest.mark.parametrize("text", ["x" * 200_000, "A b. " * 40_000])
def test_a_huge_word_and_many_sentences_build(tmp_path: Path, text: str) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text(json.dumps({"id": "o", "title": "Odd", "abstract": text}) + "\n")
    code, output = build(tmp_path, str(path), "--rules-only")
    assert code == 0, output
    assert "dcterms:identifier \"o\"" in (tmp_path / "out" / "graph.ttl").read_text()


@pytest.mark.parametrize(("name", "text"), [
    ("deep.jsonl", '{"id": "d", "title": "t", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n"),
    ("deep.json", "[\n" + "[" * 100_000 + "]" * 100_000 + "\n]"),
    ("deep2.json", '{"title": "t", "x": ' + "{\"a\": " * 50_000 + "1" + "}" * 50_001),
])
def test_deeply_nested_json_is_one_error(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InputError, match=r":[12]: the JSON is nested too deeply to read .*; give each record plain"):
        read_papers(path)


def test_a_csv_cell_longer_than_the_csv_module_default_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("id,title,abstract\nc1,Big," + "word " * 60_000 + "\n")
    assert len(read_papers(path)[0].abstract) == 5 * 60_000 - 1
