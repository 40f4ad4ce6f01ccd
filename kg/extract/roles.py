"""Pipeline component ``kg_roles``: how a paper relates to each candidate.

Cue words decide it, sentence by sentence:

* ``proposes`` — a name the lexicon does not know, in a sentence where the
  authors introduce something ("we propose", "we introduce", "dubbed",
  "called", "our X"); or a known one that is the cue's very object and gets
  its acronym there ("we develop the Chain-of-Verification (CoVe) method");
* ``evaluatesOn`` — a dataset;
* ``addresses`` — a task;
* ``uses`` — every other method or model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.candidates import Candidate, candidates
from kg.extract.cues import proposal_regions
from kg.extract.normalize import name_key
from kg.records import default_role

__all__ = ["RoleCues", "builds_on", "mark_proposals", "proposed_type"]

_DATASET_CONTEXT = re.compile(r"\b(?:benchmark|dataset|corpus|suite|leaderboard)s?\b", re.IGNORECASE)
_MODEL_CONTEXT = re.compile(r"\b(?:series|family) of (?:\w+ ){0,3}(?:models|LLMs)\b|\bmodels? (?:weights|checkpoints)\b", re.IGNORECASE)


_BASE_OF = re.compile(
    r"\b(?:instantiation|instance|variant|version|extension|generali[sz]ation|adaptation|modification|"
    r"improvement|special case|reformulation|relaxation|acceleration|implementation|combination)s? of\s+"
    r"(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,4}(?:\(\s*)?$",
    re.IGNORECASE,
)
"""What precedes a name the proposal builds on: "an instantiation of column-and-constraint generation (CCG)"."""

_NOVEL = frozenset({"abbreviation", "name-shape", "dataset-cue", "proposal-phrase", "model-name"})
"""Extractors whose finds may be new; the lexicon's are well known by definition."""


def proposed_type(cand: Candidate, sentence: str, offset: int) -> str:
    """The type of a proposed candidate, from the words after it in its sentence.

    ``offset`` is where the sentence starts in the doc.

    >>> s = "We introduce REFUTE, a dynamically updating benchmark of hard problems."
    >>> proposed_type(Candidate(13, 19, "REFUTE", "Method", "name-shape", 0.5), s, 0)
    'Dataset'
    """
    after = sentence[cand.end - offset : cand.end - offset + 40]
    if _DATASET_CONTEXT.search(after) or cand.type == "Dataset":
        return "Dataset"
    if _MODEL_CONTEXT.search(sentence) or cand.type == "Model":
        return "Model"
    return "Task" if cand.source == "task-head" else "Method"


def builds_on(sentence: str, start: int) -> bool:
    """Whether the words before ``start`` say the name there is what a proposal builds on: "a variant of X"."""
    return bool(_BASE_OF.search(sentence, 0, start))


def mark_proposals(cands: list[Candidate], sent: Span, disabled: frozenset[str] = frozenset()) -> None:
    """Mark the new names after a sentence's proposal cues as proposed, and type them by what follows.

    Rules ``based-on`` and ``proposed-type`` refine
    this one; those named in ``disabled`` are skipped.
    """
    known = {name_key(c.text) for c in cands if c.concept is not None}
    regions = [(sent.start_char + a, sent.start_char + b) for a, b in proposal_regions(sent.text)]
    for cand in cands:
        if not sent.start_char <= cand.start < sent.end_char:
            continue
        novel = cand.concept is None and cand.source in _NOVEL and not known.intersection(cand.name_keys())
        based_on = "based-on" not in disabled and builds_on(sent.text, cand.start - sent.start_char)
        if novel and not based_on and any(a <= cand.start < b for a, b in regions):
            cand.proposed = True
            if "proposed-type" not in disabled:
                cand.type = proposed_type(cand, sent.text, sent.start_char)


@Language.factory("kg_roles", default_config={"disabled": []})
class RoleCues:
    """Give each candidate a role from the cues of its sentence, with the rules ``disabled`` does not name."""

    def __init__(self, nlp: Language, name: str, *, disabled: Sequence[str] = ()) -> None:
        self.name = name
        self.disabled = frozenset(disabled)

    def __call__(self, doc: Doc) -> Doc:
        cands = candidates(doc)
        if "proposal-cues" not in self.disabled:
            for sent in doc.sents if doc.has_annotation("SENT_START") else [doc[:]]:
                mark_proposals(cands, sent, self.disabled)
        for cand in cands:
            cand.role = "proposes" if cand.proposed else default_role(cand.type)
        return doc
