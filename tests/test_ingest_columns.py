"""CSV columns and JSON fields: ``--map FIELD=COLUMN``, and one warning per file for columns that are not fields."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest

from kg.errors import InputError, InputWarning
from kg.ingest import mapped_columns, read_papers
from kg.ingest.columns import FIELDS, parse_column_map, rename_fields, warn_unknown


def test_parse_column_map_reads_pairs() -> None:
    assert parse_column_map(["abstract=summary", " Title = name "]) == {"abstract": "summary", "title": "name"}
    assert parse_column_map([]) == {}


@pytest.mark.parametrize(("pairs", "message"), [
    (["abstract"], r"^--map abstract: is not FIELD=COLUMN; write e\.g\. --map abstract=summary$"),
    (["abstract="], r"^--map abstract=: is not FIELD=COLUMN"),
    (["=summary"], r"^--map =summary: is not FIELD=COLUMN"),
    (["summary=abstract"], "^--map summary=abstract: 'summary' is not a paper field; map one of: "
                           + re.escape(", ".join(FIELDS)) + "$"),
    (["abstract=a", "abstract=b"], r"^--map abstract=b: field 'abstract' is mapped twice; give one --map per field"),
])
def test_parse_column_map_errors(pairs: list[str], message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_column_map(pairs)


def test_rename_fields_mapped_column_wins() -> None:
    record = {"title": "T", "abstract": "old", "summary": "new"}
    assert rename_fields(record, {"abstract": "summary"}) == {"title": "T", "abstract": "new"}
    assert rename_fields(record, {"abstract": "absent"}) == record


def test_warn_unknown_is_quiet_for_known_fields() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert warn_unknown("a.csv", 1, list(FIELDS)) == []


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "papers.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_unknown_column_warns_with_the_map_option(tmp_path: Path) -> None:
    path = _csv(tmp_path, "ID,Title,Summary\np1,Deep Nets,We train deep nets.\n")
    message = re.escape(f"{path}:1: ignored columns that are not paper fields: 'summary' "
                        "(columns seen: id, title, summary); to read one as a field, pass --map abstract=summary")
    with pytest.warns(InputWarning, match=message) as caught:
        (paper,) = read_papers(path)
    assert paper.abstract == "" and len(caught) == 1


def test_csv_map_reads_the_column_and_does_not_warn(tmp_path: Path) -> None:
    path = _csv(tmp_path, "ID,Title,Summary\np1,Deep Nets,We train deep nets.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (paper,) = read_papers(path, columns={"abstract": "SUMMARY"})
    assert paper.abstract == "We train deep nets."


def test_csv_map_replaces_the_fields_own_column(tmp_path: Path) -> None:
    path = _csv(tmp_path, "title,abstract,summary\nDeep Nets,short,long one\n")
    (paper,) = read_papers(path, columns={"abstract": "summary"})
    assert paper.abstract == "long one"


def test_csv_map_title_from_another_column(tmp_path: Path) -> None:
    path = _csv(tmp_path, "name,abstract\nDeep Nets,We train.\n")
    with pytest.raises(InputError, match=r"no 'title' column in the header"):
        read_papers(path)
    (paper,) = read_papers(path, columns={"title": "name"})
    assert paper.title == "Deep Nets"


def test_jsonl_warns_once_per_file_and_map_reads_the_field(tmp_path: Path) -> None:
    path = tmp_path / "papers.jsonl"
    lines = [{"id": f"p{i}", "title": f"Net {i}", "summary": "We train nets."} for i in range(3)]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    with pytest.warns(InputWarning, match=re.escape(f"{path}:1: ignored fields that are not paper fields: "
                                                    "'summary' (fields seen: id, title, summary)")) as caught:
        papers = read_papers(path)
    assert len(caught) == 1 and {p.abstract for p in papers} == {""}
    with mapped_columns({"abstract": "summary"}):
        papers = read_papers(path)
        with pytest.warns(InputWarning, match="'summary'"):  # an explicit mapping wins over the context's
            assert {p.abstract for p in read_papers(path, columns={})} == {""}
    assert {p.abstract for p in papers} == {"We train nets."}


def test_json_array_map(tmp_path: Path) -> None:
    path = tmp_path / "papers.json"
    path.write_text(json.dumps([{"name": "Deep Nets", "text": "We train."}]), encoding="utf-8")
    (paper,) = read_papers(path, columns={"title": "name", "abstract": "text"})
    assert (paper.title, paper.abstract) == ("Deep Nets", "We train.")


def test_map_does_not_apply_to_bibtex(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text("@misc{p1, title = {Deep Nets}, note = {x}}\n", encoding="utf-8")
    (paper,) = read_papers(path, columns={"abstract": "note"})
    assert paper.abstract == ""
