"""Per-paper extraction with a given pipeline: docs of a title and an abstract → one :class:`Extraction`.

This is the part :mod:`kg.extract.run` and the worker processes of
:mod:`kg.extract.parallel` share. Paper-level rules run here, each unless the
pipeline switches it off (see :mod:`kg.extract.registry`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.candidates import Candidate, candidates, doc_text
from kg.extract.choose import adopt_proposed_types, drop_metrics, select, take_proposals
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.normalize import name_key
from kg.extract.qualifiers import qualify_datasets
from kg.extract.paper_rules import (mark_named_proposals, mark_title_name, mark_title_phrases, proposed_types,
                                    supported)
from kg.extract.registry import disabled_rules
from kg.extract.clauses import Name
from kg.extract.relations import find_relations
from kg.extract.results import find_results
from kg.extract.rules import long_form
from kg.extract.size_lists import family_mentions
from kg.extract.typer import learned_types, load_typer
from kg.extract.typing_rules import inherit_tail_types
from kg.records import Extraction, Mention, Paper, RelationMention, ResultMention, Span, default_role

__all__ = ["extract_papers"]


def _sentence(doc: Doc, start: int) -> str:
    for sent in doc.sents:
        if sent.start_char <= start < sent.end_char:
            return sent.text
    return doc_text(doc)


def _abbreviations(doc: Doc) -> tuple[tuple[str, str], ...]:
    """The (short, long) forms ``doc`` defines: scispaCy's, and names given to proposal phrases in parentheses."""
    pairs = {(a.text, long_form(a).text) for a in doc._.abbreviations}
    pairs.update((c.text, c.long_form) for c in candidates(doc)
                 if c.source == "abbreviation" and c.long_form not in (None, c.text))
    return tuple(sorted(pairs))


def _chosen(docs: dict[str, Doc], threshold: float, lexicon: Lexicon, off: frozenset[str]) -> dict[str, list[Candidate]]:
    """Run the paper-level rules over the candidates of a paper's docs; return the chosen ones by field."""
    for doc in docs.values():
        if "tail-types" not in off:
            inherit_tail_types(candidates(doc))
    pools = {field: candidates(doc) for field, doc in docs.items()}
    if "support" not in off:
        pools = supported(pools)
    chosen = {field: select(pool, threshold, disabled=off) for field, pool in pools.items()}
    if "metric-filter" not in off:
        defined = [pair for doc in docs.values() for pair in _abbreviations(doc)]
        chosen = {field: drop_metrics(cands, defined) for field, cands in chosen.items()}
    if "learned-types" not in off:
        typer = load_typer()
        proposed = {c.text for cands in chosen.values() for c in cands if c.proposed}
        chosen = {field: learned_types(cands, doc_text(docs[field]), lexicon, typer, proposed)
                  for field, cands in chosen.items()}
    for field, cands in chosen.items():
        if "claimed-proposals" not in off:
            take_proposals(cands, candidates(docs[field]))
        if "size-lists" not in off:
            cands.extend(family_mentions(list(cands), doc_text(docs[field]), lexicon))
        if "dataset-qualifiers" not in off:
            qualify_datasets(cands, doc_text(docs[field]), lexicon)
    if "proposed-types" not in off:
        every = [c for cands in chosen.values() for c in cands]
        adopt_proposed_types(every, proposed_types(every))
    return chosen


def _mentions(docs: dict[str, Doc], chosen: dict[str, list[Candidate]]) -> list[Mention]:
    return [Mention(c.text, field, c.start, c.end, c.type, "proposes" if c.role == "proposes" else default_role(c.type),
                    c.extractor, round(c.confidence, 3), _sentence(docs[field], c.start), c.concept, c.long_form)
            for field, cands in chosen.items() for c in cands]


def _proposal(chosen: dict[str, list[Candidate]]) -> Span | None:
    """The paper's own method or model: the first the title proposes, else the one the abstract proposes and names most.

    A title names the contribution, unless it only describes it ("Compact
    Models for Keyword Spotting") and the abstract gives it a name in
    apposition ("we design TinyKWS, a network …"). An abstract may propose a
    search procedure and the optimizer it finds, and keep naming the
    optimizer; the earlier of two named as often wins.
    """
    named = any(c.source == "proposal-name" and c.type in ("Method", "Model") for c in chosen.get("abstract", ()))
    for field in ("title", "abstract"):
        cands = sorted(chosen.get(field, ()), key=lambda c: c.start)
        proposed = [c for c in cands if c.role == "proposes" and c.type in ("Method", "Model")
                    and not (field == "title" and named and c.source == "title-phrase")]
        if proposed:
            counts = Counter(_key(c) for c in cands)
            first = max(proposed, key=lambda c: 1 if field == "title" else counts[_key(c)])  # max keeps the first of equals
            return (field, first.start, first.end)
    return None


def _key(c: Candidate) -> str:
    return c.concept or name_key(c.text)


def _stated(docs: dict[str, Doc], chosen: dict[str, list[Candidate]],
            off: frozenset[str]) -> tuple[tuple[ResultMention, ...], tuple[RelationMention, ...]]:
    """The results and the entity → entity relations the paper's sentences state."""
    proposal = _proposal(chosen)
    results: list[ResultMention] = []
    relations: list[RelationMention] = []
    for field, doc in docs.items():
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        names = [Name(c.start, c.end, c.type) for c in sorted(chosen.get(field, ()), key=lambda c: c.start)]
        if "results" not in off:
            results.extend(find_results(doc_text(doc), field, sentences, names, proposal))
        if "relations" not in off:
            relations.extend(find_relations(doc_text(doc), field, sentences, names, proposal))
    return tuple(results), tuple(relations)


def extract_papers(papers: Iterable[Paper], nlp: Language, *, threshold: float, batch_size: int = 64) -> Iterator[Extraction]:
    """Yield one :class:`Extraction` per paper, in input order, extracted with ``nlp`` in this process."""
    lexicon = nlp.get_pipe("kg_lexicon").lexicon if "kg_lexicon" in nlp.pipe_names else load_lexicon()
    off = disabled_rules(nlp)
    items = ((text, (paper, field)) for paper in papers for field, text in (("title", paper.title), ("abstract", paper.abstract)))
    pending: dict[str, Doc] = {}
    for doc, (paper, field) in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        pending[field] = doc
        if field == "abstract":
            if "title-name" not in off:
                mark_title_name(pending, lexicon)
            if "title-phrases" not in off:
                mark_title_phrases(pending, lexicon)
            if "named-proposals" not in off:
                mark_named_proposals(pending)
            chosen = _chosen(pending, threshold, lexicon, off)
            results, relations = _stated(pending, chosen, off)
            yield Extraction(paper, tuple(_mentions(pending, chosen)), _abbreviations(pending["abstract"]), results,
                             relations)
            pending = {}
