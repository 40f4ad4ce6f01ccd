"""Outputs are written as a set: any failure leaves the previous files byte for byte and no temporary file."""

from __future__ import annotations

import errno
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.atomic import staged, write_bytes
from kg.cli import cli
from kg.errors import OutputError
from kg.ingest import default_input, read_papers

ROOT = Path(__file__).resolve().parents[1]
OUTPUTS = ROOT / "outputs"
BUILT = ("graph.ttl", "graph.nt", "graph.jsonld", "graph.graphml", "edges.csv", "graph.html")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob("*") if ".kg-tmp-" in p.name]


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    """An output folder holding the committed outputs of the sample, as a previous build left them."""
    out = tmp_path / "out"
    out.mkdir()
    for name in BUILT:
        shutil.copy(OUTPUTS / name, out / name)
    return out


@pytest.fixture
def fewer(tmp_path: Path) -> Path:
    """Forty of the sample's papers as JSON Lines: a build of them differs from the previous outputs."""
    path = tmp_path / "forty.jsonl"
    rows = [{"id": p.id, "title": p.title, "abstract": p.abstract} for p in read_papers(default_input())[:40]]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_stage_moves_files_only_at_the_end(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("old")
    with staged() as stage:
        stage.path(tmp_path / "a.txt").write_text("new")
        stage.path(tmp_path / "sub" / "b.txt").write_text("b")
        assert (tmp_path / "a.txt").read_text() == "old" and not (tmp_path / "sub" / "b.txt").exists()
    assert (tmp_path / "a.txt").read_text() == "new" and (tmp_path / "sub" / "b.txt").read_text() == "b"
    assert leftovers(tmp_path) == [] and leftovers(tmp_path.parent) == []


def test_nested_stages_join_the_outer_one(tmp_path: Path) -> None:
    with staged():
        write_bytes(tmp_path / "a.txt", b"a")
        assert not (tmp_path / "a.txt").exists()
    assert (tmp_path / "a.txt").read_bytes() == b"a"


def test_stage_replaces_a_folder_whole(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "old").write_text("old")
    with staged() as stage:
        stage.path(tmp_path / "store").mkdir()
        (stage.path(tmp_path / "store") / "new").write_text("new")
    assert sorted(p.name for p in (tmp_path / "store").iterdir()) == ["new"]
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(("error", "message"), [
    (KeyboardInterrupt(), r"interrupted \(Ctrl\+C\) while writing; the previous outputs are unchanged"),
    (RuntimeError("boom"), r"writing the outputs failed \(boom\); the previous outputs are unchanged"),
])
def test_failure_leaves_the_old_files(tmp_path: Path, error: BaseException, message: str) -> None:
    (tmp_path / "a.txt").write_text("old")
    with pytest.raises(OutputError, match=message):
        with staged() as stage:
            stage.path(tmp_path / "a.txt").write_text("new")
            stage.path(tmp_path / "b.txt").write_text("new")
            raise error
    assert snapshot(tmp_path) == {"a.txt": b"old"} and leftovers(tmp_path.parent) == []


def test_an_os_error_passes_through_for_the_writer_to_name(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="No space left"):
        with staged() as stage:
            stage.path(tmp_path / "a.txt").write_text("half")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert snapshot(tmp_path) == {} and leftovers(tmp_path.parent) == []


def test_moves_that_cannot_happen_are_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src: str, dst: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match=r"cannot move the outputs into place \(Permission denied\)"):
        write_bytes(tmp_path / "a.txt", b"a")
    assert leftovers(tmp_path.parent) == []


def full_disk_on(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make writing a file called ``name`` fail half-way, as on a full disk."""
    real = Path.write_bytes

    def write(self: Path, data: bytes) -> int:
        if self.name == name:
            real(self, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write)


def test_build_on_a_full_disk_keeps_the_previous_outputs(previous: Path, fewer: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(previous)
    full_disk_on("graph.html", monkeypatch)
    result = CliRunner().invoke(cli, ["build", str(fewer), "--out", str(previous), "--quiet", "--no-validate",
                                      "--store", str(tmp_path / "store")])
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert result.output.strip().count("\n") == 0 and "Traceback" not in result.output
    assert snapshot(previous) == before and leftovers(tmp_path) == [] and not (tmp_path / "store").exists()


@pytest.mark.parametrize(("command", "name"), [
    (["export", "--format", "nt"], "graph.nt"),
    (["view"], "view.html"),
])
def test_export_and_view_on_a_full_disk(previous: Path, command: list[str], name: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (previous / "view.html").write_text("the previous view")
    before = snapshot(previous)
    full_disk_on(name, monkeypatch)
    out = ["--out", str(previous / name)]
    result = CliRunner().invoke(cli, [*command, "--graph", str(previous / "graph.ttl"), *out])
    assert result.exit_code == 1 and f"{name}: cannot write" in result.output and "No space left" in result.output
    assert snapshot(previous) == before and leftovers(previous.parent) == []


def test_analyze_keeps_report_and_charts_together(previous: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["analyze", "--graph", str(previous / "graph.ttl"), "--out", str(previous), "-q"]).exit_code == 0
    (previous / "report.md").write_text("the previous report")
    before = snapshot(previous)
    real = Path.write_text

    def write(self: Path, data: str, *args: object, **kwargs: object) -> int:
        if self.name == "report.md":  # the charts are written by now
            raise OSError(errno.EFBIG, os.strerror(errno.EFBIG))
        return real(self, data, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", write)
    result = runner.invoke(cli, ["analyze", "--graph", str(previous / "graph.ttl"), "--out", str(previous)])
    assert result.exit_code == 1 and "cannot write the report (File too large)" in result.output
    assert snapshot(previous) == before and leftovers(previous.parent) == []


def test_store_that_fails_to_load_keeps_the_old_store(previous: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["store", str(previous / "graph.nt"), str(tmp_path / "store")]).exit_code == 0
    before = snapshot(tmp_path / "store")
    broken = tmp_path / "broken.nt"
    broken.write_bytes((previous / "graph.nt").read_bytes()[:200_000] + b"<not an nt line\n")
    result = runner.invoke(cli, ["store", str(broken), str(tmp_path / "store")])
    assert result.exit_code == 1 and "error:" in result.output
    assert snapshot(tmp_path / "store") == before and leftovers(tmp_path) == []
    assert "triples" in runner.invoke(cli, ["store", str(previous / "graph.nt"), str(tmp_path / "store")]).output


def kg_build(fewer: Path, out: Path, **options: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "kg", "build", str(fewer), "--out", str(out), "--quiet",
                             "--no-validate"], env=env, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            **options)  # type: ignore[call-overload]


def test_build_at_the_file_size_limit_keeps_the_previous_outputs(previous: Path, fewer: Path) -> None:
    """The issue's case: graph.ttl fits under the limit, graph.nt does not."""
    before = snapshot(previous)
    limit = 1 << 20

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    process = kg_build(fewer, previous, preexec_fn=cap)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 1, err
    assert err.strip().count("\n") == 0 and "File too large" in err and "Traceback" not in err
    assert snapshot(previous) == before and leftovers(previous.parent) == []


@pytest.mark.parametrize(("signum", "name", "status"),
                         [(signal.SIGTERM, "SIGTERM", 143), (signal.SIGINT, "Ctrl+C", 130)])
def test_build_interrupted_while_writing_keeps_the_previous_outputs(previous: Path, fewer: Path, signum: int,
                                                                    name: str, status: int) -> None:
    before = snapshot(previous)
    process = kg_build(fewer, previous)
    deadline = time.monotonic() + 300
    while not leftovers(previous.parent) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert process.poll() is None, "the build ended before it started writing"
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    assert process.returncode == status, err
    assert err.strip() == f"error: interrupted ({name}) while writing; the previous outputs are unchanged; " \
                          "fix: run the command again"
    assert snapshot(previous) == before and leftovers(previous.parent) == []
