"""Read JSON: JSON Lines (one object per line) and JSON (an array of objects, or one object).

Each object's fields are ``id``, ``title``, ``abstract``, ``authors`` (a
list of names, or one string "A, B and C"), ``date``, ``url`` and
``arxiv_id``; other fields are ignored with a warning (one per file), or
read as a field through ``columns`` (``--map abstract=summary``).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping

from kg.errors import InputError
from kg.ingest.columns import current_columns, rename_fields, warn_unknown
from kg.ingest.common import OnError, PathLike, build_paper, report, type_name
from kg.ingest.files import read_text
from kg.records import Paper

__all__ = ["read_json", "read_jsonl"]

_LINE_FIX = 'each line must be one JSON object, e.g. {"id": "p1", "title": "…", "abstract": "…"}'
_JSON_FIX = 'write an array of objects, e.g. [{"id": "p1", "title": "…", "abstract": "…"}]'
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DEEP = "the JSON is nested too deeply to read (arrays or objects inside one another, too many levels)"
_FLAT_FIX = 'give each record plain fields, e.g. {"id": "p1", "title": "…", "abstract": "…"}'
_LONG_NUMBER_FIX = 'write a long id as a string, e.g. "id": "12345678901234567890"'


def _decoded_lines(lines: list[str], path: PathLike, on_error: OnError | None) -> Iterator[tuple[int, object]]:
    """Yield each non-blank line's number and decoded JSON value; a line that is not JSON is reported."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            problem = f"not valid JSON ({err.msg} at column {err.colno})"
            report(InputError(path, number, problem, _LINE_FIX), on_error)
            continue
        except ValueError as err:  # an integer of more than sys.get_int_max_str_digits() digits
            report(InputError(path, number, _long_number(), _LONG_NUMBER_FIX), on_error)
            continue
        except RecursionError:
            report(InputError(path, number, _DEEP, _FLAT_FIX), on_error)
            continue
        yield number, record


def read_jsonl(
    path: PathLike,
    on_error: OnError | None = None,
    *,
    text: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Iterator[Paper]:
    """Yield the papers of a JSON Lines file; blank lines are skipped.

    ``text`` is the content when it is already read (standard input);
    ``columns`` maps fields to other field names, by default those of
    :func:`~kg.ingest.columns.mapped_columns`.

    Raises
    ------
    InputError
        When the file cannot be read or opens with a lone ``[`` (a JSON
        array, not JSON Lines); through ``on_error`` (or raised when it is
        None) for a line that is not JSON, not an object, or not a valid
        record.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     file = pathlib.Path(folder, "papers.jsonl")
    ...     _ = file.write_text('{"id": "p1", "title": "Deep Nets"}\\n')
    ...     [(paper.id, paper.title) for paper in read_jsonl(file)]
    [('p1', 'Deep Nets')]
    """
    lines = (read_text(path, "a JSON Lines file") if text is None else text).split("\n")
    first = next((number for number, line in enumerate(lines, start=1) if line.strip()), 1)
    if lines[first - 1].strip() == "[":
        raise InputError(
            path,
            first,
            "this looks like a JSON array, not JSON Lines",
            "name the file .json or pass --format json",
        )
    records = _decoded_lines(lines, path, on_error)
    yield from _papers(records, path, "line holds", _LINE_FIX, on_error, current_columns(columns))


def _papers(
    values: Iterable[tuple[int, object]],
    path: PathLike,
    holder: str,
    fix: str,
    on_error: OnError | None,
    columns: Mapping[str, str],
) -> Iterator[Paper]:
    """Turn decoded JSON values into papers; a value that is not an object, or not a valid record, is reported.

    Fields are renamed by ``columns``; the first record with fields that are
    not paper fields gets the file's one warning about them.
    """
    warned = False
    for line, value in values:
        if not isinstance(value, dict):
            problem = f"{holder} {type_name(value)}, not a JSON object"
            report(InputError(path, line, problem, fix), on_error)
            continue
        record = rename_fields(value, columns)
        if not warned:
            warned = bool(warn_unknown(path, line, [str(key) for key in record], "fields"))
        try:
            paper = build_paper(record, path, line)
        except InputError as err:
            report(err, on_error)
        else:
            yield paper


def _long_number() -> str:
    """The problem, for a number Python refuses to convert (more than 4,300 digits by default)."""
    return f"a number has more digits than can be read ({sys.get_int_max_str_digits()} at most)"


def _decode(text: str, start: int, path: PathLike) -> tuple[object, int]:
    """Decode the JSON value at ``text[start:]``; return it and where it ends."""
    try:
        return json.JSONDecoder().raw_decode(text, start)
    except json.JSONDecodeError as err:
        problem = f"not valid JSON ({err.msg} at column {err.colno})"
        raise InputError(path, err.lineno, problem, _JSON_FIX) from err
    except ValueError as err:  # an integer of more than sys.get_int_max_str_digits() digits
        raise InputError(path, text.count("\n", 0, start) + 1, _long_number(), _LONG_NUMBER_FIX) from err
    except RecursionError as err:
        raise InputError(path, text.count("\n", 0, start) + 1, _DEEP, _FLAT_FIX) from err


def _skip(text: str, position: int) -> int:
    """Return the position of the first non-whitespace character at or after ``position``."""
    match = _WHITESPACE.match(text, position)
    return match.end() if match else position


def _values(text: str, path: PathLike) -> list[tuple[int, object]]:
    """Return each top-level value (array items, or the one value) with its first line.

    Raises
    ------
    InputError
        When the text is not valid JSON.
    """
    values: list[tuple[int, object]] = []
    start = _skip(text, 0)
    if not text.startswith("[", start):
        value, end = _decode(text, start, path)
        values.append((text.count("\n", 0, start) + 1, value))
    else:
        end = _skip(text, start + 1)
        line, counted = 1, 0
        while not text.startswith("]", end):
            line, counted = line + text.count("\n", counted, end), end
            value, end = _decode(text, end, path)
            values.append((line, value))
            end = _skip(text, end)
            if text.startswith(",", end):
                end = _skip(text, end + 1)
                if text.startswith("]", end):  # a trailing comma: let the decoder name it
                    _decode(text, end, path)
            elif not text.startswith("]", end):
                problem = "not valid JSON (expected ',' or ']' after an array item)"
                raise InputError(path, text.count("\n", 0, end) + 1, problem, _JSON_FIX)
        end += 1
    rest = _skip(text, end)
    if rest < len(text):
        line = text.count("\n", 0, rest) + 1
        raise InputError(path, line, "not valid JSON (extra data after the end)", _JSON_FIX)
    return values


def read_json(
    path: PathLike,
    on_error: OnError | None = None,
    *,
    text: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Iterator[Paper]:
    """Yield the papers of a JSON file holding an array of objects, or one object.

    Each paper's line is the line its object starts on. ``text`` and
    ``columns`` are as for :func:`read_jsonl`.

    Raises
    ------
    InputError
        When the file cannot be read, is not valid JSON, or holds neither
        an array nor an object; through ``on_error`` (or raised when it is
        None) for an array item that is not an object or not a valid record.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     file = pathlib.Path(folder, "papers.json")
    ...     _ = file.write_text('[\\n  {"title": "Deep Nets"},\\n  {"title": "Wide Nets"}\\n]\\n')
    ...     [paper.source[-13:] for paper in read_json(file)]
    ['papers.json:2', 'papers.json:3']
    """
    text = read_text(path, "a JSON file") if text is None else text
    values = _values(text, path)
    top_is_array = text.lstrip(" \t\n\r").startswith("[")
    if not top_is_array and not isinstance(values[0][1], dict):
        problem = f"the file holds {type_name(values[0][1])}, not an array of objects"
        raise InputError(path, values[0][0], problem, _JSON_FIX)
    yield from _papers(values, path, "array item is", _JSON_FIX, on_error, current_columns(columns))
