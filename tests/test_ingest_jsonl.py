"""Tests of the JSON Lines and JSON readers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest.jsonl import read_json, read_jsonl

LINE_FIX = "each line must be one JSON object"
JSON_FIX = "write an array of objects"


def write(tmp_path: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``tmp_path / name`` and return the path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def at(path: Path, line: int | None, text: str) -> str:
    """Return a ``match=`` pattern for an error at ``path:line`` starting with ``text``."""
    where = f"{path}:{line}" if line is not None else str(path)
    return "^" + re.escape(f"{where}: {text}")


def test_read_jsonl_skips_blank_lines_and_numbers_records(tmp_path: Path) -> None:
    text = '\n{"id": "p1", "title": "Deep Nets"}\n   \n{"title": "Wide Nets", "authors": "Ada, Alan and Grace"}\n'
    path = write(tmp_path, "papers.jsonl", text)
    papers = list(read_jsonl(path))
    assert [(p.id, p.source) for p in papers] == [("p1", f"{path}:2"), ("wide-nets", f"{path}:4")]
    assert papers[1].authors == ("Ada", "Alan", "Grace")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"title": "Deep Nets",}', "not valid JSON (Expecting property name enclosed in double quotes at column 23)"),
        ("title: Deep Nets", "not valid JSON (Expecting value at column 1)"),
        ('["Deep Nets"]', "line holds an array, not a JSON object"),
        ('"Deep Nets"', "line holds a string, not a JSON object"),
        ("42", "line holds a number, not a JSON object"),
        ("null", "line holds null, not a JSON object"),
    ],
)
def test_read_jsonl_bad_line_raises(tmp_path: Path, line: str, problem: str) -> None:
    path = write(tmp_path, "papers.jsonl", '{"title": "Deep Nets"}\n' + line + "\n")
    with pytest.raises(InputError, match=at(path, 2, f"{problem}; {LINE_FIX}, e.g. {{")):
        list(read_jsonl(path))


def test_read_jsonl_bad_lines_go_to_on_error(tmp_path: Path) -> None:
    text = 'oops\n{"title": "Deep Nets"}\n[1]\n{"title": 5}\n{"title": "Wide Nets"}\n'
    errors: list[InputError] = []
    papers = list(read_jsonl(write(tmp_path, "papers.jsonl", text), errors.append))
    assert [paper.title for paper in papers] == ["Deep Nets", "Wide Nets"]
    assert [err.line for err in errors] == [1, 3, 4]
    assert "field 'title' is a number (5)" in str(errors[2])


def test_read_jsonl_json_array_file_raises(tmp_path: Path) -> None:
    path = write(tmp_path, "papers.jsonl", '\n[\n  {"title": "Deep Nets"}\n]\n')
    problem = "this looks like a JSON array, not JSON Lines; name the file .json or pass --format json"
    with pytest.raises(InputError, match=at(path, 2, problem)):
        list(read_jsonl(path, [].append))


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ('[\n  {"title": "A"},\n  {"title": "B"}\n]\n', [2, 3]),
        ('[{"title": "A"}, {"title": "B"}]', [1, 1]),
        ('[\n  {\n    "title": "A",\n    "abstract": "x\\ny"\n  }, {"title":\n "B"}\n]', [2, 5]),
        ('\n\n{"title": "A"}\n', [3]),
        ("[]", []),
        (" [ \n ] ", []),
    ],
)
def test_read_json_numbers_objects_by_their_first_line(tmp_path: Path, text: str, lines: list[int]) -> None:
    path = write(tmp_path, "papers.json", text)
    assert [paper.source for paper in read_json(path)] == [f"{path}:{line}" for line in lines]


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ('[\n  {"title": "A"}\n  {"title": "B"}\n]', 3, "not valid JSON (expected ',' or ']' after an array item)"),
        ('[\n  {"title": "A"},\n]', 3, "not valid JSON (Expecting value at column 1)"),
        ('[\n  {"title": "A",\n  "x"}\n]', 3, "not valid JSON (Expecting ':' delimiter at column 6)"),
        ('[{"title": "A"}', 1, "not valid JSON (expected ',' or ']' after an array item)"),
        ('[{"title": "A"}]\n{"title": "B"}', 2, "not valid JSON (extra data after the end)"),
        ("{'title': 'A'}", 1, "not valid JSON (Expecting property name enclosed in double quotes at column 2)"),
    ],
)
def test_read_json_invalid_json_raises(tmp_path: Path, text: str, line: int, problem: str) -> None:
    path = write(tmp_path, "papers.json", text)
    with pytest.raises(InputError, match=at(path, line, f"{problem}; {JSON_FIX}")):
        list(read_json(path, [].append))


@pytest.mark.parametrize(("text", "kind"), [("42", "a number"), ('"papers"', "a string"), ("\nnull", "null")])
def test_read_json_top_level_not_array_raises(tmp_path: Path, text: str, kind: str) -> None:
    path = write(tmp_path, "papers.json", text)
    line = text.count("\n") + 1
    with pytest.raises(InputError, match=at(path, line, f"the file holds {kind}, not an array of objects")):
        list(read_json(path, [].append))


def test_read_json_array_item_not_object_raises(tmp_path: Path) -> None:
    path = write(tmp_path, "papers.json", '[\n  {"title": "A"},\n  "B"\n]')
    with pytest.raises(InputError, match=at(path, 3, f"array item is a string, not a JSON object; {JSON_FIX}")):
        list(read_json(path))


def test_read_json_bad_items_go_to_on_error(tmp_path: Path) -> None:
    text = '[\n  {"title": "A"},\n  [1],\n  {"id": "p3"},\n  {"title": "D", "authors": ["Ada", 1]}\n]'
    errors: list[InputError] = []
    papers = list(read_json(write(tmp_path, "papers.json", text), errors.append))
    assert [paper.title for paper in papers] == ["A"]
    assert [err.line for err in errors] == [3, 4, 5]
    assert "record has no title (id 'p3')" in str(errors[1])
