"""Run the pipeline over papers and turn its candidates into :class:`Extraction` records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.candidates import Candidate, candidates, doc_text
from kg.extract.heads import is_generic
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.paper_rules import (
    mark_title_name,
    mark_title_phrases,
    proposed_types,
    share_list_types,
    supported,
)
from kg.extract.rules import long_form
from kg.extract.size_lists import family_mentions
from kg.extract.typing_rules import inherit_tail_types, type_by_apposition
from kg.records import Extraction, Mention, Paper, default_role

__all__ = ["DEFAULT_THRESHOLD", "extract", "select"]

DEFAULT_THRESHOLD = 0.45
"""Mentions less confident than this are left out unless the caller asks for them.

It sits above the confidence of broad lexicon concepts ("deep learning", 0.4)
and below every other extractor's."""

_STRONG = {"lexicon": 3, "abbreviation": 2, "model-name": 1, "proposal-phrase": 0, "title-phrase": 0}
"""Extractors whose spans are trusted over overlapping spans of the weaker rules."""


def _overlaps(cand: Candidate, kept: list[Candidate]) -> bool:
    return any(cand.start < k.end and k.start < cand.end for k in kept)


def select(cands: Iterable[Candidate], threshold: float = 0.0) -> list[Candidate]:
    """Choose non-overlapping candidates: strong extractors first, then the longest span.

    Weak rules (name shapes, task heads, dataset cues) only fill the gaps the
    lexicon, the abbreviations, model names and proposals leave. Generic
    phrases are dropped, and so are chosen candidates under ``threshold``
    confidence: a
    span known to name a broad concept stays unlinked rather than being
    claimed by a weaker rule.
    """
    pool = [c for c in cands if not is_generic(c.text)]
    order = sorted(pool, key=lambda c: (c.source not in _STRONG and not c.proposed, -(c.end - c.start),
                                        -_STRONG.get(c.source, 0), -c.confidence, c.start))
    kept: list[Candidate] = []
    for cand in order:
        if not _overlaps(cand, kept):
            kept.append(cand)
    return sorted((c for c in kept if c.confidence >= threshold), key=lambda c: (c.start, c.end))


_CLAIMS_KNOWN = {"title", "title-phrase", "proposal-name"}
"""Proposal cues definite enough to mark a name the lexicon knows as the paper's own."""


def _take_proposals(chosen: list[Candidate], every: list[Candidate]) -> None:
    """Mark a chosen span proposed when a proposal cue claimed the same span, even if a stronger source won it.

    "Pointer Networks", a title that is the whole name, is proposed by the
    paper even though the lexicon knows pointer networks.
    """
    claimed = {(c.start, c.end) for c in every if c.proposed and c.source in _CLAIMS_KNOWN}
    for cand in chosen:
        if (cand.start, cand.end) in claimed:
            cand.proposed, cand.role = True, "proposes"


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


def _mentions(paper: Paper, docs: dict[str, Doc], threshold: float, lexicon: Lexicon) -> list[Mention]:
    for doc in docs.values():
        inherit_tail_types(candidates(doc))
        type_by_apposition(candidates(doc), doc_text(doc))
    chosen = supported({field: select(candidates(doc), threshold) for field, doc in docs.items()})
    for field, cands in chosen.items():
        share_list_types(cands, doc_text(docs[field]))
        _take_proposals(cands, candidates(docs[field]))
        cands.extend(family_mentions(list(cands), doc_text(docs[field]), lexicon))
    proposed = proposed_types(c for cs in chosen.values() for c in cs)
    out = []
    for field, cands in chosen.items():
        for c in cands:
            key = next((k for k in c.name_keys() if k in proposed), None)
            if key is not None and c.concept is None:
                c.role, c.type = "proposes", proposed[key]
            out.append(Mention(c.text, field, c.start, c.end, c.type, "proposes" if c.role == "proposes" else default_role(c.type), c.extractor,
                               round(c.confidence, 3), _sentence(docs[field], c.start), c.concept, c.long_form))
    return out


def extract(papers: Iterable[Paper], nlp: Language | None = None, *, threshold: float = DEFAULT_THRESHOLD,
            batch_size: int = 64, statistical: bool = True, processes: int = 1) -> Iterator[Extraction]:
    """Yield one :class:`Extraction` per paper, in input order.

    Parameters
    ----------
    papers
        The papers to read.
    nlp
        The pipeline; by default :func:`kg.extract.pipeline.shared_nlp`.
    threshold
        Mentions with a lower confidence are left out.
    statistical
        With the default pipeline: False leaves the trained recogniser out (rules only).
    processes
        With the default pipeline: how many worker processes extract (1: this process).
    """
    from kg.extract.pipeline import shared_nlp

    if nlp is None and processes > 1:
        from kg.extract.parallel import extract_parallel

        yield from extract_parallel(papers, processes, threshold=threshold, statistical=statistical)
        return
    nlp = nlp or shared_nlp(statistical)
    lexicon = nlp.get_pipe("kg_lexicon").lexicon if "kg_lexicon" in nlp.pipe_names else load_lexicon()
    items = ((text, (paper, field)) for paper in papers for field, text in (("title", paper.title), ("abstract", paper.abstract)))
    pending: dict[str, Doc] = {}
    for doc, (paper, field) in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        pending[field] = doc
        if field == "abstract":
            mark_title_name(pending, lexicon)
            mark_title_phrases(pending, lexicon)
            mentions = tuple(_mentions(paper, pending, threshold, lexicon))
            yield Extraction(paper, mentions, _abbreviations(pending["abstract"]))
            pending = {}
