"""The build as a stream: extract, resolve and write in batches; never the whole corpus in one graph.

1. **extract**: papers go through the engine (:mod:`kg.builder.engines`);
   each extraction is appended to the extraction cache on disk and its
   abbreviations to the entity index (resolution's pass 1).
2. **resolve**: the cache is read back to count each group's surface
   forms (pass 2), then the entities are made.
3. **write**: the cache is read a batch at a time; each paper's links
   (pass 3) become N-Triples lines, kept as a sorted run on disk and, with
   ``--store``, bulk-loaded into Oxigraph as they are made.
4. **validate**: each batch is checked against the shapes as SPARQL in a
   small in-memory Oxigraph store (:class:`kg.graph.validate_store.BatchValidator`).

Memory holds one batch and the entity index. The outputs are then written
from the runs (:func:`kg.builder.outputs.write_outputs`); of them, only the
views hold the papers and entities, as a networkx graph.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from kg.builder.cache import CacheSettings, cache_line, read_cache, write_header
from kg.builder.engines import run_engine
from kg.builder.options import EngineOptions
from kg.builder.progress import Stages
from kg.builder.runs import Runs
from kg.errors import GraphError
from kg.graph.ntriples import PaperWriter, entity_lines
from kg.graph.validate import ValidationResult
from kg.graph.validate_store import BatchValidator
from kg.records import Entity, Extraction, Paper
from kg.resolve.entities import EntityIndex

__all__ = ["BuildCounts", "StreamOptions", "extract_to_cache", "graph_from_cache"]


@dataclass(frozen=True)
class StreamOptions:
    """How to build: the engine and its options, the write batch size, and whether to validate and load a store."""

    engine: str = "local"
    extraction: EngineOptions = field(default_factory=lambda: EngineOptions(0.45))
    batch_size: int = 1000
    check: bool = True
    store: bool = False


@dataclass
class BuildCounts:
    """What a build made: papers, entities per type, links per role, results, claims, and the verdict of the shapes."""

    papers: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    links: Counter[str] = field(default_factory=Counter)
    results: int = 0
    claims: int = 0
    validation: ValidationResult | None = None


def _batches(items: Iterable[Extraction], size: int) -> Iterator[list[Extraction]]:
    it = iter(items)
    while batch := list(islice(it, max(1, size))):
        yield batch


def extract_to_cache(papers: Sequence[Paper], cache: Path, options: StreamOptions, stages: Stages,
                     kept: Iterable[Extraction] = ()) -> EntityIndex:
    """Extract ``papers`` into the cache at ``cache`` after the already extracted ``kept``; return the index after pass 1."""
    index = EntityIndex()
    settings = CacheSettings(options.extraction.threshold, options.extraction.statistical)
    with cache.open("w", encoding="utf-8") as handle:
        write_header(handle, settings)
        for extraction in kept:
            handle.write(cache_line(extraction))
            index.add_abbreviations(extraction)
        with stages.stage("extract", len(papers)) as advance:
            for extraction in run_engine(options.engine, papers, options.extraction):
                handle.write(cache_line(extraction))
                index.add_abbreviations(extraction)
                advance(1)
    return index


def _open_store(folder: Path) -> ox.Store:
    try:
        return ox.Store(str(folder))
    except OSError as err:
        raise GraphError(f"{folder}: cannot open a store for the build ({err}); fix: free disk space") from err


def _load(store: ox.Store | None, lines: list[bytes]) -> None:
    if store is not None:
        store.bulk_load(input=b"\n".join(lines) + b"\n", format=ox.RdfFormat.N_TRIPLES)


def _write_batches(cache: Path, index: EntityIndex, entities: list[Entity], runs: Runs, store: ox.Store | None,
                   validator: BatchValidator | None, counts: BuildCounts, stages: Stages, batch_size: int) -> None:
    """Write the entities' and then each batch of papers' lines to the runs (and the store), checking each batch."""
    write, check = stages.bar("write", counts.papers), stages.bar("validate", counts.papers if validator else 0)
    with write.timing():
        lines, keys = entity_lines(entities)
        runs.add(lines)
        _load(store, lines)
    if validator is not None:
        with check.timing():
            validator.entities(lines)
    writer = PaperWriter(keys)
    for batch in _batches(read_cache(cache), batch_size):
        with write.timing():
            lines = []
            for extraction in batch:
                links = index.links(extraction)
                results, claims = index.results(extraction, links)
                counts.links.update(link.role for link in links)
                counts.results += len(results)
                counts.claims += len(claims)
                lines.extend(writer.lines(extraction.paper, links, results, claims))
            runs.add(lines)
            _load(store, lines)
            write.advance(len(batch))
        if validator is not None:
            with check.timing():
                check.advance(validator.batch(lines, len(batch)))
    write.hide()
    if validator is not None:
        with check.timing():
            check.advance(validator.wait())
        counts.validation = validator.result()
    check.hide()


def graph_from_cache(cache: Path, index: EntityIndex, work: Path, options: StreamOptions,
                     stages: Stages) -> tuple[Runs, BuildCounts]:
    """Resolve the cached extractions and write the graph's lines as runs in ``work`` (and its store there).

    Raises
    ------
    GraphError
        When two paper ids share an IRI, or (with ``check``) the graph breaks the shapes.
    """
    counts = BuildCounts()
    with stages.stage("resolve", None) as advance:
        for extraction in read_cache(cache):
            index.count(extraction)
            counts.papers += 1
            advance(1)
        entities = index.finish()
    counts.entities.update(entity.type for entity in entities)
    runs = Runs(work / "runs")
    store = _open_store(work / "store") if options.store else None
    with BatchValidator(options.extraction.processes) as validator:
        _write_batches(cache, index, entities, runs, store, validator if options.check else None, counts, stages,
                       options.batch_size)
    if store is not None:
        store.optimize()
        store.flush()
        del store  # release RocksDB's lock before the folder is moved into place
    return runs, counts
