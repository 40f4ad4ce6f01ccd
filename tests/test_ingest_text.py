"""Regression tests for the inputs the fuzz suite found breaking a build: odd characters, bad URLs, long numbers."""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.errors import InputError, InputWarning
from kg.export.writers import export_bytes
from kg.graph import facts_to_graph
from kg.graph.turtle import turtle_bytes
from kg.ingest.chars import first_unprintable, printable
from kg.ingest.common import build_paper, clean_text
from kg.ingest.csvfile import read_csv
from kg.ingest.jsonl import read_json, read_jsonl
from kg.records import Facts


def at(line: int, problem: str) -> str:
    return re.escape(f"a.jsonl:{line}: {problem}")


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x0b", "\x1b", "\x7f", "\x9f", "\ud800", "\udfff", "\ufdd0",
                                  "\ufffe", "\uffff", "\U0010ffff"])
def test_printable_turns_each_unprintable_character_into_a_space(char: str) -> None:
    assert printable(f"a{char}b") == "a b"
    assert clean_text(f" a{char}{char}b{char}") == "a b"


@pytest.mark.parametrize("text", ["tab\tline\nreturn\r", "\u200b\u202e\u05d0\U0001f600\u0301"])
def test_printable_keeps_whitespace_and_ordinary_unicode(text: str) -> None:
    assert printable(text) == text


def test_free_text_with_controls_builds_a_graph_every_writer_reads() -> None:
    paper = build_paper({"title": "LoRA\x01 on\x7f GSM8K\ufffe", "abstract": "We \ud800 fine-tune\x0b BERT.",
                         "authors": ["Ada\x1b Lovelace"], "date": "2024\x00"}, "a.jsonl", 1)
    assert (paper.title, paper.abstract, paper.authors, paper.date) == (
        "LoRA on GSM8K", "We fine-tune BERT.", ("Ada Lovelace",), "2024")
    from kg.builder.facts import build_facts

    graph = facts_to_graph(build_facts([paper], statistical=False))
    nx.read_graphml(io.BytesIO(export_bytes(graph, "graphml")))
    ox.Store().load(turtle_bytes(graph), format=ox.RdfFormat.TURTLE)


@pytest.mark.parametrize(("value", "char"), [("p\n1", "\\n"), ("p\x01", "\\x01"), ("p\u20281", "\\u2028"),
                                             ("p\ud800", "\\ud800"), ("p\ufffe", "\\ufffe"), ("p\t1", "\\t")])
def test_id_with_an_unprintable_character_is_refused_in_one_line(value: str, char: str) -> None:
    with pytest.raises(InputError, match=at(3, f"field 'id' {value!r} holds the character '{char}'")) as caught:
        build_paper({"id": value, "title": "T"}, "a.jsonl", 3)
    assert "\n" not in str(caught.value)
    assert first_unprintable(value) is not None


@pytest.mark.parametrize("url", ["0", "arxiv.org/abs/2403.01234", "http://a b/", "//host/path", "https://x/<y>"])
def test_url_that_is_not_an_absolute_iri_is_refused(url: str) -> None:
    with pytest.raises(InputError, match=at(2, f"field 'url' {url!r} is not an absolute URL; write it like")):
        build_paper({"title": "T", "url": url}, "a.jsonl", 2)


@pytest.mark.parametrize("url", ["https://arxiv.org/abs/2403.01234", "urn:x:1", "mailto:a@b.c", "https://例え.jp/論文"])
def test_absolute_url_is_kept_and_parses_as_turtle(url: str) -> None:
    paper = build_paper({"id": "p1", "title": "T", "url": url}, "a.jsonl", 1)
    assert paper.url == url
    graph = facts_to_graph(Facts(papers=(paper,), entities=(), links=()))
    ox.Store().load(turtle_bytes(graph), format=ox.RdfFormat.TURTLE)


def test_url_with_a_control_character_is_refused() -> None:
    with pytest.raises(InputError, match=at(1, "field 'url' 'https://a/\\x01' holds the character '\\x01'")):
        build_paper({"title": "T", "url": "https://a/\x01"}, "a.jsonl", 1)


def test_messages_show_odd_values_as_python_strings() -> None:
    with pytest.raises(InputError, match=at(1, "arxiv_id 'x\\ny' is not an arXiv id")):
        build_paper({"title": "T", "arxiv_id": "x\ny"}, "a.jsonl", 1)
    with pytest.raises(InputError, match=at(1, "record has no title (fields present: 'ti\\ntle')")):
        build_paper({"ti\ntle": "T"}, "a.jsonl", 1)


@pytest.mark.parametrize("reader", [read_jsonl, read_json])
def test_number_longer_than_python_reads_is_one_error(reader: object, tmp_path: Path) -> None:
    path = tmp_path / "long.json"
    path.write_text('{"id": %s, "title": "T"}\n' % ("1" * 5000))
    with pytest.raises(InputError, match=re.escape(f"{path}:1: a number has more digits than can be read")):
        list(reader(path))  # type: ignore[operator]


def test_long_number_line_is_counted_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text('{"id": %s, "title": "T"}\n{"id": "p2", "title": "U"}\n' % ("1" * 5000))
    errors: list[InputError] = []
    assert [paper.id for paper in read_jsonl(path, errors.append)] == ["p2"]
    assert [err.line for err in errors] == [1]


@pytest.mark.parametrize(("name", "content"), [("odd.jsonl", '{"title": "T", "ti\\ntle": "x"}\n'),
                                               ("odd.csv", 'title,"ti\nt"\nT,x\n')])
def test_unknown_column_with_a_line_break_is_warned_in_one_line(name: str, content: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(content)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        list((read_csv if name.endswith(".csv") else read_jsonl)(path))
    [warning] = [w for w in caught if issubclass(w.category, InputWarning)]
    assert "\n" not in str(warning.message)
    assert "'ti\\n" in str(warning.message)
