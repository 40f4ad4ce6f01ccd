"""Fuzzing the readers and the build: random and mutated files of every format, random Unicode and ids.

Each input either builds a graph that Oxigraph parses, that every export
writes and reads back, and that conforms to the shapes, or stops with one
``path:line`` message; every record read is a paper or a counted error.
Examples are derandomized (the same ones every run, no example database),
the rules-only pipeline is loaded once and the build runs in this process,
so the whole module takes well under a minute on two cores. The bugs these
examples found have plain regression tests in ``tests/test_ingest_text.py``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import warnings
from datetime import timedelta
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.builder.facts import build_facts
from kg.builder.limits import DEFAULT_MAX_CHARS, limit_lengths
from kg.cli import cli
from kg.errors import InputError
from kg.export.writers import export_bytes
from kg.graph import facts_to_graph, validate
from kg.graph.turtle import turtle_bytes
from kg.ingest import READERS
from kg.ingest.common import drop_duplicates
from kg.ingest.files import check_file

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "12"))
"""Examples per format and test: 5 formats x 3 tests x 12 = 180 generated inputs, plus the CLI runs.

Set ``KG_FUZZ_EXAMPLES`` for a longer search, e.g. ``KG_FUZZ_EXAMPLES=500 pytest tests/test_fuzz.py``."""

FUZZ = settings(derandomize=True, database=None, max_examples=EXAMPLES, deadline=timedelta(seconds=5),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])
FORMATS = ["jsonl", "json", "csv", "bibtex", "trending"]
SUFFIX = {"jsonl": ".jsonl", "json": ".json", "csv": ".csv", "bibtex": ".bib", "trending": ".txt"}
ODD = ("\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9f\u200b\u200c\u200d\u2028\u2060\ufeff\u202e\u202d\u061c\u05d0"
       "\u0627\ufffe\uffff\ud800\udfff\U0001f600\U0010ffff\u0301{}\\\"',;@=#%<>\n\r\t ")
WORDS = ["LoRA", "GSM8K", "LLaMA-2-70B", "BERT", "ImageNet", "transformer", "we", "propose", "fine-tune", "on",
         "evaluate", "reasoning", "dataset", "model", "the", "a", "of", "."]
text = st.one_of(
    st.text(alphabet=st.sampled_from(ODD) | st.characters(), max_size=60),
    st.lists(st.sampled_from(WORDS) | st.text(alphabet=st.sampled_from(ODD), max_size=3), max_size=40).map(" ".join),
)
ids = st.one_of(st.none(), st.text(max_size=20), st.text(alphabet=st.sampled_from(ODD), max_size=5),
                st.sampled_from(["2403.01234", "2403.01234v2", "hep-th/9901001", "arXiv:2403.0", "p1", "P1", "p-1",
                                 " ", "p1\n", "p\u200b1"]),
                st.integers(-10, 10**12))
urls = st.one_of(text, st.sampled_from(["https://arxiv.org/abs/2403.01234", "0", "arxiv.org/abs/2403.01234",
                                        "http://a b/\x01", "urn:x:1", "mailto:a@b.c", "https://例え.jp/論文"]))
records = st.lists(st.fixed_dictionaries({"id": ids, "title": st.one_of(text, st.none()), "abstract": text},
                                         optional={"authors": st.one_of(text, st.lists(text, max_size=3)),
                                                   "date": st.one_of(text, st.integers(0, 3000)),
                                                   "url": urls, "arxiv_id": text}), min_size=1, max_size=6)
edits = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 10**6),
                           st.binary(max_size=4) | st.sampled_from([b"{", b"}", b"[", b"\"", b",", b"\n", b"\\",
                                                                    b"@", b"\xff", b"\x00", b"\n\n", b"\\ud800"])),
                 min_size=1, max_size=5)


def encode(value: str) -> bytes:
    return value.encode("utf-8", errors="surrogatepass")  # a lone surrogate makes the file invalid UTF-8


def as_text(value: object) -> str:
    if isinstance(value, list):
        return " and ".join(map(str, value))
    return "" if value is None else str(value)


def write(fmt: str, rows: list[dict[str, object]]) -> bytes:
    """Write ``rows`` as a file of format ``fmt``."""
    if fmt == "jsonl":  # ASCII, so lone surrogates arrive as \\ud800 escapes
        return b"".join(json.dumps(row).encode() + b"\n" for row in rows)
    if fmt == "json":
        return encode(json.dumps(rows, indent=1, ensure_ascii=False))
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


def expected_records(fmt: str, rows: list[dict[str, object]]) -> int | None:
    """Return how many records the reader must account for (papers + errors), when that is known."""
    if fmt in ("jsonl", "json"):
        return len(rows)
    if fmt == "csv":
        return sum(any(as_text(value).strip() for value in row.values()) for row in rows)
    if fmt == "bibtex" and not any(set(as_text(value)) & set("{}@\\\"\x00") for row in rows for value in row.values()):
        return len(rows)
    return None


def mutate(data: bytes, changes: list[tuple[int, int, bytes]]) -> bytes:
    """Apply (kind, position, bytes) edits: 0 deletes, 1 inserts, 2 overwrites, 3 duplicates a stretch."""
    for kind, position, chunk in changes:
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


def one_line(message: str, path: Path) -> None:
    """A message names the file (and line), what is wrong and the fix, on one line."""
    assert "\n" not in message and "\r" not in message, message
    assert re.match(rf"{re.escape(str(path))}(:\d+)?: .+; .+", message), message


@pytest.fixture(scope="module", autouse=True)
def pipeline() -> None:
    """Load the rules-only pipeline once, before the first example's deadline starts."""
    from kg.extract.pipeline import shared_nlp

    shared_nlp(False)


def run(path: Path, fmt: str, count: int | None) -> None:
    """Read ``path`` and build its graph as ``kg build --skip-bad --rules-only`` does; check the outcome."""
    errors: list[InputError] = []
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        try:
            check_file(path)
            raw = list(READERS[fmt](path, errors.append))
        except InputError as err:
            one_line(str(err), path)
            return
    for message in [str(err) for err in errors] + [str(warning.message) for warning in seen]:
        one_line(message, path)
    if count is not None:
        assert len(raw) + len(errors) == count, (len(raw), [str(err) for err in errors])
    papers = limit_lengths(drop_duplicates(raw, errors.append), DEFAULT_MAX_CHARS, errors.append)
    for err in errors:
        one_line(str(err), path)
    graph = facts_to_graph(build_facts(papers, statistical=False))
    store = ox.Store()
    store.load(turtle_bytes(graph), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(graph)
    store = ox.Store()
    store.load(export_bytes(graph, "nt"), format=ox.RdfFormat.N_TRIPLES)
    assert len(store) == len(graph)
    json.loads(export_bytes(graph, "jsonld"))
    nx.read_graphml(io.BytesIO(export_bytes(graph, "graphml")))
    list(csv.reader(io.StringIO(export_bytes(graph, "csv").decode("utf-8"))))
    if papers:
        result = validate(graph)
        assert result.conforms, result.text


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(rows=records)
def test_random_records(fmt: str, rows: list[dict[str, object]], tmp_path: Path) -> None:
    path = tmp_path / f"papers{SUFFIX[fmt]}"
    path.write_bytes(write(fmt, rows))
    run(path, fmt, expected_records(fmt, rows))


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(rows=records, changes=edits)
def test_mutated_files(fmt: str, rows: list[dict[str, object]], changes: list[tuple[int, int, bytes]],
                       tmp_path: Path) -> None:
    path = tmp_path / f"papers{SUFFIX[fmt]}"
    path.write_bytes(mutate(write(fmt, rows), changes))
    run(path, fmt, None)


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(data=st.binary(max_size=300) | st.text(alphabet=st.sampled_from(ODD) | st.characters(), max_size=300).map(encode))
def test_random_bytes(fmt: str, data: bytes, tmp_path: Path) -> None:
    path = tmp_path / f"papers{SUFFIX[fmt]}"
    path.write_bytes(data)
    run(path, fmt, None)


ODD_ROWS: list[dict[str, object]] = [
    {"id": "odd-1", "title": "LoRA\u200b on GSM8K\x01\u202e", "abstract": "We fine-tune LLaMA-2 \x0b\x7f\ufffe\x9f on GSM8K.",
     "url": "https://arxiv.org/abs/2403.01234"},
    {"id": "odd-2", "title": "\u05d0\u05d1 BERT\ufeff", "abstract": "\U0001f600 ImageNet\u0301 \x1b[31m red BERT"},
    {"id": "odd-3", "title": "Relative <url>", "abstract": "We use BERT.", "url": "0"},
]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "bibtex"])
def test_cli_builds_every_output_from_odd_characters(fmt: str, tmp_path: Path) -> None:
    """Whole `kg build --rules-only` runs, in this process: every output written and read back."""
    path = tmp_path / f"odd{SUFFIX[fmt]}"
    path.write_bytes(write(fmt, ODD_ROWS))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(path), "--out", str(out), "--rules-only", "--quiet", "--skip-bad"])
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped: ")]
    assert [line.split(": ")[1] for line in skipped] == [f"{path}:{4 if fmt == 'csv' else 3 if fmt == 'jsonl' else 12}"]
    assert "field 'url' '0' is not an absolute URL" in skipped[0]
    for name in ("graph.ttl", "graph.nt", "graph.jsonld", "edges.csv", "graph.html"):
        assert (out / name).stat().st_size > 0
    assert list(ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    view = nx.read_graphml(out / "graph.graphml")
    labels = {attrs["label"] for _, attrs in view.nodes(data=True)}
    assert "LoRA\u200b on GSM8K \u202e" in labels and "BERT" in labels  # controls became spaces; zero-width kept


def test_no_traceback_from_the_command(tmp_path: Path) -> None:
    """One real process: a record with a lone surrogate and a control character in its id stops in one line."""
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok", "title": "Fine"}\n{"id": "p\\u0001", "title": "Bad \\ud800 id"}\n')
    result = subprocess.run([sys.executable, "-m", "kg", "build", str(path), "--out", str(tmp_path / "out"),
                             "--rules-only", "--quiet"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}:2: "), result.stderr
    assert not (tmp_path / "out").exists()
