"""The README's example queries give the answers it shows, on the committed sample graph."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = re.compile(r"```sh\n(kg query .*?)\n```\n```\n(.*?)```", re.DOTALL)


def _examples() -> list[tuple[str, str]]:
    return EXAMPLE.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_has_five_example_queries():
    assert len(_examples()) >= 5


@pytest.mark.parametrize(("command", "answer"), _examples())
def test_readme_query_answers_are_current(command, answer, monkeypatch):
    monkeypatch.chdir(ROOT)
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.output.replace("\r\n", "\n") == answer
