"""``kg view``: write an HTML view of the whole graph or of part of it."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import DEFAULT_GRAPH, DEFAULT_OUT, clean_errors
from kg.viewer.select import DEFAULT_MAX_NODES

__all__ = ["view"]

_KINDS = ("Paper", "Method", "Model", "Task", "Dataset")


@click.command()
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH, show_default=True,
              help="The graph (Turtle) to draw.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_OUT / "view.html",
              show_default=True, help="The HTML file to write.")
@click.option("--type", "types", multiple=True, type=click.Choice(_KINDS, case_sensitive=False),
              help="Show only nodes of this type (repeat for several).")
@click.option("--around", metavar="LABEL", help="Show only what lies near the node with this label, alias or IRI.")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="How many links from --around to go (2 reaches entities that share a paper).")
@click.option("--max-nodes", type=click.IntRange(min=1), default=DEFAULT_MAX_NODES, show_default=True,
              help="Above this many nodes keep the best-connected ones; the page says what was left out.")
def view(graph: Path, out: Path, types: tuple[str, ...], around: str | None, depth: int, max_nodes: int) -> None:
    """Write an interactive HTML view of GRAPH, or of part of it, to OUT.

    The page is one self-contained file: open it from disk, offline. Search
    by name or alias, tick types and link roles on and off, click a node to
    light up its neighbourhood and read its details and evidence.

    Example: kg view --around LoRA --depth 2 --out lora.html
    """
    from kg.graph import load_graph
    from kg.viewer.page import write_view

    chosen_types = [k for k in _KINDS if k.lower() in {t.lower() for t in types}] if types else None
    with clean_errors():
        selection = write_view(load_graph(graph), out, types=chosen_types, around=around, depth=depth,
                               max_nodes=max_nodes)
    shown = selection.graph
    click.echo(f"wrote {out}: {shown.number_of_nodes():,} nodes, {shown.number_of_edges():,} links")
    if selection.note:
        click.echo(selection.note)
