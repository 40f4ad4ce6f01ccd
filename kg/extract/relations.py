"""Entity → entity relations a sentence states, by the words that state them.

- ``comparedWith``: "X outperforms Y", "compared with Y", "X vs. Y", "better than Y";
- ``basedOn``: "built on Y", "based on Y", "extends Y", "fine-tuned from Y";
- ``appliedTo``: "X for T", "apply X to T" (a method or model, then a task);
- ``benchmarkedOn``: a sentence that evaluates ("we evaluate", "experiments on",
  "outperforms … on", "achieves … on") relates its subject to its datasets.

The subject of a cue is the method or model of its clause before it, or the
paper's own proposal when the clause is the paper's ("we", "our model") or
names none (:meth:`kg.extract.clauses.Sentence.subject`). The objects are the
names after the cue in the same clause. Every result is a ``benchmarkedOn``
claim too; resolution adds those (:mod:`kg.resolve.results`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from kg.extract.clauses import EVALUATED, Name, Sentence
from kg.records import RelationMention, Span

__all__ = ["find_relations"]

_COMPARED = re.compile(r"\b(?:outperform\w*|surpass\w*|beat(?:s|ing)?|exceed\w*|compared (?:with|to)|"
                       r"comparisons? (?:with|to|against)|versus|vs\.?|better than|worse than|on par with|"
                       r"competitive with|comparable to|rivals?|rivaling|matches|matching|improv\w* (?:up)?on|"
                       r"improv\w* over|gains? over|higher than|lower than|faster than|ahead of)(?!\w)", re.IGNORECASE)
_BASED = re.compile(r"\b(?:built (?:up)?on|builds? (?:up)?on|building (?:up)?on|based on|extends?|extending|"
                    r"on top of|initiali[sz]ed (?:from|with)|fine-?tuned from|a variant of|derived from|"
                    r"adapt(?:s|ed|ing)? from|generali[sz]es|generali[sz]ing)(?!\w)", re.IGNORECASE)
_APPLIED = re.compile(r"\s+(?:\([^()]{1,20}\)\s+)?(?:for|to)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?")
_APPLY = re.compile(r"\b(?:apply|applies|applying|applied|use|uses|using|employ\w*|leverag\w*)\b", re.IGNORECASE)
_EVALUATES = re.compile(r"\b(?:evaluat\w*|experiments?|benchmark\w*|tested|tests? on|results? on|performance on|"
                        r"outperform\w*|surpass\w*|achiev\w*|obtain\w*|reach\w*|state[- ]of[- ]the[- ]art|SOTA)\b",
                        re.IGNORECASE)
_CONFIDENCE = {"comparedWith": 0.8, "basedOn": 0.75, "appliedTo": 0.6, "benchmarkedOn": 0.7}
"""How often each kind of cue states the relation it stands for, roughly: a comparison cue almost always does."""
_NEAR = 40
_LIST = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?(?:,\s*and|,\s*or|,|and|or|&|/)\s*(?:the\s+|a\s+)?", re.IGNORECASE)
"""How far after a cue (characters, within the clause) its object may start."""


def _clause_end(s: Sentence, position: int) -> int:
    found = [i for i in (s.text.find(";", position, s.end), s.text.find(":", position, s.end)) if i >= 0]
    return min(found, default=s.end)


def _after(s: Sentence, position: int, types: tuple[str, ...]) -> list[Name]:
    """The names of ``types`` right after ``position``: the first within reach, then the ones listed with it."""
    end = _clause_end(s, position)
    names = [n for n in s.of_type(*types) if position <= n.start < end]
    if not names or names[0].start - position > _NEAR:
        return []
    chain = [names[0]]
    for n in names[1:]:
        if not _LIST.fullmatch(s.text[chain[-1].end:n.start]):
            break
        chain.append(n)
    return chain


def _cued(s: Sentence, cue: re.Pattern[str], prop: str, proposal: Span | None, field: str,
          first_only: bool) -> Iterator[tuple[Span, str, Span]]:
    for match in cue.finditer(s.text, s.start, s.end):
        subject = s.subject(match.start(), proposal, field) or proposal
        objects = _after(s, match.end(), EVALUATED)
        for obj in objects[:1] if first_only else objects:
            yield subject, prop, (field, obj.start, obj.end)


def _applied(s: Sentence, proposal: Span | None, field: str) -> Iterator[tuple[Span, str, Span]]:
    tasks = s.of_type("Task")
    for name in s.of_type(*EVALUATED):
        task = next((t for t in tasks if t.start >= name.end), None)
        if task is not None and _APPLIED.fullmatch(s.text[name.end:task.start]):
            yield (field, name.start, name.end), "appliedTo", (field, task.start, task.end)
    for match in _APPLY.finditer(s.text, s.start, s.end):
        subject = s.subject(match.start(), proposal, field) or proposal
        task = next((t for t in tasks if t.start >= match.end()), None)
        between = task is not None and any(match.end() <= n.start < task.start for n in s.of_type(*EVALUATED))
        if subject is not None and task is not None and not between and re.search(r"\bto\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
                                                                   s.text[match.end():task.start]):
            yield subject, "appliedTo", (field, task.start, task.end)


def _benchmarked(s: Sentence, proposal: Span | None, field: str) -> Iterator[tuple[Span, str, Span]]:
    cue = _EVALUATES.search(s.text, s.start, s.end)
    datasets = s.of_type("Dataset")
    if cue is None or not datasets:
        return
    subject = s.subject(cue.start(), proposal, field) or proposal
    for d in datasets:
        yield subject, "benchmarkedOn", (field, d.start, d.end)


def find_relations(text: str, field: str, sentences: Sequence[tuple[int, int]], names: Sequence[Name],
                   proposal: Span | None, extractor: str = "relation-cue") -> list[RelationMention]:
    """Return the relations stated in ``text`` (one field of a paper), each with its sentence.

    >>> text = "FooNet outperforms BarNet on WMT14."
    >>> names = [Name(0, 6, "Method"), Name(19, 25, "Method"), Name(29, 34, "Dataset")]
    >>> [(r.subject, r.property, r.object) for r in find_relations(text, "abstract", [(0, 35)], names, None)]
    [(('abstract', 0, 6), 'comparedWith', ('abstract', 19, 25)), (('abstract', 0, 6), 'benchmarkedOn', ('abstract', 29, 34))]
    """
    found: dict[tuple[Span, str, Span], RelationMention] = {}
    for start, end in sentences:
        s = Sentence(text, start, end, [n for n in names if start <= n.start and n.end <= end])
        if len(s.names) < 2 and proposal is None:
            continue
        stated = [*_cued(s, _COMPARED, "comparedWith", proposal, field, False),
                  *_cued(s, _BASED, "basedOn", proposal, field, True),
                  *_applied(s, proposal, field), *_benchmarked(s, proposal, field)]
        for subject, prop, obj in stated:
            if subject is not None and subject != obj and (subject, prop, obj) not in found:
                found[subject, prop, obj] = RelationMention(subject, prop, obj, text[start:end], extractor,
                                                             _CONFIDENCE[prop])
    return list(found.values())
