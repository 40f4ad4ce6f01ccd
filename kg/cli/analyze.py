"""``kg analyze``: write the analysis report and charts of a built graph."""

from __future__ import annotations

import time
from pathlib import Path

import click

from kg.cli.common import DEFAULT_GRAPH, DEFAULT_OUT, clean_errors

__all__ = ["analyze"]


@click.command("analyze")
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH, show_default=True,
              help="The built graph (Turtle) to analyse.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Folder for report.md and charts/*.png.")
@click.option("--no-charts", is_flag=True, help="Write the report only, without the PNG charts.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing on success.")
def analyze(graph: Path, out: Path, no_charts: bool, quiet: bool) -> None:
    """Analyse GRAPH and write OUT/report.md with charts in OUT/charts/.

    The report gives counts per type and role; the central entities of each
    type by degree and PageRank; Louvain communities with their top members
    and tasks; method–task and model–dataset co-occurrence; the most similar
    paper pairs and the entities they share; the entities that bridge
    communities (betweenness); and the papers linked to nothing. The same
    graph gives the same report.

    Example: kg analyze --graph outputs/graph.ttl --out outputs
    """
    from kg.analysis.report import write_report

    started = time.perf_counter()
    with clean_errors():
        written = write_report(graph, out, charts=not no_charts)
    if not quiet:
        for path in written:
            click.echo(f"wrote {path}")
        click.echo(f"analysed {graph} in {time.perf_counter() - started:.1f} s")
