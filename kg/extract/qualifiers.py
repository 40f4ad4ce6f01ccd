"""Dataset names with the year, version, split or language pair after them: "WMT14 English-German".

A Dataset mention directly followed by a year ("PASCAL VOC 2007"), a
version ("VQA v2.0"), a named split ("LibriSpeech test-other", "COCO
test-dev") or a language pair takes it into its name. English-German and
English-French on WMT14 are two benchmarks with their own leaderboards, so
a name with a language pair is a new entity unless the lexicon knows it. A
year, a version or a split names an edition or a part of the same dataset,
as the lexicon has it ("COCO 2017" is COCO): a known dataset keeps its
concept, and the longer name becomes one of its spellings. The widened
mention's extractor ends in ``+qualifier``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.candidates import Candidate
from kg.extract.lexicon import Lexicon
from kg.extract.words import LANGUAGES

__all__ = ["qualify_datasets"]

_EDITION = (r"(?:[ -](?:19|20)\d\d| [vV]\d+(?:\.\d+)*| (?:test|dev|val)-(?:clean|other|std|dev|challenge))"
            r"(?![\w-]|\.\d)")
_LANGUAGE = r"[A-Za-z]+"
_PAIR = rf" ({_LANGUAGE})(?:-|–|→|->| ?→ ?| to )({_LANGUAGE})(?![\w-])"
_QUALIFIER = re.compile(rf"{_EDITION}|{_PAIR}")
_LOWER_LANGUAGES = frozenset(w.lower() for w in LANGUAGES)


def _qualifier(text: str, end: int) -> tuple[int, bool] | None:
    """Where the year, version, split or language pair written right after ``end`` ends, and whether it is an edition."""
    m = _QUALIFIER.match(text, end)
    if m is None:
        return None
    if m.group(1) is None:
        return m.end(), True
    return (m.end(), False) if {m.group(1).lower(), m.group(2).lower()} <= _LOWER_LANGUAGES else None


def qualify_datasets(cands: Sequence[Candidate], text: str, lexicon: Lexicon | None) -> None:
    """Widen each Dataset candidate over a year, version, split or language pair written right after it.

    >>> text = "We test on WMT14 English-German and PASCAL VOC 2007, 2012 and COCO in 2017."
    >>> def known(name, concept):
    ...     start = text.index(name)
    ...     return Candidate(start, start + len(name), name, "Dataset", "lexicon", 0.9, concept=concept)
    >>> cands = [known("WMT14", "wmt14"), known("PASCAL VOC", "pascal-voc"), known("COCO", "coco")]
    >>> qualify_datasets(cands, text, None)
    >>> [(c.text, c.concept, c.extractor) for c in cands]  # doctest: +NORMALIZE_WHITESPACE
    [('WMT14 English-German', None, 'lexicon+qualifier'), ('PASCAL VOC 2007', 'pascal-voc', 'lexicon+qualifier'),
     ('COCO', 'coco', 'lexicon')]
    """
    starts = sorted(c.start for c in cands)
    for cand in cands:
        if cand.type != "Dataset":
            continue
        found = _qualifier(text, cand.end)
        if found is None or any(cand.end < s < found[0] for s in starts):
            continue
        end, edition = found
        cand.end, cand.text, cand.extractor = end, text[cand.start:end], f"{cand.extractor}+qualifier"
        concept = lexicon.lookup(cand.text) if lexicon is not None else None
        if concept is not None or not edition:
            cand.concept = concept.id if concept is not None else None
        cand.long_form = None
