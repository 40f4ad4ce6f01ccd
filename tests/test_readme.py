"""The README is true: its commands and snippets run as written, in order, in an empty folder, and print what it shows.

How the README is read (follow these rules when you add to it):

- Every ```` ```sh ```` and ```` ```python ```` block runs, in the order of
  the README, in one temporary folder shared by all blocks, as a new user
  following the README would run it: ``kg`` and ``python`` are this
  checkout's. A ``sh`` block runs with ``bash -e``, so each of its lines must
  succeed (a pipeline's status is its last command's, as in a terminal); a
  ``python`` block runs as a script. Each block may take at most
  ``BLOCK_TIMEOUT`` seconds.
- A ```` ```console ```` block is shown but not run: a synopsis with
  placeholders, a command that needs a cluster, a service or data the
  repository does not have. A block with no language that is not an output
  (below) must not start with a command (``kg``, ``python``, ``pip``, ``$``):
  make it ``sh`` to run it or ``console`` to show it.
- A block with no language right after a ``sh`` or ``python`` block (nothing
  but a line break between the two fences) is what that block prints,
  standard output and error together, compared exactly. A last line ``…``
  means the output goes on: only the lines above it are compared.
- A block must exit with status 0, unless the output shown starts with
  ``error:``: then it must exit with status 1.
- The folder starts with the files the README names that come with the
  checkout (``BUNDLED``); every other file a block reads must be written by
  an earlier block. ``kg build`` near the top writes ``outputs/``, which
  later blocks share, so nothing builds the sample twice.
- Other blocks (``turtle``, file layouts, figures measured on a machine) are
  not run. A timing depends on the machine, so the README states it with the
  command that measures it, and no test asserts it; every other figure the
  README quotes is printed by a block here or checked against what produces
  it in ``tests/test_readme_figures.py``.

What is changed from the text as written, and why:

- ``pip install …`` is not run: the tests run in the installed checkout.
  ``.ci/run`` installs the checkout into a fresh environment and runs the
  README's test command word for word (checked here); after ``&&`` the rest of
  the line runs, except ``pytest``, which is this run.
- ``kg serve`` runs in the background until the last block has run, on port
  7878, or, when something else listens there, on a free port that then
  replaces ``:7878/`` in every block.

The session prints how many blocks ran and their seconds (``pytest -s``).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(?P<lang>\w*)\n(?P<body>.*?)^```\n", re.DOTALL | re.MULTILINE)
RUN = ("sh", "python")  # the languages of the blocks that run
COMMAND = re.compile(r"\A(\$ |kg |python |pip )")  # how a block that shows a command starts
BUNDLED = ("examples", "tests/data/seed_gold.jsonl")  # files the README names that come with the checkout
PORT = 7878
BLOCK_TIMEOUT = 300


@dataclass(frozen=True)
class Step:
    """One thing the README tells the user to run, and what it shows as the result (None: nothing shown)."""

    line: int
    kind: str  # "sh" or "python"
    source: str
    expected: str | None

    @property
    def name(self) -> str:
        return f"README.md:{self.line}"


def fences() -> list[tuple[int, int, str, str]]:
    """Every fenced block: where it starts and ends, its language and its text."""
    return [(match.start(), match.end(), match["lang"], match["body"]) for match in FENCE.finditer(README)]


def _is_output(blocks: list[tuple[int, int, str, str]], index: int) -> bool:
    """Whether block ``index`` is what the run block right before it prints."""
    start, _, lang, _ = blocks[index]
    return index > 0 and lang == "" and blocks[index - 1][2] in RUN and blocks[index - 1][1] == start


def steps() -> list[Step]:
    """The README's ``sh`` and ``python`` blocks, in order, each with the output block that follows it."""
    blocks = fences()
    found: list[Step] = []
    for index, (start, _, lang, body) in enumerate(blocks):
        if lang in RUN:
            shown = blocks[index + 1][3] if index + 1 < len(blocks) and _is_output(blocks, index + 1) else None
            found.append(Step(README.count("\n", 0, start) + 1, lang, body, shown))
    return found


def _free_port() -> int:
    """Port 7878 when nothing listens there, else a free one."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) != 0:
            return PORT
    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        return spare.getsockname()[1]


def _ci_lines() -> list[str]:
    return [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]


def _script(step: Step, port: int) -> str:
    """The shell text to run for ``step``: as written, but for installs and the endpoint in the background."""
    lines = []
    for line in step.source.splitlines():
        if line.startswith("pip install "):
            if line.endswith(" && pytest"):  # the README's test command: CI runs it word for word
                assert line in _ci_lines(), f"{step.name}: .ci/run does not run {line!r}"
            rest = line.partition(" && ")[2]
            line = "" if rest == "pytest" else rest
        elif line.startswith("kg serve"):
            command = line.split("#")[0].rstrip() + ("" if port == PORT else f" --port {port}")
            line = f"{command} > serve.log 2>&1 & echo $! > serve.pid"
        lines.append(line.replace(f":{PORT}/", f":{port}/"))
    return "\n".join(lines) + "\n"


def _wait_for_endpoint(folder: Path, port: int) -> None:
    """Wait until the endpoint started by a step answers on ``port``."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"kg serve did not start: {(folder / 'serve.log').read_text()}")


def _folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The empty folder with the bundled files, and an environment whose ``kg`` and ``python`` are this checkout's."""
    folder = tmp_path_factory.mktemp("readme")
    for name in BUNDLED:
        source, target = ROOT / name, folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target)
    bin_dir = tmp_path_factory.mktemp("bin")
    for command, argv in (("kg", f"{shlex.quote(sys.executable)} -m kg"), ("python", shlex.quote(sys.executable))):
        shim = bin_dir / command
        shim.write_text(f'#!/bin/sh\nexec {argv} "$@"\n', encoding="utf-8")
        shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}
    return folder, env


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str, float]]:
    """Run every step in one folder, in order; return each step's exit status, output and seconds."""
    folder, env = _folder(tmp_path_factory)
    port = _free_port()
    results: dict[str, tuple[int, str, float]] = {}
    try:
        for step in steps():
            if step.kind == "python":
                snippet = folder / f"readme_{step.line}.py"
                snippet.write_text(step.source.replace(f":{PORT}/", f":{port}/"), encoding="utf-8")
                command = [sys.executable, snippet.name]
            else:
                command = ["bash", "-e", "-c", _script(step, port)]
            started = time.monotonic()
            try:
                run = subprocess.run(command, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, timeout=BLOCK_TIMEOUT)
                results[step.name] = (run.returncode, run.stdout, time.monotonic() - started)
            except subprocess.TimeoutExpired as err:
                results[step.name] = (-1, f"timed out after {BLOCK_TIMEOUT} s: {err.output}", BLOCK_TIMEOUT)
            if re.search(r"^kg serve", step.source, re.MULTILINE):
                _wait_for_endpoint(folder, port)
    finally:
        pid = folder / "serve.pid"
        if pid.exists():
            os.kill(int(pid.read_text()), signal.SIGTERM)
    total = sum(seconds for _, _, seconds in results.values())
    print(f"\nREADME: {len(results)} blocks run in {total:.1f} s")
    return results


@pytest.mark.parametrize("step", steps(), ids=lambda step: step.name)
def test_readme_step_runs_and_prints_what_it_shows(step: Step, session: dict[str, tuple[int, str, float]]) -> None:
    status, output, _ = session[step.name]
    failing = step.expected is not None and step.expected.startswith("error:")
    assert status == (1 if failing else 0), output
    if step.expected is None:
        return
    shown = step.expected
    if shown.endswith("…\n"):  # the README shows the start of the output
        assert output.startswith(shown[: -len("…\n")]), output
    else:
        assert output == shown


def test_readme_has_its_steps() -> None:
    found = steps()
    assert len(found) >= 25
    assert sum(step.expected is not None for step in found) >= 18
    assert {step.kind for step in found} == {"sh", "python"}


def test_readme_commands_not_run_are_console_blocks() -> None:
    blocks = fences()
    unmarked = [README.count("\n", 0, start) + 1 for index, (start, _, lang, body) in enumerate(blocks)
                if lang == "" and not _is_output(blocks, index) and COMMAND.match(body)]
    assert unmarked == [], f"README.md lines {unmarked}: make each block sh (to run it) or console (to show it)"


def test_readme_runner_reads_outputs_and_console_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("```sh\nkg a\n```\n```\nshown\n```\n\n```console\nkg b --on-cluster\n```\n```\nnot its output\n```\n"
            "```python\nprint(1)\n```\n```\n1\n```\n```sh\nkg d\n```\n\n```\nnot its output either\n```\n")
    monkeypatch.setattr(sys.modules[__name__], "README", text)
    assert [(step.kind, step.source, step.expected) for step in steps()] == [
        ("sh", "kg a\n", "shown\n"), ("python", "print(1)\n", "1\n"), ("sh", "kg d\n", None)]


def test_readme_install_lines_are_what_ci_runs() -> None:
    step = next(step for step in steps() if step.source.startswith("pip install '.[test]'"))
    assert _script(step, PORT) == "\n"
    assert _script(Step(1, "sh", "pip install . && kg build\n", None), PORT) == "kg build\n"
