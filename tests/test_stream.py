"""The streaming build: batches do not change the outputs, every stage has a bar and a time, the cache and runs round-trip."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from kg.builder.cache import CACHE_NAME, CacheSettings, cache_line, read_cache, read_settings, write_cache
from kg.builder.progress import STAGES, Stages
from kg.builder.runs import Runs, by_subject
from kg.builder.stream import StreamOptions
from kg.cli import cli
from kg.errors import InputError
from kg.records import Extraction, Mention, Paper

OUTPUTS = Path(__file__).resolve().parents[1] / "outputs"
SAMPLE_OUTPUTS = ("graph.ttl", "graph.nt", "graph.jsonld", "graph.graphml", "edges.csv", "graph.html")


@pytest.fixture(scope="module")
def small_batches(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample built in batches of 7 papers, validated."""
    out = tmp_path_factory.mktemp("batches")
    result = CliRunner().invoke(cli, ["build", "--out", str(out), "-q", "--batch-size", "7"])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("name", SAMPLE_OUTPUTS)
def test_batch_size_does_not_change_the_outputs(small_batches: Path, name: str) -> None:
    assert (small_batches / name).read_bytes() == (OUTPUTS / name).read_bytes()


def test_build_keeps_the_extraction_cache(small_batches: Path) -> None:
    settings = read_settings(small_batches / CACHE_NAME)
    assert settings == CacheSettings(0.45, True)
    extractions = list(read_cache(small_batches / CACHE_NAME))
    assert len(extractions) == 60 and len({e.paper.id for e in extractions}) == 60
    assert sum(len(e.mentions) for e in extractions) > 60


def test_build_leaves_no_working_files(small_batches: Path) -> None:
    assert sorted(p.name for p in small_batches.parent.iterdir() if ".kg-tmp-" in p.name) == []
    assert not any(p.name.startswith("run-") for p in small_batches.rglob("*"))


def test_run_build_times_every_stage(tmp_path: Path) -> None:
    from kg.builder.run import run_build
    from kg.ingest import default_input

    seconds = run_build([default_input()], fmt=None, out=tmp_path / "out", options=StreamOptions(batch_size=25),
                        on_error=None, skipped=[], quiet=True)
    assert set(STAGES) <= set(seconds)
    assert all(value >= 0 for value in seconds.values()) and seconds["extract"] > 0


def test_stages_show_a_bar_with_counts_and_eta_per_stage() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=100)
    with Stages(console) as stages:
        for name in STAGES:
            with stages.stage(name, 4) as advance:
                advance(2)
                stages._progress.refresh()
    shown = buffer.getvalue()
    for name in STAGES:
        assert name in shown
    assert "2/4" in shown and "eta" in shown
    assert set(stages.seconds) == set(STAGES)


def test_stages_are_silent_when_quiet() -> None:
    buffer = io.StringIO()
    with Stages(Console(file=buffer, force_terminal=True, quiet=True)) as stages, stages.stage("read", 3) as advance:
        advance(3)
    assert buffer.getvalue() == ""


def test_cache_line_round_trips() -> None:
    paper = Paper("p1", "Deep Nets for Go", "We train ResNet on ImageNet.", authors=("A. B",), source="x.jsonl:1")
    mention = Mention("ResNet", "abstract", 9, 15, "Model", "uses", "lexicon", 0.9)
    extraction = Extraction(paper, (mention,), (("CNN", "convolutional network"),))
    line = cache_line(extraction)
    assert line.endswith("\n") and json.loads(line)["paper"]["id"] == "p1"
    assert cache_line(extraction) == line


def test_cache_file_round_trips(tmp_path: Path) -> None:
    paper = Paper("p1", "Deep Nets", "We train ResNet.", authors=("A. B", "C. D"))
    mention = Mention("ResNet", "abstract", 9, 15, "Model", "uses", "lexicon", 0.9)
    extraction = Extraction(paper, (mention,), (("CNN", "convolutional network"),))
    path = write_cache(tmp_path / CACHE_NAME, CacheSettings(0.45, False), [extraction])
    assert read_settings(path) == CacheSettings(0.45, False)
    assert list(read_cache(path)) == [extraction]


def test_broken_cache_line_is_named_by_path_and_line(tmp_path: Path) -> None:
    path = write_cache(tmp_path / CACHE_NAME, CacheSettings(0.45, True), [Extraction(Paper("p1", "T"), ())])
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"paper": {}}\n')
    with pytest.raises(InputError, match=rf"{CACHE_NAME}:3: not a cached extraction"):
        list(read_cache(path))


def test_file_that_is_no_cache_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "other.jsonl"
    path.write_text('{"id": "p1"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"other.jsonl:1: not a paperkg extraction cache header"):
        read_settings(path)


def test_runs_merge_sorted_and_distinct(tmp_path: Path) -> None:
    runs = Runs(tmp_path / "runs")
    runs.add([b"<c> <p> 1 .", b"<a> <p> 2 ."])
    runs.add([b"<b> <p> 3 .", b"<a> <p> 2 .", b"<a> <q> 0 ."])
    assert list(runs.merged()) == [b"<a> <p> 2 .", b"<a> <q> 0 .", b"<b> <p> 3 .", b"<c> <p> 1 ."]
    grouped = [(subject, len(lines)) for subject, lines in by_subject(runs.merged())]
    assert grouped == [(b"a", 2), (b"b", 1), (b"c", 1)]


def test_validation_failure_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.graph import validate_store as module
    from kg.graph.validate import ValidationResult

    monkeypatch.setattr(module.BatchValidator, "result",
                        lambda self: ValidationResult(conforms=False, text="x: broken (minCount)", violations=1))
    papers = tmp_path / "papers.jsonl"
    papers.write_text(json.dumps({"id": "p1", "title": "Transformers for translation",
                                  "abstract": "We apply BERT to machine translation."}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(papers), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1 and "breaks 1 SHACL constraint" in result.output
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir() if ".kg-tmp-" in p.name] == []


def test_forked_writer_returns_its_result() -> None:
    from kg.builder.outputs import _in_background

    with _in_background(lambda: 7, "graph.ttl") as result:
        assert result() == 7


def test_forked_writer_failure_is_one_error() -> None:
    from kg.builder.outputs import _in_background
    from kg.errors import GraphError

    def fail() -> int:
        raise OSError(27, "File too large")

    with pytest.raises(GraphError, match=r"writing graph.nt and graph.ttl failed \(\[Errno 27\] File too large\)"):
        with _in_background(fail, "graph.nt and graph.ttl") as result:
            result()
