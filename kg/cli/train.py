"""``kg train``: rebuild the trained models (entity recogniser, typer) from the corpora they were trained on."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import clean_errors

__all__ = ["train"]


@click.command("train")
@click.option("--scierc", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="SciERC's folder (DyGIE format: train.json, dev.json).")
@click.option("--pwc", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="PwC-NER's train.data (token<TAB>BIOES tag).")
@click.option("--scirex", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SciREX's train.jsonl; only its train part is read (see kg/train/scirex.py).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Model folder to write [default: the one the pipeline loads, kg/models/ner].")
@click.option("--epochs", type=click.IntRange(1), default=None, help="Override the configured number of epochs.")
@click.option("--limit", type=click.IntRange(1), default=None,
              help="Train on this many shuffled documents only (a quick run).")
@click.option("--typer-out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Typer folder to write [default: the one the pipeline loads, kg/models/typer].")
@click.option("--only", type=click.Choice(["ner", "typer"]), default=None,
              help="Train one of the two models only.")
@click.option("--seed", type=int, default=0, show_default=True)
def train(scierc: Path, pwc: Path, scirex: Path | None, out: Path | None, epochs: int | None, limit: int | None,
          typer_out: Path | None, only: str | None, seed: int) -> None:
    """Train the entity recogniser and the typer on SciERC, PwC-NER and SciREX and write them.

    The recogniser learns METHOD, TASK and DATASET spans (SciERC's and
    SciREX's Method, Task, Material; PwC-NER's METHOD, RESEARCH_PROBLEM)
    with the architecture in kg/train/ner.cfg; only SciREX's train part is
    read, never the papers the yardstick holds out. The model with the best
    entity F1 on SciERC's dev split is kept. About 8 minutes on one core.

    The typer (kg/extract/typer.py) needs --scirex: it learns from SciREX's
    train part, SciERC, PwC-NER and the lexicon, and reports its accuracy on
    the held-out part's mentions. About 2 minutes.

    Example: kg train --scierc data/scierc --pwc data/pwc-ner/train.data --scirex data/scirex/train.jsonl
    """
    from kg.extract.typer import MODEL_DIR as TYPER_DIR
    from kg.train import MODEL_DIR
    from kg.train.train import TrainingData
    from kg.train.train import train as run
    from kg.train.typer import TyperData, train_typer

    if only == "typer" and scirex is None:
        raise click.UsageError("the typer learns from SciREX: give --scirex FILE (SciREX's train.jsonl)")
    with clean_errors():
        if only != "typer":
            written = run(TrainingData(scierc, pwc, scirex), out or MODEL_DIR, max_epochs=epochs, limit=limit,
                          seed=seed)
            click.echo(f"wrote the recogniser to {written}")
        if only != "ner" and scirex is not None:
            folder = typer_out or TYPER_DIR
            figures = train_typer(TyperData(scirex, scierc, pwc), folder, seed=seed, limit=limit and limit * 10)
            click.echo(f"wrote the typer to {folder} (held-out SciREX mention accuracy "
                       f"{figures['held_out_accuracy']:.3f})")
        elif only != "ner":
            click.echo("the typer was not trained: it needs --scirex FILE", err=True)
