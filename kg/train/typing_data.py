"""Examples for the learned typer: candidate names in their context, each with the class it should get.

Where the labels come from:

* **SciREX** (the training part only; :func:`kg.train.scirex.held_out`
  papers never): every Method, Task and Material (= Dataset) mention of the
  full text, in its section; a Metric mention is no entity. So is every span
  the rules of the extraction pipeline propose there that overlaps no
  annotated mention — the names rules find that a careful annotator did not
  mark.
* **SciERC**: Method and Task mentions; Metric, Generic and
  OtherScientificTerm spans are no entity.
* **PwC-NER**: METHOD and RESEARCH_PROBLEM (= Task) mentions.
* **The lexicon**: every name of every concept, alone, with the concept's
  type.

SciREX and SciERC have no Model type: a Method mention is a Model when the
lexicon knows the name as a Model, or when it is shaped like a sized or
versioned model name (:data:`kg.extract.names.MODEL_NAME`).
"""

from __future__ import annotations

import json
from itertools import islice
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.extract.lexicon import Lexicon
from kg.extract.names import MODEL_NAME
from kg.extract.typer import NOT_AN_ENTITY
from kg.train.scirex import detokenize, read_scirex

__all__ = ["Example", "held_out_examples", "lexicon_examples", "pwc_examples", "rule_negatives", "scierc_examples",
           "scirex_examples"]

_SCIREX = {"Method": "Method", "Task": "Task", "Material": "Dataset", "Metric": NOT_AN_ENTITY}
_SCIERC = {"Method": "Method", "Task": "Task", "Metric": NOT_AN_ENTITY, "Generic": NOT_AN_ENTITY,
           "OtherScientificTerm": NOT_AN_ENTITY}
_PWC = {"METHOD": "Method", "RESEARCH_PROBLEM": "Task"}
_MAX_SECTION_WORDS = 400


@dataclass(frozen=True)
class Example:
    """One candidate name: ``text[start:end]`` in its text, and its class."""

    text: str
    start: int
    end: int
    label: str


def _method_or_model(label: str, name: str, lexicon: Lexicon) -> str:
    if label != "Method":
        return label
    concept = lexicon.lookup(name)
    if concept is not None and concept.type == "Model" or MODEL_NAME.fullmatch(name):
        return "Model"
    return label


def _chunks(doc: dict) -> Iterator[tuple[int, int]]:
    """Word ranges of at most about :data:`_MAX_SECTION_WORDS` words, cut at sentence ends."""
    start = None
    for first, last in doc["sentences"]:
        start = first if start is None else start
        if last - start >= _MAX_SECTION_WORDS:
            yield start, last
            start = None
    if start is not None:
        yield start, doc["sentences"][-1][1]


def _spans(words: list[str], spans: Iterable[tuple[int, int, str]], lexicon: Lexicon) -> list[Example]:
    """Examples for token spans ``(start, end exclusive, label)`` of ``words``."""
    text, starts = detokenize(words)
    out = []
    for first, last, label in spans:
        a, b = starts[first], starts[last - 1] + len(words[last - 1])
        out.append(Example(text, a, b, _method_or_model(label, text[a:b], lexicon)))
    return out


def scirex_examples(path: Path, lexicon: Lexicon, *, documents: int | None = None) -> Iterator[list[Example]]:
    """Yield, per chunk of each training-part SciREX paper (the first ``documents`` only), its annotated mentions."""
    for doc in islice(read_scirex(path, part="train"), documents):
        words = doc["words"]
        for first, last in _chunks(doc):
            spans = [(s - first, e - first, _SCIREX[t]) for s, e, t in doc["ner"]
                     if first <= s and e <= last and t in _SCIREX]
            yield _spans(words[first:last], spans, lexicon)


def rule_negatives(chunks: Sequence[list[Example]], nlp) -> Iterator[Example]:
    """Yield rule candidates of the chunks' texts that name nothing annotated anywhere, as no entity.

    A candidate counts only when it overlaps no mention of its chunk, the
    lexicon knows no candidate of its span, and its name is the name of no
    annotated mention in any chunk: SciREX marks the mentions of a paper's
    salient entities carefully but not every other name, so a name
    annotated once is a name.
    """
    from kg.extract.candidates import candidates
    from kg.extract.normalize import name_key

    named = {name_key(e.text[e.start:e.end]) for chunk in chunks for e in chunk if e.label != NOT_AN_ENTITY}
    for examples, doc in zip(chunks, nlp.pipe((c[0].text for c in chunks), batch_size=32), strict=True):
        marked = [(e.start, e.end) for e in examples]
        known = {(c.start, c.end) for c in candidates(doc) if c.concept is not None}
        seen = set()
        for cand in candidates(doc):
            span = (cand.start, cand.end)
            if (span in seen or span in known or name_key(cand.text) in named
                    or any(a < cand.end and cand.start < b for a, b in marked)):
                continue
            seen.add(span)
            yield Example(doc.text, cand.start, cand.end, NOT_AN_ENTITY)


def scierc_examples(path: Path, lexicon: Lexicon) -> Iterator[Example]:
    """Yield the examples of one SciERC file (DyGIE JSON Lines, inclusive token ends)."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                words = [tok for sentence in record["sentences"] for tok in sentence]
                spans = [(s, e + 1, _SCIERC[t]) for sentence in record["ner"] for s, e, t in sentence if t in _SCIERC]
                yield from _spans(words, spans, lexicon)


def pwc_examples(path: Path, lexicon: Lexicon) -> Iterator[Example]:
    """Yield the examples of PwC-NER's ``token<TAB>BIOES-tag`` file."""
    words: list[str] = []
    spans: list[tuple[int, int, str]] = []
    start = None
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            token, _, tag = line.rstrip("\r\n").rpartition("\t")
            if not token:
                if words:
                    yield from _spans(words, spans, lexicon)
                words, spans, start = [], [], None
                continue
            words.append(token)
            if tag[:1] in "BS":
                start = len(words) - 1
            if tag[:1] in "ES" and start is not None and tag[2:] in _PWC:
                spans.append((start, len(words), _PWC[tag[2:]]))
    if words:
        yield from _spans(words, spans, lexicon)


def lexicon_examples(lexicon: Lexicon) -> Iterator[Example]:
    """Yield every name of every lexicon concept, alone, with the concept's type."""
    for concept in lexicon:
        for name in concept.names:
            yield Example(name, 0, len(name), concept.type)


def held_out_examples(path: Path, lexicon, *, documents: int | None = None) -> list[Example]:
    """The annotated mentions of the held-out SciREX papers' full texts (the first ``documents``), labelled as for
    training: what the typer's accuracy is reported on, never trained on."""
    out = []
    for doc in islice(read_scirex(path, part="held-out"), documents):
        text, starts = detokenize(doc["words"])
        for s, e, t in doc["ner"]:
            a, b = starts[s], starts[e - 1] + len(doc["words"][e - 1])
            out.append(Example(text, a, b, _method_or_model(_SCIREX[t], text[a:b], lexicon)))
    return out
