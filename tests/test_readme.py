"""The README is true: its commands and snippets run as written, in order, in an empty folder, and print what it shows.

Every ``sh`` and ``python`` block runs, in the order of the README, in one
temporary folder, as a new user following it would: ``kg`` and ``python``
are this checkout's, the files the README names from the checkout
(``examples/``, ``tests/data/seed_gold.jsonl``) are copied in, and every
other file is made by an earlier block. A plain block right after a command
block is its output (standard output and error together), compared exactly;
a last line ``…`` shows that the output goes on. A plain block opening with
``$ `` holds a command and its output. ``pip install`` is what ``.ci/run``
does, so here (installed already) only the command after it runs, and
``pytest`` (this run) does not run again. ``kg serve`` runs in the
background until the end, on port 7878 unless that port is taken.

The other figures the README quotes are checked below against what
produces them; figures measured on a machine (seconds, papers per second)
are stated with the command that measures them and are not asserted.
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
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.prefixes import PREFIXES

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(?P<lang>\w*)\n(?P<body>.*?)^```\n", re.DOTALL | re.MULTILINE)
BUNDLED = ("examples", "tests/data/seed_gold.jsonl")  # files the README names that come with the checkout
PORT = 7878


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


def _fences() -> list[tuple[int, int, str, str]]:
    """Every fenced block: where it starts and ends, its language and its text."""
    return [(match.start(), match.end(), match["lang"], match["body"]) for match in FENCE.finditer(README)]


def steps() -> list[Step]:
    """The README's command and snippet blocks, in order, each with the output block that follows it."""
    fences = _fences()
    found: list[Step] = []
    for index, (start, end, lang, body) in enumerate(fences):
        line = README.count("\n", 0, start) + 1
        if lang in ("sh", "python"):
            after = fences[index + 1] if index + 1 < len(fences) else None
            shown = after[3] if after and after[2] == "" and after[0] == end and not after[3].startswith("$ ") else None
            found.append(Step(line, lang, body, shown))
        elif lang == "" and body.startswith("$ "):
            command, _, shown = body.partition("\n")
            found.append(Step(line, "sh", command[2:] + "\n", shown))
    return found


def _free_port() -> int:
    """Port 7878 when nothing listens there, else a free one."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) != 0:
            return PORT
    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        return spare.getsockname()[1]


def _ci_line(command: str) -> str:
    """The line of ``.ci/run`` that runs ``command`` word for word."""
    (line,) = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if command in line]
    return line


def _script(step: Step, port: int) -> str:
    """The shell text to run for ``step``: as written, but for the install step and the endpoint in the background."""
    lines = []
    for line in step.source.splitlines():
        if line.startswith("pip install "):
            install, _, rest = line.partition(" && ")
            assert _ci_line(install.strip())  # CI installs exactly so
            if rest.strip() == "pytest":  # this run: CI runs the line word for word
                assert _ci_line(line.strip()) == line.strip()
                rest = ""
            line = rest
        elif line.startswith("kg serve"):
            line = f"{line} --port {port} > serve.log 2>&1 & echo $! > serve.pid" if port != PORT else \
                f"{line} > serve.log 2>&1 & echo $! > serve.pid"
        lines.append(line if port == PORT else line.replace(f":{PORT}/", f":{port}/"))
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


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str]]:
    """Run every step in one empty folder, in order; return each step's exit status and output."""
    folder = tmp_path_factory.mktemp("readme")
    for name in BUNDLED:
        source, target = ROOT / name, folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source, target) if source.is_dir() else shutil.copy(source, target)
    bin_dir = tmp_path_factory.mktemp("bin")
    for command, argv in (("kg", f"{shlex.quote(sys.executable)} -m kg"), ("python", shlex.quote(sys.executable))):
        shim = bin_dir / command
        shim.write_text(f'#!/bin/sh\nexec {argv} "$@"\n', encoding="utf-8")
        shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT),
           "COLUMNS": "100"}
    port = _free_port()
    results: dict[str, tuple[int, str]] = {}
    try:
        for step in steps():
            if step.kind == "python":
                snippet = folder / f"snippet_{step.line}.py"
                snippet.write_text(step.source.replace(f":{PORT}/", f":{port}/"), encoding="utf-8")
                command = [sys.executable, snippet.name]
            else:
                command = ["bash", "-e", "-o", "pipefail", "-c", _script(step, port)]
            run = subprocess.run(command, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 text=True, timeout=900)
            results[step.name] = (run.returncode, run.stdout)
            if "kg serve" in step.source:
                _wait_for_endpoint(folder, port)
    finally:
        pid = folder / "serve.pid"
        if pid.exists():
            os.kill(int(pid.read_text()), signal.SIGTERM)
    return results


@pytest.mark.parametrize("step", steps(), ids=lambda step: step.name)
def test_readme_step_runs_and_prints_what_it_shows(step: Step, session: dict[str, tuple[int, str]]) -> None:
    status, output = session[step.name]
    failing = step.expected is not None and step.expected.startswith("error:")
    assert status == (1 if failing else 0), output
    if step.expected is None:
        return
    shown = step.expected
    if shown.endswith("…\n"):  # the README shows the start of the output
        shown = shown[: -len("…\n")]
        assert output.startswith(shown), output
    else:
        assert output == shown


def test_readme_has_its_steps() -> None:
    found = steps()
    assert len(found) >= 30
    assert sum(step.expected is not None for step in found) >= 20
    assert {step.kind for step in found} == {"sh", "python"}


def _help(*command: str) -> str:
    run = subprocess.run([sys.executable, "-m", "kg", *command, "--help"], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    return run.stdout


def _synopsis() -> list[str]:
    (body,) = [body for _, _, lang, body in _fences() if lang == "" and body.startswith("kg build [")]
    return body.splitlines()


def test_readme_synopsis_lists_every_command_and_only_real_options() -> None:
    lines = _synopsis()
    listed = {line.split()[1] for line in lines}
    commands = set(re.findall(r"^  (\w+)\s", _help().split("Commands:")[1], re.MULTILINE))
    assert listed == commands
    for line in lines:
        name = line.split()[1]
        options = set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", line))
        text = _help(name)
        assert {option for option in options if not re.search(rf"(?<![\w-]){option}\b", text)} == set(), line


def test_readme_train_synopsis_and_time_agree_with_kg_train_help() -> None:
    (line,) = [body for _, _, lang, body in _fences() if lang == "" and body.startswith("kg train ")]
    text = " ".join(_help("train").split())
    for option in re.findall(r"--[a-z]+", line):
        assert option in text
    minutes = re.search(r"(\d+ to \d+) minutes", " ".join(README.split()))
    assert minutes and f"{minutes.group(1)} minutes" in text


def test_readme_prefixes_are_the_graphs() -> None:
    (body,) = [body for _, _, lang, body in _fences() if lang == "turtle"]
    declared = dict(re.findall(r"@prefix (\w+):\s+<([^>]+)>", body))
    assert declared and all(PREFIXES[name] == iri for name, iri in declared.items())


def test_readme_layout_names_existing_paths() -> None:
    (body,) = [body for _, _, lang, body in _fences() if lang == "" and body.startswith("kg/ingest/")]
    for line in body.splitlines():
        path = line.split()[0] if line.strip() and not line.startswith(" ") else None
        if path:
            assert list(ROOT.glob(path)), line


def test_readme_sample_and_lexicon_figures() -> None:
    from kg.extract.lexicon import load_lexicon
    from kg.extract.registry import RULES, STAGES
    from kg.ingest import default_input, read_papers

    text = " ".join(README.split())
    assert len(read_papers(default_input())) == 60 and "60 trending-paper abstracts" in text
    lexicon = list(load_lexicon())
    types = Counter(concept.type for concept in lexicon)
    variants = sum(concept.variant_of is not None for concept in lexicon)
    assert (f"of {len(lexicon):,} well-known methods ({types['Method']:,}), models ({types['Model']:,}), "
            f"tasks ({types['Task']:,}) and datasets ({types['Dataset']:,})") in text
    assert f"{variants} model variants point at their family" in text
    assert f"{len(RULES)} rules in five stages" in text and len(STAGES) == 5
    size = sum(path.stat().st_size for path in (ROOT / "kg" / "models" / "ner").rglob("*") if path.is_file())
    assert f"(`kg/models/ner/`, {size / 1e6:.1f} MB)" in text


def test_readme_evaluation_floor_is_the_tests() -> None:
    floor = re.search(r'DEV_FLOOR = \{"untyped": ([\d.]+), "typed": ([\d.]+), "proposed": ([\d.]+)\}',
                      (ROOT / "tests" / "test_evaluation.py").read_text(encoding="utf-8"))
    assert floor and f"drop below {' / '.join(floor.groups())}" in README


def test_readme_viewer_benchmark_counts(tmp_path: Path) -> None:
    import importlib.util

    run = subprocess.run([sys.executable, "-m", "kg", "view", "--graph", str(ROOT / "outputs" / "graph.ttl"),
                          "--out", str(tmp_path / "view.html")], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    nodes, links = re.search(r": (\d+) nodes, (\d+) links", run.stdout).groups()
    assert f"| sample ({nodes} nodes, {links} links) |" in README
    spec = importlib.util.spec_from_file_location("viewer_load", ROOT / "benchmarks" / "viewer_load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    large = module.synthetic_graph(5000)
    assert f"| synthetic {large.number_of_nodes():,} nodes, {large.number_of_edges():,} links |" in README
