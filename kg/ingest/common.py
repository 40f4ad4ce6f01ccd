"""What every reader shares: field validation, ids, duplicates, error reporting.

Readers turn a file into plain field mappings and hand each one, with the
line it came from, to :func:`build_paper`, which validates the fields,
normalises whitespace, derives the id and returns a :class:`~kg.records.Paper`.
A malformed record becomes an :class:`~kg.errors.InputError` passed to
:func:`report`, which raises it or hands it to the caller's ``on_error``.
File-level checks live in :mod:`kg.ingest.files`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Protocol

from kg.errors import InputError
from kg.ingest.chars import first_unprintable, printable
from kg.records import Paper
from kg.slugs import slugify

__all__ = [
    "OnError",
    "PathLike",
    "Reader",
    "arxiv_id_from_url",
    "build_paper",
    "clean_text",
    "default_input",
    "drop_duplicates",
    "normalise_arxiv_id",
    "report",
    "split_authors",
    "type_name",
]

PathLike = str | os.PathLike[str]
"""What a reader accepts as the path of its input file."""

OnError = Callable[[InputError], None]
"""A callback that receives each malformed record's error instead of a raise."""

_ARXIV_NEW = r"\d{4}\.\d{4,5}(?:v\d+)?"
_ARXIV_OLD = r"[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?"
_ARXIV_ID = re.compile(rf"(?:{_ARXIV_NEW}|{_ARXIV_OLD})")
_ARXIV_URL = re.compile(rf"arxiv\.org/(?:abs|pdf|html)/({_ARXIV_NEW}|{_ARXIV_OLD})(?!\d)")
_ARXIV_PREFIX = re.compile(r"^arxiv:\s*", re.IGNORECASE)
_AUTHOR_SEPARATORS = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_JSON_TYPES = {
    bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array", dict: "an object",
}


class Reader(Protocol):
    """A format's reader: yields the papers of one file, in file order."""

    def __call__(self, path: PathLike, on_error: OnError | None = None, *, text: str | None = None) -> Iterator[Paper]:
        """Read ``path`` (or ``text``, its content already read); pass each malformed record's error to ``on_error``."""
        ...


def default_input() -> Path:
    """Return the path of the bundled sample input, 60 trending ML papers.

    Examples
    --------
    >>> default_input().name
    'trending_papers.txt'
    """
    return Path(str(resources.files("kg.data") / "trending_papers.txt"))


def report(err: InputError, on_error: OnError | None) -> None:
    """Raise ``err``, or hand it to ``on_error`` when one is given.

    Examples
    --------
    >>> seen = []
    >>> report(InputError("a.csv", 2, "record has no title", "add one"), seen.append)
    >>> str(seen[0])
    'a.csv:2: record has no title; add one'
    """
    if on_error is None:
        raise err
    on_error(err)


def clean_text(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends.

    Control characters, lone surrogates and non-characters count as
    whitespace (see :func:`kg.ingest.chars.printable`).

    Examples
    --------
    >>> clean_text("  Deep\\n  Learning\\t ")
    'Deep Learning'
    >>> clean_text("Deep\\x01Learning\\ufffe")
    'Deep Learning'
    """
    return " ".join(printable(text).split())


def normalise_arxiv_id(text: str) -> str | None:
    """Return ``text`` as an arXiv id without its ``arXiv:`` prefix, or None.

    The version suffix is kept as given.

    Examples
    --------
    >>> normalise_arxiv_id(" arXiv:2403.01234v2 ")
    '2403.01234v2'
    >>> normalise_arxiv_id("hep-th/9901001")
    'hep-th/9901001'
    >>> normalise_arxiv_id("not an id") is None
    True
    """
    candidate = _ARXIV_PREFIX.sub("", text.strip())
    return candidate if _ARXIV_ID.fullmatch(candidate) else None


def arxiv_id_from_url(url: str) -> str | None:
    """Return the arXiv id in an arxiv.org ``abs``/``pdf`` URL, or None.

    Examples
    --------
    >>> arxiv_id_from_url("https://arxiv.org/abs/2403.01234v2")
    '2403.01234v2'
    >>> arxiv_id_from_url("https://arxiv.org/pdf/2403.01234.pdf")
    '2403.01234'
    >>> arxiv_id_from_url("https://example.org/paper") is None
    True
    """
    match = _ARXIV_URL.search(url)
    return match.group(1) if match else None


def split_authors(text: str) -> tuple[str, ...]:
    """Split a list of author names written as one string.

    Names are separated by ``;`` when there is one, else by commas and "and".

    Examples
    --------
    >>> split_authors("Ada Lovelace, Alan Turing and Grace Hopper")
    ('Ada Lovelace', 'Alan Turing', 'Grace Hopper')
    >>> split_authors("Lovelace, Ada; Turing, Alan")
    ('Lovelace, Ada', 'Turing, Alan')
    """
    parts = text.split(";") if ";" in text else _AUTHOR_SEPARATORS.split(text)
    return tuple(name for name in (clean_text(part) for part in parts) if name)


def type_name(value: object) -> str:
    """Name the JSON type of a parsed value, for messages.

    Examples
    --------
    >>> type_name(3.5), type_name([1]), type_name(None), type_name({})
    ('a number', 'an array', 'null', 'an object')
    """
    return "null" if value is None else _JSON_TYPES.get(type(value), f"a {type(value).__name__}")


_NUMERIC_TEXT = frozenset({"id", "date"})
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")


def _string(fields: Mapping[str, object], name: str, path: PathLike, line: int) -> str | None:
    """Return field ``name`` stripped, None when absent or blank; raise when not a string.

    Whole numbers are taken as text for the fields people often write as
    numbers: ``id`` (``"id": 17``) and ``date`` (``"date": 2024``).
    """
    value = fields.get(name)
    if value is None:
        return None
    if name in _NUMERIC_TEXT and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise InputError(
            path,
            line,
            f"field '{name}' is {type_name(value)} ({value!r:.40}), not a string",
            f'write it as a string, e.g. "{name}": "…"',
        )
    return value.strip() or None


def _identifier(fields: Mapping[str, object], name: str, path: PathLike, line: int) -> str | None:
    """Return field ``name`` (``id`` or ``url``) as :func:`_string` does; raise when a graph cannot hold it.

    An id or URL with a control character, line break, lone surrogate or
    non-character is refused, and so is a URL that is not an absolute IRI.
    """
    value = _string(fields, name, path, line)
    if value is None:
        return None
    bad = first_unprintable(value)
    if bad is not None:
        raise InputError(
            path, line, f"field '{name}' {value!r:.60} holds the character {bad!r}, which an {name} cannot hold",
            f"remove it from the {name}",
        )
    if name == "url" and not _ABSOLUTE_IRI.fullmatch(value):
        raise InputError(
            path, line, f"field 'url' {value!r:.60} is not an absolute URL",
            "write it like https://arxiv.org/abs/2403.01234, or leave it out",
        )
    return value


def _authors(fields: Mapping[str, object], path: PathLike, line: int) -> tuple[str, ...]:
    """Return the ``authors`` field as names; it may be a list of strings or one string."""
    value = fields.get("authors")
    fix = 'write authors as a list of strings, e.g. "authors": ["Ada Lovelace", "Alan Turing"]'
    if value is None:
        return ()
    if isinstance(value, str):
        return split_authors(value)
    if not isinstance(value, list | tuple):
        raise InputError(
            path, line, f"field 'authors' is {type_name(value)}, not a list of strings", fix
        )
    for number, name in enumerate(value, start=1):
        if not isinstance(name, str):
            raise InputError(
                path, line, f"field 'authors' item {number} is {type_name(name)}, not a string", fix
            )
    return tuple(name for name in (clean_text(item) for item in value) if name)


def build_paper(fields: Mapping[str, object], path: PathLike, line: int) -> Paper:
    """Validate one record's fields and return its :class:`Paper`.

    The id is the given ``id``, else the arXiv id (from ``arxiv_id`` or an
    arxiv.org ``url``), else the slug of the title. Whitespace in the title
    and abstract is collapsed; a missing abstract becomes ``""``.

    Raises
    ------
    InputError
        When the title is missing or blank, a field is not a string, or
        ``arxiv_id`` is not an arXiv id.

    Examples
    --------
    >>> fields = {"title": " Deep  Nets ", "url": "https://arxiv.org/abs/2403.01234"}
    >>> paper = build_paper(fields, "a.jsonl", 3)
    >>> paper.id, paper.title, paper.arxiv_id, paper.source
    ('2403.01234', 'Deep Nets', '2403.01234', 'a.jsonl:3')
    >>> build_paper({"title": "Deep Nets"}, "a.jsonl", 4).id
    'deep-nets'
    """
    given_id = _identifier(fields, "id", path, line)
    title = clean_text(_string(fields, "title", path, line) or "")
    if not title:
        named = f" (id {given_id!r})" if given_id else ""
        present = ", ".join(sorted(repr(key) if first_unprintable(str(key)) else str(key) for key in fields)) or "none"
        raise InputError(
            path,
            line,
            f"record has no title{named} (fields present: {present})",
            "give every record a non-empty title",
        )
    url = _identifier(fields, "url", path, line)
    raw_arxiv = _string(fields, "arxiv_id", path, line)
    arxiv_id = normalise_arxiv_id(raw_arxiv) if raw_arxiv else None
    if raw_arxiv and arxiv_id is None:
        raise InputError(
            path,
            line,
            f"arxiv_id {raw_arxiv!r:.60} is not an arXiv id",
            "write it like 2403.01234, 2403.01234v2 or hep-th/9901001, or leave it out",
        )
    arxiv_id = arxiv_id or (arxiv_id_from_url(url) if url else None)
    return Paper(
        id=given_id or arxiv_id or slugify(title),
        title=title,
        abstract=clean_text(_string(fields, "abstract", path, line) or ""),
        authors=_authors(fields, path, line),
        date=clean_text(_string(fields, "date", path, line) or "") or None,
        url=url,
        arxiv_id=arxiv_id,
        source=f"{path}:{line}",
    )


def _where(source: str) -> tuple[str, int | None]:
    """Split a ``path:line`` source back into its path and line."""
    path, _, line = source.rpartition(":")
    return (path, int(line)) if path and line.isdigit() else (source, None)


def drop_duplicates(papers: Iterable[Paper], on_error: OnError | None = None) -> list[Paper]:
    """Keep the first paper of each id; report an id reused for other content.

    A paper whose id, title and abstract equal an earlier one's is dropped
    quietly (the same record read twice); a reused id with a different title
    or abstract is an error at the second paper's ``path:line``.

    Raises
    ------
    InputError
        For a reused id when ``on_error`` is None.

    Examples
    --------
    >>> a = Paper("p1", "Deep Nets", source="a.jsonl:1")
    >>> [p.source for p in drop_duplicates([a, Paper("p1", "Deep Nets", source="b.jsonl:7")])]
    ['a.jsonl:1']
    """
    first_of: dict[str, Paper] = {}
    kept: list[Paper] = []
    for paper in papers:
        first = first_of.get(paper.id)
        if first is None:
            first_of[paper.id] = paper
            kept.append(paper)
        elif (first.title, first.abstract) != (paper.title, paper.abstract):
            path, line = _where(paper.source)
            problem = (
                f"duplicate id {paper.id!r}: the paper at {first.source} "
                "has the same id but a different title or abstract"
            )
            fix = "give one of them another id, or remove the duplicate"
            report(InputError(path, line, problem, fix), on_error)
    return kept
