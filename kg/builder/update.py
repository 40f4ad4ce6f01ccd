"""``kg add`` and ``kg remove``: update a built folder from its extraction cache, extracting only the new papers.

The folder's ``extractions.jsonl`` (:mod:`kg.builder.cache`) holds every
paper's extraction. Adding papers extracts only those not in it (with the
cache's threshold and pipeline), then resolves and writes the whole graph
from the cache as :func:`kg.builder.run.build_folder` does for a build, so the
result is the graph a full build of the old and new inputs together makes
(its sorted N-Triples identical), every existing IRI kept. Removing papers
drops their extractions and writes the graph again, nothing extracted.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from kg.builder.cache import CACHE_NAME, read_cache, read_settings
from kg.builder.limits import DEFAULT_MAX_CHARS, fit_pipeline, limit_lengths
from kg.builder.options import EngineOptions
from kg.builder.progress import Stages
from kg.builder.stream import StreamOptions
from kg.errors import InputError, KgError
from kg.records import Extraction, Paper

__all__ = ["UpdateOptions", "add_papers", "remove_papers"]


@dataclass(frozen=True)
class UpdateOptions:
    """How to update a folder: worker processes, batch size, validation, and a store to load again."""

    processes: int = 1
    batch_size: int = 1000
    check: bool = True
    store: Path | None = None
    quiet: bool = True


def _content(paper: Paper) -> Paper:
    """The paper without where it was read from: two records of one paper compare equal."""
    return dataclasses.replace(paper, source="")


def _cached(folder: Path) -> tuple[list[Extraction], StreamOptions]:
    """The folder's cached extractions and the extraction settings they were made with.

    Raises
    ------
    InputError
        When the folder has no extraction cache, or a line of it is broken.
    """
    cache = folder / CACHE_NAME
    if not cache.is_file():
        raise InputError(str(folder), None, f"no {CACHE_NAME} here, so it is no folder made by `kg build`",
                         "build it first with `kg build ... --out " + str(folder) + "`")
    settings = read_settings(cache)
    extraction = EngineOptions(settings.threshold, settings.statistical)
    return list(read_cache(cache)), StreamOptions(extraction=extraction)


def _options(base: StreamOptions, update: UpdateOptions) -> StreamOptions:
    extraction = dataclasses.replace(base.extraction, processes=update.processes)
    return StreamOptions("local", extraction, update.batch_size, update.check)


def _finish(folder: Path, console: Console, stages: Stages, message: str, started: float) -> dict[str, float]:
    console.print(f"{message} in {time.perf_counter() - started:.1f} s; wrote the outputs in {folder}")
    return stages.seconds


def add_papers(inputs: list[Path], folder: Path, options: UpdateOptions, *, fmt: str | None = None,
               replace: bool = False, on_error: Callable[[InputError], None] | None = None,
               max_chars: int = DEFAULT_MAX_CHARS) -> dict[str, float]:
    """Add the papers of ``inputs`` to the built ``folder``; return the seconds each stage took.

    A paper whose id is in the folder with the same content is left as it
    is; with different content it is an error, unless ``replace`` (its new
    extraction then takes the old one's place).

    Raises
    ------
    InputError
        A malformed record (unless ``on_error`` takes it), a known id with
        different content (unless ``replace``), or a folder without cache.
    GraphError
        The updated graph breaks the shapes (nothing is written), or cannot be written.
    """
    from kg.builder.run import build_folder
    from kg.ingest import read_many

    console = Console(stderr=True, quiet=options.quiet)
    started = time.perf_counter()
    kept, base = _cached(folder)
    known = {extraction.paper.id: number for number, extraction in enumerate(kept)}
    stream = _options(base, options)
    with Stages(console) as stages:
        with stages.stage("read", None) as advance:
            papers = limit_lengths(read_many(inputs, format=fmt, on_error=on_error), max_chars, on_error)
            advance(len(papers))
        fresh: list[Paper] = []
        replaced: dict[int, Paper] = {}
        for paper in papers:
            number = known.get(paper.id)
            if number is None:
                fresh.append(paper)
            elif _content(kept[number].paper) != _content(paper):
                if not replace:
                    path, _, line = paper.source.rpartition(":")
                    raise InputError(path or paper.source, int(line) if line.isdigit() else None,
                                     f"paper {paper.id!r} is already in {folder} with a different title, abstract "
                                     "or metadata", "pass --replace to replace it, or give it another id")
                replaced[number] = paper
        fit_pipeline(max_chars, statistical=stream.extraction.statistical)
        if replaced:
            from kg.builder.engines import run_engine

            with stages.stage("extract", len(replaced)) as advance:
                numbers = sorted(replaced)
                for number, extraction in zip(numbers, run_engine("local", [replaced[n] for n in numbers],
                                                                  stream.extraction), strict=True):
                    kept[number] = extraction
                    advance(1)
        build_folder(fresh, folder, stream, stages, store=options.store, kept=kept)
    return _finish(folder, console, stages, f"added {len(fresh)} paper(s), replaced {len(replaced)}, "
                   f"{len(papers) - len(fresh) - len(replaced)} already there", started)


def remove_papers(ids: list[str], folder: Path, options: UpdateOptions) -> dict[str, float]:
    """Take the papers ``ids`` out of the built ``folder``; return the seconds each stage took.

    Raises
    ------
    KgError
        An id that is not in the folder (nothing is changed then).
    InputError
        A folder without extraction cache.
    GraphError
        The graph cannot be written.
    """
    from kg.builder.run import build_folder

    console = Console(stderr=True, quiet=options.quiet)
    started = time.perf_counter()
    kept, base = _cached(folder)
    present = {extraction.paper.id for extraction in kept}
    missing = [paper_id for paper_id in ids if paper_id not in present]
    if missing:
        raise KgError(f"{folder}: no paper with id {', '.join(map(repr, missing))}; "
                      f"fix: give ids as `kg query` shows them (dcterms:identifier)")
    gone = set(ids)
    with Stages(console) as stages:
        build_folder([], folder, _options(base, options), stages, store=options.store,
                     kept=[extraction for extraction in kept if extraction.paper.id not in gone])
    return _finish(folder, console, stages, f"removed {len(gone)} paper(s)", started)
