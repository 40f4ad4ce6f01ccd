"""Standard input as an input file: the path ``-``, read once, its format told from its content.

``cat papers.jsonl | kg build -`` reads the papers from standard input.
Messages name it ``<stdin>`` (``<stdin>:3: not valid JSON …``), and the
format is sniffed from the text unless ``--format`` says: JSON Lines, a
JSON array (or one object), BibTeX, a CSV header row, or else the text of a
trending-papers page.

Examples
--------
>>> sniff_format('{"title": "Deep Nets"}\\n{"title": "Wide Nets"}\\n')
'jsonl'
>>> sniff_format("id,title,abstract\\np1,Deep Nets,We…\\n")
'csv'
"""

from __future__ import annotations

import csv
import json
import re
import sys
from typing import BinaryIO

from kg.errors import InputError
from kg.ingest.common import PathLike
from kg.ingest.files import decode_text

__all__ = ["STDIN", "STDIN_NAME", "is_stdin", "read_stdin", "sniff_format"]

STDIN = "-"
"""The input path that means standard input."""

STDIN_NAME = "<stdin>"
"""How messages and :attr:`~kg.records.Paper.source` name standard input."""

_BIBTEX_ENTRY = re.compile(r"^\s*@[A-Za-z]+\s*[{(]", re.MULTILINE)
_COLUMN_NAME = re.compile(r"[A-Za-z_][\w .-]{0,39}")


def is_stdin(path: PathLike) -> bool:
    """Whether ``path`` is ``-``, standard input.

    Examples
    --------
    >>> is_stdin("-"), is_stdin("papers.jsonl")
    (True, False)
    """
    return str(path) == STDIN


def read_stdin(stream: BinaryIO | None = None) -> str:
    """Read all of standard input (or ``stream``) as text, with the checks every input file gets.

    Raises
    ------
    InputError
        When the input is empty, binary, UTF-16 or not valid UTF-8, naming
        ``<stdin>``.
    """
    source = sys.stdin.buffer if stream is None else stream
    try:
        data = source.read()
    except OSError as err:
        raise InputError(STDIN_NAME, None, f"cannot read standard input ({err.strerror})",
                         "pipe the papers in, e.g. cat papers.jsonl | kg build -") from err
    return decode_text(data, STDIN_NAME, "papers as text")


def _looks_like_csv_header(line: str) -> bool:
    """Whether ``line`` reads as a CSV header: two or more cells, each a short column name, one of them ``title``."""
    cells = [cell.strip() for cell in next(csv.reader([line]), [])]
    return len(cells) >= 2 and all(_COLUMN_NAME.fullmatch(cell) for cell in cells) and (
        "title" in {cell.lower() for cell in cells} or len(cells) >= 3
    )


def sniff_format(text: str) -> str:
    """Tell the format of papers given as text: ``jsonl``, ``json``, ``bibtex``, ``csv`` or ``trending``.

    A text opening with ``[`` is JSON; one opening with ``{`` is JSON Lines
    when its first line is a whole JSON value, else JSON (one object over
    several lines); one whose first entry starts with ``@type{`` is BibTeX;
    a first line of three or more short column names, or two with
    ``title``, is a CSV header; anything else is read as a trending page.

    Examples
    --------
    >>> sniff_format('[\\n  {"title": "Deep Nets"}\\n]')
    'json'
    >>> sniff_format("% refs\\n@article{key, title = {Deep Nets}}")
    'bibtex'
    >>> sniff_format("Trending\\n\\nDeep Nets\\n\\nWe study deep nets.")
    'trending'
    """
    body = text.lstrip()
    first_line = body.split("\n", 1)[0].strip()
    if body.startswith("["):
        return "json"
    if body.startswith("{"):
        try:
            json.loads(first_line)
        except json.JSONDecodeError:
            try:
                json.loads(body)
            except json.JSONDecodeError:
                return "jsonl"  # a broken first line: the JSON Lines reader names it
            return "json"
        return "jsonl"
    if body.startswith(("@", "%")) and _BIBTEX_ENTRY.search(body):
        return "bibtex"
    if _looks_like_csv_header(first_line):
        return "csv"
    return "trending"
