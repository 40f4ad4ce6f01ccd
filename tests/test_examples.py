"""The scripts under examples/ run on the committed sample graph and print what they promise."""

from __future__ import annotations

import runpy
import sys
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pytest

import kg
from kg.analysis import KnowledgeGraph, link_graph

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "outputs" / "graph.ttl"


@pytest.fixture(scope="module")
def sample() -> KnowledgeGraph:
    return kg.load(SAMPLE)


def run_example(name: str, *args: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
                ) -> tuple[int, str, str]:
    """Run ``examples/<name>`` as a script with ``args``; return its exit status, stdout and stderr."""
    monkeypatch.setattr(sys, "argv", [name, *args])
    with pytest.raises(SystemExit) as stop:
        runpy.run_path(str(ROOT / "examples" / name), run_name="__main__")
    out, err = capsys.readouterr()
    return int(stop.value.code or 0), out, err


def _papers(kgraph: KnowledgeGraph, entity: str) -> set[str]:
    return {p for p in kgraph.nx.predecessors(entity) if kgraph.nx.nodes[p]["type"] == "Paper"}


def test_top_datasets_per_task(sample: KnowledgeGraph, monkeypatch, capsys) -> None:
    status, out, _ = run_example("top_datasets_per_task.py", str(SAMPLE), "--top", "2",
                                 monkeypatch=monkeypatch, capsys=capsys)
    assert status == 0
    header, *rows = out.splitlines()
    assert header == "task\tdataset\tpapers" and rows
    per_task: dict[str, list[int]] = {}
    for row in rows:
        task, dataset, papers = row.split("\t")
        both = _papers(sample, sample.find(task, kind="Task")) & _papers(sample, sample.find(dataset, kind="Dataset"))
        assert int(papers) == len(both) > 0
        per_task.setdefault(task, []).append(int(papers))
    assert all(len(counts) <= 2 and counts == sorted(counts, reverse=True) for counts in per_task.values())
    expected = {sample.label(t) for t in sample.entities("Task")
                if any(sample.nx.nodes[e]["type"] == "Dataset" for p in _papers(sample, t) for e in sample.nx[p])}
    assert set(per_task) == expected


def test_shortest_path_between_two_entities(sample: KnowledgeGraph, monkeypatch, capsys) -> None:
    graph = link_graph(sample.nx)
    lengths = dict(nx.single_source_shortest_path_length(graph, sample.entities("Dataset")[0]))
    source = sample.entities("Dataset")[0]
    target = max((e for e in sample.entities() if e in lengths), key=lambda e: (lengths[e], e))
    status, out, _ = run_example("shortest_path.py", source, target, "--graph", str(SAMPLE),
                                 monkeypatch=monkeypatch, capsys=capsys)
    assert status == 0
    lines = out.splitlines()
    nodes = [line for line in lines if line.startswith("[")]
    assert len(nodes) == lengths[target] + 1 and lines[-1] == f"{lengths[target]} links"
    assert nodes[0] == f"[Dataset] {sample.label(source)}"
    assert nodes[-1] == f"[{sample.nx.nodes[target]['type']}] {sample.label(target)}"
    kinds = [line[1:line.index("]")] for line in nodes]
    assert all(a == "Paper" or b == "Paper" or {a, b} == {"Model"} for a, b in pairwise(kinds))
    assert len([line for line in lines if line.startswith("    | ")]) == lengths[target]


def test_shortest_path_unknown_entity_is_a_clean_error(monkeypatch, capsys) -> None:
    status, out, err = run_example("shortest_path.py", "GSM8K", "no-such-entity-anywhere", "--graph", str(SAMPLE),
                                   monkeypatch=monkeypatch, capsys=capsys)
    assert status == 1 and out == "" and err.startswith("error: no node is named 'no-such-entity-anywhere'")


def test_similar_papers_to_a_given_paper(sample: KnowledgeGraph, monkeypatch, capsys) -> None:
    paper = max(sample.papers(), key=lambda p: (len(sample.links()[p]), p))
    identifier = sample.nx.nodes[paper]["identifier"]
    status, out, _ = run_example("similar_papers.py", identifier, "--graph", str(SAMPLE), "--top", "3",
                                 monkeypatch=monkeypatch, capsys=capsys)
    assert status == 0
    title, header, *rows = out.splitlines()
    assert title == f"# {sample.label(paper)}" and header == "score\tpaper\tshared"
    assert 0 < len(rows) <= 3
    scores = [float(row.split("\t")[0]) for row in rows]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)
    mine = {sample.label(e) for e in sample.links()[paper]}
    for row in rows:
        _, other_title, shared = row.split("\t")
        other = sample.find(other_title, kind="Paper")
        theirs = {sample.label(e) for e in sample.links()[other]}
        assert set(shared.split("; ")) == mine & theirs


def test_similar_papers_unknown_paper_is_a_clean_error(monkeypatch, capsys) -> None:
    status, _, err = run_example("similar_papers.py", "no such paper", "--graph", str(SAMPLE),
                                 monkeypatch=monkeypatch, capsys=capsys)
    assert status == 1 and err.startswith("error: no Paper node is named")
