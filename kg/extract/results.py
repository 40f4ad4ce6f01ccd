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
from kg.extract.result_datasets import COMPARISON, NEW_ITEM, datasets_of, written_beside
from kg.extract.result_metrics import REPORTING, after_metric, group_metrics
from kg.extract.values import Value, find_values
from kg.records import ResultMention, Span

__all__ = ["find_results"]

_LIST_GAP = re.compile(r"\s*(?:\\?%)?\s*(?:[\w-]+\s+){0,2}?(?:,\s*and|,|and|/|;|or|vs\.?)\s*", re.IGNORECASE)
_ITEM_GAP = re.compile(r"\s*(?:\\?%)?\s*(?:,\s*and|,|and)\s+(?:(?:a|an|the)\s+)?", re.IGNORECASE)
_ITEM_VALUE = re.compile(r"\s*(?:scores?\s+)?(?:of|=|:)?\s*", re.IGNORECASE)
"""Around the metric of the next item of a list of values with a metric each: "0.372 and Hits@10 of 0.561"."""
_AFTER_ENTITY = re.compile(r"\s*(?:\\?%)?\s*(?:\)\s*)?,?\s*(?:respectively\s*,?\s*)?(?:for|by|of|from|with)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?")
_FOR_ENTITY = re.compile(r"\s*(?:[\w.-]+\s+){0,3}?(?:for|by)\s+(?:the\s+)?")
_ON = re.compile(r"\s+(?:on|in)\s+(?:the\s+)?")
_CHANGE_AFTER = re.compile(r"\s*(?:points?\s+|%\s+)?(?:absolute|relative|higher|lower|better|worse|improvements?|"
                           r"gains?|boosts?|increases?|decreases?|reductions?|drops?|more|less|above|below)\b",
                           re.IGNORECASE)


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


def _entity(value: Value, last: Value, s: Sentence, proposal: Span | None, field: str) -> tuple[Span | None, float]:
    """The method or model ``value`` is a result of; ``last`` is the last value of its list."""
    following = [n for n in s.of_type(*EVALUATED) if n.start >= last.end]
    if following and (_AFTER_ENTITY.fullmatch(s.text[last.end:following[0].start])
                      or _FOR_ENTITY.fullmatch(s.text[after_metric(last, s):following[0].start])):
        return (field, following[0].start, following[0].end), 0.9
    beside = written_beside(value, s, EVALUATED)
    if beside is None:
        dataset = written_beside(value, s, ("Dataset",))
        before = [n for n in s.of_type(*EVALUATED) if dataset is not None and n.end <= dataset.start]
        if before and _ON.fullmatch(s.text[before[-1].end:dataset.start]):
            beside = before[-1]  # "X on D (v)"
    if beside is not None:
        return (field, beside.start, beside.end), 1.0
    head = s.text[s.start:value.start]
    comparisons = [m for m in COMPARISON.finditer(head)]
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
    follows = before[1] if before is not None and NEW_ITEM.match(s.text, before[0]) else None
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
            datasets = datasets_of(group, s, earlier)
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
