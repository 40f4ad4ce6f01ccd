"""A closed pipe, Ctrl+C and SIGTERM end ``kg`` and the example scripts quietly, with status 141, 130 and 143."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.exits import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_TERMINATED, quiet_exits

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "outputs" / "graph.ttl"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
EXAMPLES = [
    ["top_datasets_per_task.py", str(SAMPLE)],
    ["shortest_path.py", "--graph", str(SAMPLE), "GSM8K", "k-means clustering"],
    ["similar_papers.py", "--graph", str(SAMPLE), "Building Math Agents with Multi-Turn Iterative Preference Learning"],
]


def test_exit_statuses_are_the_shells() -> None:
    assert (EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_TERMINATED) == (141, 130, 143)


@pytest.mark.parametrize(("error", "status"), [(BrokenPipeError, 141), (KeyboardInterrupt, 130)])
def test_quiet_exits_turns_the_error_into_its_status(error: type[BaseException], status: int) -> None:
    with pytest.raises(SystemExit) as stop, quiet_exits():
        raise error
    assert stop.value.code == status


def test_quiet_exits_turns_sigterm_into_143_and_restores_the_handler() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit) as stop, quiet_exits():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler raises before this ends
    assert stop.value.code == 143
    assert signal.getsignal(signal.SIGTERM) is before


def test_quiet_exits_lets_other_errors_through() -> None:
    with pytest.raises(ValueError, match="not an exit"), quiet_exits():
        raise ValueError("not an exit")


def _closed_pipe_run(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run ``command`` with its standard output a pipe whose reading end is already closed."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(command, stdout=write, stderr=subprocess.PIPE, text=True, env=ENV, timeout=120)
    finally:
        os.close(write)


@pytest.mark.parametrize("args", [
    ["query", "SELECT ?s WHERE { ?s a kg:Paper }", "--graph", str(SAMPLE)],
    ["query", "SELECT ?s WHERE { ?s a kg:Paper }", "--graph", str(SAMPLE), "--format", "csv"],
    ["explain", "GSM8K", "--graph", str(SAMPLE)],
    ["--help"],
])
def test_kg_on_a_closed_pipe_exits_141_without_a_traceback(args: list[str]) -> None:
    result = _closed_pipe_run([sys.executable, "-m", "kg", *args])
    assert (result.returncode, result.stderr) == (141, "")


@pytest.mark.parametrize("args", EXAMPLES, ids=lambda args: args[0])
def test_examples_on_a_closed_pipe_exit_141_without_a_traceback(args: list[str]) -> None:
    result = _closed_pipe_run([sys.executable, str(ROOT / "examples" / args[0]), *args[1:]])
    assert (result.returncode, result.stderr) == (141, "")


def test_example_piped_into_head_prints_no_traceback(tmp_path: Path) -> None:
    script = ROOT / "examples" / "top_datasets_per_task.py"
    line = f'set -o pipefail; "{sys.executable}" "{script}" "{SAMPLE}" | head -n 1'
    result = subprocess.run(["bash", "-c", line], capture_output=True, text=True, env=ENV, timeout=120)
    assert result.stdout == "task\tdataset\tpapers\n"
    assert result.stderr == "" and result.returncode in (0, 141)  # 0 when every line fit in the pipe first


def _waiting_on_stdin(process: subprocess.Popen[str]) -> None:
    """Wait until ``process`` is blocked reading its standard input (a pipe), so a signal lands inside kg."""
    wchan = Path(f"/proc/{process.pid}/wchan")
    if not wchan.exists():
        pytest.skip("needs /proc/<pid>/wchan to see the process wait on its input")
    deadline = time.monotonic() + 60
    while "pipe" not in wchan.read_text() and time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_kg_build_stopped_by_a_signal_exits_quietly(signum: int, status: int, tmp_path: Path) -> None:
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", "-", "--out", str(tmp_path / "out")],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=ENV)
    try:
        _waiting_on_stdin(process)
        process.send_signal(signum)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert (process.returncode, out, err) == (status, "", "")
    assert not (tmp_path / "out").exists()


def _sigterm_is_default() -> bool:
    return signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked only where fork exists")
def test_forked_workers_end_on_sigterm_whatever_the_parent_handles() -> None:
    import multiprocessing

    from kg.builder.outputs import _in_background
    from kg.extract.parallel import _init

    with quiet_exits():
        assert not _sigterm_is_default()
        with multiprocessing.get_context("fork").Pool(1, initializer=_init, initargs=(0.45, False, ())) as pool:
            assert pool.apply(_sigterm_is_default)
        with _in_background(lambda: int(_sigterm_is_default()), "graph.ttl") as result:
            assert result() == 1
