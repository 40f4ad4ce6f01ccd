"""The README's figures that no block prints: each is checked against what produces it.

Figures measured on a machine (seconds, papers per second, minutes of
training) are stated in the README with the command that measures them and
are not asserted here; the blocks the README runs are in ``tests/test_readme.py``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from kg.prefixes import PREFIXES

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(?P<lang>\w*)\n(?P<body>.*?)^```\n", re.DOTALL | re.MULTILINE)


def _blocks(lang: str, opening: str) -> list[str]:
    """The README's fenced blocks in ``lang`` whose text starts with ``opening``."""
    return [match["body"] for match in FENCE.finditer(README) if match["lang"] == lang
            and match["body"].startswith(opening)]


def _help(*command: str) -> str:
    run = subprocess.run([sys.executable, "-m", "kg", *command, "--help"], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    return run.stdout


def _synopsis() -> list[str]:
    """The synopsis, one command a line (an indented line continues the one above)."""
    (body,) = _blocks("console", "kg build [")
    lines: list[str] = []
    for line in body.splitlines():
        if line.startswith(" ") and lines:
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    return lines


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
    (line,) = _blocks("console", "kg train ")
    text = " ".join(_help("train").split())
    for option in re.findall(r"--[a-z]+", line):
        assert option in text
    minutes = re.search(r"About (\d+) minutes on one core", " ".join(README.split()))
    assert minutes and f"About {minutes.group(1)} minutes on one core" in text


def test_readme_prefixes_are_the_graphs() -> None:
    (body,) = _blocks("turtle", "")
    declared = dict(re.findall(r"@prefix (\w+):\s+<([^>]+)>", body))
    assert declared and all(PREFIXES[name] == iri for name, iri in declared.items())


def test_readme_layout_names_existing_paths() -> None:
    (body,) = _blocks("", "kg/ingest/")
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
    typer = sum(path.stat().st_size for path in (ROOT / "kg" / "models" / "typer").glob("*.npy"))
    assert f"(`kg/models/typer/`, {typer / 1e6:.1f} MB of weights)" in text


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
