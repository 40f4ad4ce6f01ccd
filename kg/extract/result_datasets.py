"""The dataset of each reported value: the datasets after its list, one it is written beside, or the sentence's.

Used by :mod:`kg.extract.results`, which says how a value finds its metric
and its entity. A list of values pairs with a list of datasets after it ("on
A and B"), in order; with "respectively", or after a comparison, a list with
no datasets of its own takes the last datasets the earlier values had. A
value with none after it takes one written beside it ("miniF2F (61.7%)"),
else the one its sentence opens with ("On MMLU, …"), else the sentence's
only dataset; a value across several unnamed tasks has none.
"""

from __future__ import annotations

import re

from kg.extract.clauses import Name, Sentence
from kg.extract.result_metrics import NEW_CLAUSE, after_metric
from kg.extract.values import Value

__all__ = ["COMPARISON", "NEW_ITEM", "datasets_of", "written_beside"]

NEW_ITEM = re.compile(r"\s*(?:,\s*)?(?:and|while|whereas|but)\s+(?:on|in|for)\b", re.IGNORECASE)
"""A dataset that starts the next item of a list, with a value after it: "81.9% on A and on B 70.4%"."""
_UNNAMED_SET = re.compile(r"\s*(?:\\?%)?\s*(?:(?:on\s+)?average\s+)?(?:across|over|on)\s+(?:the\s+|all\s+)?"
                          r"(?:\w+\s+){0,2}?(?:tasks|benchmarks|datasets|languages|domains|settings)\b", re.IGNORECASE)
"""What a value measured on no one named dataset is followed by: "74.9% across six tasks", "on average over 8 benchmarks"."""
_TO_DATASET = re.compile(r"[^;.]{0,60}?\b(?:on|in|across|over|for|at|of)\s+(?:the\s+|both\s+|all\s+)?"
                         r"(?:[\w-]+\s+){0,3}?", re.IGNORECASE)
_DATASET_LIST = re.compile(r"\s*(?:,\s*and|,|and|&|/)\s*(?:the\s+)?", re.IGNORECASE)
_BESIDE = re.compile(r"\s*[(:]\s*(?:[\w@.-]+\s*[=:]\s*)?")
COMPARISON = re.compile(r"\b(?:compared (?:with|to)|in comparison (?:with|to)|versus|vs\.?|against|than|over|"
                         r"outperform\w*|surpass\w*|beat\w*|exceed\w*|previous|prior|baselines?|whereas|while|"
                         r"relative to|up from|down from|ahead of)(?!\w)", re.IGNORECASE)
_ON_SOMETHING = re.compile(r"\s*(?:\\?%)?\s*(?:[\w.-]+\s+){0,3}?(?:on|in)\s+(?:the\s+)?[A-Z]")
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
_BEFORE_DATASET = re.compile(r"\b(?:on|in|for|across|over)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}$", re.IGNORECASE)
"""What a sentence's dataset is introduced by: "On A, …", "on the real-world A dataset it obtains …"."""
_NEXT_ITEM = re.compile(r",|\b(?:and|while|whereas)\b", re.IGNORECASE)


def _following_datasets(group: list[Value], s: Sentence) -> list[Name]:
    last = after_metric(group[-1], s)
    datasets = [d for d in s.of_type("Dataset") if d.start >= last]
    nxt = next((v.start for v in s.values if v.start >= last), s.end)
    if (not datasets or datasets[0].start > nxt or not _TO_DATASET.fullmatch(s.text[last:datasets[0].start])
            or NEW_CLAUSE.search(s.text[last:datasets[0].start]) or _metric_between(last, datasets[0].start, s)
            or (nxt < s.end and NEW_ITEM.match(s.text[last:datasets[0].start]))):
        return []
    chain = [datasets[0]]
    for d in datasets[1:]:
        if d.start > nxt or not _DATASET_LIST.fullmatch(s.text[chain[-1].end:d.start]):
            break
        chain.append(d)
    return chain


def _metric_between(start: int, end: int, s: Sentence) -> bool:
    """Whether another item with its own metric starts between ``start`` and the next value or ``end``.

    "… from 38.2% to 45.7% and edit similarity on B to 71.3": B is the dataset
    of 71.3, not of 45.7. A metric after no "and" or comma is the value's own
    ("… to 18.3 in perplexity on B").
    """
    end = min([end, *(v.start for v in s.values if v.start >= start)])
    return any(start <= m.start and m.end <= end and _NEXT_ITEM.search(s.text, start, m.start) for m in s.metrics)


def written_beside(value: Value, s: Sentence, types: tuple[str, ...]) -> Name | None:
    """The name of one of ``types`` written just before ``value``, as in "miniF2F (61.7%)" or "X: 32.0"."""
    before = [n for n in s.of_type(*types) if n.end <= value.start]
    if before and _BESIDE.fullmatch(s.text[before[-1].end:value.start]):
        return before[-1]
    return None


def _leading_chain(group: list[Value], s: Sentence) -> list[Name]:
    """The list of datasets before ``group`` with as many names as it has values ("On A, B and C, … 1, 2 and 3")."""
    before = [d for d in s.of_type("Dataset") if d.end <= group[0].start]
    chain: list[Name] = []
    for d in reversed(before):
        if chain and not _DATASET_LIST.fullmatch(s.text[d.end:chain[0].start]):
            break
        chain.insert(0, d)
    return chain if len(chain) == len(group) else []


def datasets_of(group: list[Value], s: Sentence, earlier: list[Name]) -> list[tuple[Name | None, float]]:
    """The dataset of each value of ``group``; ``earlier`` are the datasets of the sentence's earlier values, in order.

    A list of values with "respectively", or after a comparison, and no dataset
    list of its own takes the last datasets the earlier values had ("67.4% on A
    and 72.9% on B, against 60.2% and 71.6% for X"); one value after a
    comparison the last of them ("… on B, surpassing Y (81.0)").
    """
    chain = _following_datasets(group, s)
    compared = bool(earlier) and COMPARISON.search(s.text[earlier[-1].end:group[0].start]) is not None
    if len(group) > 1 and not chain and (compared or _RESPECTIVELY.search(s.text[s.start:s.end])):
        chain = _leading_chain(group, s) or _last_distinct(earlier, len(group))
    if len(chain) == len(group) and len(group) > 1:
        return [(d, 1.0) for d in chain]
    elsewhere = not chain and (not _ON_SOMETHING.match(s.text, group[-1].end)
                               or _metric_between(after_metric(group[-1], s), s.end, s)
                               or NEW_ITEM.match(s.text, after_metric(group[-1], s)) is not None)
    chosen = []
    for value in group:
        beside = written_beside(value, s, ("Dataset",))
        if beside is not None:
            chosen.append((beside, 1.0))
        elif chain:
            chosen.append((chain[0], 1.0 if len(group) == 1 or len(chain) == 1 else 0.8))
        elif elsewhere and _UNNAMED_SET.match(s.text, after_metric(value, s)):
            chosen.append((None, 0.0))
        elif elsewhere:
            dataset = _leading_dataset(value, s)
            chosen.append((earlier[-1], 0.8) if dataset[0] is None and compared else dataset)
        else:
            chosen.append((None, 0.0))
    return chosen


def _last_distinct(datasets: list[Name], n: int) -> list[Name]:
    """The last ``n`` different datasets of ``datasets`` (by where they are written), in order; [] if fewer."""
    chosen: list[Name] = []
    for d in reversed(datasets):
        if all((d.start, d.end) != (c.start, c.end) for c in chosen):
            chosen.insert(0, d)
        if len(chosen) == n:
            return chosen
    return []


def _leading_dataset(value: Value, s: Sentence) -> tuple[Name | None, float]:
    datasets = s.of_type("Dataset")
    before = [d for d in datasets if d.end <= value.start
              and _BEFORE_DATASET.search(s.text, max(s.start, d.start - 40), d.start)
              and not any(d.end <= v.start < value.start for v in s.values)]
    if before:
        return before[-1], 0.8
    if len(datasets) == 1:
        return datasets[0], 0.7
    return None, 0.0
