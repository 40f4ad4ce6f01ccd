"""Read SciREX: full-text ML papers with Method / Task / Material / Metric mentions and salient entities.

SciREX (Jain et al., 2020) comes as JSON Lines, one paper per line:
``words``, ``sentences`` and ``sections`` as ``[start, end)`` word spans,
``ner`` as ``[start, end, type]``, ``coref`` from each *salient* entity's
name (``Semantic_Segmentation``) to its mention spans, and
``n_ary_relations``, the paper's results.

The corpus is split once, by a fixed rule, into a part that trains models
and a part that never does: :func:`held_out` is true for the papers whose id
ends in 0, 1, 2 or 3 (87 of 306). The held-out part is the yardstick of
:mod:`kg.evaluation.scirex`.

A paper's *front matter* is its title and abstract, recovered from the
first section (``document : TITLE ABSTRACT…``, the title being the first
sentence) or from a first section holding only the title and a second one
headed ``section : Abstract``. Papers whose front matter cannot be told
apart are skipped by :func:`front_matter` (it returns None).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.train.tokens import join_tokens

__all__ = ["HELD_OUT_ENDINGS", "TYPES", "FrontMatter", "GoldMention", "detokenize", "front_matter", "held_out",
           "read_scirex"]

HELD_OUT_ENDINGS = "0123"
"""The last characters of the ids of the papers never trained on."""

TYPES = {"Method": "Method", "Task": "Task", "Material": "Dataset"}
"""SciREX mention type → entity type of the graph. Metric is not an entity of the graph."""

_MAX_TITLE_WORDS = 30
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)\]}%/-]|'s|n't)$")
_NO_SPACE_AFTER = {"(", "[", "{", "/", "-"}


def held_out(doc_id: str) -> bool:
    """True for a paper of the held-out part: its id ends in one of :data:`HELD_OUT_ENDINGS`.

    >>> held_out("0012de6bec1f25599e4f02517637e531a71909b9"), held_out("00a8ec50fd80bc1b3f3b2d6ba5a0f48dbb5d1b03")
    (False, True)
    """
    return doc_id[-1:] in HELD_OUT_ENDINGS


def detokenize(words: Sequence[str]) -> tuple[str, list[int]]:
    """Join SciREX's space-separated ``words`` into text; return it with each word's start offset.

    Hyphens and slashes join their neighbours, as they do in names.

    >>> detokenize(["V", "-", "Net", "(", "ours", ")", ","])
    ('V-Net (ours),', [0, 1, 2, 6, 7, 11, 12])
    """
    return join_tokens(words, _NO_SPACE_BEFORE, _NO_SPACE_AFTER)


@dataclass(frozen=True)
class GoldMention:
    """One annotated mention of the front matter: field, character range, type, and its salient entity."""

    field: str
    start: int
    end: int
    type: str
    text: str
    entity: str | None
    """The salient entity's name (``"Semantic Segmentation"``), or None for a mention of no salient entity."""


@dataclass(frozen=True)
class FrontMatter:
    """A paper's title and abstract, its gold mentions there, and the names of the methods it reports results of."""

    id: str
    title: str
    abstract: str
    mentions: tuple[GoldMention, ...]
    result_methods: frozenset[str]


def _bounds(doc: dict) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The word ranges of the title and of the abstract, or None when they cannot be told apart."""
    words, sections = doc["words"], doc["sections"]
    first = sections[0]
    if words[first[0]:first[0] + 2] == ["document", ":"]:
        sentence = next((s for s in doc["sentences"] if s[0] == first[0]), None)
        if sentence is None or sentence[1] - sentence[0] > _MAX_TITLE_WORDS + 2 or sentence[1] >= first[1]:
            return None
        return (first[0] + 2, sentence[1]), (sentence[1], first[1])
    if (len(sections) > 1 and first[1] - first[0] <= _MAX_TITLE_WORDS
            and [w.lower() for w in words[sections[1][0]:sections[1][0] + 3]] == ["section", ":", "abstract"]):
        return (first[0], first[1]), (sections[1][0] + 3, sections[1][1])
    return None


def _salient_by_span(doc: dict) -> dict[tuple[int, int], str]:
    return {(start, end): name.replace("_", " ") for name, spans in doc["coref"].items() for start, end in spans}


def front_matter(doc: dict) -> FrontMatter | None:
    """The title, abstract and gold mentions of one SciREX paper, or None when its front matter is not found."""
    bounds = _bounds(doc)
    if bounds is None:
        return None
    salient = _salient_by_span(doc)
    texts, mentions = {}, []
    for field, (first, last) in zip(("title", "abstract"), bounds, strict=True):
        text, starts = detokenize(doc["words"][first:last])
        texts[field] = text
        for start, end, kind in doc["ner"]:
            if first <= start and end <= last and kind in TYPES:
                a = starts[start - first]
                b = starts[end - 1 - first] + len(doc["words"][end - 1])
                mentions.append(GoldMention(field, a, b, TYPES[kind], text[a:b], salient.get((start, end))))
    methods = frozenset(part.replace("_", " ") for relation in doc.get("n_ary_relations", ())
                        for part in str(relation.get("Method", "")).split("___") if part)
    return FrontMatter(doc["doc_id"], texts["title"], texts["abstract"], tuple(mentions), methods)


def read_scirex(path: Path, *, part: str) -> Iterator[dict]:
    """Yield the SciREX papers of ``path`` in ``part``: ``"train"`` (never held out), ``"held-out"`` or ``"all"``.

    Raises
    ------
    InputError
        For a missing file or a line that is not a SciREX paper, at ``path:line``.
    """
    if part not in ("train", "held-out", "all"):
        raise ValueError(f"part must be 'train', 'held-out' or 'all', not {part!r}")
    try:
        lines = path.open(encoding="utf-8")
    except OSError as err:
        raise InputError(path, None, f"cannot read SciREX ({err.__class__.__name__})",
                         "give the SciREX train.jsonl (one paper per line)") from err
    with lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                doc_id = doc["doc_id"]
                if not all(key in doc for key in ("words", "sections", "sentences", "ner", "coref")):
                    raise KeyError("words, sections, sentences, ner or coref")
            except (ValueError, KeyError, TypeError) as err:
                raise InputError(path, number, f"not a SciREX paper ({err})",
                                 "give the SciREX train.jsonl (one paper per line)") from err
            if part == "all" or held_out(doc_id) == (part == "held-out"):
                yield doc
