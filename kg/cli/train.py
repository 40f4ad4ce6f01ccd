"""``kg train``: rebuild the trained entity recogniser from the corpora it was trained on."""

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
@click.option("--seed", type=int, default=0, show_default=True)
def train(scierc: Path, pwc: Path, scirex: Path | None, out: Path | None, epochs: int | None, limit: int | None,
          seed: int) -> None:
    """Train the entity recogniser on SciERC, PwC-NER and SciREX and write it to OUT.

    The recogniser learns METHOD, TASK and DATASET spans (SciERC's and
    SciREX's Method, Task, Material; PwC-NER's METHOD, RESEARCH_PROBLEM)
    with the architecture in kg/train/ner.cfg; only SciREX's train part is
    read, never the papers the yardstick holds out. The model with the best
    entity F1 on SciERC's dev split is kept. About 8 minutes on one core.

    Example: kg train --scierc data/scierc --pwc data/pwc-ner/train.data --scirex data/scirex/train.jsonl
    """
    from kg.train import MODEL_DIR
    from kg.train.train import TrainingData
    from kg.train.train import train as run

    with clean_errors():
        written = run(TrainingData(scierc, pwc, scirex), out or MODEL_DIR, max_epochs=epochs, limit=limit, seed=seed)
    click.echo(f"wrote the recogniser to {written}")
