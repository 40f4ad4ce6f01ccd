"""The extraction cache: every paper's extraction, one JSON object a line, so that a built graph can be updated.

``kg build`` writes ``extractions.jsonl`` beside the graph and ``kg add`` /
``kg remove`` update it. The first line is a header naming the format and
the extraction settings, ``{"paperkg-extractions": 1, "statistical": …,
"threshold": …}``; each further line is one paper, ``{"abbreviations":
[[short, long], …], "mentions": [{…}, …], "paper": {…}, "relations": [{…}, …],
"results": [{…}, …]}``, with the fields of :class:`~kg.records.Paper`,
:class:`~kg.records.Mention`, :class:`~kg.records.ResultMention` and
:class:`~kg.records.RelationMention` by name (spans as ``[field, start,
end]``; a mention's ``resolution`` left out: resolution fills it). Keys are sorted and papers
are in input order, so the same build writes the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kg.errors import InputError
from kg.records import Extraction, Mention, Paper, RelationMention, ResultMention

__all__ = ["CACHE_NAME", "CacheSettings", "cache_line", "read_cache", "read_settings", "write_cache", "write_header"]

CACHE_NAME = "extractions.jsonl"
"""The cache's file name in a build folder."""

_FORMAT = "paperkg-extractions"
_VERSION = 1
_FIX = "rebuild the folder with `kg build`"


@dataclass(frozen=True)
class CacheSettings:
    """The extraction settings a cache was made with; an update must use the same."""

    threshold: float
    statistical: bool


def write_header(handle: IO[str], settings: CacheSettings) -> None:
    """Write the cache's first line."""
    header = {_FORMAT: _VERSION, "statistical": settings.statistical, "threshold": settings.threshold}
    handle.write(json.dumps(header, sort_keys=True) + "\n")


def cache_line(extraction: Extraction) -> str:
    """Return one paper's cache line (with its newline).

    >>> cache_line(Extraction(Paper("p1", "T"), ()))[:40]
    '{"abbreviations": [], "mentions": [], "p'
    """
    mentions = []
    for mention in extraction.mentions:
        record = vars(mention).copy()
        del record["resolution"]
        mentions.append(record)
    record = {"abbreviations": extraction.abbreviations, "mentions": mentions, "paper": vars(extraction.paper),
              "relations": [vars(r) for r in extraction.relations], "results": [vars(r) for r in extraction.results]}
    return json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n"


def _extraction(record: dict[str, Any]) -> Extraction:
    paper = dict(record["paper"])
    paper["authors"] = tuple(paper.get("authors", ()))
    return Extraction(
        Paper(**paper),
        tuple(Mention(**mention) for mention in record["mentions"]),
        tuple((short, long) for short, long in record["abbreviations"]),
        tuple(ResultMention(**_spans(r, "entity", "dataset", "task")) for r in record.get("results", ())),
        tuple(RelationMention(**_spans(r, "subject", "object")) for r in record.get("relations", ())),
    )


def _spans(record: dict[str, Any], *names: str) -> dict[str, Any]:
    """``record`` with its span fields (JSON lists) back as tuples."""
    return {**record, **{name: tuple(record[name]) for name in names if record[name] is not None}}


def read_settings(path: str | Path) -> CacheSettings:
    """Return the settings in the header of the cache at ``path``.

    Raises
    ------
    InputError
        When the file is missing or its first line is no cache header.
    """
    source = Path(path)
    try:
        with source.open(encoding="utf-8") as handle:
            first = handle.readline()
    except OSError as err:
        raise InputError(str(source), None, f"cannot read the extraction cache ({err.strerror or err})",
                         f"give a folder made by `kg build`, or {_FIX}") from err
    try:
        header = json.loads(first)
        if header.get(_FORMAT) != _VERSION:
            raise ValueError(f"not a version {_VERSION} cache header")
        return CacheSettings(float(header["threshold"]), bool(header["statistical"]))
    except (ValueError, KeyError, AttributeError, TypeError) as err:
        raise InputError(str(source), 1, f"not a paperkg extraction cache header ({err})", _FIX) from err


def read_cache(path: str | Path) -> Iterator[Extraction]:
    """Yield the extractions in the cache at ``path``, in order.

    Raises
    ------
    InputError
        At the ``path:line`` of a line that is no cached extraction.
    """
    source = Path(path)
    read_settings(source)
    with source.open(encoding="utf-8") as handle:
        handle.readline()
        for number, line in enumerate(handle, start=2):
            try:
                yield _extraction(json.loads(line))
            except (ValueError, KeyError, TypeError) as err:
                raise InputError(str(source), number, f"not a cached extraction ({err})", _FIX) from err


def write_cache(path: str | Path, settings: CacheSettings, extractions: Iterable[Extraction]) -> Path:
    """Write a whole cache to ``path``; return it."""
    target = Path(path)
    with target.open("w", encoding="utf-8") as handle:
        write_header(handle, settings)
        for extraction in extractions:
            handle.write(cache_line(extraction))
    return target
