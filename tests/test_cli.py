"""The ``kg`` command, through click's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

SMALL = [
    {"id": "x1", "title": "Grokker: Sparse Retrieval", "abstract": "We propose Grokker. It beats BM25 on MS MARCO."},
    {"id": "x2", "title": "Tuning LLaMA-2-7B", "abstract": "We fine-tune LLaMA-2-7B with LoRA on GSM8K."},
]


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The graph of two small papers, built once through the CLI."""
    folder = tmp_path_factory.mktemp("built")
    source = _write_jsonl(folder / "papers.jsonl", SMALL)
    result = CliRunner().invoke(cli, ["build", str(source), "--out", str(folder / "out")])
    assert result.exit_code == 0, result.output
    return folder / "out"


def test_build_writes_turtle_and_html(built):
    assert (built / "graph.ttl").read_text(encoding="utf-8").startswith("@prefix")
    assert "<html" in (built / "graph.html").read_text(encoding="utf-8")


def test_build_is_byte_identical_across_runs(built, tmp_path):
    source = _write_jsonl(tmp_path / "papers.jsonl", SMALL)
    result = CliRunner().invoke(cli, ["build", str(source), "--out", str(tmp_path / "again"), "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "again" / "graph.ttl").read_bytes() == (built / "graph.ttl").read_bytes()
    assert (tmp_path / "again" / "graph.html").read_bytes() == (built / "graph.html").read_bytes()


def test_build_bad_record_stops_with_path_line_and_no_traceback(tmp_path):
    source = tmp_path / "bad.jsonl"
    source.write_text(json.dumps(SMALL[0]) + "\n{not json\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"{source}:2:" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_build_skip_bad_skips_reports_and_counts(tmp_path):
    source = tmp_path / "bad.jsonl"
    source.write_text(json.dumps(SMALL[0]) + "\n" + json.dumps({"id": "y", "abstract": "no title"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(source), "--out", str(tmp_path / "out"), "--skip-bad"])
    assert result.exit_code == 0, result.output
    assert f"skipped: {source}:2:" in result.output
    assert "skipped records" in result.output and "│ 1 " in result.output.split("skipped records")[1][:20]


def test_build_format_option_overrides_extension(tmp_path):
    source = _write_jsonl(tmp_path / "papers.data", SMALL)
    assert CliRunner().invoke(cli, ["build", str(source), "--out", str(tmp_path / "o")]).exit_code == 1
    result = CliRunner().invoke(cli, ["build", str(source), "--format", "jsonl", "--out", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 0, result.output


def test_validate_accepts_a_built_graph(built):
    result = CliRunner().invoke(cli, ["validate", str(built / "graph.ttl")])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_validate_rejects_a_broken_graph(built, tmp_path):
    broken = tmp_path / "broken.ttl"
    text = (built / "graph.ttl").read_text(encoding="utf-8")
    broken.write_text(text.replace("dcterms:title", "dcterms:alternative"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 1
    assert "SHACL violation" in result.output


def test_validate_missing_file_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "nope.ttl")])
    assert result.exit_code == 1
    assert "no such graph file" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_answers_in_each_format(built, fmt):
    q = "SELECT ?label WHERE { ?p kg:evaluatesOn ?d . ?d skos:prefLabel ?label } ORDER BY ?label"
    result = CliRunner().invoke(cli, ["query", q, "--graph", str(built / "graph.ttl"), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "GSM8K" in result.output and "MS MARCO" in result.output
    if fmt == "json":
        assert json.loads(result.output)["head"]["vars"] == ["label"]


def test_query_runs_a_bundled_rq_file(built):
    from kg.resources import ontology_file

    result = CliRunner().invoke(cli, ["query", str(ontology_file("queries/proposals.rq")), "--graph", str(built / "graph.ttl")])
    assert result.exit_code == 0, result.output
    assert "Grokker" in result.output


def test_query_syntax_error_is_a_clean_error(built):
    result = CliRunner().invoke(cli, ["query", "SELECT WHERE {", "--graph", str(built / "graph.ttl")])
    assert result.exit_code == 1
    assert result.output.startswith("error:") and "Traceback" not in result.output


def test_build_threshold_default_is_the_library_default():
    from kg.extract.run import DEFAULT_THRESHOLD

    (option,) = [p for p in cli.commands["build"].params if p.name == "threshold"]
    assert option.default == DEFAULT_THRESHOLD


def test_build_threshold_zero_keeps_broad_concepts(tmp_path):
    source = _write_jsonl(tmp_path / "p.jsonl", [{"id": "z", "title": "T", "abstract": "We use deep learning and LoRA."}])
    for threshold, expected in (("0.45", False), ("0", True)):
        out = tmp_path / threshold
        result = CliRunner().invoke(cli, ["build", str(source), "--out", str(out), "-q", "--threshold", threshold])
        assert result.exit_code == 0, result.output
        assert ('"deep learning"' in (out / "graph.ttl").read_text(encoding="utf-8")) is expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.jsonl", b"", "{path}: file is empty"),
        ("binary.jsonl", b"\x00\x01\x02\x03 binary", "{path}: looks like a binary file"),
        ("latin1.jsonl", '{"id": "a", "title": "Café"}\n'.encode("latin-1"), "{path}:1: not valid UTF-8"),
        ("untitled.jsonl", b'{"id": "a", "abstract": "text"}\n', "{path}:1: record has no title"),
        ("dup.jsonl", b'{"id": "a", "title": "T"}\n{"id": "a", "title": "U"}\n', "{path}:2: duplicate id 'a'"),
        ("rows.csv", b"id,abstract\na,text\n", "{path}:1: no 'title' column"),
        ("refs.bib", b"@article{k, title = {Open\n", "{path}:1: cannot parse this BibTeX block"),
    ],
)
def test_build_bad_input_gives_one_clear_line_and_exit_1(tmp_path, name, content, message):
    source = tmp_path / name
    source.write_bytes(content)
    result = CliRunner().invoke(cli, ["build", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.startswith("error: " + message.format(path=source)), result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1


def test_build_keeps_a_paper_with_an_empty_abstract(tmp_path):
    source = tmp_path / "p.csv"
    source.write_text("id,title,abstract\na,Only a title,\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(source), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    assert "Only a title" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_version_and_python_dash_m():
    import subprocess
    import sys

    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and "version" in result.output
    out = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, check=True).stdout
    assert "build" in out and "query" in out and "validate" in out


def test_help_lists_every_command_with_its_summary():
    result = CliRunner().invoke(cli, ["--help"], terminal_width=200)
    assert result.exit_code == 0
    listed = result.output.split("Commands:\n", 1)[1].splitlines()
    names = [line.split()[0] for line in listed if line.strip()]
    assert names == ["add", "analyze", "build", "eval", "explain", "export", "leaderboard", "query", "remove", "rules",
                     "serve", "store", "train", "validate", "view"]
    assert all(len(line.split(None, 1)) == 2 for line in listed if line.strip())
    assert "  view         Write an interactive HTML view of GRAPH" in result.output
