"""The metric of each reported value: the one written beside it, else one its list or its sentence names.

Used by :mod:`kg.extract.results`, which says how a value finds its dataset
and its entity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain, repeat

from kg.extract.clauses import Sentence
from kg.extract.metrics import MetricSpan
from kg.extract.values import Value

__all__ = ["NEW_CLAUSE", "REPORTING", "after_metric", "group_metrics", "metric_of"]

_BREAKS = {"on", "in", "and", "or", "for", "with", "than", "over", "vs", "versus", "compared", "against", "while",
           "whereas", "but", "which", "at", "to", "from", "by", "of", "across", "respectively"}
_AFTER_GAP = re.compile(r"\s*(?:\\?%)?\s*(?:[\w.-]+\s+){0,3}?")
_BEFORE_GAP = re.compile(r"(?:\s*(?:scores?|rates?|values?|of|=|:|is|was|were|are|at|reaching|reaches|reached|achieving|"
                         r"achieves|achieved|obtaining|obtains|obtained|attaining|attains|with|a|an|the|to|\(|up)\s*){1,5}",
                         re.IGNORECASE)
_FROM_TO_GAP = re.compile(r"(?:\s+(?:on|in)\s+[^,;()%]{1,60}?)?(?:\s+from\s+[-−]?[\d.,]+\s*\\?%?)?\s+to\s+")
"""Between a metric and the value it changed to: "raises the MRR on D from 0.701 to 0.742", "lifts accuracy on D to 88.2%"."""
REPORTING = re.compile(r"\b(?:achiev\w*|obtain\w*|reach\w*|attain\w*|scor\w*|gets?|getting|yield\w*|sets?|setting|"
                       r"records?|delivers?|improv\w*|boost\w*|increas\w*|establish\w*|hits?|reports?|"
                       r"results? in|resulting in|performs?|attaining|rais\w*|lift\w*|pushes|pushing|accomplish\w*)\b",
                       re.IGNORECASE)
"""A verb that reports a result ("achieves", "scores", "lifts")."""
NEW_CLAUSE = re.compile(r",\s*(?:and|but|while|whereas)\b", re.IGNORECASE)
"""Where a new clause starts, whose dataset and metric are not those of a value before it: "49.3 mIoU, and on B it …"."""
_DEFAULT_METRIC = "accuracy"
"""The metric of a percentage the sentence names no metric for: the most common one by far."""
_UNNAMED_METRIC = "score"
"""The metric of a bare number the sentence names no metric for, or calls "a score of"."""
_SCORE_OF = re.compile(r"\b(?:a|an|the)\s+(?:(?:average|overall|total|mean|final)\s+)?scores?\s+of\s*$", re.IGNORECASE)
"""A value called a score and nothing more: "a score of 7.8 on MT-Bench"."""


def metric_of(value: Value, s: Sentence) -> MetricSpan | None:
    """The metric written right after or right before ``value``."""
    for m in s.metrics:
        if m.start >= value.end:
            gap = s.text[value.end:m.start]
            words = gap.replace("%", " ").split()
            if _AFTER_GAP.fullmatch(gap) and not set(w.lower() for w in words) & _BREAKS and not re.search(r"[,;()]", gap):
                return m
            break
    before = [m for m in s.metrics if m.end <= value.start]
    if before and (_BEFORE_GAP.fullmatch(s.text[before[-1].end:value.start])
                   or _FROM_TO_GAP.fullmatch(s.text[before[-1].end:value.start])):
        return before[-1]
    return None


def after_metric(value: Value, s: Sentence) -> int:
    """Where the text after ``value`` and the metric written right after it goes on."""
    metric = metric_of(value, s)
    return metric.end if metric is not None and metric.start >= value.end else value.end


def _slashed_metrics(group: list[Value], s: Sentence) -> list[MetricSpan]:
    """The metrics of a slash list written beside a slash list of values, one per value ("F1/EM of 88.0/80.1")."""
    if len(group) < 2 or any(s.text[a.end:b.start] != "/" for a, b in zip(group, group[1:])):
        return []
    chains: list[list[MetricSpan]] = []
    for m in s.metrics:
        if chains and s.text[chains[-1][-1].end:m.start] == "/":
            chains[-1].append(m)
        else:
            chains.append([m])
    beside = [metric_of(group[0], s), metric_of(group[-1], s)]
    return next((c for c in chains if len(c) == len(group) and (c[-1] in beside or c[0] in beside)), [])


def group_metrics(group: list[Value], s: Sentence, known: Sequence[str | None] = ()) -> list[tuple[str, float]]:
    """The metric label of each value of a list, and how sure that is (0.0 with no label).

    A value with no metric beside it takes the metric its dataset was given
    earlier in the sentence (``known``, one per value: "MAE on A to 0.071 …,
    while B obtains 0.163"), else the one its list or its sentence names. A
    metric named in a later clause (", and on B it reaches an accuracy of …")
    is that clause's own, not one of the values before it.
    """
    slashed = _slashed_metrics(group, s)
    if slashed:
        return [(m.label, 1.0) for m in slashed]
    found = [metric_of(v, s) for v in group]
    labels = {m.label for m in found if m is not None}
    end = next((b.start() for b in NEW_CLAUSE.finditer(s.text, group[-1].end, s.end)), s.end)
    sentence_labels = {m.label for m in s.metrics if m.end <= end}
    chosen = []
    for value, metric, earlier in zip(group, found, chain(known, repeat(None))):
        if metric is not None:
            chosen.append((metric.label, 1.0))
        elif earlier is not None:
            chosen.append((earlier, 0.9))
        elif _SCORE_OF.search(s.text, max(s.start, value.start - 30), value.start):
            chosen.append((_UNNAMED_METRIC, 0.9))
        elif len(labels) == 1:
            chosen.append((next(iter(labels)), 0.9))
        elif len(sentence_labels) == 1:
            chosen.append((next(iter(sentence_labels)), 0.8))
        elif not sentence_labels and (value.unit == "%" or REPORTING.search(s.text, max(s.start, group[0].start - 40),
                                                                          group[0].start)):
            chosen.append((_DEFAULT_METRIC if value.unit == "%" else _UNNAMED_METRIC, 0.6))
        else:
            chosen.append(("", 0.0))
    return chosen
