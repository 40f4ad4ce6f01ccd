"""One sentence as the result and relation readers see it: its names, metrics and values, and whose clause it is.

The subject of a verb is the method or model named last before it in its
clause (the text since the last ``;`` or ``:``), passing over the ones that
modify another ("a network with dropout achieves"); a clause whose subject is
the paper itself ("we reach", "our model achieves", "it outperforms") has
the paper's own proposal as its subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.metrics import MetricSpan
from kg.extract.values import Value
from kg.records import Span

__all__ = ["EVALUATED", "Name", "Sentence"]

EVALUATED = ("Method", "Model")
"""The entity types results are of and relations start from."""

_OWN = re.compile(r"\b(?:we|our|ours|it|its|this|the proposed)\b", re.IGNORECASE)
"""Words that make the paper's own method the subject of a clause."""
_MODIFIER = re.compile(r"\b(?:with|without|using|via|from|of|than|over)\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)
"""Words before a name that make it a modifier of the subject ("a network with dropout achieves"), not the subject."""
_PARTICIPLE = re.compile(r"\w+ing\b")
_AFTER_COMMA = re.compile(r",\s*(?:and\s+|while\s+|thereby\s+|thus\s+)?$")
"""A participle after a comma ("…, reaching 70.6%") has the subject of the clause it follows."""


@dataclass(frozen=True)
class Name:
    """A chosen mention of the field being read: its offsets and entity type."""

    start: int
    end: int
    type: str


@dataclass
class Sentence:
    """A sentence of ``text`` (``start``–``end``) with the names, metrics and values in it."""

    text: str
    start: int
    end: int
    names: list[Name]
    metrics: list[MetricSpan] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)

    def of_type(self, *types: str) -> list[Name]:
        """The names of these entity types, in text order."""
        return [n for n in self.names if n.type in types]

    def clause_start(self, position: int) -> int:
        """Where the clause holding ``position`` starts: after the last ``;`` or ``:`` before it."""
        head = self.text[self.start:position]
        return self.start + max(head.rfind(";"), head.rfind(":"), -1) + 1

    def subject(self, position: int, proposal: Span | None, field_name: str) -> Span | None:
        """The method or model that is the subject of the verb at ``position``, or None.

        >>> s = Sentence("On ImageNet, we beat ViT; DeiT wins.", 0, 36, [Name(21, 24, "Model"), Name(26, 30, "Model")])
        >>> s.subject(16, ("title", 0, 4), "abstract"), s.subject(31, None, "abstract")
        (('title', 0, 4), ('abstract', 26, 30))
        >>> s = Sentence("X outperforms Y, reaching 70.6%.", 0, 32, [Name(0, 1, "Model"), Name(14, 15, "Model")])
        >>> s.subject(17, None, "abstract")
        ('abstract', 0, 1)
        """
        clause = self.clause_start(position)
        subjects = [n for n in self.of_type(*EVALUATED) if clause <= n.start and n.end <= position]
        heads = [n for n in subjects if not _MODIFIER.search(self.text, max(clause, n.start - 12), n.start)]
        subjects = heads or subjects
        if subjects and _PARTICIPLE.match(self.text, position) and _AFTER_COMMA.search(self.text, clause, position):
            subjects = subjects[:1]  # "X outperforms Y, reaching 70.6%": X reaches it
            own = _OWN.search(self.text, clause, subjects[0].start)
        else:
            own = _OWN.search(self.text, subjects[-1].end if subjects else clause, position)
        if own is not None and proposal is not None:
            return proposal
        if subjects:
            return (field_name, subjects[-1].start, subjects[-1].end)
        return None
