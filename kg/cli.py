"""The ``kg`` command: a thin layer over the library.

Each command parses its options, calls one library function, prints, and
turns a :class:`kg.errors.KgError` into a one-line message and exit status 1.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from kg.errors import InputError, KgError

__all__ = ["cli", "main"]

DEFAULT_OUT = Path("outputs")
DEFAULT_GRAPH = DEFAULT_OUT / "graph.ttl"
FORMATS = ("bibtex", "csv", "json", "jsonl", "trending")


@contextmanager
def _clean_errors() -> Iterator[None]:
    """Report a paperkg error as ``error: …`` on stderr and exit 1, without a traceback."""
    try:
        yield
    except KgError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="paperkg")
def cli() -> None:
    """paperkg: build a knowledge graph of ML papers and query it."""


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Input format (default: from the extension).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Folder for graph.ttl and graph.html.")
@click.option("--skip-bad", is_flag=True, help="Skip malformed records (each is reported) instead of stopping.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.45, show_default=True,
              help="Leave out mentions with a lower confidence (0 keeps broad terms such as 'deep learning').")
@click.option("--quiet", "-q", is_flag=True, help="Print no progress or summary.")
def build(inputs: tuple[Path, ...], fmt: str | None, out: Path, skip_bad: bool, threshold: float, quiet: bool) -> None:
    """Build the graph from INPUTS (default: the bundled sample of 60 papers).

    INPUTS are trending-page text (.txt), JSON Lines (.jsonl), JSON (.json),
    CSV (.csv) or BibTeX (.bib) files. Writes OUT/graph.ttl and OUT/graph.html.

    Example: kg build papers.jsonl --out my-graph
    """
    from kg.cli_build import run_build

    skipped: list[InputError] = []

    def on_error(err: InputError) -> None:
        skipped.append(err)
        click.echo(f"skipped: {err}", err=True)

    with _clean_errors():
        run_build(list(inputs), fmt=fmt, out=out, threshold=threshold, on_error=on_error if skip_bad else None,
                  skipped=skipped, quiet=quiet)


@cli.command()
@click.argument("graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH)
def validate(graph: Path) -> None:
    """Check GRAPH (default: outputs/graph.ttl) against the SHACL shapes.

    Exits 1 and prints each violation when the graph does not conform.

    Example: kg validate outputs/graph.ttl
    """
    from kg.graph import load_graph
    from kg.graph import validate as check

    with _clean_errors():
        result = check(load_graph(graph))
    if not result.conforms:
        click.echo(result.text, err=True)
        click.echo(f"error: {graph}: {result.violations} SHACL violation(s)", err=True)
        sys.exit(1)
    click.echo(f"{graph}: conforms to the paperkg shapes")


@cli.command()
@click.argument("query")
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH, show_default=True)
@click.option("--format", "fmt", type=click.Choice(("table", "csv", "json")), default="table", show_default=True)
def query(query: str, graph: Path, fmt: str) -> None:
    """Run a SPARQL QUERY (text, or a .rq file) over the graph.

    The prefixes kg:, kgr:, kgl:, dcterms:, skos:, mls:, schema:, prov:,
    rdf:, rdfs:, owl: and xsd: are declared for you.

    Example: kg query 'SELECT ?d (COUNT(?p) AS ?n) WHERE { ?p kg:evaluatesOn ?d } GROUP BY ?d'
    """
    from kg.graph import load_graph
    from kg.query import read_query, run_query

    with _clean_errors():
        click.echo(run_query(load_graph(graph), read_query(query), fmt=fmt), nl=False)


from kg.cli_eval import evaluate  # noqa: E402

cli.add_command(evaluate)


def main() -> None:
    """Entry point of the ``kg`` console script."""
    cli()
