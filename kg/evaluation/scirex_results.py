"""Results scored on the held-out SciREX papers: (method, dataset, metric, value) against their result tuples.

SciREX annotates each paper's results as n-ary relations (Method, Task,
Material, Metric, score) over its salient entities. The gold of a paper here
is every relation whose method and dataset have a mention in its title or
abstract and whose score is written there too: the results an abstract
states. A predicted result matches a relation when its entity has a mention
overlapping one of the method's, its dataset one overlapping the dataset's,
and its value equals the score; the scores *with metric* also need the metric
(SciREX's metric name read with :func:`kg.extract.metrics.find_metrics`).
Predicted results are compared with every relation of the paper, so a result
SciREX did not annotate counts against precision: it is a lower bound.

Run it with ``python -m kg.evaluation.scirex_results SCIREX.jsonl``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from kg.evaluation.scoring import Score
from kg.extract.metrics import find_metrics
from kg.records import Facts, Paper, Span
from kg.train.scirex import FrontMatter, front_matter, read_scirex

__all__ = ["GoldResult", "gold_results", "main", "result_scores"]

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class GoldResult:
    """One result tuple of a paper with the front-matter spans of its method and dataset."""

    paper: str
    method: frozenset[Span]
    dataset: frozenset[Span]
    metric: str | None
    value: Decimal


def _decimal(text: str) -> Decimal | None:
    match = _NUMBER.search(text.replace(",", ""))
    try:
        return Decimal(match.group(0)) if match else None
    except InvalidOperation:
        return None


def _written(value: Decimal, text: str) -> bool:
    return any(Decimal(n) == value for n in _NUMBER.findall(text.replace(",", "")))


def _metric(name: str) -> str | None:
    found = find_metrics(name.replace("_", " ").strip())
    return found[0].label if found else None


def gold_results(doc: dict, paper: FrontMatter) -> list[GoldResult]:
    """The result tuples of one SciREX paper that its title and abstract state."""
    spans: dict[str, set[Span]] = defaultdict(set)
    for m in paper.mentions:
        if m.entity is not None:
            spans[m.entity].add((m.field, m.start, m.end))
    text = f"{paper.title}\n{paper.abstract}"
    found = []
    for relation in doc.get("n_ary_relations", ()):
        method, dataset = (str(relation.get(k, "")).replace("_", " ") for k in ("Method", "Material"))
        value = _decimal(str(relation.get("score", "")))
        if spans.get(method) and spans.get(dataset) and value is not None and _written(value, text):
            found.append(GoldResult(paper.id, frozenset(spans[method]), frozenset(spans[dataset]),
                                    _metric(str(relation.get("Metric", ""))), value))
    return sorted(set(found), key=lambda g: (sorted(g.method), sorted(g.dataset), str(g.metric), g.value))


def _overlaps(spans: Iterable[Span], gold: frozenset[Span]) -> bool:
    return any(f == g and s < ge and gs < e for f, s, e in spans for g, gs, ge in gold)


def result_scores(gold: Sequence[GoldResult], facts: Facts, *, metric: bool) -> Score:
    """Precision and recall of ``facts``'s results against ``gold`` (with or without the metric)."""
    spans: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for link in facts.links:
        spans[link.paper_id, link.entity].extend((m.field, m.start, m.end) for m in link.mentions)
    by_paper: dict[str, list[GoldResult]] = defaultdict(list)
    for g in gold:
        by_paper[g.paper].append(g)
    matched, tp = set(), 0
    for r in facts.results:
        hits = [g for g in by_paper[r.paper_id]
                if Decimal(r.value) == g.value and (not metric or g.metric == r.metric)
                and _overlaps(spans[r.paper_id, r.entity], g.method) and _overlaps(spans[r.paper_id, r.dataset], g.dataset)]
        if hits:
            tp += 1
            matched.update(hits)
    return Score(tp, len(facts.results) - tp, len(gold) - len(matched))


def main(argv: Sequence[str] | None = None) -> int:
    """Score the results extracted from the held-out SciREX papers' titles and abstracts."""
    from kg.builder.facts import build_facts

    parser = argparse.ArgumentParser(prog="python -m kg.evaluation.scirex_results", description=__doc__.splitlines()[0])
    parser.add_argument("scirex", type=Path, help="SciREX's train.jsonl")
    args = parser.parse_args(argv)
    papers, gold = [], []
    for doc in read_scirex(args.scirex, part="held-out"):
        paper = front_matter(doc)
        if paper is not None:
            papers.append(Paper(paper.id, paper.title, paper.abstract))
            gold.extend(gold_results(doc, paper))
    facts = build_facts(papers)
    print(f"{len(papers)} papers, {len(gold)} stated results, {len(facts.results)} extracted")
    for name, with_metric in (("entity, dataset, value", False), ("entity, dataset, metric, value", True)):
        score = result_scores(gold, facts, metric=with_metric)
        print(f"{name:32} P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f} "
              f"(tp={score.tp} fp={score.fp} fn={score.fn})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
