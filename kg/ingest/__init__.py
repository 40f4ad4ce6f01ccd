"""Ingest: read input files into :class:`~kg.records.Paper` records.

One reader per format, picked from :data:`READERS` by name or by the file's
extension. Every problem is an :class:`~kg.errors.InputError` naming
``path:line``, what is wrong and how to fix it. File-level problems always
raise; a malformed record raises too, unless the caller passes ``on_error``,
which then receives each record's error and reading goes on, so that no
record is dropped without being reported.

Examples
--------
>>> papers = read_papers(default_input())
>>> len(papers), papers[0].title
(60, 'On the Expressive Power of a Variant of the Looped Transformer')
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain
from pathlib import Path

from kg.errors import InputError
from kg.ingest.bibtex import read_bibtex
from kg.ingest.columns import current_columns, mapped_columns, parse_column_map
from kg.ingest.common import OnError, PathLike, Reader, default_input, drop_duplicates
from kg.ingest.csvfile import read_csv
from kg.ingest.files import check_file
from kg.ingest.jsonl import read_json, read_jsonl
from kg.ingest.stdin import STDIN, STDIN_NAME, is_stdin, read_stdin, sniff_format
from kg.ingest.trending import read_trending
from kg.records import Paper

__all__ = [
    "READERS",
    "STDIN",
    "default_input",
    "detect_format",
    "mapped_columns",
    "parse_column_map",
    "read_many",
    "read_papers",
]

READERS: dict[str, Reader] = {
    "bibtex": read_bibtex,
    "csv": read_csv,
    "json": read_json,
    "jsonl": read_jsonl,
    "trending": read_trending,
}
"""Format name → reader. A reader takes a path (and optional ``on_error`` and ``text``) and yields papers."""

COLUMN_FORMATS = frozenset({"csv", "json", "jsonl"})
"""The formats with named columns or fields, which ``columns`` (``--map``) renames."""

EXTENSIONS: dict[str, str] = {
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".csv": "csv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "trending",
}
"""File extension (lower case) → format name, for :func:`detect_format`."""

_FORMAT_FIX = f"pass --format with one of: {', '.join(sorted(READERS))}"


def detect_format(path: PathLike) -> str:
    """Return the format name for ``path``'s extension (case-insensitive).

    Raises
    ------
    InputError
        When the extension is missing or not one of :data:`EXTENSIONS`.

    Examples
    --------
    >>> detect_format("papers.NDJSON"), detect_format("refs.bib"), detect_format("page.txt")
    ('jsonl', 'bibtex', 'trending')
    """
    suffix = Path(path).suffix
    if suffix.lower() in EXTENSIONS:
        return EXTENSIONS[suffix.lower()]
    problem = (
        f"cannot tell the format from the extension '{suffix}'"
        if suffix
        else "cannot tell the format of a file name without an extension"
    )
    raise InputError(path, None, problem, _FORMAT_FIX)


def _format(path: PathLike, format: str | None, text: str | None) -> str:
    """Return the format to read ``path`` with: ``format``, else sniffed from ``text`` (stdin) or the extension."""
    if format is not None:
        name = format.strip().lower()
        if name not in READERS:
            raise InputError(path, None, f"unknown format '{format}'", _FORMAT_FIX)
        return name
    return sniff_format(text) if text is not None else detect_format(path)


def _read(
    path: PathLike, format: str | None, on_error: OnError | None, columns: Mapping[str, str] | None = None
) -> Iterator[Paper]:
    """Yield the papers of one file (``-``: standard input), with the reader ``format`` names or the input picks."""
    text = read_stdin() if is_stdin(path) else None
    where = STDIN_NAME if text is not None else path
    if text is None:
        check_file(path)
    name = _format(where, format, text)
    reader: Callable[..., Iterator[Paper]] = READERS[name]
    options = {"columns": current_columns(columns)} if name in COLUMN_FORMATS else {}
    yield from reader(where, on_error, text=text, **options)


def read_papers(
    path: PathLike,
    *,
    format: str | None = None,
    on_error: OnError | None = None,
    columns: Mapping[str, str] | None = None,
) -> list[Paper]:
    """Read the papers of one file, in file order.

    Parameters
    ----------
    path : str or PathLike
        The input file; ``"-"`` reads standard input, named ``<stdin>`` in
        messages.
    format : str, optional
        A key of :data:`READERS`; by default the file's extension decides,
        or for standard input its content.
    on_error : callable, optional
        Receives the :class:`InputError` of each malformed record, which is
        then skipped; without it the first malformed record raises.
    columns : mapping, optional
        Field → column name, for CSV and JSON inputs whose columns have other
        names (``{"abstract": "summary"}``); see :func:`parse_column_map`.
        Columns that are not fields are ignored with an
        :class:`~kg.errors.InputWarning`.

    Returns
    -------
    list of Paper
        One per record; an exact duplicate (same id, title and abstract) is
        kept once.

    Raises
    ------
    InputError
        For a file-level problem (missing, a directory, empty, binary, not
        UTF-8, unknown format), always; for a malformed record or an id
        reused with different content when ``on_error`` is None.

    Examples
    --------
    >>> read_papers("papers.xyz")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: papers.xyz: no such file; check the path and the current directory
    """
    return drop_duplicates(_read(path, format, on_error, columns), on_error)


def read_many(
    paths: Iterable[PathLike],
    *,
    format: str | None = None,
    on_error: OnError | None = None,
    columns: Mapping[str, str] | None = None,
) -> list[Paper]:
    """Read the papers of several files, in order, as one list.

    Ids must be unique across all the files, as within one: a reused id with
    a different title or abstract is an error at its second place, naming the
    first; an exact duplicate is kept once. Parameters and errors are those
    of :func:`read_papers`, ``format`` and ``columns`` applying to every
    file; a single path (not in a list) is read as one file. ``-`` (standard
    input) may be given once.

    Raises
    ------
    InputError
        As :func:`read_papers`, and when ``-`` is given more than once.

    Examples
    --------
    >>> len(read_many([default_input(), default_input()]))
    60
    """
    paths = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    if sum(is_stdin(path) for path in paths) > 1:
        raise InputError(STDIN_NAME, None, "standard input (-) is given more than once", "give - once")
    papers = chain.from_iterable(_read(path, format, on_error, columns) for path in paths)
    return drop_duplicates(papers, on_error)
