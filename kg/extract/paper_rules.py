"""Paper-level rules: decisions that need both the title and the abstract of a paper.

The pipeline sees one text at a time; these rules look at the chosen
candidates of a whole paper: the name its title gives its contribution,
task phrases it names only once, the type a proposal was introduced as, and
names listed beside known datasets or models.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from kg.extract.candidates import Candidate, candidates, doc_text
from kg.extract.lexicon import Lexicon
from kg.extract.normalize import name_key
from kg.extract.title_phrases import title_phrases
from kg.extract.titles import title_head, title_name
from kg.extract.typer import FIXED

__all__ = ["mark_named_proposals", "mark_title_name", "mark_title_phrases", "proposed_types", "supported"]


def mark_title_name(docs: dict[str, Doc], lexicon: Lexicon) -> None:
    """Mark the name the title gives the paper's contribution, wherever it occurs, as proposed.

    A method or model the ``lexicon`` knows is that name too when it is the
    whole part before the colon: "Tree of Thoughts: Deliberate Problem
    Solving …" is the paper that introduced tree of thoughts. The title's
    type does not replace one a candidate's own extractor gave it
    (:data:`kg.extract.typer.FIXED`: "we introduce X, a benchmark …" makes X
    a dataset whatever the title); :func:`proposed_types` weighs the two.
    """
    title = doc_text(docs["title"])
    found = title_name(title)
    head = title_head(title) if found is None else None
    concept = lexicon.lookup(title[slice(*head)]) if head else None
    if concept is not None and concept.type in ("Method", "Model"):
        found = (*head, concept.type)
    if found is None:
        return
    start, end, kind = found
    name = doc_text(docs["title"])[start:end]
    for doc in docs.values():
        for m in _occurrences(name, doc_text(doc)):
            matching = [c for c in candidates(doc) if (c.start, c.end) == m.span()]
            for cand in matching:
                cand.proposed, cand.role = True, "proposes"
                if cand.concept is None and cand.source not in FIXED:
                    cand.type = kind
            if not matching:
                candidates(doc).append(Candidate(*m.span(), name, kind, "title", 0.8, proposed=True, role="proposes"))


def mark_named_proposals(docs: dict[str, Doc]) -> None:
    """Mark a name given to a proposal in apposition wherever else the paper writes it.

    "We propose Trace, a framework … With a GPT-4 backbone, Trace achieves
    49.6%": the apposition finds the first "Trace" only, and a plain word or
    a name like "QDet" has no shape that finds the second, so the result
    would go to GPT-4. Each other occurrence, with the same case and not part
    of a longer word, gets the apposition's type; a span some extractor
    already found keeps its candidates.
    """
    named = {c.text: c for doc in docs.values() for c in candidates(doc) if c.source == "proposal-name"}
    for doc in docs.values():
        taken = {(c.start, c.end) for c in candidates(doc)}
        for name, given in named.items():
            for m in _occurrences(name, doc_text(doc)):
                if m.span() not in taken:
                    candidates(doc).append(Candidate(*m.span(), name, given.type, "proposal-name", given.confidence,
                                                     proposed=True, role="proposes"))


def _occurrences(name: str, text: str) -> Iterator[re.Match[str]]:
    """Where ``text`` writes ``name`` as it is spelt, not as part of a longer word ("X-style", "Xs")."""
    return re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)


def mark_title_phrases(docs: dict[str, Doc], lexicon: Lexicon) -> None:
    """Add the method phrases of a title without a "Name:" as candidates, the proposed ones wherever they occur.

    The abstract usually spells the title's proposal in lower case and in the
    singular ("Pointer Networks" → "pointer network"), so occurrences are
    found case-insensitively, with or without a plural "s". A phrase the
    title does not propose counts only if the abstract repeats it: "Faster
    Algorithms" is a title's wording, "Two-layer ReLU Networks" a name. A
    name the ``lexicon`` knows is proposed only when it is the whole title
    ("Pointer Networks", not "Parameter-Efficient Fine-Tuning with …").
    """
    title = doc_text(docs["title"])
    if title_name(title) is not None:
        return
    abstract = doc_text(docs["abstract"]) if "abstract" in docs else ""
    for start, end, proposed in title_phrases(title):
        phrase = title[start:end]
        proposed = proposed and (phrase == title.strip() or lexicon.lookup(phrase) is None)
        stem = re.escape(phrase.removesuffix("s")).replace(r"\ ", r"[\s-]+")
        repeats = list(re.finditer(rf"(?<!\w){stem}s?(?![\w-])", abstract, re.IGNORECASE))
        if proposed or repeats:
            candidates(docs["title"]).append(Candidate(start, end, phrase, "Method", "title-phrase", 0.6,
                                                       proposed=proposed, role="proposes" if proposed else None))
        for m in repeats if proposed else ():
            candidates(docs["abstract"]).append(Candidate(*m.span(), m.group(), "Method", "title-phrase", 0.6,
                                                          proposed=True, role="proposes"))


_NEEDS_SUPPORT = {"task-head", "ner"}
"""Weak sources whose finds count only when the paper names them twice, or (rules only) in its title.

Titles are set in title case, which the recogniser reads as names; so a
title counts as support for a rule's find but not for the recogniser's. The
recogniser agreeing with a weak rule is no support either: it tags most of
the phrases the task-head rule finds, so a once-named one would always pass."""


def supported(pools: dict[str, list[Candidate]]) -> dict[str, list[Candidate]]:
    """Drop weak-rule finds the paper names only once, and only in its abstract.

    It runs on every candidate before overlaps are settled, so that a weak
    find dropped here leaves its span to the candidates it overlaps: "the
    FooSet dataset", tagged whole by the recogniser and named once, keeps the
    dataset cue's "FooSet". A name counts once per place it is written, however
    many sources found it there.

    >>> ner = Candidate(19, 31, "FooSet data", "Dataset", "ner", 0.5)
    >>> cue = Candidate(19, 25, "FooSet", "Dataset", "dataset-cue", 0.7)
    >>> [c.text for c in supported({"abstract": [ner, cue]})["abstract"]]
    ['FooSet']
    """
    places = {(field, c.start, c.end, name_key(c.text)) for field, cs in pools.items() for c in cs}
    seen = Counter(key for *_, key in places)
    in_title = {key for field, *_, key in places if field == "title"}
    return {
        field: [c for c in cs if c.source not in _NEEDS_SUPPORT or c.proposed
                or seen[name_key(c.text)] > 1 or (c.source != "ner" and name_key(c.text) in in_title)]
        for field, cs in pools.items()
    }


_PROPOSED_TYPE_ORDER = ("Dataset", "Model", "Task", "Method")
"""Ties between types a name is proposed as go to the first: a dataset in one sentence and a method in another
is a dataset."""

_DESCRIBED = 3
"""The weight of a type given by a description in apposition ("X, a benchmark of …") against one sentence's."""


def proposed_types(cands: Iterable[Candidate]) -> dict[str, str]:
    """Map the names (and long forms) of the paper's proposals to the type most of their proposals give them.

    A name described in apposition ("we introduce X, a benchmark …") weighs
    :data:`_DESCRIBED` mentions; ties go by :data:`_PROPOSED_TYPE_ORDER`.

    >>> title = Candidate(0, 6, "SNIPER", "Dataset", "title", 0.8, proposed=True)
    >>> body = [Candidate(11, 17, "SNIPER", "Method", "name-shape", 0.5, proposed=True) for _ in range(2)]
    >>> proposed_types([title, *body]), proposed_types([title, body[0]])
    ({'sniper': 'Method'}, {'sniper': 'Dataset'})
    """
    votes: dict[str, dict[str, int]] = {}
    for c in cands:
        if c.proposed:
            for key in c.name_keys():
                tally = votes.setdefault(key, {})
                tally[c.type] = tally.get(c.type, 0) + (_DESCRIBED if c.source == "proposal-name" else 1)
    return {key: min(tally, key=lambda t: (-tally[t], _PROPOSED_TYPE_ORDER.index(t))) for key, tally in votes.items()}
