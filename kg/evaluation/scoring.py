"""Micro precision, recall and F1 of paper → entity links, as the shared scorer computes them.

For each paper, predictions are matched one-to-one to gold entities,
greedily: pairs whose prediction carries the gold *name* come before pairs
matching only through an alias, core gold entities before non-core ones. A
match with a core entity is a hit; a match with a non-core entity counts
neither way; an unmatched prediction is a false positive, an unmatched core
entity a miss. *Typed* scores also require the types to agree; *proposed*
scores match the paper's proposed predictions against its core proposed
gold entities.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from kg.evaluation.data import GoldEntity, GoldPaper, Predicted

__all__ = ["Evaluation", "Score", "evaluate", "format_evaluation", "match"]


@dataclass(frozen=True)
class Score:
    """Counts of hits, false positives and misses, with the precision, recall and F1 they give."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Evaluation:
    """Untyped, typed and proposed scores, papers absent from the graph, and the typed errors by frequency."""

    untyped: Score
    typed: Score
    proposed: Score
    papers: int
    missing: tuple[str, ...]
    false_positives: tuple[tuple[str, int], ...]
    misses: tuple[tuple[str, int], ...]


def match(predicted: Sequence[Predicted], gold: Sequence[GoldEntity], *, typed: bool) -> list[tuple[int, int]]:
    """Pair predictions with gold entities one-to-one; return (prediction index, gold index) pairs.

    Examples
    --------
    >>> gold = [GoldEntity("GSM8K", "Dataset", "evaluated_on", frozenset({"gsm8k"}))]
    >>> match([Predicted("e", {"Method"}, {"gsm8k"})], gold, typed=False)
    [(0, 0)]
    >>> match([Predicted("e", {"Method"}, {"gsm8k"})], gold, typed=True)
    []
    """
    candidates = []
    for i, pred in enumerate(predicted):
        for j, entity in enumerate(gold):
            if pred.keys & entity.keys and (not typed or entity.type in pred.types):
                candidates.append((entity.key not in pred.keys, not entity.core, i, j))
    pairs, used_p, used_g = [], set(), set()
    for _, _, i, j in sorted(candidates):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def _score(pairs: list[tuple[int, int]], predicted: Sequence[Predicted], gold: Sequence[GoldEntity],
           errors: tuple[Counter[str], Counter[str]] | None = None) -> Score:
    """Count one paper's hits, false positives and core misses; tally them into ``errors`` (false positives, misses)."""
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    tp = sum(gold[j].core for _, j in pairs)
    fp = [p for i, p in enumerate(predicted) if i not in matched_p]
    fn = [g for j, g in enumerate(gold) if j not in matched_g and g.core]
    if errors is not None:
        errors[0].update(f"{'/'.join(sorted(p.types))}: {min(p.labels, default=p.iri)}" for p in fp)
        errors[1].update(f"{g.type}: {g.name}" for g in fn)
    return Score(tp, len(fp), len(fn))


def _add(a: Score, b: Score) -> Score:
    return Score(a.tp + b.tp, a.fp + b.fp, a.fn + b.fn)


def evaluate(predictions: dict[str, dict[str, Predicted]], gold: Sequence[GoldPaper]) -> Evaluation:
    """Score the graph's ``predictions`` (from :func:`~kg.evaluation.data.read_predictions`) against ``gold``.

    Papers are found by id, else by the matching key of their title.
    """
    untyped = typed = proposed = Score(0, 0, 0)
    errors: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
    missing = []
    for paper in gold:
        found = predictions.get(paper.id) or predictions.get("title:" + paper.title_key) or {}
        if not found:
            missing.append(paper.id)
        preds = sorted(found.values(), key=lambda p: p.iri)
        untyped = _add(untyped, _score(match(preds, paper.entities, typed=False), preds, paper.entities))
        typed = _add(typed, _score(match(preds, paper.entities, typed=True), preds, paper.entities, errors))
        own = [p for p in preds if p.proposed]
        own_gold = [g for g in paper.entities if g.role == "proposed" and g.core]
        pairs = match(own, own_gold, typed=False)
        proposed = _add(proposed, Score(len(pairs), len(own) - len(pairs), len(own_gold) - len(pairs)))
    false_positives, misses = (tuple(sorted(tally.items(), key=lambda item: (-item[1], item[0]))) for tally in errors)
    return Evaluation(untyped, typed, proposed, len(gold), tuple(missing), false_positives, misses)


def format_evaluation(result: Evaluation, *, show: int = 10) -> str:
    """The evaluation as text: one line per score, then the ``show`` most frequent false positives and misses."""
    lines = [f"{'':9s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>5s} {'fp':>5s} {'fn':>5s}"]
    for name in ("untyped", "typed", "proposed"):
        s: Score = getattr(result, name)
        lines.append(f"{name:9s} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}")
    lines.append(f"papers: {result.papers}, not in the graph: {len(result.missing)}"
                 + (f" ({', '.join(result.missing[:10])})" if result.missing else ""))
    for title, errors in (("false positives (typed)", result.false_positives), ("misses (typed)", result.misses)):
        if show and errors:
            lines.append(f"most frequent {title}:")
            lines.extend(f"  {n:3d}  {label}" for label, n in errors[:show])
    return "\n".join(lines) + "\n"
