"""The name a title gives the paper's own contribution ("Hopular: Modern Hopfield …")."""

from __future__ import annotations

import re

from kg.extract.appositives import KIND_BY_HEAD
from kg.extract.names import is_name_like
from kg.extract.words import NOT_TITLE_NAMES

__all__ = ["title_head", "title_name"]

_SPLIT = re.compile(r"\s*(?::|\s[-–—]{1,2}\s|—)\s*")
_REPORT = re.compile(r"\s+(?:Technical Report|Tech Report|System Card)$", re.IGNORECASE)
_KINDS = "|".join(sorted(KIND_BY_HEAD, key=len, reverse=True))
_DESCRIBED = re.compile(rf"(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?(?P<head>{_KINDS})\b", re.IGNORECASE)
"""A subtitle that says what the part before the colon is: "Learning to Actively Learn: A Robust Approach"."""


_SURVEY = re.compile(r"(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:survey|review|overview|tutorial|introduction|primer)\b",
                     re.IGNORECASE)


def title_head(title: str) -> tuple[int, int] | None:
    """The span of the part of a title before its colon or dash, unless the rest says the paper is a survey.

    >>> t = "Tree of Thoughts: Deliberate Problem Solving with Large Language Models"
    >>> t[slice(*title_head(t))]
    'Tree of Thoughts'
    >>> title_head("Reinforcement Learning: An Introduction") is None
    True
    """
    parts = _SPLIT.split(title, maxsplit=1)
    if len(parts) != 2 or not parts[0] or not parts[1] or _SURVEY.match(parts[1]):
        return None
    start = title.index(parts[0])
    return start, start + len(parts[0])


def title_name(title: str) -> tuple[int, int, str] | None:
    """Return ``(start, end, type)`` of the name a title gives its contribution, if any.

    The name is the part before a colon or dash when it is one word, a
    short phrase containing a name-shaped word, or a phrase the subtitle
    calls an approach, a framework, a benchmark…; "X Technical Report"
    names a model X.

    Examples
    --------
    >>> t = "Hopular: Modern Hopfield Networks for Tabular Data"
    >>> t[slice(*title_name(t)[:2])]
    'Hopular'
    >>> t = "Qwen2.5-Math Technical Report: Toward Mathematical Expert Model"
    >>> title_name(t)
    (0, 12, 'Model')
    >>> title_name("Learning to Relax: Setting Solver Parameters") is None
    True
    >>> title_name("Learning to Actively Learn: A Robust Approach")
    (0, 26, 'Method')
    >>> title_name("Hyperparameters in Continual Learning: a Reality Check") is None
    True
    """
    parts = _SPLIT.split(title, maxsplit=1)
    if len(parts) != 2 or not parts[1]:
        return None
    head = parts[0]
    kind = "Method"
    report = _REPORT.search(head)
    if report:
        head, kind = head[: report.start()], "Model"
    words = head.split()
    described = _DESCRIBED.match(parts[1])
    if described and not report:
        kind = KIND_BY_HEAD[described.group("head").lower()]
    if not words or len(words) > (6 if described else 4) or head.lower() in NOT_TITLE_NAMES:
        return None
    if len(words) > 1 and not described and not any(is_name_like(w) for w in words):
        return None
    if len(words) == 1 and not head[:1].isupper():
        return None
    start = title.index(head)
    return start, start + len(head), kind
