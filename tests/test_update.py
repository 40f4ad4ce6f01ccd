"""``kg add`` and ``kg remove``: the updated folder holds the graph a full build of the same papers makes."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.builder.cache import CACHE_NAME, read_cache
from kg.builder.update import UpdateOptions, add_papers, remove_papers
from kg.cli import cli
from kg.errors import InputError, KgError
from kg.ingest import default_input, read_papers
from kg.records import Paper

OUTPUTS = Path(__file__).resolve().parents[1] / "outputs"
FILES = ("graph.ttl", "graph.nt", "graph.jsonld", "graph.graphml", "edges.csv", "graph.html")


def _write(papers: list[Paper], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for paper in papers:
            record = {key: value for key, value in dataclasses.asdict(paper).items() if key != "source" and value}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def halves(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("inputs")
    papers = list(read_papers(default_input()))
    return _write(papers[:40], folder / "first.jsonl"), _write(papers[40:], folder / "last.jsonl")


def _build(inputs: list[Path], out: Path) -> Path:
    result = CliRunner().invoke(cli, ["build", *map(str, inputs), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def added(halves: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = _build([halves[0]], tmp_path_factory.mktemp("added") / "out")
    result = CliRunner().invoke(cli, ["add", str(halves[1]), "--to", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def full(halves: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(list(halves), tmp_path_factory.mktemp("full") / "out")


@pytest.mark.parametrize("name", FILES)
def test_add_equals_a_full_build(added: Path, full: Path, name: str) -> None:
    assert (added / name).read_bytes() == (full / name).read_bytes()


def test_add_gives_the_sample_graph(added: Path) -> None:
    assert (added / "graph.nt").read_bytes() == (OUTPUTS / "graph.nt").read_bytes()


def test_add_extracts_only_the_new_papers(halves: tuple[Path, Path], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.builder import engines

    out = _build([halves[0]], tmp_path / "out")
    seen: list[str] = []
    real = engines.ENGINES["local"]

    def counting(papers, options):  # type: ignore[no-untyped-def]
        seen.extend(paper.id for paper in papers)
        return real(papers, options)

    monkeypatch.setitem(engines.ENGINES, "local", counting)
    add_papers(list(halves), out, UpdateOptions())
    assert sorted(seen) == sorted(paper.id for paper in read_papers(halves[1]))
    assert len(list(read_cache(out / CACHE_NAME))) == 60


def test_known_id_with_other_content_is_an_error(halves: tuple[Path, Path], tmp_path: Path) -> None:
    out = _build([halves[0]], tmp_path / "out")
    before = (out / "graph.nt").read_bytes()
    first = next(iter(read_papers(halves[0])))
    changed = _write([dataclasses.replace(first, title=first.title + " (revised)")], tmp_path / "changed.jsonl")
    result = CliRunner().invoke(cli, ["add", str(changed), "--to", str(out), "-q"])
    assert result.exit_code == 1
    assert f"changed.jsonl:1: paper {first.id!r} is already in" in result.output and "--replace" in result.output
    assert "Traceback" not in result.output and (out / "graph.nt").read_bytes() == before


def test_replace_takes_the_new_content(halves: tuple[Path, Path], tmp_path: Path) -> None:
    out = _build([halves[0]], tmp_path / "out")
    papers = list(read_papers(halves[0]))
    papers[0] = dataclasses.replace(papers[0], title=papers[0].title + " revised")
    add_papers([_write(papers[:1], tmp_path / "changed.jsonl")], out, UpdateOptions(), replace=True)
    rebuilt = _build([_write(papers, tmp_path / "all.jsonl")], tmp_path / "rebuilt")
    assert (out / "graph.nt").read_bytes() == (rebuilt / "graph.nt").read_bytes()
    assert b" revised" in (out / "graph.nt").read_bytes()


def test_remove_equals_a_build_without_the_papers(added: Path, halves: tuple[Path, Path], tmp_path: Path) -> None:
    import shutil

    out = tmp_path / "out"
    shutil.copytree(added, out)
    ids = [paper.id for paper in read_papers(halves[1])]
    result = CliRunner().invoke(cli, ["remove", *ids, "--from", str(out), "-q"])
    assert result.exit_code == 0, result.output
    alone = _build([halves[0]], tmp_path / "alone")
    for name in FILES:
        assert (out / name).read_bytes() == (alone / name).read_bytes(), name


def test_remove_of_an_unknown_id_changes_nothing(added: Path) -> None:
    before = (added / "graph.nt").read_bytes()
    with pytest.raises(KgError, match=r"no paper with id 'no-such-paper'"):
        remove_papers(["no-such-paper"], added, UpdateOptions())
    assert (added / "graph.nt").read_bytes() == before


def test_folder_without_cache_is_an_error(tmp_path: Path, halves: tuple[Path, Path]) -> None:
    with pytest.raises(InputError, match=rf"no {CACHE_NAME} here"):
        add_papers([halves[1]], tmp_path, UpdateOptions())
    result = CliRunner().invoke(cli, ["remove", "p1", "--from", str(tmp_path)])
    assert result.exit_code == 1 and result.output.startswith("error: ") and result.output.count("\n") == 1
