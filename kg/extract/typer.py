"""The learned typer: what a candidate name is — Method, Model, Task, Dataset, or no entity at all.

A candidate the lexicon does not know gets its type from a linear classifier
(``kg train`` fits it; see :mod:`kg.train.typer`) over features of

* its form: words, head word and its ending, word shapes ("Xxxxd.d-dX"),
  character n-grams, sizes and versions ("7B", "v2"), capitals and digits;
* its context: the words right before and after it;
* what the lexicon knows of names like it: the type of its head word, of its
  last two words, and of its first word (a model family: "Qwen" in
  "Qwen3-Coder").

The classifier's weights live in ``kg/models/typer``: one weight row per
class over hashed features, read with numpy and applied as a dot product.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from kg.extract.appositives import described_kind
from kg.extract.candidates import Candidate
from kg.extract.lexicon import Lexicon

__all__ = ["CLASSES", "DROP", "FIXED", "KEPT", "MODEL_DIR", "NOT_AN_ENTITY", "RETYPE", "Typer", "features", "learned_types",
           "load_typer", "shape"]

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "typer"
"""Where the shipped typer lives and where ``kg train`` writes it by default."""

NOT_AN_ENTITY = "None"
CLASSES = ("Dataset", "Method", "Model", "Task", NOT_AN_ENTITY)
"""The classifier's classes: the four entity types and "not an entity"."""

RETYPE = 0.5
"""A candidate takes the typer's type when the typer gives it at least this probability."""

DROP = 0.8
"""A candidate is dropped when the typer says "not an entity" with at least this probability."""

FIXED = {"model-name", "proposal-name", "proposal-phrase"}
"""Extractors whose type the typer, and the title's name (:func:`kg.extract.paper_rules.mark_title_name`), leave
alone: a sized or versioned model name is a Model, a name given in apposition ("a benchmark, X") has the type it is
given, and a descriptive proposal is typed by its head word."""

KEPT = {"dataset-cue"}
"""Extractors whose candidates the typer may retype but not drop: a name listed before "datasets" is a name."""

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'.+-]*[A-Za-z0-9+]|[A-Za-z0-9]|[^\sA-Za-z0-9]")
_SIZE = re.compile(r"\d+(?:\.\d+)?[BMKbmk]\b|\d+x\d+[BM]\b")
_VERSION = re.compile(r"(?:^|[-\s])v?\d+(?:\.\d+)+\b|\bv\d+\b|[A-Za-z]\d+(?:\.\d+)?$")
_CONTEXT = 3
_WINDOW = 80


def shape(word: str) -> str:
    """The shape of ``word``: capitals X, lower-case letters x, digits d, runs of one kind written once.

    >>> shape("Qwen2.5-7B"), shape("ImageNet"), shape("few-shot")
    ('Xxd.d-dX', 'XxXx', 'x-x')
    """
    out = []
    for char in word:
        kind = "X" if char.isupper() else "x" if char.isalpha() else "d" if char.isdigit() else char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)


def _kind(lexicon: Lexicon | None, name: str) -> str | None:
    concept = lexicon.lookup(name) if lexicon is not None and name else None
    return concept.type if concept is not None else None


def features(text: str, start: int, end: int, lexicon: Lexicon | None) -> list[str]:
    """The features of the candidate ``text[start:end]``, as strings to be hashed.

    >>> f = features("We fine-tune Qwen3-Coder on SWE-bench.", 13, 24, None)
    >>> "head=qwen3-coder" in f, "r1=on" in f, "l1=fine-tune" in f, "size" in f
    (True, True, True, False)
    """
    span = text[start:end]
    words = _WORD.findall(span) or [span]
    lower = [w.lower() for w in words]
    head = lower[-1]
    feats = [f"n={min(len(words), 6)}", f"head={head}", f"first={lower[0]}", f"suf3={head[-3:]}",
             f"suf4={head[-4:]}", f"pre3={lower[0][:3]}", f"hshape={shape(words[-1])}", f"fshape={shape(words[0])}",
             f"shape={shape(span)[:12]}"]
    feats += [f"w={w}" for w in lower]
    padded = f"<{span.lower()}>"
    feats += [f"c{n}={padded[i:i + n]}" for n in (3, 4) for i in range(len(padded) - n + 1)]
    flags = {
        "digit": any(c.isdigit() for c in span), "caps": any(w.isupper() and len(w) > 1 for w in words),
        "camel": any(a.islower() and b.isupper() for a, b in zip(span, span[1:], strict=False)),
        "hyphen": "-" in span, "size": bool(_SIZE.search(span)), "version": bool(_VERSION.search(span)),
        "lower": span.islower(), "title": all(w[:1].isupper() for w in words if w[:1].isalpha()),
        "plural": head.endswith("s") and not head.endswith("ss"), "paren": "(" in span,
    }
    feats += [name for name, on in flags.items() if on]
    before = _WORD.findall(text[max(0, start - _WINDOW):start])[-_CONTEXT:]
    after = _WORD.findall(text[end:end + _WINDOW])[:_CONTEXT]
    feats += [f"l{i}={w.lower()}" for i, w in enumerate(reversed(before), 1)]
    feats += [f"r{i}={w.lower()}" for i, w in enumerate(after, 1)]
    feats += [f"r1shape={shape(after[0])}"] if after else ["r1=<end>"]
    feats += [] if before else ["l1=<start>"]
    family = re.match(r"[A-Za-z]+", span)
    for name, part in (("lexhead", words[-1] if len(words) > 1 else ""), ("lextail", " ".join(words[-2:]) if len(words) > 2 else ""),
                       ("lexfirst", words[0] if len(words) > 1 else ""),
                       ("lexfamily", family.group() if family and family.group() != span else "")):
        kind = _kind(lexicon, part)
        if kind is not None:
            feats.append(f"{name}={kind}")
    return feats


def hashed(batch: Sequence[Sequence[str]], n_features: int):
    """The hashed feature matrix of ``batch`` (one list of feature strings per row), as the typer was trained on."""
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(n_features=n_features, input_type="string", alternate_sign=False).transform(batch)


@dataclass(frozen=True)
class Typer:
    """A trained typer: class names, one weight row per class over ``n_features`` hashed features, and biases."""

    classes: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray

    @property
    def n_features(self) -> int:
        return self.weights.shape[1]

    @cached_property
    def _by_feature(self) -> np.ndarray:
        """The weights with one contiguous row per feature: a sparse row times it is ten times faster."""
        return np.ascontiguousarray(self.weights.T)

    def probabilities(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """The class probabilities of each row of features (one row per candidate)."""
        if not rows:
            return np.zeros((0, len(self.classes)))
        scores = hashed(rows, self.n_features) @ self._by_feature + self.bias
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)

    def save(self, folder: Path, meta: dict) -> Path:
        """Write the weights and a ``meta.json`` (with ``meta`` added) to ``folder``; return it."""
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / "weights.npy", self.weights.astype(np.float32), allow_pickle=False)
        np.save(folder / "bias.npy", self.bias.astype(np.float32), allow_pickle=False)
        (folder / "meta.json").write_text(json.dumps({"classes": list(self.classes), **meta}, indent=2,
                                                     sort_keys=True) + "\n", encoding="utf-8")
        return folder

    @classmethod
    def load(cls, folder: Path) -> Typer:
        """Read a typer that :meth:`save` wrote."""
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        return cls(tuple(meta["classes"]), np.load(folder / "weights.npy", allow_pickle=False),
                   np.load(folder / "bias.npy", allow_pickle=False))


@lru_cache(maxsize=2)
def load_typer(folder: Path = MODEL_DIR) -> Typer:
    """The typer in ``folder`` (by default the shipped one), read once per process.

    Raises
    ------
    KgError
        When the folder holds no typer.
    """
    from kg.errors import KgError

    try:
        return Typer.load(folder)
    except (OSError, ValueError, KeyError) as err:
        raise KgError(f"{folder}: cannot load the trained typer ({err.__class__.__name__}); "
                      "reinstall paperkg or rebuild it with `kg train`") from err


def learned_types(cands: list[Candidate], text: str, lexicon: Lexicon | None, typer: Typer,
                  proposed: Collection[str] = ()) -> list[Candidate]:
    """Type each candidate the lexicon does not know by the typer; drop those it is sure are no entity.

    A name the paper proposes (``proposed``, or proposed among ``cands``) is
    never dropped: "We propose CurvRewire … Combined with GIN, CurvRewire
    reduces …" keeps the second "CurvRewire" too.

    An abbreviation and its long form are decided together, by the long form
    when it is among ``cands``: "column generation (CG)" types "CG". A
    description in apposition ("X, a classical algorithm") has the last word
    on the type, but leaves a Model a Model when it calls it a method.
    """
    own = {*proposed, *(c.text for c in cands if c.proposed)}
    open_ = [c for c in cands if c.concept is None and c.source not in FIXED]
    probabilities = typer.probabilities([features(text, c.start, c.end, lexicon) for c in open_])
    decided = {id(c): row for c, row in zip(open_, probabilities, strict=True)}
    descriptions = {id(c): described_kind(text, c.end) for c in open_}
    long_forms = {c.text: c for c in open_ if c.long_form == c.text}
    dropped = set()
    for cand in open_:
        decider = long_forms.get(cand.long_form, cand)
        row = decided[id(decider)]
        best = int(row.argmax())
        kind, p = typer.classes[best], float(row[best])
        if kind == NOT_AN_ENTITY:
            if p >= DROP and not cand.proposed and cand.source not in KEPT and cand.text not in own:
                dropped.add(id(cand))
        elif p >= (DROP if cand.source in KEPT else RETYPE):
            cand.type = kind
        described = descriptions[id(decider)] or descriptions[id(cand)]
        if described is not None and id(cand) not in dropped and not (cand.type == "Model" and described == "Method"):
            cand.type = described
    return [c for c in cands if id(c) not in dropped]
