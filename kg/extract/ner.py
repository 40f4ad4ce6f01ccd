"""Pipeline component ``kg_ner``: entities of the trained recogniser, filtered and typed.

The recogniser (``kg train``, trained on SciERC and PwC-NER) finds
descriptive names no lexicon lists and no name shape reveals — "Krylov
subspace recycling", "robust alternating minimization". It was trained on
corpora that also tag generic noun phrases, so its spans pass the same
precision filters as every other source: no generic words alone, no metrics,
no stray determiners or evaluative adjectives at either edge, no spans that
are too long to be a name. Its three labels are then typed the way the rest
of the pipeline types: a model-name shape is a Model, a head word
("detection", "benchmark") overrides the label, and a dataset must carry a
name, not describe data.
"""

from __future__ import annotations

from collections.abc import Sequence
import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.candidates import Candidate, add_candidate, candidates
from kg.extract.heads import head_type, is_generic, is_metric
from kg.extract.names import MODEL_NAME, is_name_like
from kg.extract.words import NER_EDGE

__all__ = ["CONFIDENCE", "CORROBORATION", "NerFilter", "corroborate", "ner_type", "trim"]

CONFIDENCE = 0.5
"""Confidence of a recogniser span: above the default threshold, below every rule that names a cue."""

CORROBORATION = 0.1
"""Confidence a rule's candidate gains when the recogniser finds the same span."""

_MAX_WORDS = 6
_WORD = re.compile(r"\S+")
_BAD_CHARS = re.compile(r"[;:=<>@#$%^_{}\\|~\"\[\]]|\d+(?:\.\d+)?%")


def trim(text: str) -> tuple[int, int]:
    """Return the range of ``text`` without edge words that are not part of a name.

    >>> t = "our novel robust alternating minimization"
    >>> a, b = trim(t); t[a:b]
    'robust alternating minimization'
    >>> trim("the")
    (0, 0)
    """
    words = list(_WORD.finditer(text))
    while words and words[0].group().lower().strip("(),.") in NER_EDGE:
        words.pop(0)
    while words and words[-1].group().lower().strip("(),.") in NER_EDGE:
        words.pop()
    return (words[0].start(), words[-1].end()) if words else (0, 0)


def ner_type(text: str, label: str) -> str | None:
    """The entity type of a recogniser span with ``label``, or None when it names no entity.

    >>> ner_type("Krylov subspace recycling", "METHOD"), ner_type("hallucination detection", "METHOD")
    ('Method', 'Task')
    >>> ner_type("LLaMA-2-70B", "METHOD"), ner_type("ImageNet", "DATASET"), ner_type("textual corpora", "DATASET")
    ('Model', 'Dataset', None)
    >>> ner_type("the proposed approach", "METHOD"), ner_type("classification accuracy", "TASK")
    (None, None)
    >>> ner_type("Randomization", "METHOD"), ner_type("DeltaDock", "METHOD")
    (None, 'Method')
    """
    words = text.split()
    if (not words or len(words) > _MAX_WORDS or _BAD_CHARS.search(text) or is_generic(text) or is_metric(text)
            or not any(c.isalpha() for c in text) or text.count("(") != text.count(")")):
        return None
    if MODEL_NAME.fullmatch(text):
        return "Model"
    if len(words) == 1 and not is_name_like(text):
        return None
    head = head_type(text)
    if label == "DATASET":
        named = any(is_name_like(w.strip("(),")) or w[:1].isupper() for w in words)
        return "Dataset" if named and head != "Task" else None
    if head == "Dataset":
        return "Dataset" if any(w[:1].isupper() for w in words) else None
    if head == "Task":
        return "Task"
    return "Task" if label == "TASK" else "Method"


def corroborate(cands: list[Candidate]) -> None:
    """Raise the confidence of rule candidates the recogniser found too, and mark their extractor ``+ner``.

    A candidate below the recogniser's own :data:`CONFIDENCE` is one its
    source doubts on purpose (a broad concept of the lexicon, "neural
    networks"); the recogniser, which tags such phrases, leaves it as it is.

    >>> broad, rule = Candidate(0, 15, "neural networks", "Method", "lexicon", 0.4), Candidate(0, 3, "GSC", "Method", "name-shape", 0.5)
    >>> corroborate([broad, rule]); (broad.extractor, broad.confidence), (rule.extractor, rule.confidence)
    (('lexicon', 0.4), ('name-shape+ner', 0.6))
    """
    for cand in cands:
        if cand.confidence < CONFIDENCE:
            continue
        cand.extractor = f"{cand.extractor}+ner"
        cand.confidence = min(1.0, cand.confidence + CORROBORATION)


@Language.factory("kg_ner", requires=["doc.ents"], default_config={"disabled": []})
class NerFilter:
    """Turn the recogniser's ``doc.ents`` into candidates of extractor ``"ner"``, unless rule ``ner`` is disabled.

    Rule ``ner-corroboration`` (unless disabled) lifts the rule candidates of
    the same spans instead.
    """

    def __init__(self, nlp: Language, name: str, *, disabled: Sequence[str] = ()) -> None:
        self.name = name
        self.disabled = frozenset(disabled)

    def __call__(self, doc: Doc) -> Doc:
        by_span: dict[tuple[int, int], list[Candidate]] = {}
        for cand in candidates(doc):
            by_span.setdefault((cand.start, cand.end), []).append(cand)
        for ent in doc.ents:
            start, end = trim(ent.text)
            text = ent.text[start:end]
            kind = ner_type(text, ent.label_) if text else None
            if kind is None:
                continue
            span = (ent.start_char + start, ent.start_char + end)
            if "ner-corroboration" not in self.disabled:
                corroborate(by_span.get(span, []))
            if span not in by_span and "ner" not in self.disabled:
                add_candidate(doc, *span, kind, "ner", CONFIDENCE)
        return doc
