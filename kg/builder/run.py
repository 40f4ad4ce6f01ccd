"""What ``kg build`` does: read, build as a stream with a bar per stage, validate, write, summarise."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kg.builder.cache import CACHE_NAME
from kg.builder.limits import DEFAULT_MAX_CHARS, fit_pipeline, limit_lengths
from kg.builder.progress import Stages
from kg.builder.stream import BuildCounts, StreamOptions, extract_to_cache, graph_from_cache
from kg.atomic import staged
from kg.errors import GraphError, InputError, OutputError
from kg.records import Extraction, Paper

__all__ = ["build_folder", "run_build", "summary_table"]


def summary_table(counts: BuildCounts, skipped: int, triples: int, seconds: float) -> Table:
    """A table of what the build made: papers, entities per type, links per role, results and claims."""
    table = Table(title="paperkg build", show_header=False)
    table.add_row("papers", str(counts.papers))
    table.add_row("skipped records", str(skipped))
    for name in ("Method", "Model", "Task", "Dataset"):
        table.add_row(f"entities: {name}", str(counts.entities[name]))
    for name in ("proposes", "uses", "evaluatesOn", "addresses"):
        table.add_row(f"links: {name}", str(counts.links[name]))
    table.add_row("results", str(counts.results))
    table.add_row("claims", str(counts.claims))
    table.add_row("triples", str(triples))
    table.add_row("seconds", f"{seconds:.1f}")
    return table


def build_folder(papers: list[Paper], out: Path, options: StreamOptions, stages: Stages, *,
                 store: Path | None = None, kept: Iterable[Extraction] = ()) -> tuple[BuildCounts, list[Path], int]:
    """Extract ``papers`` (after the already extracted ``kept``), build, validate and write every output into ``out``.

    Returns the counts, the files written and the number of triples.

    Raises
    ------
    GraphError
        The graph breaks the shapes (nothing is written then), or cannot be written.
    """
    from kg.builder.outputs import write_outputs
    from kg.sparql.store import check_store_target

    if store is not None:
        check_store_target(store)
    options = StreamOptions(options.engine, options.extraction, options.batch_size, options.check, store is not None)
    out.parent.mkdir(parents=True, exist_ok=True)
    with staged() as stage:
        work = stage.scratch(out.parent)
        try:
            cache = work / CACHE_NAME
            index = extract_to_cache(papers, cache, options, stages, kept)
            runs, counts = graph_from_cache(cache, index, work, options, stages)
        except OSError as err:
            raise OutputError(f"{work}: cannot write the build's working files ({err.strerror or err}); the previous "
                              "outputs are unchanged; fix: free disk space or raise the file-size limit") from err
        result = counts.validation
        if result is not None and not result.conforms:
            raise GraphError(f"the built graph breaks {result.violations} SHACL constraint(s):\n{result.text}")
        with stages.stage("write", None):
            written, triples = write_outputs(runs, cache, out, store=store, built_store=work / "store")
    return counts, written, triples


def run_build(
    inputs: list[Path],
    *,
    fmt: str | None,
    out: Path,
    options: StreamOptions,
    on_error: Callable[[InputError], None] | None,
    skipped: list[InputError],
    quiet: bool,
    store: Path | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> dict[str, float]:
    """Build the graph of ``inputs`` into ``out``: graph.ttl, graph.html, the exports and the extraction cache.

    Loads the graph into an on-disk Oxigraph store at ``store`` when given.
    A title or abstract longer than ``max_chars`` is a malformed record
    (:func:`kg.builder.limits.limit_lengths`). Returns the seconds each stage took.

    Raises
    ------
    InputError
        A malformed record, unless ``on_error`` takes it.
    GraphError
        The built graph does not conform to the shapes, or cannot be written.
    """
    from kg.ingest import default_input, read_many

    console = Console(stderr=True, quiet=quiet)
    started = time.perf_counter()
    with Stages(console) as stages:
        with stages.stage("read", None) as advance:
            papers = []
            for paper in read_many(inputs or [default_input()], format=fmt, on_error=on_error):
                papers.append(paper)
                advance(1)
            papers = limit_lengths(papers, max_chars, on_error)
        fit_pipeline(max_chars, statistical=options.extraction.statistical)
        counts, written, triples = build_folder(papers, out, options, stages, store=store)
    console.print(summary_table(counts, len(skipped), triples, time.perf_counter() - started))
    console.print(f"wrote {', '.join(str(path) for path in written)}"
                  + (f" and the store {store}" if store is not None else ""))
    return stages.seconds
