"""``kg build`` and ``kg validate``: make the graph of a set of papers, and check a graph against the shapes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.builder.limits import DEFAULT_MAX_CHARS
from kg.cli.common import DEFAULT_GRAPH, DEFAULT_OUT, FORMATS, clean_errors
from kg.errors import InputError

__all__ = ["build", "validate"]


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Input format (default: from the extension; for - from the content).")
@click.option("--map", "column_map", multiple=True, metavar="FIELD=COLUMN",
              help="Read FIELD (id, title, abstract, authors, date, url, arxiv_id) from the CSV column or JSON "
                   "field COLUMN, e.g. --map abstract=summary. Repeatable.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Folder for graph.ttl and graph.html.")
@click.option("--skip-bad", is_flag=True, help="Skip malformed records (each is reported) instead of stopping.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.45, show_default=True,
              help="Leave out mentions with a lower confidence (0 keeps broad terms such as 'deep learning').")
@click.option("--quiet", "-q", is_flag=True, help="Print no progress or summary.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also load the graph into an on-disk Oxigraph store in this folder (for kg query/serve --store).")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check (slow on very large inputs).")
@click.option("--rules-only", is_flag=True, help="Extract with the lexicon and rules only, without the trained recogniser.")
@click.option("--processes", "-j", type=click.IntRange(1), default=1, show_default=True,
              help="Worker processes for extraction and validation (the output does not depend on it).")
@click.option("--max-chars", type=click.IntRange(1), default=DEFAULT_MAX_CHARS, show_default=True,
              help="Longest title or abstract read; a longer one is a malformed record (see --skip-bad).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: this machine, or a Dask cluster (pip install 'paperkg[cluster]').")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the scheduler's address (default: a local cluster of -j workers).")
@click.option("--batch-size", type=click.IntRange(1), default=1000, show_default=True,
              help="Papers per batch written, loaded and validated (the output does not depend on it).")
def build(inputs: tuple[Path, ...], fmt: str | None, column_map: tuple[str, ...], out: Path, skip_bad: bool,
          threshold: float, quiet: bool, store_dir: Path | None, no_validate: bool, rules_only: bool, processes: int,
          max_chars: int, engine: str, scheduler: str | None, batch_size: int) -> None:
    """Build the graph from INPUTS (default: the bundled sample of 60 papers).

    INPUTS are trending-page text (.txt), JSON Lines (.jsonl), JSON (.json),
    CSV (.csv) or BibTeX (.bib) files; - reads standard input, its format
    told from its content. Writes OUT/graph.ttl, OUT/graph.html, the exports
    OUT/graph.nt, OUT/graph.jsonld, OUT/graph.graphml, OUT/edges.csv, and
    OUT/extractions.jsonl, which `kg add` and `kg remove` update.

    Example: kg build papers.jsonl --out my-graph -j 2

    Example: cat papers.csv | kg build - --map abstract=summary
    """
    from kg.builder.options import EngineOptions
    from kg.builder.run import run_build
    from kg.builder.stream import StreamOptions
    from kg.ingest import mapped_columns, parse_column_map

    skipped: list[InputError] = []

    def on_error(err: InputError) -> None:
        skipped.append(err)
        click.echo(f"skipped: {err}", err=True)

    with clean_errors(), mapped_columns(parse_column_map(column_map)):
        extraction = EngineOptions(threshold, not rules_only, processes, scheduler, min(batch_size, 256))
        options = StreamOptions(engine, extraction, batch_size, not no_validate)
        run_build(list(inputs), fmt=fmt, out=out, options=options, on_error=on_error if skip_bad else None,
                  skipped=skipped, quiet=quiet, store=store_dir, max_chars=max_chars)


@click.command()
@click.argument("graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH)
def validate(graph: Path) -> None:
    """Check GRAPH (default: outputs/graph.ttl) against the SHACL shapes.

    Exits 1 and prints each violation when the graph does not conform.

    Example: kg validate outputs/graph.ttl
    """
    from kg.graph import load_graph
    from kg.graph import validate as check

    with clean_errors():
        result = check(load_graph(graph))
    if not result.conforms:
        click.echo(result.text, err=True)
        click.echo(f"error: {graph}: {result.violations} SHACL violation(s)", err=True)
        sys.exit(1)
    click.echo(f"{graph}: conforms to the paperkg shapes")
