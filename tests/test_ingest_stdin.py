"""Standard input as an input: ``-``, its format sniffed from the content, ``<stdin>:line`` in messages."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import read_many, read_papers
from kg.ingest.common import default_input
from kg.ingest.stdin import read_stdin, sniff_format

JSONL = '{"id": "p1", "title": "Deep Nets", "abstract": "We train deep nets."}\n{"id": "p2", "title": "Wide Nets"}\n'
SAMPLES = {
    "jsonl": JSONL,
    "json": '[\n  {"id": "p1", "title": "Deep Nets"},\n  {"id": "p2", "title": "Wide Nets"}\n]\n',
    "csv": "id,title,abstract\np1,Deep Nets,We train deep nets.\np2,Wide Nets,\n",
    "bibtex": "% my references\n@misc{p1, title = {Deep Nets}}\n@article{p2, title = {Wide Nets}}\n",
}


class _Stdin:
    """A stand-in for ``sys.stdin`` with a byte ``buffer``, as the real one has."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def _feed(monkeypatch: pytest.MonkeyPatch, text: str | bytes) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(text.encode("utf-8") if isinstance(text, str) else text))


@pytest.mark.parametrize(("name", "text"), sorted(SAMPLES.items()))
def test_sniff_format_tells_each_format(name: str, text: str) -> None:
    assert sniff_format(text) == name


@pytest.mark.parametrize(("text", "name"), [
    ('{\n  "id": "p1",\n  "title": "Deep Nets"\n}\n', "json"),  # one object over several lines
    ('{"id": "p1", "title": \n', "jsonl"),                       # broken: the JSON Lines reader names the line
    ("  \n[]", "json"),
    ("Title,Abstract\nDeep Nets,We train.\n", "csv"),
    ("name,summary,year\nDeep Nets,We train.,2024\n", "csv"),
    ("Mar 14, 2024\n\nDeep Nets\n\nWe train deep nets.\n", "trending"),
])
def test_sniff_format_edge_cases(text: str, name: str) -> None:
    assert sniff_format(text) == name


def test_sniff_format_of_the_bundled_trending_page() -> None:
    assert sniff_format(default_input().read_text(encoding="utf-8")) == "trending"


@pytest.mark.parametrize(("name", "text"), sorted(SAMPLES.items()))
def test_read_papers_dash_reads_stdin_in_any_format(name: str, text: str, monkeypatch) -> None:
    _feed(monkeypatch, text)
    papers = read_papers("-")
    assert [(p.id, p.title) for p in papers] == [("p1", "Deep Nets"), ("p2", "Wide Nets")]
    assert all(p.source.startswith("<stdin>:") for p in papers)


def test_read_papers_stdin_trending_page_equals_the_file(monkeypatch) -> None:
    _feed(monkeypatch, default_input().read_bytes())
    from_stdin = read_papers("-")
    from_file = read_papers(default_input())
    assert [(p.id, p.title, p.abstract) for p in from_stdin] == [(p.id, p.title, p.abstract) for p in from_file]
    assert from_stdin[0].source == "<stdin>:11"


def test_format_overrides_the_sniffed_one(monkeypatch) -> None:
    _feed(monkeypatch, JSONL)
    with pytest.raises(InputError, match=r"^<stdin>:1: no 'title' column in the header"):
        read_papers("-", format="csv")


def test_unknown_format_for_stdin_is_an_error(monkeypatch) -> None:
    _feed(monkeypatch, JSONL)
    with pytest.raises(InputError, match=r"^<stdin>: unknown format 'xml'; pass --format with one of"):
        read_papers("-", format="xml")


@pytest.mark.parametrize(("data", "message"), [
    (b"", r"^<stdin>: file is empty; give a file with at least one paper"),
    (b"  \n\n", r"^<stdin>: file is empty"),
    (b"\x00\x01binary", r"^<stdin>: looks like a binary file, not papers as text"),
    (b'{"title": "Caf\xe9"}\n', r"^<stdin>:1: not valid UTF-8"),
    (b'{"id": "p1", "title": "Deep Nets"}\n{"id": x}\n', r"^<stdin>:2: not valid JSON \(Expecting value at column 8\)"),
    (b"id,title\np1,\n", r"^<stdin>:2: record has no title"),
])
def test_stdin_errors_name_stdin_and_the_line(data: bytes, message: str, monkeypatch) -> None:
    _feed(monkeypatch, data)
    with pytest.raises(InputError, match=message):
        read_papers("-")


def test_stdin_and_files_together(tmp_path: Path, monkeypatch) -> None:
    file = tmp_path / "more.jsonl"
    file.write_text(json.dumps({"id": "p3", "title": "Tall Nets"}) + "\n", encoding="utf-8")
    _feed(monkeypatch, JSONL)
    assert [p.id for p in read_many([file, "-"])] == ["p3", "p1", "p2"]


def test_stdin_given_twice_is_an_error(monkeypatch) -> None:
    _feed(monkeypatch, JSONL)
    with pytest.raises(InputError, match=re.escape("<stdin>: standard input (-) is given more than once; give - once")):
        read_many(["-", "-"])


def test_read_stdin_reports_an_unreadable_stream() -> None:
    class Broken(io.RawIOBase):
        def read(self, size: int = -1) -> bytes:
            raise OSError(5, "Input/output error")

    with pytest.raises(InputError, match=r"^<stdin>: cannot read standard input \(Input/output error\)"):
        read_stdin(Broken())  # type: ignore[arg-type]
