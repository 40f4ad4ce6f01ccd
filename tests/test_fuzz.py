"""Fuzzing the readers and the build: random and mutated files of every format, random Unicode and ids.

Each input either builds a graph that Oxigraph parses and that conforms to
the shapes, or stops with one ``path:line`` message; every record read is a
paper or a counted error. Examples are derandomized (the same ones every
run) and bounded, and the pipeline is loaded once, so the suite runs in
well under a minute.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.builder.facts import build_facts
from kg.builder.limits import DEFAULT_MAX_CHARS, limit_lengths
from kg.cli import cli
from kg.errors import InputError
from kg.graph import facts_to_graph, validate
from kg.graph.turtle import turtle_bytes
from kg.ingest import READERS
from kg.ingest.common import drop_duplicates
from kg.ingest.files import check_file

FUZZ = settings(derandomize=True, max_examples=40, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])
SUFFIX = {"jsonl": ".jsonl", "json": ".json", "csv": ".csv", "bibtex": ".bib", "trending": ".txt"}
ODD = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9f\u200b\u200c\u200d\u2060\ufeff\u202e\u202d\u061c\u05d0\u0627\ufffe\uffff" \
      "\ud800\udfff\U0001f600\u0301{}\\\"',;@=#%\n\r\t "
WORDS = ["LoRA", "GSM8K", "LLaMA-2-70B", "BERT", "ImageNet", "transformer", "we", "propose", "fine-tune", "on",
         "evaluate", "reasoning", "dataset", "model", "the", "a", "of", "."]
text = st.one_of(
    st.text(alphabet=st.sampled_from(ODD) | st.characters(), max_size=60),
    st.lists(st.sampled_from(WORDS) | st.text(alphabet=st.sampled_from(ODD), max_size=3), max_size=40).map(" ".join),
)
ids = st.one_of(st.none(), st.text(max_size=20), st.text(alphabet=st.sampled_from(ODD), max_size=5),
                st.sampled_from(["2403.01234", "2403.01234v2", "hep-th/9901001", "arXiv:2403.0", "p1", "p1", " "]),
                st.integers(-10, 10**12))
records = st.lists(st.fixed_dictionaries({"id": ids, "title": st.one_of(text, st.none()), "abstract": text},
                                         optional={"authors": st.one_of(text, st.lists(text, max_size=3)),
                                                   "date": st.one_of(text, st.integers(0, 3000)),
                                                   "url": st.one_of(text, st.just("https://arxiv.org/abs/2403.01234")),
                                                   "arxiv_id": text}), min_size=1, max_size=6)


def encode(value: str) -> bytes:
    return value.encode("utf-8", errors="surrogatepass")  # a lone surrogate makes the file invalid UTF-8


def as_text(value: object) -> str:
    if isinstance(value, list):
        return " and ".join(map(str, value))
    return "" if value is None else str(value)


def write(fmt: str, rows: list[dict[str, object]]) -> bytes:
    """Write ``rows`` as a file of format ``fmt``."""
    if fmt == "jsonl":
        return b"".join(json.dumps(row).encode() + b"\n" for row in rows)
    if fmt == "json":
        return json.dumps(rows, indent=1, ensure_ascii=False).encode("utf-8", errors="surrogatepass")
    if fmt == "csv":
        out = io.StringIO()
        names = sorted({key for row in rows for key in row})
        writer = csv.writer(out)
        writer.writerow(names)
        writer.writerows([as_text(row.get(name)) for name in names] for row in rows)
        return encode(out.getvalue())
    if fmt == "bibtex":
        entries = []
        for number, row in enumerate(rows):
            fields = ",\n".join(f"  {'author' if k == 'authors' else k} = {{{as_text(v)}}}"
                                for k, v in row.items() if k != "id")
            entries.append(f"@article{{{as_text(row.get('id')) or f'key{number}'},\n{fields}\n}}\n")
        return encode("\n".join(entries))
    blocks = ["new", "Subscribe"]  # a trending page: title, blank line, abstract
    for row in rows:
        blocks += [as_text(row.get("title")), (as_text(row.get("abstract")) + " filler") * 25]
    return encode("\n\n".join(blocks) + "\n")


def mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Apply (kind, position, bytes) edits: 0 deletes, 1 inserts, 2 overwrites, 3 duplicates a stretch."""
    for kind, position, chunk in edits:
        at = position % (len(data) + 1)
        if kind == 0:
            data = data[:at] + data[at + len(chunk) + 1:]
        elif kind == 1:
            data = data[:at] + chunk + data[at:]
        elif kind == 2:
            data = data[:at] + chunk + data[at + len(chunk):]
        else:
            data = data[:at] + data[at:at + 40] * 3 + data[at:]
    return data


edits = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 10**6),
                           st.binary(max_size=4) | st.sampled_from([b"{", b"}", b"[", b"\"", b",", b"\n", b"\\",
                                                                    b"@", b"\xff", b"\x00", b"\n\n"])),
                 min_size=1, max_size=5)


def one_line(err: InputError, path: Path) -> None:
    """An input error names the file (and line), what is wrong and the fix, on one line."""
    message = str(err)
    assert "\n" not in message and "\r" not in message, message
    assert re.match(rf"{re.escape(str(path))}(:\d+)?: .+; .+", message), message


def run(path: Path, fmt: str, count: int | None) -> None:
    """Read ``path`` and build its graph; check the outcome."""
    errors: list[InputError] = []
    try:
        check_file(path)
        raw = list(READERS[fmt](path, errors.append))
    except InputError as err:
        one_line(err, path)
        return
    for err in errors:
        one_line(err, path)
    if count is not None:
        assert len(raw) + len(errors) == count, (len(raw), [str(e) for e in errors])
    papers = limit_lengths(drop_duplicates(raw, errors.append), DEFAULT_MAX_CHARS, errors.append)
    graph = facts_to_graph(build_facts(papers))
    store = ox.Store()
    store.load(turtle_bytes(graph), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(graph)
    if papers:
        result = validate(graph)
        assert result.conforms, result.text


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "bibtex", "trending"])
@FUZZ
@given(rows=records)
def test_random_records(fmt: str, rows: list[dict[str, object]], tmp_path: Path) -> None:
    path = tmp_path / f"papers{SUFFIX[fmt]}"
    path.write_bytes(write(fmt, rows))
    run(path, fmt, len(rows) if fmt in ("jsonl", "json") else None)


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "bibtex", "trending"])
@FUZZ
@given(rows=records, changes=edits)
def test_mutated_files(fmt: str, rows: list[dict[str, object]], changes: list[tuple[int, int, bytes]],
                       tmp_path: Path) -> None:
    path = tmp_path / f"papers{SUFFIX[fmt]}"
    path.write_bytes(mutate(write(fmt, rows), changes))
    run(path, fmt, None)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "bibtex"])
def test_cli_builds_or_stops_in_one_line(fmt: str, tmp_path: Path) -> None:
    """A handful of whole `kg build` runs, every export written, on the oddest characters."""
    rows: list[dict[str, object]] = [
        {"id": "odd-1", "title": "LoRA\u200b on GSM8K\x01\u202e", "abstract": "We fine-tune LLaMA-2 \x0b\x7f\ufffe\x9f."},
        {"id": "odd-2", "title": "\u05d0\u05d1 BERT\ufeff", "abstract": "\U0001f600 ImageNet\u0301 \x1b[31m red"},
    ]
    path = tmp_path / f"odd{SUFFIX[fmt]}"
    path.write_bytes(write(fmt, rows))
    result = CliRunner().invoke(cli, ["build", str(path), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    for name in ("graph.ttl", "graph.nt", "graph.jsonld", "graph.graphml", "edges.csv", "graph.html"):
        assert (tmp_path / "out" / name).stat().st_size > 0
    import networkx as nx

    assert nx.read_graphml(tmp_path / "out" / "graph.graphml").number_of_nodes() > 2
