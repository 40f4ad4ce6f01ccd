"""``kg eval`` and ``kg explain``: how good the extraction is, and why an entity looks as it does."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import DEFAULT_GRAPH, clean_errors

__all__ = ["evaluate", "explain", "rules"]


@click.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH, show_default=True,
              help="The built graph (Turtle) to score.")
@click.option("--show", type=click.IntRange(0), default=10, show_default=True,
              help="How many of the most frequent false positives and misses to list.")
@click.option("--ablate", "ablated", multiple=True, metavar="RULE",
              help="Extract again without RULE (repeatable; 'all' for every rule) and show what the scores become.")
@click.option("--papers", type=click.Path(dir_okay=False, path_type=Path),
              help="With --ablate: the papers to extract (default: the bundled sample).")
def evaluate(gold: Path, graph: Path, show: int, ablated: tuple[str, ...], papers: Path | None) -> None:
    """Score GRAPH's paper → entity links against the GOLD annotations (JSON Lines).

    Prints precision, recall and F1 untyped, typed and for proposed links,
    matched as the README's Evaluation section says (names compared after
    normalisation, aliases count, only core gold entities are needed,
    one-to-one), then the most frequent false positives and misses.

    With --ablate, extracts the papers again, once with every rule and once
    without each named rule, and prints the F1 of each run as a change from
    the run with every rule (negative: the rule helps). `kg rules` lists the
    rules.

    Example: kg eval tests/data/seed_gold.jsonl --graph outputs/graph.ttl

    Example: kg eval tests/data/seed_gold.jsonl --ablate model-names --ablate support
    """
    if ablated:
        from kg.evaluation.ablation import format_effects, rule_effects
        from kg.ingest import read_many

        with clean_errors():
            rules = None if "all" in ablated else list(ablated)
            inputs = read_many([papers]) if papers is not None else None
            baseline, effects = rule_effects(gold, inputs, rules=rules)
        click.echo(format_effects(baseline, effects), nl=False)
        return
    from kg.evaluation import evaluate as score
    from kg.evaluation import format_evaluation, read_gold, read_predictions

    with clean_errors():
        result = score(read_predictions(graph), read_gold(gold))
    click.echo(format_evaluation(result, show=show), nl=False)


@click.command("rules")
def rules() -> None:
    """List every extraction rule by stage, with what it does (names for `kg eval --ablate`).

    Example: kg rules
    """
    from kg.extract.registry import STAGES, summary

    for stage, named in STAGES.items():
        click.echo(stage)
        for name in named:
            click.echo(f"  {name:20s} {summary(name).replace('``', '')}")  # docstring markup is not for a terminal


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
