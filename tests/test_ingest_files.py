"""Tests of the file-level checks every reader runs: missing, directory, empty, binary, encoding."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import read_papers
from kg.ingest.files import check_file, read_text

EXTENSIONS = ["txt", "jsonl", "json", "csv", "bib"]


def at(path: Path, line: int | None, text: str) -> str:
    """Return a ``match=`` pattern for an error at ``path:line`` starting with ``text``."""
    where = f"{path}:{line}" if line is not None else str(path)
    return "^" + re.escape(f"{where}: {text}")


def test_check_file_returns_path(tmp_path: Path) -> None:
    path = tmp_path / "papers.jsonl"
    path.write_text("{}\n")
    assert check_file(str(path)) == path


@pytest.mark.parametrize("extension", EXTENSIONS)
def test_read_papers_missing_file_raises(tmp_path: Path, extension: str) -> None:
    path = tmp_path / f"papers.{extension}"
    with pytest.raises(InputError, match=at(path, None, "no such file; check the path")):
        read_papers(path, on_error=[].append)


@pytest.mark.parametrize("extension", EXTENSIONS)
def test_read_papers_directory_raises(tmp_path: Path, extension: str) -> None:
    path = tmp_path / f"papers.{extension}"
    path.mkdir()
    with pytest.raises(InputError, match=at(path, None, "is a directory, not a file; give the path of a file")):
        read_papers(path)


@pytest.mark.parametrize("extension", EXTENSIONS)
@pytest.mark.parametrize("content", [b"", b"  \n\n\t\r\n", codecs.BOM_UTF8 + b"\n"])
def test_read_papers_empty_file_raises(tmp_path: Path, extension: str, content: bytes) -> None:
    path = tmp_path / f"papers.{extension}"
    path.write_bytes(content)
    with pytest.raises(InputError, match=at(path, None, "file is empty; give a file with at least one paper")):
        read_papers(path, on_error=[].append)


@pytest.mark.parametrize(
    ("extension", "what"),
    [
        ("txt", "the text of a trending-papers page"),
        ("jsonl", "a JSON Lines file"),
        ("json", "a JSON file"),
        ("csv", "a CSV file"),
        ("bib", "a BibTeX file"),
    ],
)
def test_read_papers_binary_file_raises(tmp_path: Path, extension: str, what: str) -> None:
    path = tmp_path / f"papers.{extension}"
    path.write_bytes(b"PK\x03\x04\x00\x00binary zip-like content")
    with pytest.raises(InputError, match=at(path, None, f"looks like a binary file, not {what}")):
        read_papers(path, on_error=[].append)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_read_text_utf16_raises(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "papers.jsonl"
    text = '{"title": "Deep Nets"}\n'
    path.write_bytes((codecs.BOM_UTF16_BE if encoding == "utf-16-be" else b"") + text.encode(encoding))
    with pytest.raises(InputError, match=at(path, None, "is UTF-16 encoded, not UTF-8; save the file as UTF-8")):
        read_text(path, "a JSON Lines file")


@pytest.mark.parametrize(
    ("content", "line", "offset", "byte"),
    [
        (b"caf\xe9\n", 1, 3, "e9"),
        (b'{"title": "ok"}\n{"title": "Caf\xe9"}\n', 2, 30, "e9"),
        (codecs.BOM_UTF8 + b"one\r\ntwo\r\n\xff\n", 3, 13, "ff"),
    ],
)
def test_read_text_non_utf8_names_line_and_offset(
    tmp_path: Path, content: bytes, line: int, offset: int, byte: str
) -> None:
    path = tmp_path / "papers.jsonl"
    path.write_bytes(content)
    problem = f"not valid UTF-8: byte 0x{byte} at byte offset {offset} cannot be decoded; save the file as UTF-8"
    with pytest.raises(InputError, match=at(path, line, problem) + "$"):
        read_papers(path, on_error=[].append)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (codecs.BOM_UTF8 + b"Deep Nets\n", "Deep Nets\n"),
        (b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n"),
        ("Gödel ≠ Escher\n".encode(), "Gödel ≠ Escher\n"),
    ],
)
def test_read_text_decodes_utf8(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "papers.txt"
    path.write_bytes(content)
    assert read_text(path, "a text file") == expected


def test_read_papers_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "papers.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"Title,ID\nDeep Nets,p1\n")
    assert [(paper.id, paper.title) for paper in read_papers(path)] == [("p1", "Deep Nets")]


def test_read_text_unreadable_file_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "papers.jsonl"
    path.write_text("{}\n")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match=at(path, None, "cannot read the file (Permission denied); check")):
        read_text(path, "a JSON Lines file")
