"""Tests for kg.analysis.report and ``kg analyze``: every section, determinism, the committed report."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

import kg
from kg.analysis import analyze, render_report, write_report
from kg.cli import cli
from kg.errors import AnalysisError
from kg.graph.turtle import write_turtle

OUTPUTS = Path(__file__).resolve().parents[1] / "outputs"
SECTIONS = ("## Counts", "## Central entities", "### Methods", "### Models", "### Tasks", "### Datasets",
            "## Communities", "## Methods and tasks", "## Models and datasets", "## Leaderboards",
            "## Most frequent relations", "## Similar papers",
            "## Bridges", "## Isolated papers")
CHARTS = ("counts.png", "pagerank.png", "communities.png", "method_task.png")


@pytest.fixture
def graph_file(graph: Graph, tmp_path: Path) -> Path:
    return write_turtle(graph, tmp_path / "small.ttl")


@pytest.fixture(scope="module")
def small_report(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    from kg.graph.build import facts_to_graph
    from tests.conftest import make_facts

    folder = tmp_path_factory.mktemp("small")
    return write_report(write_turtle(facts_to_graph(make_facts()), folder / "small.ttl"), folder / "out")


def test_write_report_has_every_section_and_chart(small_report: list[Path]) -> None:
    out = small_report[0].parent
    report = (out / "report.md").read_text(encoding="utf-8")
    assert small_report[0].name == "report.md"
    assert report.startswith("# Analysis of `small.ttl`\n")
    positions = [report.index(section) for section in SECTIONS]
    assert positions == sorted(positions)
    for name in CHARTS:
        assert (out / "charts" / name).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert f"](charts/{name})" in report
    assert "| 1 | LoRA |" in report  # in all three papers: the top method


def test_report_and_charts_are_byte_identical_on_rerun(small_report: list[Path], tmp_path: Path) -> None:
    again = write_report(small_report[0].parent.parent / "small.ttl", tmp_path / "again")
    assert [p.relative_to(tmp_path / "again") for p in again] == [p.relative_to(small_report[0].parent)
                                                                  for p in small_report]
    for a, b in zip(small_report, again, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_no_charts_writes_the_report_alone(graph_file: Path, tmp_path: Path) -> None:
    assert write_report(graph_file, tmp_path / "out", charts=False) == [tmp_path / "out" / "report.md"]
    assert "](charts/" not in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


def test_render_report_lists_isolated_papers_and_escapes_pipes(graph: Graph) -> None:
    from kg.graph.build import facts_to_graph
    from kg.records import Facts, Paper

    facts = Facts((Paper(id="a", title="Pipes | and more"), Paper(id="b", title="Nothing")), (), ())
    text = render_report(analyze(kg.to_networkx(facts_to_graph(facts))), source="x.ttl")
    assert "2 papers link to no entity." in text and "- *Pipes \\| and more*" in text
    assert text.count("(none)") >= 4


def test_report_says_when_betweenness_is_sampled_and_hubs_are_skipped(graph: Graph,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.analysis import centrality, measures

    view = kg.to_networkx(graph)
    assert "(exact)" in render_report(analyze(view), source="x.ttl")
    monkeypatch.setattr(centrality, "EXACT_BETWEENNESS_LIMIT", 5)
    monkeypatch.setattr(measures, "hub_limit", lambda papers: 2)
    text = render_report(analyze(view), source="x.ttl")
    assert f"estimated from {view.number_of_nodes()} source nodes drawn with seed 0" in text
    assert "2 entities linked to more than 2 papers each count in the scores" in text  # LoRA and MATH


def test_unwritable_folder_is_an_analysis_error(graph_file: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(AnalysisError, match="cannot write the report .*choose a writable --out folder"):
        write_report(graph_file, blocker / "out")


def test_cli_analyze_writes_report(graph_file: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", "--graph", str(graph_file), "--out", str(tmp_path / "o"),
                                      "--no-charts"])
    assert result.exit_code == 0, result.output
    assert f"wrote {tmp_path / 'o' / 'report.md'}" in result.output and "analysed" in result.output
    quiet = CliRunner().invoke(cli, ["analyze", "--graph", str(graph_file), "--out", str(tmp_path / "q"), "-q",
                                     "--no-charts"])
    assert quiet.exit_code == 0 and quiet.output == ""


def test_cli_analyze_missing_graph_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", "--graph", str(tmp_path / "nope.ttl"), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and "no such graph file" in result.output
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("analysis")
    result = CliRunner().invoke(cli, ["analyze", "--graph", str(OUTPUTS / "graph.ttl"), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def test_committed_report_is_current(sample_report: Path) -> None:
    assert (sample_report / "report.md").read_bytes() == (OUTPUTS / "report.md").read_bytes(), (
        "outputs/report.md is stale: run `kg analyze` and commit outputs/"
    )
    for name in CHARTS:
        assert (OUTPUTS / "charts" / name).is_file()


def test_sample_report_rankings_agree_with_the_graph(sample_report: Path) -> None:
    kgraph = kg.load(OUTPUTS / "graph.ttl")
    report = (sample_report / "report.md").read_text(encoding="utf-8")
    assert f"Written by `kg analyze`: {len(kgraph.papers())} papers, {len(kgraph.entities())} entities" in report
    for section in SECTIONS:
        assert section in report
    for kind, plural in (("Method", "Methods"), ("Dataset", "Datasets")):
        most = max(len({p for p in kgraph.nx.predecessors(e) if kgraph.nx.nodes[p]["type"] == "Paper"})
                   for e in kgraph.entities(kind))
        by_papers = report.split(f"### {plural}\n")[1].split("By papers: ")[1].split("\n")[0]
        first = re.match(r"(.*?) \((\d+)\)", by_papers)
        assert first is not None and int(first.group(2)) == most
        assert kgraph.find(first.group(1), kind=kind)


def test_report_does_not_depend_on_hash_seed(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    command = [sys.executable, "-m", "kg", "analyze", "--graph", str(OUTPUTS / "graph.ttl"),
               "--out", str(tmp_path), "-q", "--no-charts"]
    subprocess.run(command, env=env, check=True)
    from kg.graph.reported import reported_results

    kgraph = kg.load(OUTPUTS / "graph.ttl")
    here = render_report(analyze(kgraph.nx), source="graph.ttl", results=reported_results(kgraph.rdf))
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == here


def test_report_leaderboards_rank_per_metric_and_relations_count_claims(tmp_path: Path) -> None:
    from kg.graph.build import facts_to_graph
    from tests.conftest import make_findings_facts

    facts = make_findings_facts("A sentence | with a pipe.")
    (report,) = write_report(write_turtle(facts_to_graph(facts), tmp_path / "findings.ttl"), tmp_path / "out",
                             charts=False)
    text = report.read_text(encoding="utf-8")
    boards = text.split("## Leaderboards", 1)[1].split("## Most frequent relations", 1)[0]
    assert boards.index("### GSM8K: accuracy") < boards.index("### MATH: error rate ↓")
    gsm8k = boards.split("### GSM8K: accuracy", 1)[1].split("###", 1)[0]
    assert [line.split(" | ")[1] for line in gsm8k.splitlines() if line.startswith("| ") and line[2].isdigit()] == [
        "LoRA+", "LoRA", "LLaMA-2-70B"]
    math = boards.split("### MATH: error rate ↓", 1)[1]
    assert math.index("| 1 | LoRA+ | 28.0% |") < math.index("| 2 | LoRA | 30.5% |")
    relations = text.split("## Most frequent relations", 1)[1].split("\n## ", 1)[0]
    assert "Claims per relation: `appliedTo` 0, `basedOn` 1, `benchmarkedOn` 1, `comparedWith` 1." in relations
    assert "| `comparedWith` | LLaMA-2-70B | LoRA | 1 | 1 |" in relations


def test_report_without_results_says_so(small_report: list[Path]) -> None:
    text = small_report[0].read_text(encoding="utf-8")
    assert "## Leaderboards" in text and text.split("## Leaderboards", 1)[1].split("##", 1)[0].rstrip().endswith(
        "(none)")
