"""Train the statistical entity recogniser from SciERC, PwC-NER and SciREX.

``kg train --scierc DIR --pwc FILE --scirex FILE`` runs :func:`train`: it converts the
corpora (:mod:`kg.train.corpus`) to spaCy's binary format, trains the
pipeline described by ``ner.cfg`` next to this module, and copies the best
model (by entity F1 on SciERC's dev split) to the output folder, by default
the one the extraction pipeline loads (:data:`kg.train.MODEL_DIR`).
"""

from __future__ import annotations

import json
import random
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

__all__ = ["CONFIG", "TrainingData", "train"]

CONFIG = Path(__file__).with_name("ner.cfg")
"""The training configuration: architecture, optimiser, schedule."""


@dataclass(frozen=True)
class TrainingData:
    """Where the corpora are: SciERC's folder (train.json, dev.json), PwC-NER's train.data, SciREX's train.jsonl.

    Without ``scirex`` the recogniser learns from SciERC and PwC-NER only.
    """

    scierc: Path
    pwc: Path
    scirex: Path | None = None

    def check(self) -> None:
        """Raise :class:`InputError` naming the first corpus file that is missing."""
        for path in (self.scierc / "train.json", self.scierc / "dev.json", self.pwc, self.scirex):
            if path is not None and not path.is_file():
                raise InputError(path, None, "training file not found",
                                 "pass --scierc DIR (with train.json, dev.json), --pwc FILE (train.data) "
                                 "and --scirex FILE (train.jsonl)")


def _write_docbins(data: TrainingData, folder: Path, seed: int, limit: int | None) -> tuple[Path, Path, int]:
    """Convert the corpora to ``train.spacy`` / ``dev.spacy`` in ``folder``; return both paths and the train size."""
    from spacy.tokens import DocBin

    from kg.extract.tokenizer import blank_english
    from kg.train.corpus import read_pwc, read_scierc, read_scirex_docs

    nlp = blank_english()
    train_docs = list(read_scierc(data.scierc / "train.json", nlp)) + list(read_pwc(data.pwc, nlp))
    if data.scirex is not None:
        train_docs += read_scirex_docs(data.scirex, nlp, seed=seed)
    random.Random(seed).shuffle(train_docs)
    dev_docs = list(read_scierc(data.scierc / "dev.json", nlp))
    train_docs, dev_docs = train_docs[:limit], dev_docs[:limit]
    paths = folder / "train.spacy", folder / "dev.spacy"
    DocBin(docs=train_docs).to_disk(paths[0])
    DocBin(docs=dev_docs).to_disk(paths[1])
    return paths[0], paths[1], len(train_docs)


def train(data: TrainingData, out: Path, *, max_epochs: int | None = None, limit: int | None = None,
          seed: int = 0) -> Path:
    """Train the recogniser on ``data`` and write the best model to ``out``; return ``out``.

    Parameters
    ----------
    data
        The corpora's locations.
    out
        The model folder to (re)write.
    max_epochs
        Override the configuration's number of epochs (a quick run for tests).
    limit
        Train on the first ``limit`` shuffled documents only (a quick run for tests).
    seed
        Seed of the shuffling and of spaCy's training.
    """
    from spacy.cli.train import train as spacy_train

    data.check()
    with tempfile.TemporaryDirectory(prefix="kg-train-") as tmp:
        folder = Path(tmp)
        train_path, dev_path, _ = _write_docbins(data, folder, seed, limit)
        overrides: dict[str, object] = {"paths.train": str(train_path), "paths.dev": str(dev_path),
                                        "system.seed": seed}
        if max_epochs is not None:
            overrides["training.max_epochs"] = max_epochs
        spacy_train(CONFIG, folder / "run", overrides=overrides, use_gpu=-1)
        best = folder / "run" / "model-best"
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(best, out)
    _describe(out)
    return out


def _describe(model: Path) -> None:
    """Name the written model and drop the temporary corpus paths from its configuration."""
    meta_path = model / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(name="paperkg_ner", license="MIT",
                description="paperkg's entity recogniser (METHOD, TASK, DATASET), trained by `kg train` on "
                            "SciERC train, PwC-NER and the train part of SciREX; scores are on SciERC dev")
    meta_path.write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    config = model / "config.cfg"
    config.write_text(re.sub(r"^(train|dev) = .*$", r"\1 = null", config.read_text(encoding="utf-8"), flags=re.MULTILINE),
                      encoding="utf-8")
