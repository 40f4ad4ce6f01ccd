"""Fit the learned typer (:mod:`kg.extract.typer`) from SciREX, SciERC, PwC-NER and the lexicon.

``kg train`` runs :func:`train_typer`: it gathers the examples of
:mod:`kg.train.typing_data`, fits a multinomial logistic regression
(scikit-learn) over their hashed features, reports its accuracy per class
on the mentions of the held-out SciREX papers, and writes the weights to
``kg/models/typer``.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kg.errors import InputError
from kg.extract.typer import CLASSES, MODEL_DIR, Typer, features, hashed
from kg.train.typing_data import (Example, held_out_examples, lexicon_examples, pwc_examples, rule_negatives,
                                  scierc_examples, scirex_examples)

__all__ = ["N_FEATURES", "TyperData", "train_typer"]

N_FEATURES = 2 ** 18
"""Hashed feature slots: 1 MB of weights per class."""

_C = 1.0
_MAX_PER_CLASS = 40_000


@dataclass(frozen=True)
class TyperData:
    """Where the corpora are: SciREX's train.jsonl, SciERC's folder (train.json) and PwC-NER's train.data."""

    scirex: Path
    scierc: Path
    pwc: Path

    def check(self) -> None:
        """Raise :class:`InputError` naming the first corpus file that is missing."""
        for path in (self.scirex, self.scierc / "train.json", self.pwc):
            if not path.is_file():
                raise InputError(path, None, "training file not found",
                                 "pass --scirex FILE (train.jsonl), --scierc DIR (train.json) and --pwc FILE (train.data)")


def _examples(data: TyperData, lexicon, nlp, seed: int, documents: int | None) -> list[Example]:
    chunks = list(scirex_examples(data.scirex, lexicon, documents=documents))
    chunks = [c for c in chunks if c]
    examples = [e for c in chunks for e in c]
    examples += rule_negatives(chunks, nlp)
    examples += scierc_examples(data.scierc / "train.json", lexicon)
    examples += pwc_examples(data.pwc, lexicon)
    examples += lexicon_examples(lexicon)
    rng = random.Random(seed)
    rng.shuffle(examples)
    counts: Counter[str] = Counter()
    kept = []
    for example in examples:
        counts[example.label] += 1
        if counts[example.label] <= _MAX_PER_CLASS:
            kept.append(example)
    return kept


def _rows(examples: Sequence[Example], lexicon) -> list[list[str]]:
    return [features(e.text, e.start, e.end, lexicon) for e in examples]


def train_typer(data: TyperData, out: Path = MODEL_DIR, *, seed: int = 0, limit: int | None = None,
                documents: int | None = None) -> dict:
    """Fit the typer on ``data``, write it to ``out``, and return its figures (examples, accuracy per class).

    ``limit`` (examples) and ``documents`` (SciREX papers, of each part) make a quick run for tests.
    """
    from sklearn.linear_model import LogisticRegression

    from kg.extract.lexicon import load_lexicon
    from kg.extract.pipeline import make_nlp

    data.check()
    lexicon = load_lexicon()
    nlp = make_nlp(statistical=False)
    examples = _examples(data, lexicon, nlp, seed, documents)[:limit]
    labels = np.array([CLASSES.index(e.label) for e in examples])
    model = LogisticRegression(C=_C, max_iter=300)
    model.fit(hashed(_rows(examples, lexicon), N_FEATURES), labels)
    weights = np.zeros((len(CLASSES), N_FEATURES))
    bias = np.zeros(len(CLASSES))
    weights[model.classes_] = model.coef_
    bias[model.classes_] = model.intercept_
    typer = Typer(CLASSES, weights, bias)
    test = held_out_examples(data.scirex, lexicon, documents=documents)
    predicted = typer.probabilities(_rows(test, lexicon)).argmax(axis=1)
    gold = [CLASSES.index(e.label) for e in test]
    accuracy = {name: round(float(np.mean([p == g for p, g in zip(predicted, gold, strict=True) if g == k])), 3)
                for k, name in enumerate(CLASSES) if k in gold}
    figures = {"examples": dict(sorted(Counter(e.label for e in examples).items())),
               "held_out_accuracy": round(float(np.mean(predicted == np.array(gold))), 3),
               "held_out_accuracy_by_class": accuracy, "n_features": N_FEATURES, "seed": seed,
               "trained_on": "SciREX (training part), SciERC train, PwC-NER, the paperkg lexicon"}
    typer.save(out, figures)
    return figures
