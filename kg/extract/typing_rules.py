"""Typing a new name by the known name it ends with.

A descriptive name usually ends with the kind of thing it is:
"transductive few-shot learning" is a few-shot learning problem, a Task
like "few-shot learning"; "multi-turn iterative preference learning" is a
kind of preference learning, a Method. When the lexicon knows the tail of a
name that no lexicon entry covers whole, the name takes the tail's type.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.candidates import Candidate

__all__ = ["inherit_tail_types"]

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
