"""Reported results in a sentence: which number is whose score, on which dataset, by which metric.

Each sentence is read left to right. Its result values
(:func:`kg.extract.values.find_values`) are grouped into lists ("88.0 and
79.3"); each value takes

- its **metric** from the metric next to it ("76.2% top-1 accuracy", "an F1
  of 88.0"), else from another value of its list, else from the sentence's
  only metric, else "accuracy" for a percentage and "score" for a bare number
  a reporting verb ("achieves", "scores") comes right before;
- its **dataset** from the datasets that follow its list ("on COCO", "on A
  and B, respectively" pairs them in order), else from a dataset it is
  written beside ("miniF2F (61.7%)"), else the one the sentence opens with
  ("On MMLU, …") or its only dataset; a sentence that names no dataset
  takes those of the sentence before it ("We evaluate on A. It reaches 84.1%
  top-1 accuracy."), for values whose metric it names;
- its **entity** from a method or model it is written beside ("X (32.0)",
  "32.0 for X"); else, after a comparison ("compared with", "than",
  "outperforming"), from the one named in that comparison — a baseline's
  number without a name is dropped; else from the subject of the verb that
  reports it ("X achieves"), else the paper's own proposal.

The confidence says how much was inferred rather than read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.clauses import EVALUATED, Name, Sentence
from kg.extract.metrics import MetricSpan, find_metrics
from kg.extract.result_metrics import NEW_CLAUSE, REPORTING, after_metric, group_metrics
from kg.extract.values import Value, find_values
from kg.records import ResultMention, Span

__all__ = ["find_results"]

_LIST_GAP = re.compile(r"\s*(?:\\?%)?\s*(?:[\w-]+\s+){0,2}?(?:,\s*and|,|and|/|;|or|vs\.?)\s*", re.IGNORECASE)
_ITEM_GAP = re.compile(r"\s*(?:\\?%)?\s*(?:,\s*and|,|and)\s+(?:(?:a|an|the)\s+)?", re.IGNORECASE)
_ITEM_VALUE = re.compile(r"\s*(?:scores?\s+)?(?:of|=|:)?\s*", re.IGNORECASE)
"""Around the metric of the next item of a list of values with a metric each: "0.372 and Hits@10 of 0.561"."""
_NEW_ITEM = re.compile(r"\s*(?:,\s*)?(?:and|while|whereas|but)\s+(?:on|in|for)\b", re.IGNORECASE)
"""A dataset that starts the next item of a list, with a value after it: "81.9% on A and on B 70.4%"."""
_UNNAMED_SET = re.compile(r"\s*(?:\\?%)?\s*(?:(?:on\s+)?average\s+)?(?:across|over|on)\s+(?:the\s+|all\s+)?"
                          r"(?:\w+\s+){0,2}?(?:tasks|benchmarks|datasets|languages|domains|settings)\b", re.IGNORECASE)
"""What a value measured on no one named dataset is followed by: "74.9% across six tasks", "on average over 8 benchmarks"."""
_TO_DATASET = re.compile(r"[^;.]{0,60}?\b(?:on|in|across|over|for|at|of)\s+(?:the\s+|both\s+|all\s+)?"
                         r"(?:[\w-]+\s+){0,3}?", re.IGNORECASE)
_DATASET_LIST = re.compile(r"\s*(?:,\s*and|,|and|&|/)\s*(?:the\s+)?", re.IGNORECASE)
_BESIDE = re.compile(r"\s*[(:]\s*(?:[\w@.-]+\s*[=:]\s*)?")
_AFTER_ENTITY = re.compile(r"\s*(?:\\?%)?\s*(?:\)\s*)?,?\s*(?:respectively\s*,?\s*)?(?:for|by|of|from|with)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?")
_FOR_ENTITY = re.compile(r"\s*(?:[\w.-]+\s+){0,3}?(?:for|by)\s+(?:the\s+)?")
_ON = re.compile(r"\s+(?:on|in)\s+(?:the\s+)?")
_COMPARISON = re.compile(r"\b(?:compared (?:with|to)|in comparison (?:with|to)|versus|vs\.?|against|than|over|"
                         r"outperform\w*|surpass\w*|beat\w*|exceed\w*|previous|prior|baselines?|whereas|while|"
                         r"relative to|up from|down from|ahead of)(?!\w)", re.IGNORECASE)
_CHANGE_AFTER = re.compile(r"\s*(?:points?\s+|%\s+)?(?:absolute|relative|higher|lower|better|worse|improvements?|"
                           r"gains?|boosts?|increases?|decreases?|reductions?|drops?|more|less|above|below)\b",
                           re.IGNORECASE)
_ON_SOMETHING = re.compile(r"\s*(?:\\?%)?\s*(?:[\w.-]+\s+){0,3}?(?:on|in)\s+(?:the\s+)?[A-Z]")
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
_BEFORE_DATASET = re.compile(r"\b(?:on|in|for|across|over)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}$", re.IGNORECASE)
"""What a sentence's dataset is introduced by: "On A, …", "on the real-world A dataset it obtains …"."""
_NEXT_ITEM = re.compile(r",|\b(?:and|while|whereas)\b", re.IGNORECASE)


def _listed(end: int, start: int, s: Sentence) -> bool:
    """Whether the text between two values joins them in a list: "85.3% and 80.1%", "an MRR of 0.372 and Hits@10 of 0.561"."""
    if _LIST_GAP.fullmatch(s.text[end:start]):
        return True
    inside = [m for m in s.metrics if end <= m.start and m.end <= start]
    return len(inside) == 1 and bool(_ITEM_GAP.fullmatch(s.text[end:inside[0].start])
                                     and _ITEM_VALUE.fullmatch(s.text[inside[0].end:start]))


def _groups(s: Sentence) -> list[list[Value]]:
    """The sentence's values in lists ("85.3% and 80.1%"); a name between two values ends a list ("77.6 for A and 75.3")."""
    groups: list[list[Value]] = []
    named = s.of_type("Dataset", *EVALUATED)
    for value in s.values:
        if groups and _listed(groups[-1][-1].end, value.start, s) and not any(
                groups[-1][-1].end <= n.start and n.end <= value.start for n in named):
            groups[-1].append(value)
        else:
            groups.append([value])
    return groups


def _following_datasets(group: list[Value], s: Sentence) -> list[Name]:
    last = after_metric(group[-1], s)
    datasets = [d for d in s.of_type("Dataset") if d.start >= last]
    nxt = next((v.start for v in s.values if v.start >= last), s.end)
    if (not datasets or datasets[0].start > nxt or not _TO_DATASET.fullmatch(s.text[last:datasets[0].start])
            or NEW_CLAUSE.search(s.text[last:datasets[0].start]) or _metric_between(last, datasets[0].start, s)
            or (nxt < s.end and _NEW_ITEM.match(s.text[last:datasets[0].start]))):
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


def _beside(value: Value, s: Sentence, types: tuple[str, ...]) -> Name | None:
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


def _datasets(group: list[Value], s: Sentence, earlier: list[Name]) -> list[tuple[Name | None, float]]:
    """The dataset of each value of ``group``; ``earlier`` are the datasets of the sentence's earlier values, in order.

    A list of values with "respectively", or after a comparison, and no dataset
    list of its own takes the last datasets the earlier values had ("67.4% on A
    and 72.9% on B, against 60.2% and 71.6% for X"); one value after a
    comparison the last of them ("… on B, surpassing Y (81.0)").
    """
    chain = _following_datasets(group, s)
    compared = bool(earlier) and _COMPARISON.search(s.text[earlier[-1].end:group[0].start]) is not None
    if len(group) > 1 and not chain and (compared or _RESPECTIVELY.search(s.text[s.start:s.end])):
        chain = _leading_chain(group, s) or _last_distinct(earlier, len(group))
    if len(chain) == len(group) and len(group) > 1:
        return [(d, 1.0) for d in chain]
    elsewhere = not chain and (not _ON_SOMETHING.match(s.text, group[-1].end)
                               or _metric_between(after_metric(group[-1], s), s.end, s)
                               or _NEW_ITEM.match(s.text, after_metric(group[-1], s)) is not None)
    chosen = []
    for value in group:
        beside = _beside(value, s, ("Dataset",))
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


def _entity(value: Value, last: Value, s: Sentence, proposal: Span | None, field: str) -> tuple[Span | None, float]:
    """The method or model ``value`` is a result of; ``last`` is the last value of its list."""
    following = [n for n in s.of_type(*EVALUATED) if n.start >= last.end]
    if following and (_AFTER_ENTITY.fullmatch(s.text[last.end:following[0].start])
                      or _FOR_ENTITY.fullmatch(s.text[after_metric(last, s):following[0].start])):
        return (field, following[0].start, following[0].end), 0.9
    beside = _beside(value, s, EVALUATED)
    if beside is None:
        dataset = _beside(value, s, ("Dataset",))
        before = [n for n in s.of_type(*EVALUATED) if dataset is not None and n.end <= dataset.start]
        if before and _ON.fullmatch(s.text[before[-1].end:dataset.start]):
            beside = before[-1]  # "X on D (v)"
    if beside is not None:
        return (field, beside.start, beside.end), 1.0
    head = s.text[s.start:value.start]
    comparisons = [m for m in _COMPARISON.finditer(head)]
    if comparisons:
        cue = comparisons[-1]
        if not REPORTING.search(head[cue.end():]):
            named = [n for n in s.of_type(*EVALUATED) if s.start + cue.end() <= n.start and n.end <= value.start]
            return ((field, named[-1].start, named[-1].end), 0.8) if named else (None, 0.0)
    verbs = list(REPORTING.finditer(head))
    if verbs:
        subject = s.subject(s.start + verbs[-1].start(), proposal, field)
        if subject is not None:
            return subject, 1.0
    if proposal is not None:
        return proposal, 0.8 if verbs else 0.7
    earlier = [n for n in s.of_type(*EVALUATED) if n.end <= value.start]
    return ((field, earlier[-1].start, earlier[-1].end), 0.6) if earlier else (None, 0.0)


def _task(s: Sentence, field: str) -> Span | None:
    tasks = s.of_type("Task")
    return (field, tasks[0].start, tasks[0].end) if len(tasks) == 1 else None


def _known_metrics(datasets: list[tuple[Name | None, float]], given: dict[tuple[int, int], str],
                   before: tuple[int, str] | None, s: Sentence) -> list[str | None]:
    """The metric each value's dataset was given earlier in the sentence, else, for the next item of a list
    ("81.9% top-1 accuracy and on B 70.4%"), the metric of the item ``before`` (where its text goes on, its metric)."""
    follows = before[1] if before is not None and _NEW_ITEM.match(s.text, before[0]) else None
    return [given.get((d.start, d.end), follows) if d is not None else follows for d, _ in datasets]


def find_results(text: str, field: str, sentences: Sequence[tuple[int, int]], names: Sequence[Name],
                 proposal: Span | None, extractor: str = "result-pattern") -> list[ResultMention]:
    """Return the results stated in ``text`` (one field of a paper).

    Parameters
    ----------
    text, field
        The field's text and name ("title" or "abstract").
    sentences
        The sentences' ``(start, end)`` offsets.
    names
        The mentions chosen in the field.
    proposal
        The span of the paper's own method or model, when it proposes one: the
        entity of results whose sentence names none ("we reach 85.3%").

    Examples
    --------
    >>> text = "X reaches 45.1 box AP on COCO and 38.0 on LVIS."
    >>> names = [Name(0, 1, "Model"), Name(25, 29, "Dataset"), Name(42, 46, "Dataset")]
    >>> [(r.entity, r.dataset, r.metric, r.value) for r in find_results(text, "abstract", [(0, 47)], names, None)]
    [(('abstract', 0, 1), ('abstract', 25, 29), 'box AP', '45.1'), (('abstract', 0, 1), ('abstract', 42, 46), 'box AP', '38.0')]
    """
    found = []
    previous: list[Name] = []
    for start, end in sentences:
        in_sentence = [n for n in names if start <= n.start and n.end <= end]
        own = [n for n in in_sentence if n.type == "Dataset"]
        carried = not own and bool(previous)
        in_sentence, previous = (previous + in_sentence if carried else in_sentence), own
        if not own and not carried:
            continue
        metrics = [MetricSpan(m.start + start, m.end + start, m.label) for m in find_metrics(text[start:end])]
        taken = [(n.start, n.end) for n in in_sentence] + [(m.start, m.end) for m in metrics]
        values = find_values(text, start, end, taken, [(m.start, m.end) for m in metrics])
        s = Sentence(text, start, end, in_sentence, metrics, values)
        earlier: list[Name] = []
        given: dict[tuple[int, int], str] = {}
        before: tuple[int, str] | None = None
        for group in _groups(s):
            datasets = _datasets(group, s, earlier)
            earlier += [d for d, _ in datasets if d is not None]
            known = _known_metrics(datasets, given, before, s)
            before = None
            for value, (metric, m_conf), (dataset, d_conf) in zip(group, group_metrics(group, s, known), datasets):
                entity, e_conf = _entity(value, group[-1], s, proposal, field)
                if (not metric or dataset is None or entity is None or (m_conf < 0.7 and d_conf < 1.0)
                        or (carried and m_conf < 0.9)):
                    continue
                if _CHANGE_AFTER.match(text, after_metric(value, s)):
                    continue
                found.append(ResultMention(entity, (field, dataset.start, dataset.end), _task(s, field), metric,
                                           value.value, value.unit, field, value.start, value.end, text[start:end],
                                           extractor, round((0.75 if carried else 0.95) * m_conf * d_conf * e_conf, 3)))
                if m_conf >= 0.9:
                    given.setdefault((dataset.start, dataset.end), metric)
                    before = (after_metric(value, s), metric)
    return found
