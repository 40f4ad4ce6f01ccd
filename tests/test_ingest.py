"""Tests of the ingest package's public surface: registry, format detection, read_papers, read_many."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

import kg.ingest
from kg.errors import InputError
from kg.ingest import READERS, default_input, detect_format, read_many, read_papers
from kg.records import Paper

DATA = Path(__file__).parent / "data" / "ingest"
FIXTURES = ["papers.bib", "papers.csv", "papers.json", "papers.jsonl", "papers.txt"]


def write(tmp_path: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``tmp_path / name`` and return the path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def jsonl(*records: dict[str, object]) -> str:
    """Return ``records`` as JSON Lines text."""
    return "".join(json.dumps(record) + "\n" for record in records)


def at(path: Path, line: int | None, text: str) -> str:
    """Return a ``match=`` pattern for an error at ``path:line`` starting with ``text``."""
    where = f"{path}:{line}" if line is not None else str(path)
    return "^" + re.escape(f"{where}: {text}")


def test_ingest_exports_exactly_the_public_names() -> None:
    expected = ["READERS", "STDIN", "default_input", "detect_format", "mapped_columns", "parse_column_map",
                "read_many", "read_papers"]
    assert kg.ingest.__all__ == expected
    assert all(hasattr(kg.ingest, name) for name in expected)


def test_readers_registry_names_every_format() -> None:
    assert sorted(READERS) == ["bibtex", "csv", "json", "jsonl", "trending"]
    assert all(callable(reader) for reader in READERS.values())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("page.txt", "trending"),
        ("papers.jsonl", "jsonl"),
        ("papers.ndjson", "jsonl"),
        ("papers.json", "json"),
        ("papers.csv", "csv"),
        ("refs.bib", "bibtex"),
        ("refs.bibtex", "bibtex"),
        ("REFS.BIB", "bibtex"),
        ("dir.v2/papers.CSV", "csv"),
    ],
)
def test_detect_format_maps_extension(name: str, expected: str) -> None:
    assert detect_format(name) == expected


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("papers.xyz", "cannot tell the format from the extension '.xyz'"),
        ("papers.tsv", "cannot tell the format from the extension '.tsv'"),
        ("papers", "cannot tell the format of a file name without an extension"),
    ],
)
def test_detect_format_unknown_extension_raises(name: str, problem: str) -> None:
    fix = "; pass --format with one of: bibtex, csv, json, jsonl, trending"
    with pytest.raises(InputError, match="^" + re.escape(f"{name}: {problem}{fix}") + "$"):
        detect_format(name)


def test_read_papers_bundled_sample_has_60_papers() -> None:
    papers = read_papers(default_input())
    assert len(papers) == 60
    assert papers[0].title == "On the Expressive Power of a Variant of the Looped Transformer"
    assert papers[0].abstract.startswith("Besides natural language processing, transformers")
    assert len({paper.id for paper in papers}) == 60
    assert all(paper.abstract for paper in papers)
    assert papers[-1].source == f"{default_input()}:247"


@pytest.mark.parametrize("name", FIXTURES)
def test_read_papers_fixture_formats_agree(name: str) -> None:
    papers = read_papers(DATA / name)
    reference = read_papers(DATA / "papers.jsonl")
    assert [(p.title, p.abstract) for p in papers] == [(p.title, p.abstract) for p in reference]
    if name != "papers.txt":  # the page text has no ids, authors or dates
        strip = [dataclasses.replace(paper, source="") for paper in papers]
        assert strip == [dataclasses.replace(paper, source="") for paper in reference]


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("papers.bib", [4, 20, 31]),
        ("papers.csv", [2, 3, 4]),
        ("papers.json", [2, 14, 23]),
        ("papers.jsonl", [1, 2, 3]),
        ("papers.txt", [9, 13, 17]),
    ],
)
def test_read_papers_fixture_sources_name_each_record_line(name: str, lines: list[int]) -> None:
    assert [paper.source for paper in read_papers(DATA / name)] == [f"{DATA / name}:{n}" for n in lines]


def test_read_papers_fixture_jsonl_fields() -> None:
    first = read_papers(DATA / "papers.jsonl")[0]
    assert first == Paper(
        id="2401.00001",
        title="Sparse Mixture Adapters for Low-Resource Translation",
        abstract=first.abstract,
        authors=("Ada Lovelace", "Alan Turing"),
        date="2024-01-02",
        url="https://arxiv.org/abs/2401.00001",
        arxiv_id="2401.00001",
        source=f"{DATA / 'papers.jsonl'}:1",
    )


@pytest.mark.parametrize("format", ["jsonl", "JSONL", " jsonl "])
def test_read_papers_format_overrides_extension(tmp_path: Path, format: str) -> None:
    path = write(tmp_path, "papers.txt", jsonl({"id": "p1", "title": "Deep Nets"}))
    assert [paper.id for paper in read_papers(path, format=format)] == ["p1"]


def test_read_papers_format_reads_file_without_extension(tmp_path: Path) -> None:
    path = write(tmp_path, "papers", jsonl({"id": "p1", "title": "Deep Nets"}))
    assert [paper.id for paper in read_papers(path, format="jsonl")] == ["p1"]


def test_read_papers_unknown_format_raises(tmp_path: Path) -> None:
    path = write(tmp_path, "papers.jsonl", jsonl({"title": "Deep Nets"}))
    fix = "pass --format with one of: bibtex, csv, json, jsonl, trending"
    with pytest.raises(InputError, match=at(path, None, f"unknown format 'yaml'; {fix}")):
        read_papers(path, format="yaml")


def test_read_papers_missing_file_is_reported_before_format(tmp_path: Path) -> None:
    path = tmp_path / "papers.xyz"
    with pytest.raises(InputError, match=at(path, None, "no such file")):
        read_papers(path)


def test_read_papers_bad_record_raises_without_on_error(tmp_path: Path) -> None:
    path = write(tmp_path, "papers.jsonl", jsonl({"title": "Deep Nets"}, {"id": "p2"}))
    with pytest.raises(InputError, match=at(path, 2, "record has no title (id 'p2')")):
        read_papers(path)


def test_read_papers_on_error_collects_and_continues(tmp_path: Path) -> None:
    text = jsonl({"title": "Deep Nets"}) + "not json\n" + jsonl({"id": "p3"}, {"title": "Wide Nets"})
    path = write(tmp_path, "papers.jsonl", text)
    errors: list[InputError] = []
    papers = read_papers(path, on_error=errors.append)
    assert [paper.title for paper in papers] == ["Deep Nets", "Wide Nets"]
    assert [(err.path, err.line) for err in errors] == [(str(path), 2), (str(path), 3)]


@pytest.mark.parametrize("on_error", [None, [].append])
def test_read_papers_file_errors_raise_even_with_on_error(tmp_path: Path, on_error: object) -> None:
    path = write(tmp_path, "papers.jsonl", "  \n")
    with pytest.raises(InputError, match=at(path, None, "file is empty")):
        read_papers(path, on_error=on_error)  # type: ignore[arg-type]


def test_read_papers_exact_duplicate_kept_once(tmp_path: Path) -> None:
    record = {"id": "p1", "title": "Deep Nets", "abstract": "A study."}
    path = write(tmp_path, "papers.jsonl", jsonl(record, {"id": "p2", "title": "Wide Nets"}, record))
    assert [paper.source for paper in read_papers(path)] == [f"{path}:1", f"{path}:2"]


def test_read_papers_duplicate_id_with_other_content_raises(tmp_path: Path) -> None:
    path = write(tmp_path, "papers.jsonl", jsonl({"id": "p1", "title": "Deep Nets"}, {"id": "p1", "title": "Wide"}))
    problem = f"duplicate id 'p1': the paper at {path}:1 has the same id but a different title or abstract"
    with pytest.raises(InputError, match=at(path, 2, problem) + ".*another id, or remove the duplicate$"):
        read_papers(path)


def test_read_many_reads_files_in_order(tmp_path: Path) -> None:
    first = write(tmp_path, "a.jsonl", jsonl({"id": "p1", "title": "Deep Nets"}))
    second = write(tmp_path, "b.csv", "id,title\np2,Wide Nets\n")
    assert [paper.source for paper in read_many([second, first])] == [f"{second}:2", f"{first}:1"]


@pytest.mark.parametrize("as_str", [True, False])
def test_read_many_single_path_reads_one_file(tmp_path: Path, as_str: bool) -> None:
    path = write(tmp_path, "a.jsonl", jsonl({"id": "p1", "title": "Deep Nets"}))
    assert [paper.id for paper in read_many(str(path) if as_str else path)] == ["p1"]


def test_read_many_no_paths_gives_no_papers() -> None:
    assert read_many([]) == []


def test_read_many_exact_duplicate_across_files_kept_once(tmp_path: Path) -> None:
    record = {"id": "p1", "title": "Deep Nets", "abstract": "A study."}
    first = write(tmp_path, "a.jsonl", jsonl(record))
    second = write(tmp_path, "b.csv", "id,title,abstract\np1,Deep  Nets,A study.\n")
    assert [paper.source for paper in read_many([first, second])] == [f"{first}:1"]


def test_read_many_duplicate_id_across_files_names_both(tmp_path: Path) -> None:
    first = write(tmp_path, "a.jsonl", jsonl({"id": "p1", "title": "Deep Nets"}))
    second = write(tmp_path, "b.jsonl", "\n" + jsonl({"id": "p1", "title": "Wide Nets"}))
    with pytest.raises(InputError, match=at(second, 2, f"duplicate id 'p1': the paper at {first}:1 ")):
        read_many([first, second])


def test_read_many_duplicate_id_with_on_error_keeps_first(tmp_path: Path) -> None:
    first = write(tmp_path, "a.jsonl", jsonl({"id": "p1", "title": "Deep Nets"}))
    second = write(tmp_path, "b.jsonl", jsonl({"id": "p1", "title": "Wide Nets"}, {"id": "p2", "title": "X"}))
    errors: list[InputError] = []
    papers = read_many([first, second], on_error=errors.append)
    assert [(paper.id, paper.title) for paper in papers] == [("p1", "Deep Nets"), ("p2", "X")]
    assert [(err.path, err.line) for err in errors] == [(str(second), 1)]


def test_read_many_format_applies_to_every_file(tmp_path: Path) -> None:
    paths = [write(tmp_path, f"{name}.txt", jsonl({"title": name})) for name in ("Deep", "Wide")]
    assert [paper.id for paper in read_many(paths, format="jsonl")] == ["deep", "wide"]
