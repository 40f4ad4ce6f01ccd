"""Results and relations, resolved: the mention spans they point at become entity keys.

A paper's :class:`~kg.records.ResultMention` and
:class:`~kg.records.RelationMention` records name entities by the spans of
the paper's mentions; its links (:meth:`kg.resolve.entities.EntityIndex.links`)
say which entity each span was resolved to. A result or relation whose spans
did not end up as entities of the types its property needs is left out: the
types are only final after resolution. Every result also backs a
``benchmarkedOn`` claim of its entity on its dataset.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kg.records import Claim, Entity, Extraction, Link, Result, Span

__all__ = ["OBJECT_TYPES", "resolve_results"]

_EVALUATED = frozenset({"Method", "Model"})

OBJECT_TYPES = {
    "appliedTo": frozenset({"Task"}),
    "basedOn": _EVALUATED,
    "benchmarkedOn": frozenset({"Dataset"}),
    "comparedWith": _EVALUATED,
}
"""The entity types each relation's object may have; its subject is always a Method or Model."""

_FIELDS = {"title": 0, "abstract": 1}


def _keys_by_span(links: Iterable[Link]) -> dict[Span, str]:
    """The entity each mention span of a paper was resolved to (the smallest key when a span has two)."""
    found: dict[Span, str] = {}
    for link in links:
        for mention in link.mentions:
            span = (mention.field, mention.start, mention.end)
            if span not in found or link.entity < found[span]:
                found[span] = link.entity
    return found


def _typed(span: Span | None, keys: Mapping[Span, str], entities: Mapping[str, Entity],
           types: frozenset[str]) -> str | None:
    key = keys.get(span) if span is not None else None
    return key if key is not None and entities[key].type in types else None


def _results(extraction: Extraction, keys: Mapping[Span, str], entities: Mapping[str, Entity]) -> list[Result]:
    found: dict[tuple, Result] = {}
    for r in extraction.results:
        entity = _typed(r.entity, keys, entities, _EVALUATED)
        dataset = _typed(r.dataset, keys, entities, frozenset({"Dataset"}))
        if entity is None or dataset is None:
            continue
        task = _typed(r.task, keys, entities, frozenset({"Task"}))
        what = (entity, dataset, task, r.metric, r.value, r.unit)
        if what not in found:
            found[what] = Result(extraction.paper.id, 0, entity, dataset, task, r.metric, r.value, r.unit, r.field,
                                 r.start, r.end, r.sentence, r.extractor, r.confidence)
    ordered = sorted(found.values(), key=lambda r: (_FIELDS.get(r.field, 2), r.start, r.end, r.entity, r.dataset,
                                                    r.metric))
    return [Result(**{**vars(r), "n": n}) for n, r in enumerate(ordered, start=1)]


def _claims(extraction: Extraction, results: list[Result], keys: Mapping[Span, str],
            entities: Mapping[str, Entity]) -> list[Claim]:
    stated: list[tuple[str, str, str, str, str, float]] = []
    for rel in extraction.relations:
        subject = _typed(rel.subject, keys, entities, _EVALUATED)
        obj = _typed(rel.object, keys, entities, OBJECT_TYPES.get(rel.property, frozenset()))
        if subject is not None and obj is not None and subject != obj:
            stated.append((subject, rel.property, obj, rel.sentence, rel.extractor, rel.confidence))
    stated.extend((r.entity, "benchmarkedOn", r.dataset, r.sentence, "result", r.confidence) for r in results)
    best: dict[tuple[str, str, str], tuple[str, str, str, str, str, float]] = {}
    for claim in stated:
        triple = claim[:3]
        if triple not in best or claim[5] > best[triple][5]:
            best[triple] = claim
    ordered = sorted(best.values(), key=lambda c: (c[1], c[0], c[2]))
    return [Claim(extraction.paper.id, n, *claim) for n, claim in enumerate(ordered, start=1)]


def resolve_results(extraction: Extraction, links: Iterable[Link],
                    entities: Mapping[str, Entity]) -> tuple[list[Result], list[Claim]]:
    """Return the results and claims of ``extraction``'s paper, given its ``links`` and the entities by key.

    Examples
    --------
    >>> from kg.records import Mention, Paper, ResultMention
    >>> text = "LoRA gets 81.2% accuracy on GSM8K."
    >>> lora = Mention("LoRA", "abstract", 0, 4, "Method", "uses", "lexicon", 1.0)
    >>> gsm = Mention("GSM8K", "abstract", 28, 33, "Dataset", "evaluatesOn", "lexicon", 1.0)
    >>> r = ResultMention(("abstract", 0, 4), ("abstract", 28, 33), None, "accuracy", "81.2", "%",
    ...                   "abstract", 10, 15, text, "result-pattern", 0.9)
    >>> ex = Extraction(Paper("p1", "T", text), (lora, gsm), results=(r,))
    >>> links = [Link("p1", "method/lora", "uses", (lora,)), Link("p1", "dataset/gsm8k", "evaluatesOn", (gsm,))]
    >>> entities = {"method/lora": Entity("method/lora", "Method", "LoRA"),
    ...             "dataset/gsm8k": Entity("dataset/gsm8k", "Dataset", "GSM8K")}
    >>> results, claims = resolve_results(ex, links, entities)
    >>> [(x.n, x.entity, x.dataset, x.metric, x.value) for x in results]
    [(1, 'method/lora', 'dataset/gsm8k', 'accuracy', '81.2')]
    >>> [(c.subject, c.property, c.object) for c in claims]
    [('method/lora', 'benchmarkedOn', 'dataset/gsm8k')]
    """
    links = list(links)
    keys = _keys_by_span(links)
    results = _results(extraction, keys, entities)
    return results, _claims(extraction, results, keys, entities)
