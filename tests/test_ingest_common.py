"""Tests of the shared record logic: field validation, ids, arXiv ids, authors, duplicates."""

from __future__ import annotations

import re

import pytest

from kg.errors import InputError
from kg.ingest.common import (
    arxiv_id_from_url,
    build_paper,
    clean_text,
    default_input,
    drop_duplicates,
    normalise_arxiv_id,
    report,
    split_authors,
)
from kg.records import Paper


def at(line: int, text: str) -> str:
    """Return a ``match=`` pattern for an error at ``in.jsonl:line`` starting with ``text``."""
    return "^" + re.escape(f"in.jsonl:{line}: {text}")


def test_default_input_is_the_bundled_sample() -> None:
    path = default_input()
    assert path.is_file()
    assert path.read_text(encoding="utf-8").startswith("new\n")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"id": " p1 ", "title": "T", "arxiv_id": "2403.01234"}, "p1"),
        ({"id": "", "title": "T", "arxiv_id": "2403.01234"}, "2403.01234"),
        ({"title": "T", "arxiv_id": "arXiv:2403.01234v2"}, "2403.01234v2"),
        ({"title": "T", "url": "https://arxiv.org/abs/2403.01234v3"}, "2403.01234v3"),
        ({"title": "T", "url": "http://arxiv.org/pdf/hep-th/9901001v1.pdf"}, "hep-th/9901001v1"),
        ({"title": "LLaMA-2: Open Models", "url": "https://example.org/llama"}, "llama-2-open-models"),
    ],
)
def test_build_paper_derives_id(fields: dict[str, object], expected: str) -> None:
    assert build_paper(fields, "in.jsonl", 1).id == expected


def test_build_paper_keeps_fields() -> None:
    fields = {
        "id": "p1",
        "title": "  Deep\n\tNets  ",
        "abstract": " We  train\n nets. ",
        "authors": ["Ada Lovelace", " Alan  Turing ", ""],
        "date": " 2024-03-14 ",
        "url": "https://arxiv.org/abs/2403.01234",
        "extra": 42,
    }
    assert build_paper(fields, "in.jsonl", 7) == Paper(
        id="p1",
        title="Deep Nets",
        abstract="We train nets.",
        authors=("Ada Lovelace", "Alan Turing"),
        date="2024-03-14",
        url="https://arxiv.org/abs/2403.01234",
        arxiv_id="2403.01234",
        source="in.jsonl:7",
    )


@pytest.mark.parametrize("abstract", [None, "", "   "])
def test_build_paper_empty_abstract_keeps_paper(abstract: str | None) -> None:
    paper = build_paper({"title": "Deep Nets", "abstract": abstract}, "in.jsonl", 1)
    assert (paper.title, paper.abstract) == ("Deep Nets", "")


def test_build_paper_arxiv_id_without_url_leaves_url_empty() -> None:
    paper = build_paper({"title": "T", "arxiv_id": "2403.01234"}, "in.jsonl", 1)
    assert (paper.arxiv_id, paper.url) == ("2403.01234", None)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"abstract": "Text."}, "record has no title (fields present: abstract)"),
        ({"title": None}, "record has no title (fields present: title)"),
        ({"id": "p9", "title": "  \n"}, "record has no title (id 'p9') (fields present: id, title)"),
        ({}, "record has no title (fields present: none)"),
    ],
)
def test_build_paper_missing_title_raises(fields: dict[str, object], problem: str) -> None:
    with pytest.raises(InputError, match=at(3, problem + "; give every record a non-empty title")):
        build_paper(fields, "in.jsonl", 3)


@pytest.mark.parametrize(("name", "value"), [("id", 17), ("date", 2024)])
def test_build_paper_takes_whole_numbers_as_text_for_id_and_date(name: str, value: int) -> None:
    paper = build_paper({"title": "Deep Nets", name: value}, "in.jsonl", 2)
    assert getattr(paper, name) == str(value)


@pytest.mark.parametrize(
    ("name", "value", "kind"),
    [
        ("title", 42, "a number (42)"),
        ("title", ["Deep", "Nets"], "an array (['Deep', 'Nets'])"),
        ("abstract", {"text": "x"}, "an object ({'text': 'x'})"),
        ("id", 7.5, "a number (7.5)"),
        ("date", 2024.0, "a number (2024.0)"),
        ("id", True, "a boolean (True)"),
        ("url", True, "a boolean (True)"),
        ("arxiv_id", 2403.01234, "a number (2403.01234)"),
    ],
)
def test_build_paper_non_string_field_raises(name: str, value: object, kind: str) -> None:
    fields = {"title": "Deep Nets", name: value}
    problem = f"field '{name}' is {kind}, not a string; write it as a string"
    with pytest.raises(InputError, match=at(2, problem)):
        build_paper(fields, "in.jsonl", 2)


@pytest.mark.parametrize(
    ("authors", "problem"),
    [
        (3, "field 'authors' is a number, not a list of strings"),
        ({"name": "Ada"}, "field 'authors' is an object, not a list of strings"),
        (["Ada", 3], "field 'authors' item 2 is a number, not a string"),
        (["Ada", None], "field 'authors' item 2 is null, not a string"),
    ],
)
def test_build_paper_bad_authors_raises(authors: object, problem: str) -> None:
    with pytest.raises(InputError, match=at(2, problem + "; write authors as a list of strings")):
        build_paper({"title": "Deep Nets", "authors": authors}, "in.jsonl", 2)


def test_build_paper_bad_arxiv_id_raises() -> None:
    with pytest.raises(InputError, match=at(5, "arxiv_id 'arXiv:soon' is not an arXiv id; write it like")):
        build_paper({"title": "Deep Nets", "arxiv_id": "arXiv:soon"}, "in.jsonl", 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2403.01234", "2403.01234"),
        ("2403.0123", "2403.0123"),
        ("ARXIV: 2403.01234v12", "2403.01234v12"),
        ("math.GT/0309136", "math.GT/0309136"),
        ("math/0309136v1", "math/0309136v1"),
        ("cs/0309136v2", "cs/0309136v2"),
        ("2403.01234 extra", None),
        ("10.1000/xyz", None),
    ],
)
def test_normalise_arxiv_id_accepts_arxiv_forms(text: str, expected: str | None) -> None:
    assert normalise_arxiv_id(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://arxiv.org/abs/2403.01234", "2403.01234"),
        ("https://www.arxiv.org/html/2403.01234v1", "2403.01234v1"),
        ("https://arxiv.org/list/cs.LG/recent", None),
        ("https://huggingface.co/papers/2403.01234", None),
        ("https://arxiv.org/abs/2403.012345", None),
    ],
)
def test_arxiv_id_from_url_reads_abs_and_pdf_links(url: str, expected: str | None) -> None:
    assert arxiv_id_from_url(url) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ada Lovelace", ("Ada Lovelace",)),
        ("Ada Lovelace, Alan Turing, and Grace Hopper", ("Ada Lovelace", "Alan Turing", "Grace Hopper")),
        ("Ada Lovelace and Alexander Anand", ("Ada Lovelace", "Alexander Anand")),
        ("Lovelace, Ada;  Turing, Alan ;", ("Lovelace, Ada", "Turing, Alan")),
        (" , ", ()),
    ],
)
def test_split_authors_splits_on_commas_and_semicolons(text: str, expected: tuple[str, ...]) -> None:
    assert split_authors(text) == expected


def test_clean_text_collapses_unicode_whitespace() -> None:
    assert clean_text("\u00a0Deep\u2003 Nets\n") == "Deep Nets"


def test_report_raises_without_on_error() -> None:
    with pytest.raises(InputError, match=re.escape("a.csv:2: record has no title; add one")):
        report(InputError("a.csv", 2, "record has no title", "add one"), None)


def test_drop_duplicates_keeps_first_of_exact_copies() -> None:
    papers = [
        Paper("p1", "Deep Nets", "A.", source="a.jsonl:1"),
        Paper("p2", "Wide Nets", source="a.jsonl:2"),
        Paper("p1", "Deep Nets", "A.", authors=("Ada",), source="b.jsonl:1"),
    ]
    assert [paper.source for paper in drop_duplicates(papers)] == ["a.jsonl:1", "a.jsonl:2"]


@pytest.mark.parametrize(
    "second",
    [
        Paper("p1", "Deep Nets!", "A.", source="dir:v2/b.jsonl:9"),
        Paper("p1", "Deep Nets", "B.", source="dir:v2/b.jsonl:9"),
    ],
)
def test_drop_duplicates_reused_id_raises(second: Paper) -> None:
    first = Paper("p1", "Deep Nets", "A.", source="a.jsonl:1")
    problem = "dir:v2/b.jsonl:9: duplicate id 'p1': the paper at a.jsonl:1 has the same id"
    with pytest.raises(InputError, match="^" + re.escape(problem)) as caught:
        drop_duplicates([first, second])
    assert (caught.value.path, caught.value.line) == ("dir:v2/b.jsonl", 9)


def test_drop_duplicates_reports_to_on_error() -> None:
    errors: list[InputError] = []
    papers = [Paper("p1", "A", source="a.jsonl:1"), Paper("p1", "B", source="a.jsonl:2")]
    assert drop_duplicates(papers, errors.append) == papers[:1]
    assert [err.line for err in errors] == [2]
