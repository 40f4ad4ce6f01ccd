"""Tests of ``kg view`` through click's runner, on the small fixture graph."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.graph import to_networkx, write_turtle


@pytest.fixture
def graph_file(graph, tmp_path: Path) -> Path:
    return write_turtle(graph, tmp_path / "graph.ttl")


def details_of(page: Path) -> dict:
    match = re.search(r'<script type="application/json" id="kg-details">(.*?)</script>', page.read_text(), re.S)
    return json.loads(match.group(1))


def test_view_writes_the_whole_graph(graph, graph_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.html"
    result = CliRunner().invoke(cli, ["view", "--graph", str(graph_file), "--out", str(out)])
    assert result.exit_code == 0, result.output
    g = to_networkx(graph)
    assert result.output == f"wrote {out}: {g.number_of_nodes()} nodes, {g.number_of_edges()} links\n"
    assert set(details_of(out)) == set(g.nodes)


def test_view_around_with_types_and_limit(graph_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "lora.html"
    args = ["view", "--graph", str(graph_file), "--out", str(out), "--around", "low-rank adaptation",
            "--depth", "2", "--type", "dataset", "--type", "Method", "--max-nodes", "2"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    kinds = sorted(d["kind"] for d in details_of(out).values())
    assert kinds == ["Dataset", "Method"]
    names = {d["name"] for d in details_of(out).values()}
    assert "LoRA" in names  # the centre is always kept
    assert "Around 'low-rank adaptation', 2 links deep. Types: Method, Dataset. Showing the 2" in result.output
    assert "Showing the 2 best-connected" in out.read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--around", "no such thing"], "error: no node is named 'no such thing'; fix: use a label"),
        (["--max-nodes", "0"], "Invalid value for '--max-nodes'"),
        (["--type", "Person"], "Invalid value for '--type'"),
    ],
)
def test_view_reports_bad_options_cleanly(graph_file: Path, tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["view", "--graph", str(graph_file), "--out", str(tmp_path / "x.html"), *args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_view_missing_graph_and_unwritable_out(graph_file: Path, tmp_path: Path) -> None:
    missing = CliRunner().invoke(cli, ["view", "--graph", str(tmp_path / "nope.ttl")])
    assert missing.exit_code == 1 and "no such graph file" in missing.output
    (tmp_path / "no").write_text("a file where a folder should be")
    bad = CliRunner().invoke(cli, ["view", "--graph", str(graph_file), "--out", str(tmp_path / "no" / "x.html")])
    assert bad.exit_code == 1 and re.search(r"error: .*x\.html: cannot write the view", bad.output)


def test_view_is_deterministic(graph_file: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    for out in (a, b):
        assert CliRunner().invoke(cli, ["view", "--graph", str(graph_file), "--out", str(out)]).exit_code == 0
    assert a.read_bytes() == b.read_bytes()
