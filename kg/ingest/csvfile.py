"""Read CSV: a header row, then one paper per row.

Columns (any order, names case-insensitive): ``id``, ``title``, ``abstract``,
``authors`` (names separated by ``;``), ``date``, ``url``, ``arxiv_id``;
only ``title`` is required; other columns are ignored with a warning, or
read as a field through ``columns`` (``--map abstract=summary``). Named ``csvfile``
so that it does not shadow the standard library's ``csv``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping

from kg.errors import InputError
from kg.ingest.columns import current_columns, warn_unknown
from kg.ingest.common import OnError, PathLike, build_paper, report
from kg.ingest.files import read_text
from kg.records import Paper

__all__ = ["read_csv"]

_HEADER_FIX = "start the file with a header row naming its columns, e.g. id,title,abstract,authors"


def _header(row: list[str], path: PathLike, line: int, columns: Mapping[str, str]) -> list[str]:
    """Return the header's column names, stripped, lower-cased and renamed by ``columns`` (field → column).

    A column mapped to a field replaces the field's own column, which is then
    left out; the columns that are not fields are named in a warning.

    Raises
    ------
    InputError
        When there is no ``title`` column.
    """
    names = [cell.strip().lower() for cell in row]
    for field, column in columns.items():
        if column.strip().lower() in names and column.strip().lower() != field:
            names = ["" if name == field else name for name in names]
            names[names.index(column.strip().lower())] = field
    if "title" not in names:
        found = ", ".join(repr(cell.strip()) for cell in row)
        problem = f"no 'title' column in the header (columns found: {found})"
        raise InputError(path, line, problem, _HEADER_FIX)
    warn_unknown(path, line, [name for name in names if name])
    return names


def _fields(names: list[str], row: list[str]) -> dict[str, object]:
    """Map a row's non-empty cells to their column names; split ``authors`` on ``;``."""
    fields: dict[str, object] = {
        name: cell for name, cell in zip(names, row, strict=False) if name and cell.strip()
    }
    authors = fields.get("authors")
    if isinstance(authors, str):
        fields["authors"] = [name for name in authors.split(";") if name.strip()]
    return fields


def read_csv(
    path: PathLike,
    on_error: OnError | None = None,
    *,
    text: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Iterator[Paper]:
    """Yield the papers of a CSV file; blank rows are skipped.

    Each paper's line is the physical line its row starts on (a quoted cell
    may span lines). A row shorter than the header leaves the missing
    columns empty. ``text`` is the content when it is already read
    (standard input); ``columns`` maps fields to other column names (names
    compared case-insensitively), by default those of
    :func:`~kg.ingest.columns.mapped_columns`.

    Raises
    ------
    InputError
        When the file cannot be read, has no ``title`` column, or its quoting
        is broken; through ``on_error`` (or raised when it is None) for a row
        with more cells than the header or a record without a title.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     file = pathlib.Path(folder, "papers.csv")
    ...     _ = file.write_text('ID,Title,Authors\\np1,"Deep, Wide Nets",Ada Lovelace; Alan Turing\\n')
    ...     [(paper.id, paper.title, paper.authors) for paper in read_csv(file)]
    [('p1', 'Deep, Wide Nets', ('Ada Lovelace', 'Alan Turing'))]
    """
    text = read_text(path, "a CSV file") if text is None else text
    mapping = current_columns(columns)
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # no cell is longer than its file
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    names: list[str] | None = None
    read = 0  # physical lines read so far
    try:
        for row in rows:
            line, read = read + 1, rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            if names is None:
                names = _header(row, path, line, mapping)
                continue
            if len(row) > len(names):
                problem = f"row has {len(row)} cells but the header has {len(names)} columns"
                fix = 'put double quotes around cells that contain a comma, e.g. "Deep, Wide Nets"'
                report(InputError(path, line, problem, fix), on_error)
                continue
            try:
                paper = build_paper(_fields(names, row), path, line)
            except InputError as err:
                report(err, on_error)
            else:
                yield paper
    except csv.Error as err:
        raise InputError(
            path,
            read + 1,
            f"cannot parse this CSV row ({err})",
            'close every quoted cell; write a quote inside a quoted cell as two ("")',
        ) from err
