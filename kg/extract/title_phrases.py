"""Method phrases in titles: what a title without a "Name:" says the paper builds.

Titles are noun phrases joined by a few connectives. "A Deep Conjugate
Direction Method for Iteratively Solving Linear Systems" leads with the
contribution and says what it is for; "Low Rank Matrix Completion via Robust
Alternating Minimization" names the problem and then the means. This module
splits a title at its connectives and keeps the phrases whose head word names
a method:

* the title's *leading* phrase, when it is the whole title or followed by
  "for", "towards", "in", "to" or "with", is the paper's proposal;
* every other method-headed phrase names a method the paper works with.

A leading verb ("Accelerating …", "Revisiting …"), "On …" and question
titles mark papers about something, not proposals: their leading phrase is
not taken as proposed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.cues import METHOD_PHRASE_HEADS
from kg.extract.heads import is_generic, is_metric
from kg.extract.words import ABOUT_LEADS, TITLE_CONNECTIVES, TITLE_LEADS, TITLE_PROPOSAL_FOLLOWERS

__all__ = ["TitlePhrase", "title_phrases"]

TitlePhrase = tuple[int, int, bool]
"""``(start, end, proposed)`` of a method phrase in a title."""

_CLAUSE_STARTS = frozenset(":?!,-—–()")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'+.-]*|[:?!,()]|--|[—–]")
_PLURAL_OK = re.compile(r"(?:ss|us|is)$")


def _singular(word: str) -> str:
    word = word.lower()
    return word[:-1] if word.endswith("s") and not _PLURAL_OK.search(word) else word


def _segments(title: str) -> Iterator[tuple[list[re.Match[str]], str, str]]:
    """Yield each run of words between connectives, with the connective before and after it."""
    words, before = [], ""
    for m in _WORD.finditer(title):
        token = m.group()
        if token.lower() in TITLE_CONNECTIVES or not token[0].isalnum():
            if words:
                yield words, before, token.lower()
            words, before = [], token.lower()
        else:
            words.append(m)
    if words:
        yield words, before, ""


def _method_head(words: list[re.Match[str]]) -> bool:
    head = _singular(words[-1].group())
    return head in METHOD_PHRASE_HEADS or head.endswith(("former", "net"))


def title_phrases(title: str) -> list[TitlePhrase]:
    """Return the method phrases of a ``title``, the leading one proposed when the title says so.

    Examples
    --------
    >>> t = "A Deep Conjugate Direction Method for Iteratively Solving Linear Systems"
    >>> [(t[a:b], p) for a, b, p in title_phrases(t)]
    [('Deep Conjugate Direction Method', True)]
    >>> t = "Low Rank Matrix Completion via Robust Alternating Minimization in Nearly Linear Time"
    >>> [(t[a:b], p) for a, b, p in title_phrases(t)]
    [('Robust Alternating Minimization', False)]
    >>> [(t[a:b], p) for t in ["Pointer Networks"] for a, b, p in title_phrases(t)]
    [('Pointer Networks', True)]
    >>> title_phrases("Revisiting Stochastic Gradient Methods"), title_phrases("Faster Algorithms for Paging")
    ([], [])
    """
    found: list[TitlePhrase] = []
    for index, (words, before, after) in enumerate(_segments(title)):
        leading = index == 0 and before == ""
        lowered = [w.group().lower() for w in words]
        if leading and lowered[0] in ABOUT_LEADS:
            continue
        verbal = (leading or before in _CLAUSE_STARTS) and lowered[0].endswith("ing") and len(words) > 1
        skip = int(verbal)
        while skip < len(words) and lowered[skip] in TITLE_LEADS:
            skip += 1
        words = words[skip:]
        if not 2 <= len(words) <= 6 or not _method_head(words):
            continue
        start, end = words[0].start(), words[-1].end()
        if is_generic(title[start:end]) or is_metric(title[start:end]):
            continue
        proposed = leading and not verbal and after in TITLE_PROPOSAL_FOLLOWERS | {""} and "?" not in title
        found.append((start, end, proposed))
    return found
