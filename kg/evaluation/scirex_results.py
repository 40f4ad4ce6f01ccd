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

Few abstracts state their results (SciREX's results come mostly from
tables), so a second level reads the **full text** of the same papers with
the gold mentions as the names, to measure how numbers are attached to
entities apart from how entities are found: its gold is every result tuple
whose score is written in a sentence that also mentions its method and its
dataset; a predicted result matches when its entity and dataset mentions
belong to the tuple's method and dataset and its value equals the score.
The paper's own proposal ("we reach 71.8%") is taken to be the method its
results are most often of.

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
from kg.extract.clauses import Name
from kg.extract.metrics import find_metrics
from kg.extract.results import find_results
from kg.records import Facts, Paper, Span
from kg.train.scirex import TYPES, FrontMatter, detokenize, front_matter, read_scirex

__all__ = ["GoldResult", "full_text_scores", "gold_results", "main", "result_scores"]

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


def _full_text(doc: dict) -> tuple[set[tuple], set[tuple], list[tuple]]:
    """Gold tuples stated in one sentence, every gold tuple, and the predicted ones of one paper's full text."""
    words = doc["words"]
    text, starts = detokenize(words)

    def chars(a: int, b: int) -> tuple[int, int]:
        return starts[a], starts[b - 1] + len(words[b - 1])

    cluster = {chars(a, b): name for name, spans in doc["coref"].items() for a, b in spans}
    names = sorted({Name(*chars(a, b), TYPES[kind]) for a, b, kind in doc["ner"] if kind in TYPES},
                   key=lambda n: (n.start, n.end))
    sentences = [chars(a, b) for a, b in doc["sentences"] if b > a]
    relations = [(r.get("Method", ""), r.get("Material", ""), _metric(str(r.get("Metric", ""))),
                  _decimal(str(r.get("score", "")))) for r in doc.get("n_ary_relations", ())]
    every = {r for r in relations if r[3] is not None}
    stated = set()
    for start, end in sentences:
        here = {cluster.get((n.start, n.end)) for n in names if start <= n.start < end}
        stated |= {r for r in every if r[0] in here and r[1] in here and _written(r[3], text[start:end])}
    methods = [r[0] for r in relations]
    proposal = None
    if methods:
        own = max(sorted(set(methods)), key=methods.count)
        spans = sorted(span for span, name in cluster.items() if name == own)
        proposal = ("abstract", *spans[0]) if spans else None
    predicted = []
    for r in find_results(text, "abstract", sentences, names, proposal):
        method, dataset = cluster.get(r.entity[1:]), cluster.get(r.dataset[1:])
        if method is not None and dataset is not None:
            predicted.append((method, dataset, r.metric, Decimal(r.value)))
    return stated, every, predicted


def full_text_scores(docs: Iterable[dict], *, metric: bool) -> Score:
    """Results read from full texts with the gold mentions, against the tuples stated in one sentence."""
    tp = fp = fn = 0
    for doc in docs:
        stated, every, predicted = _full_text(doc)
        key = (lambda r: r) if metric else (lambda r: (r[0], r[1], r[3]))
        stated_keys, every_keys = {key(r) for r in stated}, {key(r) for r in every}
        found = {key(r) for r in predicted}
        tp += len(found & every_keys)
        fp += len(found - every_keys)
        fn += len(stated_keys - found)
    return Score(tp, fp, fn)


def main(argv: Sequence[str] | None = None) -> int:
    """Score the results extracted from the held-out SciREX papers' titles and abstracts."""
    from kg.builder.facts import build_facts

    parser = argparse.ArgumentParser(prog="python -m kg.evaluation.scirex_results", description=__doc__.splitlines()[0])
    parser.add_argument("scirex", type=Path, help="SciREX's train.jsonl")
    args = parser.parse_args(argv)
    papers, gold = [], []
    docs = list(read_scirex(args.scirex, part="held-out"))
    for doc in docs:
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
    print(f"full text of the same {len(docs)} papers, gold mentions:")
    for name, with_metric in (("entity, dataset, value", False), ("entity, dataset, metric, value", True)):
        score = full_text_scores(docs, metric=with_metric)
        print(f"{name:32} P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f} "
              f"(tp={score.tp} fp={score.fp} fn={score.fn})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
