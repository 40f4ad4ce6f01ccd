"""``kg eval`` and ``kg explain``: how good the extraction is, and why an entity looks as it does."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import DEFAULT_GRAPH, clean_errors

__all__ = ["evaluate", "explain"]


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

    with clean_errors():
        result = score(read_predictions(graph), read_gold(gold))
    click.echo(format_evaluation(result, show=show), nl=False)


@click.command("explain")
@click.argument("name")
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH, show_default=True,
              help="The built graph (Turtle).")
def explain(name: str, graph: Path) -> None:
    """Explain the entity called NAME (a label, an alias or an IRI): why each spelling joined it.

    Lists the entity's type, preferred label and the rule that chose it, its
    aliases, lexicon concept and model family, then every surface form with
    how many mentions and papers use it, which extractors found it, and the
    resolution rule that merged it (lexicon concept, abbreviation, normalised
    name, near-duplicate).

    Example: kg explain LoRA
    """
    from kg.graph import load_graph
    from kg.graph.explain import explain as run
    from kg.graph.explain import format_explanation

    with clean_errors():
        items = run(load_graph(graph), name)
    click.echo("\n".join(format_explanation(item) for item in items), nl=False)
