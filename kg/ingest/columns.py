"""CSV columns and JSON fields: which ones paperkg reads, ``--map FIELD=COLUMN``, and a warning for the others.

A CSV column or JSON field that is not one of :data:`FIELDS` is ignored,
with one :class:`~kg.errors.InputWarning` per file naming the columns seen
and the ``--map`` option that would read one of them: a file whose
abstracts sit in a ``summary`` column builds with
``--map abstract=summary``, not with empty abstracts and no word said.

Examples
--------
>>> columns = parse_column_map(["abstract=Summary"])
>>> columns
{'abstract': 'Summary'}
>>> rename_fields({"title": "Deep Nets", "Summary": "We…"}, columns)
{'title': 'Deep Nets', 'abstract': 'We…'}
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from kg.errors import InputError, InputWarning
from kg.ingest.common import PathLike

__all__ = [
    "FIELDS",
    "current_columns",
    "mapped_columns",
    "parse_column_map",
    "rename_fields",
    "warn_unknown",
]

FIELDS = ("id", "title", "abstract", "authors", "date", "url", "arxiv_id")
"""The fields a paper record may have, in the order messages list them."""

_MAPPED: ContextVar[Mapping[str, str]] = ContextVar("paperkg_mapped_columns", default={})


def parse_column_map(pairs: Iterable[str]) -> dict[str, str]:
    """Read ``FIELD=COLUMN`` pairs (the ``--map`` option) into a field → column mapping.

    Raises
    ------
    InputError
        When a pair has no ``=`` or an empty column, names a field that is
        not one of :data:`FIELDS`, or maps one field twice.

    Examples
    --------
    >>> parse_column_map(["abstrct=summary"])
    Traceback (most recent call last):
    ...
    kg.errors.InputError: --map abstrct=summary: 'abstrct' is not a paper field; map one of: id, title, abstract, authors, date, url, arxiv_id
    """
    columns: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = (part.strip() for part in pair.partition("="))
        where = f"--map {pair}"
        if not sep or not column or not field:
            raise InputError(where, None, "is not FIELD=COLUMN", "write e.g. --map abstract=summary")
        if field.lower() not in FIELDS:
            raise InputError(where, None, f"'{field}' is not a paper field", f"map one of: {', '.join(FIELDS)}")
        if field.lower() in columns:
            raise InputError(where, None, f"field '{field}' is mapped twice", "give one --map per field")
        columns[field.lower()] = column
    return columns


@contextmanager
def mapped_columns(columns: Mapping[str, str]) -> Iterator[None]:
    """Within the block, readers called without ``columns`` use this mapping (how ``kg build --map`` reaches them)."""
    token = _MAPPED.set(dict(columns))
    try:
        yield
    finally:
        _MAPPED.reset(token)


def current_columns(columns: Mapping[str, str] | None = None) -> Mapping[str, str]:
    """Return ``columns``, or when it is None the mapping of the enclosing :func:`mapped_columns` (else none)."""
    return _MAPPED.get() if columns is None else columns


def rename_fields(record: Mapping[str, object], columns: Mapping[str, str]) -> dict[str, object]:
    """Return ``record`` with each mapped column renamed to its field; a mapped column wins over the field's own."""
    fields = dict(record)
    for field, column in columns.items():
        if column in fields and column != field:
            fields[field] = fields.pop(column)
    return fields


def _shown(name: str) -> str:
    """A column name as a message shows it: as written, or as a Python string when it holds a line break or control."""
    return name if name.isprintable() else repr(name)


def _example(unknown: Sequence[str], present: Iterable[str]) -> str:
    """An example ``--map`` for the message: a missing field (abstract first) from the first ignored column."""
    missing = [field for field in ("abstract", *FIELDS) if field not in set(present)]
    return f"--map {missing[0] if missing else 'abstract'}={_shown(unknown[0])}"


def warn_unknown(path: PathLike, line: int, seen: Sequence[str], what: str = "columns") -> list[str]:
    """Warn, as an :class:`~kg.errors.InputWarning`, about the names in ``seen`` that are not :data:`FIELDS`.

    ``seen`` are the column (or field) names after ``--map`` renamed them;
    returns the ignored ones (no warning when there are none).

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_unknown("papers.csv", 1, ["id", "title", "summary"])
    ['summary']
    >>> print(caught[0].message)
    papers.csv:1: ignored columns that are not paper fields: 'summary' (columns seen: id, title, summary); to read one as a field, pass --map abstract=summary
    """
    unknown = [name for name in seen if name and name not in FIELDS]
    if unknown:
        ignored = ", ".join(repr(name) for name in unknown)
        problem = f"ignored {what} that are not paper fields: {ignored} ({what} seen: {', '.join(map(_shown, seen))})"
        fix = f"to read one as a field, pass {_example(unknown, seen)}"
        warnings.warn(f"{path}:{line}: {problem}; {fix}", InputWarning, stacklevel=2)
    return unknown
