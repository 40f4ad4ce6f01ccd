"""``kg build -`` through real pipes: standard input, ``--format``, ``--map`` and their one-line messages."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
KG = f"{shlex.quote(sys.executable)} -m kg"
JSONL = ('{"id": "p1", "title": "Grokker: Sparse Retrieval", "abstract": "We propose Grokker and test it on MS MARCO."}\n'
         '{"id": "p2", "title": "Tuning", "abstract": "We fine-tune LLaMA-2-7B with LoRA on GSM8K."}\n')
CSV = ("id,title,summary\n"
       "p1,Grokker: Sparse Retrieval,We propose Grokker and test it on MS MARCO.\n"
       "p2,Tuning,We fine-tune LLaMA-2-7B with LoRA on GSM8K.\n")


def _shell(line: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """Run a shell pipeline in ``folder``, as a user types it."""
    return subprocess.run(["bash", "-c", f"set -o pipefail; {line}"], cwd=folder, capture_output=True, text=True,
                          env=ENV, timeout=300)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "papers.jsonl").write_text(JSONL, encoding="utf-8")
    (tmp_path / "papers.csv").write_text(CSV, encoding="utf-8")
    return tmp_path


def test_build_dash_reads_a_pipe(folder: Path) -> None:
    result = _shell(f"cat papers.jsonl | {KG} build - --out piped -q --rules-only", folder)
    assert (result.returncode, result.stderr) == (0, "")
    turtle = (folder / "piped" / "graph.ttl").read_text(encoding="utf-8")
    assert 'dcterms:identifier "p1"' in turtle and "Grokker" in turtle


def test_build_dash_equals_the_file(folder: Path) -> None:
    piped = _shell(f"{KG} build - --out piped -q --rules-only < papers.jsonl", folder)
    named = _shell(f"{KG} build papers.jsonl --out named -q --rules-only", folder)
    assert piped.returncode == named.returncode == 0
    assert (folder / "piped" / "graph.ttl").read_bytes() == (folder / "named" / "graph.ttl").read_bytes()


@pytest.mark.parametrize(("line", "message"), [
    ("printf '{\"title\": \"A\"}\\n{\"id\": x}\\n' | KG build - -q", "error: <stdin>:2: not valid JSON (Expecting value at column 8); each line must be one JSON object"),
    ("cat papers.jsonl | KG build - --format csv -q", "error: <stdin>:1: no 'title' column in the header"),
    ("KG build - -q < /dev/null", "error: <stdin>: file is empty; give a file with at least one paper"),
    ("cat papers.csv | KG build - --map summary=abstract -q", "error: --map summary=abstract: 'summary' is not a paper field; map one of: id, title, abstract, authors, date, url, arxiv_id"),
    ("cat papers.csv | KG build - --map abstract -q", "error: --map abstract: is not FIELD=COLUMN; write e.g. --map abstract=summary"),
])
def test_build_stdin_errors_are_one_line(line: str, message: str, folder: Path) -> None:
    result = _shell(line.replace("KG", KG) + " --out out", folder)
    assert result.returncode == 1
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr
    assert not (folder / "out").exists()


def test_build_warns_about_an_unknown_column_and_map_reads_it(folder: Path) -> None:
    plain = _shell(f"cat papers.csv | {KG} build - --out plain -q --rules-only", folder)
    assert plain.returncode == 0
    assert plain.stderr == ("warning: <stdin>:1: ignored columns that are not paper fields: 'summary' (columns seen: "
                            "id, title, summary); to read one as a field, pass --map abstract=summary\n")
    assert "We propose Grokker" not in (folder / "plain" / "graph.ttl").read_text(encoding="utf-8")
    mapped = _shell(f"cat papers.csv | {KG} build - --map abstract=summary --out mapped -q --rules-only", folder)
    assert (mapped.returncode, mapped.stderr) == (0, "")
    assert "We propose Grokker" in (folder / "mapped" / "graph.ttl").read_text(encoding="utf-8")
