"""What ``kg build`` does: read, build with a progress bar, validate, write, summarise."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.builder.limits import DEFAULT_MAX_CHARS, fit_pipeline, limit_lengths
from kg.errors import GraphError, InputError
from kg.records import Facts

__all__ = ["run_build", "summary_table"]


def summary_table(facts: Facts, skipped: int, triples: int, seconds: float) -> Table:
    """A table of what the build made: papers, entities per type, links per role."""
    table = Table(title="paperkg build", show_header=False)
    table.add_row("papers", str(len(facts.papers)))
    table.add_row("skipped records", str(skipped))
    types = Counter(e.type for e in facts.entities)
    for name in ("Method", "Model", "Task", "Dataset"):
        table.add_row(f"entities: {name}", str(types[name]))
    roles = Counter(link.role for link in facts.links)
    for name in ("proposes", "uses", "evaluatesOn", "addresses"):
        table.add_row(f"links: {name}", str(roles[name]))
    table.add_row("triples", str(triples))
    table.add_row("seconds", f"{seconds:.1f}")
    return table


def run_build(
    inputs: list[Path],
    *,
    fmt: str | None,
    out: Path,
    threshold: float,
    on_error: Callable[[InputError], None] | None,
    skipped: list[InputError],
    quiet: bool,
    store: Path | None = None,
    check: bool = True,
    statistical: bool = True,
    processes: int = 1,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> None:
    """Build the graph of ``inputs`` into ``out``/graph.ttl and ``out``/graph.html.

    Also writes the exports of :mod:`kg.export.writers` beside graph.ttl and, when
    ``store`` is given, loads the graph into an on-disk Oxigraph store there;
    ``check=False`` skips the SHACL validation; ``statistical`` and
    ``processes`` are passed to :func:`kg.builder.facts.build_facts`; a title
    or abstract longer than ``max_chars`` is a malformed record
    (:func:`kg.builder.limits.limit_lengths`).

    Raises
    ------
    InputError
        A malformed record, unless ``on_error`` takes it.
    GraphError
        The built graph does not conform to the shapes, or cannot be written.
    """
    from kg.atomic import staged
    from kg.builder.facts import build_facts
    from kg.export.writers import write_exports
    from kg.graph import facts_to_graph, validate, write_turtle
    from kg.ingest import default_input, read_many
    from kg.sparql.store import create_store
    from kg.viewer.page import write_view

    console = Console(stderr=True, quiet=quiet)
    started = time.perf_counter()
    papers = limit_lengths(read_many(inputs or [default_input()], format=fmt, on_error=on_error), max_chars, on_error)
    fit_pipeline(max_chars, statistical=statistical)
    with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("extract", total=len(papers))
        facts = build_facts(papers, threshold=threshold, statistical=statistical, processes=processes,
                            on_paper=lambda _: progress.advance(task))
    graph = facts_to_graph(facts)
    result = validate(graph) if check else None
    if result is not None and not result.conforms:
        raise GraphError(f"the built graph breaks {result.violations} SHACL constraint(s):\n{result.text}")
    with staged() as stage:  # every output moves into place together, once all are written
        turtle = write_turtle(graph, out / "graph.ttl")
        exports = write_exports(graph, out)
        if store is not None:
            create_store(stage.path(out / "graph.nt"), store)  # N-Triples: the quickest to load
        write_view(graph, out / "graph.html")
    console.print(summary_table(facts, len(skipped), len(graph), time.perf_counter() - started))
    console.print(f"wrote {turtle}, {out / 'graph.html'}, {', '.join(path.name for path in exports)}"
                  + (f" and the store {store}" if store is not None else ""))
