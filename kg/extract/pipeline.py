"""The one place the spaCy pipeline is assembled."""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

# Importing the component modules registers their factories with spaCy.
from kg.extract import lexicon_matcher, roles, rules  # noqa: F401

__all__ = ["COMPONENTS", "make_nlp", "shared_nlp"]

COMPONENTS = ("sentencizer", "abbreviation_detector", "kg_lexicon", "kg_rules", "kg_roles")
"""The pipeline's components, in order."""


def make_nlp(lexicon_path: Path | None = None) -> Language:
    """Build the extraction pipeline on a blank English ``Language``.

    Parameters
    ----------
    lexicon_path
        A lexicon Turtle file of known entities; by default the bundled one.
    """
    import scispacy.abbreviation  # noqa: F401  (registers "abbreviation_detector")

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("abbreviation_detector")
    warnings.filterwarnings("ignore", message=r"\[W036\]")  # the detector's global matcher has no patterns
    nlp.add_pipe("kg_lexicon", config={"lexicon_path": str(lexicon_path or "")})
    nlp.add_pipe("kg_rules")
    nlp.add_pipe("kg_roles")
    return nlp


@lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """The default pipeline, built once per process."""
    return make_nlp()
