"""The ``kg`` command: a thin layer over the library.

Each command parses its options, calls one library function, prints, and
turns a :class:`kg.errors.KgError` into a one-line message and exit status 1.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path
from typing import Any

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


class _LazyGroup(click.Group):
    """A command group that imports a command's module only when that command is needed.

    ``kg query`` then loads neither networkx (``kg view``) nor the other
    commands' modules; ``kg --help`` still lists every command with its help.
    """

    def __init__(self, *args: Any, lazy: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy  # command name → "module:attribute"

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            module, _, attribute = self.lazy[cmd_name].partition(":")
            self.add_command(getattr(import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)


_LAZY_COMMANDS = {
    "analyze": "kg.cli_analyze:analyze",
    "eval": "kg.cli_eval:evaluate",
    "explain": "kg.cli_eval:explain",
    "export": "kg.cli_export:export",
    "serve": "kg.cli_serve:serve",
    "store": "kg.cli_export:store",
    "train": "kg.cli_train:train",
    "view": "kg.cli_view:view",
}


@click.group(cls=_LazyGroup, lazy=_LAZY_COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also load the graph into an on-disk Oxigraph store in this folder (for kg query/serve --store).")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check (slow on very large inputs).")
@click.option("--rules-only", is_flag=True, help="Extract with the lexicon and rules only, without the trained recogniser.")
@click.option("--processes", "-j", type=click.IntRange(1), default=1, show_default=True,
              help="Worker processes for extraction (the output does not depend on it).")
def build(inputs: tuple[Path, ...], fmt: str | None, out: Path, skip_bad: bool, threshold: float, quiet: bool,
          store_dir: Path | None, no_validate: bool, rules_only: bool, processes: int) -> None:
    """Build the graph from INPUTS (default: the bundled sample of 60 papers).

    INPUTS are trending-page text (.txt), JSON Lines (.jsonl), JSON (.json),
    CSV (.csv) or BibTeX (.bib) files. Writes OUT/graph.ttl, OUT/graph.html and
    the exports OUT/graph.nt, OUT/graph.jsonld, OUT/graph.graphml, OUT/edges.csv.

    Example: kg build papers.jsonl --out my-graph
    """
    from kg.cli_build import run_build

    skipped: list[InputError] = []

    def on_error(err: InputError) -> None:
        skipped.append(err)
        click.echo(f"skipped: {err}", err=True)

    with _clean_errors():
        run_build(list(inputs), fmt=fmt, out=out, threshold=threshold, on_error=on_error if skip_bad else None,
                  skipped=skipped, quiet=quiet, store=store_dir, check=not no_validate,
                  statistical=not rules_only, processes=processes)


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
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH, show_default=True,
              help="RDF file to query (Turtle, N-Triples, JSON-LD, RDF/XML).")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              help="On-disk store to query instead (made by `kg build --store` or `kg store`).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (a string; <iri>, kgr:… or \"…\"^^xsd:… for other terms). Repeatable.")
@click.option("--format", "fmt", type=click.Choice(("table", "csv", "tsv", "json")), default="table",
              show_default=True, help="Output: aligned table, or SPARQL 1.1 CSV, TSV or results JSON.")
def query(query: str, graph: Path, store_dir: Path | None, params: tuple[str, ...], fmt: str) -> None:
    """Run a SPARQL QUERY (text, or a .rq file) over the graph, in Oxigraph.

    The prefixes kg:, kgr:, kgl:, dcterms:, skos:, mls:, schema:, prov:,
    rdf:, rdfs:, owl: and xsd: are declared for you. A --param value is bound
    to its variable after the query is parsed, so it can never change the
    query; the variable must be selected (SELECT * will do).

    Example: kg query 'SELECT ?title ?d WHERE { ?p kg:evaluatesOn ?d ; dcterms:title ?title }' --param d=kgr:dataset/gsm8k
    """
    from kg.query import read_query
    from kg.sparql import run_store_query
    from kg.store import load_store, open_store

    with _clean_errors():
        text = read_query(query)
        store = open_store(store_dir) if store_dir is not None else load_store(graph)
        click.echo(run_store_query(store, text, params=params, fmt=fmt), nl=False)


def main() -> None:
    """Entry point of the ``kg`` console script."""
    cli()
