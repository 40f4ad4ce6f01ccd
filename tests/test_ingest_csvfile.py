"""Tests of the CSV reader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import InputError, InputWarning
from kg.ingest.csvfile import read_csv


def write(tmp_path: Path, text: str) -> Path:
    """Write ``text`` to ``tmp_path / papers.csv`` and return the path."""
    path = tmp_path / "papers.csv"
    path.write_text(text, encoding="utf-8", newline="")
    return path


def at(path: Path, line: int, text: str) -> str:
    """Return a ``match=`` pattern for an error at ``path:line`` starting with ``text``."""
    return "^" + re.escape(f"{path}:{line}: {text}")


@pytest.mark.parametrize("header", ["id,title,abstract,authors", " ID , Title ,ABSTRACT,Authors"])
def test_read_csv_header_names_are_case_insensitive(tmp_path: Path, header: str) -> None:
    path = write(tmp_path, f"{header}\np1,Deep Nets,We train.,Ada Lovelace; Alan Turing;\n")
    (paper,) = read_csv(path)
    assert (paper.id, paper.title, paper.abstract) == ("p1", "Deep Nets", "We train.")
    assert paper.authors == ("Ada Lovelace", "Alan Turing")


def test_read_csv_columns_in_any_order_and_unknown_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, "venue,url,title\nICML,https://arxiv.org/abs/2403.01234,Deep Nets\n")
    with pytest.warns(InputWarning, match=r"papers\.csv:1: ignored columns that are not paper fields: 'venue'"):
        (paper,) = read_csv(path)
    assert (paper.id, paper.arxiv_id, paper.date) == ("2403.01234", "2403.01234", None)


def test_read_csv_lines_are_physical_lines(tmp_path: Path) -> None:
    text = 'title,abstract\r\n\r\n"Deep Nets","We train\r\nnets, deep ones."\r\n,\r\nWide Nets,\r\n'
    path = write(tmp_path, text)
    papers = list(read_csv(path))
    assert [(p.title, p.abstract, p.source) for p in papers] == [
        ("Deep Nets", "We train nets, deep ones.", f"{path}:3"),
        ("Wide Nets", "", f"{path}:6"),
    ]


def test_read_csv_short_row_leaves_columns_empty(tmp_path: Path) -> None:
    (paper,) = read_csv(write(tmp_path, "title,abstract,authors,date\nDeep Nets\n"))
    assert (paper.abstract, paper.authors, paper.date) == ("", (), None)


@pytest.mark.parametrize(
    ("text", "line", "found"),
    [
        ("id,name,abstract\np1,Deep Nets,x\n", 1, "'id', 'name', 'abstract'"),
        ("\n\nID, Titel\np1,Deep Nets\n", 3, "'ID', 'Titel'"),
        ("Deep Nets,We train.\n", 1, "'Deep Nets', 'We train.'"),
    ],
)
def test_read_csv_missing_title_column_raises(tmp_path: Path, text: str, line: int, found: str) -> None:
    path = write(tmp_path, text)
    problem = f"no 'title' column in the header (columns found: {found}); start the file with a header row"
    with pytest.raises(InputError, match=at(path, line, problem)):
        list(read_csv(path, [].append))


def test_read_csv_extra_cells_raise(tmp_path: Path) -> None:
    path = write(tmp_path, "id,title\np1,Deep, Wide Nets\n")
    problem = "row has 3 cells but the header has 2 columns; put double quotes around cells"
    with pytest.raises(InputError, match=at(path, 2, problem)):
        list(read_csv(path))


def test_read_csv_empty_title_raises(tmp_path: Path) -> None:
    path = write(tmp_path, "id,title\np1,Deep Nets\np2,  \n")
    with pytest.raises(InputError, match=at(path, 3, "record has no title (id 'p2') (fields present: id)")):
        list(read_csv(path))


def test_read_csv_bad_rows_go_to_on_error(tmp_path: Path) -> None:
    path = write(tmp_path, "id,title\np1,\np2,Deep Nets\np3,a,b\np4,Wide Nets\n")
    errors: list[InputError] = []
    papers = list(read_csv(path, errors.append))
    assert [paper.id for paper in papers] == ["p2", "p4"]
    assert [err.line for err in errors] == [2, 4]


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('id,title\np1,"Deep Nets\np2,Wide Nets\n', 2, "unexpected end of data"),
        ('id,title\np1,Deep Nets\np2,"Wide" Nets\n', 3, "',' expected after '\"'"),
    ],
)
def test_read_csv_broken_quoting_raises(tmp_path: Path, text: str, line: int, reason: str) -> None:
    path = write(tmp_path, text)
    problem = f"cannot parse this CSV row ({reason}); close every quoted cell"
    with pytest.raises(InputError, match=at(path, line, problem)):
        list(read_csv(path, [].append))


def test_read_csv_header_only_gives_no_papers(tmp_path: Path) -> None:
    assert list(read_csv(write(tmp_path, "id,title,abstract\n"))) == []
