"""Tests of the BibTeX reader."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import read_papers
from kg.ingest.bibtex import detex, read_bibtex, split_names

BLOCK_FIX = "check this entry's braces, quotes and commas"


def write(tmp_path: Path, text: str) -> Path:
    """Write ``text`` to ``tmp_path / refs.bib`` and return the path."""
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    return path


def at(path: Path, line: int | None, text: str) -> str:
    """Return a ``match=`` pattern for an error at ``path:line`` starting with ``text``."""
    where = f"{path}:{line}" if line is not None else str(path)
    return "^" + re.escape(f"{where}: {text}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{BERT}: Pre-training of {D}eep Transformers", "BERT: Pre-training of Deep Transformers"),
        (r"Q\&A at 50\% with \textit{small}~models", "Q&A at 50% with small models"),
        (r"G{\"o}del, Escher, {\'E}cole, \^{o}, \~n", "Gödel, Escher, École, ô, ñ"),
        ("  multi\n   line\ttitle ", "multi line title"),
        (r"$\alpha$-nets", r"$\alpha$-nets"),
    ],
)
def test_detex_gives_plain_text(text: str, expected: str) -> None:
    assert detex(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ada Lovelace and Alan Turing", ["Ada Lovelace", "Alan Turing"]),
        ("Lovelace, Ada AND Turing, Alan", ["Ada Lovelace", "Alan Turing"]),
        ("King, Jr, Martin", ["Martin King Jr"]),
        ("{Google DeepMind and Friends} and G{\\\"o}del, Kurt", ["Google DeepMind and Friends", "Kurt Gödel"]),
        ("Ada Lovelace and others", ["Ada Lovelace"]),
        ("", []),
    ],
)
def test_split_names_orders_first_name_first(text: str, expected: list[str]) -> None:
    assert split_names(text) == expected


def test_read_bibtex_reads_entry_fields(tmp_path: Path) -> None:
    text = """@string{conf = "ICML"}
@inproceedings{Lovelace2024Deep,
  title = {{Deep} Nets},
  booktitle = conf,
  author = {Lovelace, Ada and Alan Turing},
  year = 2024,
  doi = {10.1000/deep},
  abstract = {We train
              deep nets.},
}
"""
    path = write(tmp_path, text)
    (paper,) = read_bibtex(path)
    assert (paper.id, paper.title, paper.abstract) == ("Lovelace2024Deep", "Deep Nets", "We train deep nets.")
    assert (paper.authors, paper.date) == (("Ada Lovelace", "Alan Turing"), "2024")
    assert (paper.url, paper.arxiv_id, paper.source) == ("https://doi.org/10.1000/deep", None, f"{path}:2")


@pytest.mark.parametrize(
    ("fields", "arxiv_id"),
    [
        ("eprint = {2403.01234v2}, archivePrefix = {arXiv}", "2403.01234v2"),
        ("eprint = {arXiv:2403.01234}", "2403.01234"),
        ("eprint = {hal-01234567}", None),
        ("journal = {arXiv preprint arXiv:2403.01234}", "2403.01234"),
        ("note = {arXiv: 2403.01234.}", "2403.01234"),
        ("url = {https://arxiv.org/abs/2403.01234}", "2403.01234"),
    ],
)
def test_read_bibtex_finds_arxiv_id(tmp_path: Path, fields: str, arxiv_id: str | None) -> None:
    (paper,) = read_bibtex(write(tmp_path, f"@misc{{key, title = {{Deep Nets}}, {fields}}}\n"))
    assert (paper.id, paper.arxiv_id) == ("key", arxiv_id)


def test_read_bibtex_empty_key_falls_back_to_arxiv_id(tmp_path: Path) -> None:
    (paper,) = read_bibtex(write(tmp_path, "@misc{, title = {Deep Nets}, eprint = {2403.01234}}\n"))
    assert paper.id == "2403.01234"


def test_read_bibtex_bad_arxiv_eprint_raises(tmp_path: Path) -> None:
    path = write(tmp_path, "\n@misc{key, title = {Deep Nets}, eprint = {soon}, archivePrefix = {arXiv}}\n")
    problem = "entry 'key' has archivePrefix arXiv but eprint 'soon' is not an arXiv id"
    with pytest.raises(InputError, match=at(path, 2, problem)):
        list(read_bibtex(path))


def test_read_bibtex_entry_without_title_raises(tmp_path: Path) -> None:
    path = write(tmp_path, "@misc{a, title = {Deep Nets}}\n\n@misc{b, author = {Ada Lovelace}}\n")
    with pytest.raises(InputError, match=at(path, 3, "record has no title (id 'b') (fields present: authors, id)")):
        list(read_bibtex(path))


def test_read_bibtex_unparsable_block_raises(tmp_path: Path) -> None:
    path = write(tmp_path, "@misc{a, title = {Deep Nets}}\n\n@misc{b title = {Wide Nets}}\n")
    problem = "cannot parse this BibTeX block (Expected comma after entry key, but found =)"
    with pytest.raises(InputError, match=at(path, 3, f"{problem}; {BLOCK_FIX}")):
        list(read_bibtex(path))


def test_read_bibtex_field_given_twice_raises(tmp_path: Path) -> None:
    path = write(tmp_path, "@misc{a,\n title = {Deep Nets},\n title = {Wide Nets}\n}\n")
    with pytest.raises(InputError, match=at(path, 1, "entry 'a' has the field title twice; keep one of them")):
        list(read_bibtex(path))


def test_read_bibtex_bad_blocks_go_to_on_error(tmp_path: Path) -> None:
    text = (
        "@misc{a, title = {Deep Nets}}\n"
        "@misc{b, title = {Broken\n"
        "@misc{c, title = {Wide Nets}}\n"
        "@misc{d, year = 2024}\n"
        "@misc{e, title = {Tall Nets}}\n"
    )
    errors: list[InputError] = []
    papers = list(read_bibtex(write(tmp_path, text), errors.append))
    assert [paper.id for paper in papers] == ["a", "c", "e"]
    assert [err.line for err in errors] == [2, 4]
    assert "cannot parse this BibTeX block (Unexpected block start: `@misc`" in str(errors[0])


def test_read_bibtex_mutes_parser_warnings(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path, "@misc{a, title = {Deep Nets}}\n@misc{b title = {X}}\n")
    with caplog.at_level(logging.DEBUG):
        assert [paper.id for paper in read_bibtex(path, [].append)] == ["a"]
    assert caplog.records == []
    assert logging.getLogger("bibtexparser.splitter").filters == []


@pytest.mark.parametrize("text", ["% only a comment\n", "@string{x = {y}}\n@preamble{ {hi} }\n", "just words\n"])
def test_read_bibtex_no_entry_raises(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError, match=at(path, None, "found no BibTeX entry; give a .bib file with entries")):
        list(read_bibtex(path, [].append))


def test_read_papers_bibtex_exact_duplicate_key_kept_once(tmp_path: Path) -> None:
    entry = "@misc{a, title = {Deep Nets}}\n"
    path = write(tmp_path, entry + entry)
    assert [paper.source for paper in read_papers(path)] == [f"{path}:1"]


def test_read_papers_bibtex_duplicate_key_other_content_raises(tmp_path: Path) -> None:
    path = write(tmp_path, "@misc{a, title = {Deep Nets}}\n@misc{a, title = {Wide Nets}}\n")
    with pytest.raises(InputError, match=at(path, 2, f"duplicate id 'a': the paper at {path}:1 has the same id")):
        read_papers(path)
