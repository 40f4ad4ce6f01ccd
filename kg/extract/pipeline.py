"""The one place the spaCy pipeline is assembled."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

# Importing the component modules registers their factories with spaCy.
from kg.errors import KgError
from kg.extract import lexicon_matcher, ner, roles, rules  # noqa: F401
from kg.extract.matmul import use_numpy_matmul
from kg.extract.registry import check_rules
from kg.extract.tokenizer import blank_english

__all__ = ["COMPONENTS", "RULES_ONLY", "make_nlp", "shared_nlp"]

COMPONENTS = ("sentencizer", "abbreviation_detector", "kg_lexicon", "kg_rules", "ner", "kg_ner", "kg_roles")
"""The pipeline's components, in order."""

RULES_ONLY = tuple(name for name in COMPONENTS if name not in ("ner", "kg_ner"))
"""The components of the pipeline without the trained recogniser."""


def make_nlp(lexicon_path: Path | None = None, *, model_path: Path | None = None, statistical: bool = True,
             disabled: Iterable[str] = ()) -> Language:
    """Build the extraction pipeline on a blank English ``Language``.

    Parameters
    ----------
    lexicon_path
        A lexicon Turtle file of known entities; by default the bundled one.
    model_path
        The trained recogniser (a folder written by ``kg train``); by default
        the one shipped in the package.
    statistical
        False leaves the recogniser out: lexicon and rules only.
    disabled
        Names of rules to switch off (see :data:`kg.extract.registry.RULES`);
        every rule-bearing component is given them all, and skips its own.

    Raises
    ------
    UnknownRuleError
        When ``disabled`` names a rule the registry does not know.
    KgError
        When the recogniser's folder is missing or unreadable.
    """
    import scispacy.abbreviation  # noqa: F401  (registers "abbreviation_detector")

    off = {"disabled": sorted(check_rules(disabled))}
    recognizer = _recognizer(model_path) if statistical else None
    nlp = blank_english()
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("abbreviation_detector")
    warnings.filterwarnings("ignore", message=r"\[W036\]")  # the detector's global matcher has no patterns
    nlp.add_pipe("kg_lexicon", config={"lexicon_path": str(lexicon_path or ""), **off})
    nlp.add_pipe("kg_rules", config=off)
    if recognizer is not None:
        nlp.add_pipe("ner", source=recognizer)
        nlp.add_pipe("kg_ner", config=off)
    nlp.add_pipe("kg_roles", config=off)
    return nlp


def _recognizer(model_path: Path | None) -> Language:
    from kg.train import MODEL_DIR

    path = model_path or MODEL_DIR
    try:
        return use_numpy_matmul(spacy.load(path))
    except (OSError, ValueError) as err:
        raise KgError(f"{path}: cannot load the trained entity recogniser ({err.__class__.__name__}); "
                      "reinstall paperkg or rebuild it with `kg train`") from err


def shared_nlp(statistical: bool = True, disabled: Iterable[str] = ()) -> Language:
    """The default pipeline (or the rules-only one, or one with rules ``disabled``), built once per process."""
    return _shared(bool(statistical), check_rules(disabled))


@lru_cache(maxsize=4)
def _shared(statistical: bool, disabled: frozenset[str]) -> Language:
    return make_nlp(statistical=statistical, disabled=disabled)
