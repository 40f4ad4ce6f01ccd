"""Read the NER training corpora into spaCy ``Doc`` objects.

Three corpora train the statistical entity recogniser:

* **SciERC** (Luan et al., 2018, "Multi-Task Identification of Entities,
  Relations, and Coreference for Scientific Knowledge Graph Construction"):
  AI abstracts in the DyGIE JSON Lines layout, one document per line, with
  ``sentences`` (lists of tokens) and ``ner`` (per sentence, ``[start, end,
  label]`` with document-level token offsets and inclusive ends).
* **PwC-NER**: machine-learning abstracts tagged, one ``token<TAB>tag`` per
  line with BIOES tags, a blank line between documents.
* **SciREX** (Jain et al., 2020): full-text ML papers, read by
  :mod:`kg.train.scirex`, its train part only. A paper is cut into docs of a
  few sentences of one section; the sentences without a mention are
  sub-sampled, and the section headings dropped.

All are mapped to the three labels the recogniser learns, :data:`LABELS`.
Tokens are joined back into text (no space before closing punctuation), the
text is tokenised by the same blank English tokenizer the pipeline uses, and
each span is placed by character offsets, so the model sees at training time
the tokens it will see at run time.
"""

from __future__ import annotations

import json
import random
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.errors import InputError
from kg.train.tokens import join_tokens
from kg.train import scirex

__all__ = ["LABELS", "PWC_LABELS", "SCIERC_LABELS", "SCIREX_LABELS", "detokenize", "read_pwc", "read_scierc",
           "read_scirex_docs"]

SCIERC_LABELS = {"Method": "METHOD", "Task": "TASK", "Material": "DATASET"}
"""SciERC label → ours. Metric, Generic and OtherScientificTerm are not entities of the graph."""

PWC_LABELS = {"METHOD": "METHOD", "RESEARCH_PROBLEM": "TASK"}
"""PwC-NER label → ours."""

SCIREX_LABELS = SCIERC_LABELS
"""SciREX label → ours: the same names as SciERC's; Metric is dropped."""

LABELS = ("DATASET", "METHOD", "TASK")
"""The labels the recogniser learns; Model and Dataset are told apart later, by name shape and context."""

_NO_SPACE_BEFORE = re.compile(r"^[,.;:!?)\]}%]$|^'s$|^n't$")
_NO_SPACE_AFTER = {"(", "[", "{"}


def detokenize(tokens: Sequence[str]) -> tuple[str, list[int]]:
    """Join ``tokens`` into text and return it with each token's start offset.

    >>> detokenize(["a", "(", "b", ")", ",", "c"])
    ('a (b), c', [0, 2, 3, 4, 5, 7])
    """
    return join_tokens(tokens, _NO_SPACE_BEFORE, _NO_SPACE_AFTER)


def _doc(nlp: Language, tokens: Sequence[str], spans: list[tuple[int, int, str]], join: Callable[[Sequence[str]], tuple[str, list[int]]] | None = None) -> Doc:
    """A doc of the detokenised ``tokens`` with ``spans`` (token start, inclusive token end, label) as entities.

    ``join`` detokenises (by default :func:`detokenize`).
    """
    text, starts = (join or detokenize)(tokens)
    doc = nlp.make_doc(text)
    ents = []
    for first, last, label in spans:
        span = doc.char_span(starts[first], starts[last] + len(tokens[last]), label=label, alignment_mode="contract")
        if span is not None:
            span = _trim(span)
        if span is not None:
            ents.append(span)
    doc.ents = filter_spans(ents)
    return doc


def _trim(span: Span) -> Span | None:
    """``span`` without leading or trailing punctuation tokens, or None when nothing is left."""
    start, end = span.start, span.end
    while start < end and span.doc[start].is_punct:
        start += 1
    while end > start and span.doc[end - 1].is_punct:
        end -= 1
    return Span(span.doc, start, end, span.label) if end > start else None


def read_scierc(path: Path, nlp: Language) -> Iterator[Doc]:
    """Yield one doc per SciERC document (DyGIE JSON Lines) in ``path``."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                tokens = [tok for sentence in record["sentences"] for tok in sentence]
                spans = [(s, e, SCIERC_LABELS[lab]) for sent in record["ner"] for s, e, lab in sent
                         if lab in SCIERC_LABELS]
            except (ValueError, KeyError, TypeError) as err:
                raise InputError(path, number, f"not a SciERC document ({err})",
                                 "give the DyGIE-format train.json or dev.json of SciERC") from err
            yield _doc(nlp, tokens, spans)


def read_pwc(path: Path, nlp: Language) -> Iterator[Doc]:
    """Yield one doc per document of the PwC-NER ``token<TAB>BIOES-tag`` file ``path``."""
    tokens: list[str] = []
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                if tokens:
                    yield _doc(nlp, tokens, spans)
                tokens, spans, start = [], [], None
                continue
            token, sep, tag = line.rpartition("\t")
            if not sep or not (tag == "O" or tag[:2] in ("B-", "I-", "E-", "S-")):
                raise InputError(path, number, f"expected 'token<TAB>BIOES-tag', got {line[:40]!r}",
                                 "give the PwC-NER train.data file")
            tokens.append(token)
            prefix, label = tag[:1], PWC_LABELS.get(tag[2:])
            if prefix in "BS":
                start = len(tokens) - 1
            if prefix in "ES" and start is not None and label:
                spans.append((start, len(tokens) - 1, label))
            if prefix in "ESO":
                start = None
    if tokens:
        yield _doc(nlp, tokens, spans)


def _groups(doc: dict, rng: random.Random, *, sentences: int, keep_empty: float) -> Iterator[list[tuple[int, int]]]:
    """Runs of at most ``sentences`` sentences of one section, without headings, ``keep_empty`` of empty ones kept."""
    words = doc["words"]
    starts = sorted(start for start, _, kind in doc["ner"] if kind in SCIREX_LABELS)
    for first, last in doc["sections"]:
        group: list[tuple[int, int]] = []
        for start, end in doc["sentences"]:
            if not (first <= start < last):
                continue
            if words[start:start + 2] in (["section", ":"], ["document", ":"]):
                if words[start] == "section":
                    continue
                start += 2
            mentioned = bisect_left(starts, start) < len(starts) and starts[bisect_left(starts, start)] < end
            if start < end and (mentioned or rng.random() < keep_empty):
                group.append((start, end))
            if len(group) == sentences:
                yield group
                group = []
        if group:
            yield group


def read_scirex_docs(path: Path, nlp: Language, *, sentences: int = 10, keep_empty: float = 0.1,
                     seed: int = 0) -> Iterator[Doc]:
    """Yield docs of at most ``sentences`` sentences from the papers of SciREX's train part in ``path``.

    Every sentence with a Method, Task or Material mention is kept, and a
    ``keep_empty`` share (drawn with ``seed``) of the others. Words are
    joined as :func:`kg.train.scirex.detokenize` joins them for the
    yardstick. The held-out part is never read.
    """
    rng = random.Random(seed)
    for doc in scirex.read_scirex(path, part="train"):
        words, ner = doc["words"], sorted(doc["ner"])
        for group in _groups(doc, rng, sentences=sentences, keep_empty=keep_empty):
            tokens: list[str] = []
            spans: list[tuple[int, int, str]] = []
            for start, end in group:
                offset = len(tokens) - start
                tokens += words[start:end]
                spans += [(s + offset, e - 1 + offset, SCIREX_LABELS[kind]) for s, e, kind in ner
                          if start <= s and e <= end and kind in SCIREX_LABELS]
            yield _doc(nlp, tokens, spans, scirex.detokenize)
