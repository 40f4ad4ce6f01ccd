"""Tests of the trending-papers page reader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest.trending import ABSTRACT_MIN_CHARS, paragraphs, read_trending

CHROME = "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nbyAK and the research community\n\nMar 14\n\n"
FILLER = "We study a method on several benchmarks and report consistent gains over strong baselines. " * 3


def abstract(name: str) -> str:
    """Return an abstract long enough to be told apart from a title."""
    text = f"{name} is proposed here. {FILLER}".strip()
    assert len(text) >= ABSTRACT_MIN_CHARS
    return text


def write(tmp_path: Path, text: str) -> Path:
    """Write ``text`` to ``tmp_path / page.txt`` and return the path."""
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_paragraphs_number_each_paragraph_by_its_first_line() -> None:
    text = "\n\n a \n b\n\n\n\nc\n  \nd"
    assert paragraphs(text) == [(3, "a b"), (8, "c"), (10, "d")]


@pytest.mark.parametrize("chrome", [CHROME, "", "Trending\n\n", "Mar 14\n\n\n\n"])
def test_read_trending_skips_chrome(tmp_path: Path, chrome: str) -> None:
    text = chrome + f"Deep Nets\n\n{abstract('DeepNet')}\n\nWide Nets\n\n{abstract('WideNet')}\n"
    path = write(tmp_path, text)
    first = chrome.count("\n") + 1
    papers = list(read_trending(path))
    assert [(p.id, p.title, p.source) for p in papers] == [
        ("deep-nets", "Deep Nets", f"{path}:{first}"),
        ("wide-nets", "Wide Nets", f"{path}:{first + 4}"),
    ]
    assert papers[1].abstract == abstract("WideNet")


def test_read_trending_title_without_abstract_keeps_paper(tmp_path: Path) -> None:
    text = CHROME + f"Deep Nets\n\n{abstract('DeepNet')}\n\nShort Nets\n\nWide Nets\n\n{abstract('Wide')}\n\nLast One"
    papers = list(read_trending(write(tmp_path, text)))
    assert [(p.title, bool(p.abstract)) for p in papers] == [
        ("Deep Nets", True),
        ("Short Nets", False),
        ("Wide Nets", True),
        ("Last One", False),
    ]
    assert papers[-1].abstract == ""


def test_read_trending_joins_wrapped_lines_and_normalises_whitespace(tmp_path: Path) -> None:
    text = "Deep   Nets\r\n\r\n" + abstract("Deep").replace(" here. ", " here.\n   ") + "\r\n"
    (paper,) = read_trending(write(tmp_path, text))
    assert (paper.title, paper.abstract) == ("Deep Nets", abstract("Deep"))


def test_read_trending_abstract_without_title_raises(tmp_path: Path) -> None:
    text = f"Deep Nets\n\n{abstract('Deep')}\n\n{abstract('Orphan')}\n\nWide Nets\n\n{abstract('Wide')}\n"
    path = write(tmp_path, text)
    problem = "abstract paragraph with no title line before it; write each paper as its title line"
    with pytest.raises(InputError, match="^" + re.escape(f"{path}:5: {problem}")):
        list(read_trending(path))


def test_read_trending_abstract_without_title_goes_to_on_error(tmp_path: Path) -> None:
    text = f"Deep Nets\n\n{abstract('Deep')}\n\n{abstract('Orphan')}\n\nWide Nets\n\n{abstract('Wide')}\n"
    errors: list[InputError] = []
    papers = list(read_trending(write(tmp_path, text), errors.append))
    assert [paper.title for paper in papers] == ["Deep Nets", "Wide Nets"]
    assert [err.line for err in errors] == [5]


@pytest.mark.parametrize("text", ["Deep Nets\n\nWide Nets\n", "Subscribe\n", abstract("Only") + "\n"])
def test_read_trending_no_paper_raises(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    problem = "found no paper: no title line followed by an abstract paragraph"
    with pytest.raises(InputError, match="^" + re.escape(f"{path}: {problem}")):
        list(read_trending(path, [].append))


def test_read_trending_same_title_twice_gets_same_id(tmp_path: Path) -> None:
    text = f"Deep Nets\n\n{abstract('A')}\n\nDeep  nets\n\n{abstract('B')}\n"
    assert [paper.id for paper in read_trending(write(tmp_path, text))] == ["deep-nets", "deep-nets"]
