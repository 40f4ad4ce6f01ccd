"""Choosing among overlapping candidates: which span wins, and which proposals carry over."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from kg.extract.candidates import Candidate
from kg.extract.heads import is_generic
from kg.extract.metrics import is_metric_name

__all__ = ["CLAIMS_KNOWN", "STRONG", "adopt_proposed_types", "drop_generic", "drop_metrics", "select", "take_proposals"]

STRONG = {"lexicon": 3, "abbreviation": 2, "model-name": 1, "proposal-phrase": 0, "title-phrase": 0}
"""Extractors whose spans are trusted over overlapping spans of the weaker rules."""

CLAIMS_KNOWN = {"title", "title-phrase", "proposal-name"}
"""Proposal cues definite enough to mark a name the lexicon knows as the paper's own."""


def _overlaps(cand: Candidate, kept: list[Candidate]) -> bool:
    return any(cand.start < k.end and k.start < cand.end for k in kept)


def drop_generic(cands: Iterable[Candidate]) -> list[Candidate]:
    """Drop candidates made of generic words only ("the proposed framework")."""
    return [c for c in cands if not is_generic(c.text)]


def drop_metrics(cands: Iterable[Candidate], abbreviations: Iterable[tuple[str, str]]) -> list[Candidate]:
    """Drop the names of metrics, which are no entities: "TER" or "SSIM" written alone, "Fréchet Inception Distance".

    An abbreviation the paper defines is a metric when every long form it is
    given is one: "Fréchet Inception Distance (FID)" makes "FID" a metric even
    though the lexicon knows an FiD, "Expectation Maximization (EM)" keeps "EM".
    A name the paper does not define is a metric when the lexicon does not know it.
    """
    defined: dict[str, list[bool]] = {}
    for short, long in abbreviations:
        defined.setdefault(short, []).append(is_metric_name(long))
    kept = []
    for cand in cands:
        meanings = defined.get(cand.text)
        if meanings is not None:
            metric = all(meanings)
        else:
            metric = cand.concept is None and is_metric_name(cand.text) and (
                cand.long_form is None or is_metric_name(cand.long_form))
        if not metric:
            kept.append(cand)
    return kept


def select(cands: Iterable[Candidate], threshold: float = 0.0, *, disabled: Collection[str] = ()) -> list[Candidate]:
    """Choose non-overlapping candidates: strong extractors first, then the longest span.

    Weak rules (name shapes, task heads, dataset cues) only fill the gaps the
    lexicon, the abbreviations, model names and proposals leave. Generic
    phrases are dropped (rule ``generic-filter``, unless ``disabled``), and so
    are chosen candidates under ``threshold`` confidence: a span known to
    name a broad concept stays unlinked rather than being claimed by a
    weaker rule.
    """
    pool = list(cands) if "generic-filter" in disabled else drop_generic(cands)
    order = sorted(pool, key=lambda c: (c.source not in STRONG and not c.proposed, -(c.end - c.start),
                                        -STRONG.get(c.source, 0), -c.confidence, c.start))
    kept: list[Candidate] = []
    for cand in order:
        if not _overlaps(cand, kept):
            kept.append(cand)
    return sorted((c for c in kept if c.confidence >= threshold), key=lambda c: (c.start, c.end))


def take_proposals(chosen: list[Candidate], every: list[Candidate]) -> None:
    """Mark a chosen span proposed when a proposal cue claimed the same span, even if a stronger source won it.

    "Pointer Networks", a title that is the whole name, is proposed by the
    paper even though the lexicon knows pointer networks.
    """
    claimed = {(c.start, c.end) for c in every if c.proposed and c.source in CLAIMS_KNOWN}
    for cand in chosen:
        if (cand.start, cand.end) in claimed:
            cand.proposed, cand.role = True, "proposes"


def adopt_proposed_types(chosen: Iterable[Candidate], proposed: Mapping[str, str]) -> None:
    """Make every new name the paper proposes somewhere proposed everywhere, with the type it was proposed as.

    ``proposed`` maps matching keys to types, as
    :func:`kg.extract.paper_rules.proposed_types` returns them.
    """
    for cand in chosen:
        key = next((k for k in cand.name_keys() if k in proposed), None)
        if key is not None and cand.concept is None:
            cand.role, cand.type = "proposes", proposed[key]
