"""``kg export`` (the graph in another file format) and ``kg store`` (an on-disk Oxigraph store)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import DEFAULT_GRAPH, clean_errors

__all__ = ["export", "store"]

_FORMATS = ("nt", "jsonld", "graphml", "csv")


@click.command()
@click.option("--format", "fmt", type=click.Choice(_FORMATS), required=True,
              help="nt (N-Triples), jsonld (JSON-LD), graphml (Gephi, networkx) or csv (edge list).")
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH, show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: beside the graph: graph.nt, graph.jsonld, graph.graphml, edges.csv).")
def export(fmt: str, graph: Path, out: Path | None) -> None:
    """Write the graph in another format (kg build writes all of them already).

    Example: kg export --format graphml --out papers.graphml
    """
    from kg.export.writers import EXPORTS, write_export
    from kg.graph import load_graph

    with clean_errors():
        target = write_export(load_graph(graph), fmt, out or graph.with_name(EXPORTS[fmt][0]))
    click.echo(f"wrote {target}")


@click.command()
@click.argument("graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH)
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def store(graph: Path, folder: Path) -> None:
    """Load GRAPH (Turtle, N-Triples, JSON-LD, RDF/XML) into an on-disk Oxigraph store in FOLDER.

    `kg query --store FOLDER` and `kg serve --store FOLDER` then open it at
    once, without parsing the file again. An existing store there is replaced.

    Example: kg store outputs/graph.nt graph-store
    """
    from kg.sparql.store import create_store, open_store

    with clean_errors():
        target = create_store(graph, folder)
        triples = len(open_store(target))
    click.echo(f"wrote {target}: {triples} triples")
