"""Candidate mentions, as the pipeline components leave them on a ``Doc``.

Every component appends :class:`Candidate` records to ``doc._.kg_candidates``;
the last one (roles) sets their roles, and :mod:`kg.extract.run` picks the
non-overlapping best of them and turns them into :class:`kg.records.Mention`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from kg.extract.normalize import name_key

__all__ = ["Candidate", "add_candidate", "candidates", "doc_text"]

if not Doc.has_extension("kg_candidates"):
    Doc.set_extension("kg_candidates", default=None)


@dataclass
class Candidate:
    """A span that may name an entity, with what the component that found it thinks."""

    start: int
    end: int
    text: str
    type: str
    extractor: str
    confidence: float
    concept: str | None = None
    long_form: str | None = None
    proposed: bool = False
    role: str | None = None

    @property
    def source(self) -> str:
        """The component that found the span ("task-head" for "task-head+ner", which the recogniser confirmed)."""
        return self.extractor.split("+")[0]

    @property
    def confirmed(self) -> bool:
        """Whether the trained recogniser found the same span as the rule that proposed it."""
        return self.extractor.endswith("+ner")

    def name_keys(self) -> tuple[str, ...]:
        """The matching keys of the candidate's text and of its long form, in that order."""
        keys = (name_key(self.text), name_key(self.long_form or ""))
        return tuple(k for i, k in enumerate(keys) if k and k not in keys[:i])


def candidates(doc: Doc) -> list[Candidate]:
    """Return the doc's candidate list, creating it on first use."""
    if doc._.kg_candidates is None:
        doc._.kg_candidates = []
    return doc._.kg_candidates


def doc_text(doc: Doc) -> str:
    """The doc's text, joined once: spaCy rebuilds ``Doc.text`` from the tokens on every access."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def add_candidate(doc: Doc, start: int, end: int, type_: str, extractor: str, confidence: float, **extra: object) -> Candidate:
    """Append a candidate for ``doc.text[start:end]`` and return it."""
    cand = Candidate(start, end, doc_text(doc)[start:end], type_, extractor, confidence, **extra)  # type: ignore[arg-type]
    candidates(doc).append(cand)
    return cand
