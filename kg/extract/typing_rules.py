"""Typing a new name by the known name it ends with.

A descriptive name usually ends with the kind of thing it is:
"transductive few-shot learning" is a few-shot learning problem, a Task
like "few-shot learning"; "multi-turn iterative preference learning" is a
kind of preference learning, a Method. When the lexicon knows the tail of a
name that no lexicon entry covers whole, the name takes the tail's type.

A new name may also be followed by what it is, in apposition:
"column-and-constraint generation (CCG), a classical iterative algorithm".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.appositives import KIND_BY_HEAD
from kg.extract.candidates import Candidate

__all__ = ["inherit_tail_types", "type_by_apposition"]

_APPOSITION_HEADS = {head: kind for head, kind in KIND_BY_HEAD.items() if head not in {"model", "family", "agent"}}
"""Heads that say what a name is; "a model" does not tell a trained model from a kind of model."""
_HEADS = "|".join(sorted(_APPOSITION_HEADS, key=len, reverse=True))
_APPOSITION = re.compile(
    rf"\)?\s*(?:\([^()]{{1,30}}\))?\s*,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}?(?P<head>{_HEADS})s?\b", re.IGNORECASE
)

_TYPED_BY_TAIL = {"Method", "Task"}


def inherit_tail_types(cands: Sequence[Candidate]) -> None:
    """Give each candidate without a concept the type of a known concept that ends it.

    >>> known = Candidate(13, 30, "few-shot learning", "Task", "lexicon", 0.9, concept="few-shot-learning")
    >>> new = Candidate(0, 30, "transductive few-shot learning", "Method", "title-phrase", 0.6)
    >>> inherit_tail_types([known, new]); new.type
    'Task'
    """
    tails: dict[int, Candidate] = {}
    for cand in cands:
        if cand.concept is not None and cand.type in _TYPED_BY_TAIL:
            best = tails.get(cand.end)
            if best is None or cand.start < best.start:
                tails[cand.end] = cand
    for cand in cands:
        tail = tails.get(cand.end)
        if (cand.concept is None and tail is not None and tail.start > cand.start and cand.type in _TYPED_BY_TAIL
                and cand.text[tail.start - cand.start - 1] in " -"):
            cand.type = tail.type


def type_by_apposition(cands: Sequence[Candidate], text: str) -> None:
    """Type each candidate without a concept by the head of a description in apposition after it.

    >>> text = "We adapt column generation (CG), a classical iterative algorithm, to the task."
    >>> long = Candidate(9, 26, "column generation", "Task", "abbreviation", 0.75)
    >>> short = Candidate(28, 30, "CG", "Task", "abbreviation", 0.75)
    >>> type_by_apposition([long, short], text); long.type, short.type
    ('Method', 'Method')
    """
    for cand in cands:
        found = _APPOSITION.match(text, cand.end) if cand.concept is None else None
        if found:
            cand.type = _APPOSITION_HEADS[found.group("head").lower()]
