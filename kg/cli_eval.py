"""``kg eval``: score a built graph against gold paper → entity links."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import DEFAULT_GRAPH, _clean_errors

__all__ = ["evaluate"]


@click.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH, show_default=True,
              help="The built graph (Turtle) to score.")
@click.option("--show", type=click.IntRange(0), default=10, show_default=True,
              help="How many of the most frequent false positives and misses to list.")
def evaluate(gold: Path, graph: Path, show: int) -> None:
    """Score GRAPH's paper → entity links against the GOLD annotations (JSON Lines).

    Prints precision, recall and F1 untyped, typed and for proposed links,
    matched as in the annotation guidelines (names compared after
    normalisation, aliases count, only core gold entities are needed), then
    the most frequent false positives and misses.

    Example: kg eval tests/data/seed_gold.jsonl --graph outputs/graph.ttl
    """
    from kg.evaluation import evaluate as score
    from kg.evaluation import format_evaluation, read_gold, read_predictions

    with _clean_errors():
        result = score(read_predictions(graph), read_gold(gold))
    click.echo(format_evaluation(result, show=show), nl=False)
