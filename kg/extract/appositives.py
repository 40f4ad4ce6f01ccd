"""Names given in apposition to a proposal: "we propose an end-to-end optimization framework, Trace, …".

Authors often name their contribution beside a description of it, in either
order: "we propose <description>, <Name>" (or "…, called <Name>") and "we
introduce <Name>, a <description>". The name may be an ordinary capitalised
word ("Trace", "Alchemy") that no name shape reveals; the description's head
word says what kind of thing it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.heads import is_generic, is_metric
from kg.extract.words import APPOSITION_VERBS, DATASET_KIND_HEADS, METHOD_KIND_HEADS

__all__ = ["KIND_BY_HEAD", "appositive_names", "described_kind"]

KIND_BY_HEAD = {**dict.fromkeys(DATASET_KIND_HEADS, "Dataset"), **dict.fromkeys(METHOD_KIND_HEADS, "Method")}
"""What a description's head word makes the name it describes."""

_CUE = rf"\b(?:{'|'.join(APPOSITION_VERBS)})s?\b"
_HEAD = "|".join(sorted(KIND_BY_HEAD, key=len, reverse=True))
_NAME = r"(?-i:[A-Z][\w.+/-]*(?:\s+[A-Z0-9][\w.+/-]*){0,3})"
_END = r"(?=\s*(?:[,.;:)]|\s(?:which|that|to|for|with|and)\b|\s[-–—]))"
_AFTER = re.compile(
    rf"{_CUE}\s+(?:a|an|the)?[^.;,]{{0,80}}?\b(?P<head>{_HEAD})s?\s*(?:(?:,|\()\s*|\s(?=called|named|dubbed|termed))"
    rf"(?:(?:called|named|dubbed|termed)\s+)?"
    rf"(?P<name>{_NAME}){_END}",
    re.IGNORECASE,
)
_NAMING = re.compile(rf"\b(?:which|that|what)\s+we\s+(?:call|name|term|dub|coin)\s+(?P<name>{_NAME}){_END}", re.IGNORECASE)
"""A name given after the description: "the resulting algorithm, which we call Direct Preference Optimization"."""
_MODELS = re.compile(r"\b(?:models|LLMs|model family|family of models)\W*$", re.IGNORECASE)
_BEFORE = re.compile(rf"{_CUE}\s+(?P<name>{_NAME}),\s+(?:a|an)\s+[^.;,]{{0,80}}?\b(?P<head>{_HEAD})\b", re.IGNORECASE)
_SEVERAL = re.compile(
    rf"{_CUE}\s+(?P<names>{_NAME}(?:,\s+{_NAME})*,?\s+and\s+{_NAME}),\s+"
    rf"(?:two|three|four|five|six|several|a (?:pair|family|suite|set|series) of)\s+[^.;,]{{0,60}}?\b(?P<head>{_HEAD})s?\b",
    re.IGNORECASE,
)
"""Several names described together: "we release CodeTrek and MathTrek, two benchmarks for …"."""
_OWN = re.compile(rf"\b(?:our|the proposed)\s+(?:[\w-]+\s+){{0,3}}?(?P<head>{_HEAD})\s*(?:,|\()\s*(?P<name>{_NAME})\s*[,)]",
                  re.IGNORECASE)
"""The paper's own contribution named beside it: "Our model, VisQA, achieves …", "the proposed method (FooNet)"."""
_OWN_BARE = re.compile(rf"\b(?:our|the proposed)\s+(?:(?!(?:on|in|of|for|with|to|from|by|and|or)\b)[\w-]+\s+){{0,3}}?"
                       rf"(?P<head>{_HEAD})\s+(?P<name>{_NAME}){_END}", re.IGNORECASE)
"""The same with no comma: "our new benchmark SheetEdit", "our method AutoTinyBERT and …"."""
_DESCRIBED = re.compile(rf"\s*(?:\([^()]{{1,20}}\)\s*)?,\s+(?:a|an)\s+(?:[\w-]+\s+){{0,4}}?(?P<head>{_HEAD})\b",
                        re.IGNORECASE)
"""A description in apposition right after a name, its abbreviation between: ", a classical iterative algorithm"."""
_LISTED = re.compile(rf"(?:^|,\s+|,?\s+and\s+)(?P<name>{_NAME})")


def appositive_names(sentence: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, type)`` of the names a sentence gives its proposals in apposition.

    >>> s = "We propose an end-to-end optimization framework, Trace, which treats workflows as graphs."
    >>> [(s[a:b], t) for a, b, t in appositive_names(s)]
    [('Trace', 'Method')]
    >>> s = "This work proposes Alchemy, a general framework for data synthesis."
    >>> [(s[a:b], t) for a, b, t in appositive_names(s)]
    [('Alchemy', 'Method')]
    >>> s = "We release a new benchmark, called LongBench Pro, to test long contexts."
    >>> [(s[a:b], t) for a, b, t in appositive_names(s)]
    [('LongBench Pro', 'Dataset')]
    >>> s = "We introduce a simple iterative training paradigm named ITERTL."
    >>> [(s[a:b], t) for a, b, t in appositive_names(s)]
    [('ITERTL', 'Method')]
    >>> list(appositive_names("We propose a method, which is fast."))
    []
    >>> s = "Our best model family, which we name Guanaco, beats all open models."
    >>> [(s[a:b], t) for a, b, t in appositive_names(s)]
    [('Guanaco', 'Model')]
    >>> s = "Our model, VisQA, reaches 78.9% on VQAv2."
    >>> [(s[a:b], t) for a, b, t in appositive_names(s)]
    [('VisQA', 'Method')]
    >>> s = "On FooQA and our new benchmark SheetEdit, it wins; we test our model on two datasets Bar and Baz."
    >>> [(s[a:b], t) for a, b, t in appositive_names(s)]
    [('SheetEdit', 'Dataset')]
    >>> s = "We present CodeTrek, MathTrek and Web Trek, three benchmarks for agents."
    >>> [(s[a:b], t) for a, b, t in appositive_names(s)]
    [('CodeTrek', 'Dataset'), ('MathTrek', 'Dataset'), ('Web Trek', 'Dataset')]
    """
    for pattern in (_AFTER, _BEFORE, _OWN, _OWN_BARE):
        for m in pattern.finditer(sentence):
            name = m.group("name")
            if is_generic(name) or is_metric(name) or name in ("The", "This", "We"):
                continue
            yield m.start("name"), m.end("name"), KIND_BY_HEAD[m.group("head").lower()]
    for m in _SEVERAL.finditer(sentence):
        kind = KIND_BY_HEAD[m.group("head").lower()]
        for item in _LISTED.finditer(m.group("names")):
            if not is_generic(item.group("name")):
                yield m.start("names") + item.start("name"), m.start("names") + item.end("name"), kind
    for m in _NAMING.finditer(sentence):
        described = sentence[max(0, m.start() - 60) : m.start()]
        heads = [h for h in re.findall(r"[A-Za-z]+", described) if h.lower() in KIND_BY_HEAD]
        kind = "Model" if _MODELS.search(described) else KIND_BY_HEAD[heads[-1].lower()] if heads else "Method"
        yield m.start("name"), m.end("name"), kind


def described_kind(text: str, end: int) -> str | None:
    """The type the description in apposition right after ``text[:end]`` gives the name there, or None.

    >>> s = "column generation (CG), a classical iterative algorithm, and MNIST, a small dataset of digits"
    >>> described_kind(s, s.index(" (CG)")), described_kind(s, s.index(", a small")), described_kind(s, 5)
    ('Method', 'Dataset', None)
    """
    m = _DESCRIBED.match(text, end)
    return KIND_BY_HEAD[m.group("head").lower()] if m else None
