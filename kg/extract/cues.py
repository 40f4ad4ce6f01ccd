"""Proposal cues: where a sentence says the authors introduce something.

"In this work, we propose PQ Index (PQI) to measure …": what follows the cue
names the paper's contribution, up to the first word that turns to other
work ("than", "outperforms", "such as") or evaluation ("on").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.heads import METHOD_HEADS, TASK_HEADS, is_generic
from kg.extract.words import GENERIC_HEADS, METHOD_PHRASE_EXTRA_HEADS, PHRASE_STOP, PROPOSAL_VERBS

__all__ = ["METHOD_PHRASE_HEADS", "PROPOSAL_LEAD", "named_phrase", "proposal_phrases", "proposal_regions"]

_VERBS = rf"(?:{'|'.join(PROPOSAL_VERBS)})s?\b"
_NOT_OURS = (r"results?|experiments?|experimental|empirical|numerical|theoretical|theory|findings|analys[ie]s|"
             r"code|work|paper|study|studies|evaluations?|observations?|insights?|bounds?|guarantees?|proofs?|"
             r"setting|knowledge|understanding|goal|aim|experience")
"""What follows "our" when it names the authors' findings or setting, not a contribution: "our results show …"."""
_PROPOSAL = re.compile(
    rf"\b(?:we|this (?:paper|work|study)|our (?:paper|work|approach|method|framework|system))\b[^.;]{{0,60}}?\b{_VERBS}"
    rf"|\b(?P<joined>and|then|also|to)\s+{_VERBS}"
    r"|\b(?:the|our)\s+(?:resulting|proposed)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:method|algorithm|framework|approach|model|system|architecture|technique|benchmark|dataset)s?\b"
    r"|(?<!also )(?<!so-)(?<!commonly )(?<!often )\b(?:dubbed|called|named|termed|coined|denoted)\b"
    rf"|\bour\b(?!\s+(?:own\s+)?(?:{_NOT_OURS})\b)",
    re.IGNORECASE,
)
_REGION_END = re.compile(
    r"\b(?:than|outperforms?|outperforming|compared|comparing|over|against|such as|like|including|e\.g\.|i\.e\.|"
    r"which|into|for|from|by|on|across|versus|vs\.?|baselines?|existing|previous|prior|state-of-the-art|using|via|through|based|to)\b",
    re.IGNORECASE,
)
_MAX_REGION = 160
_AFTERWORD = re.compile(
    r",\s*which\s+we\s+(?:also\s+|here\s+|now\s+|then\s+)?(?:propose|present|introduce|develop|design|call|term|dub)\b",
    re.IGNORECASE,
)
"""A cue that follows its object: "… through the functional equivalence caching technique, which we also present"."""
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z0-9'+-]*)\s*$")

PROPOSAL_LEAD = re.compile(
    r"\s*(?:(?:a|an|the|two|three|several)\s+)?"
    r"(?:(?:new|novel|simple|general|principled|unified|first|best|yet|effective|efficient|powerful|and|[a-z]+ly)\s*,?\s+)*"
)
"""Articles and praise before the name of a proposal: "a new, efficient"."""
METHOD_PHRASE_HEADS = METHOD_HEADS | METHOD_PHRASE_EXTRA_HEADS
"""Head words of descriptive method names ("robust alternating minimization", "topological swaps")."""
_HEADS = (METHOD_PHRASE_HEADS | TASK_HEADS) - GENERIC_HEADS
_PHRASE_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'+-]*")


def proposal_regions(sentence: str) -> list[tuple[int, int]]:
    """Return the character ranges of ``sentence`` that follow its proposal cues.

    >>> s = "In this work, we propose PQ Index (PQI) to measure compressibility."
    >>> [s[a:b] for a, b in proposal_regions(s)]
    [' PQ Index (PQI) ']
    >>> s = "We propose PQ Index to measure it and to develop a Sparsity-informed Pruning rule."
    >>> [s[a:b] for a, b in proposal_regions(s)]
    [' PQ Index ', ' a Sparsity-informed Pruning rule.']
    >>> proposal_regions("It is hard to develop a Sparsity-informed Pruning rule.")
    []
    >>> s = "We propose Grokker, which outperforms BM25 on MS MARCO."
    >>> [s[a:b] for a, b in proposal_regions(s)]
    [' Grokker, ']
    >>> s = "It is fast through the equivalence caching technique, which we also present."
    >>> [s[a:b] for a, b in proposal_regions(s)]
    ['equivalence caching technique']
    """
    cues = list(_PROPOSAL.finditer(sentence))
    cues = [c for i, c in enumerate(cues) if not c.group("joined") or any(not o.group("joined") for o in cues[:i])]
    regions = []
    for cue, following in zip(cues, [*cues[1:], None][: len(cues)], strict=True):
        end = min(len(sentence), cue.end() + _MAX_REGION, following.start() if following else len(sentence))
        stop = _REGION_END.search(sentence, cue.end(), end)
        regions.append((cue.end(), stop.start() if stop else end))
    regions.extend((_phrase_start(sentence, cue.start()), cue.start()) for cue in _AFTERWORD.finditer(sentence))
    return [(a, b) for a, b in regions if any(ch.isalnum() for ch in sentence[a:b])]


def _phrase_start(sentence: str, end: int) -> int:
    """Where the noun phrase that ends at ``end`` starts: up to six words back, after any stop word."""
    start = end
    for _ in range(6):
        word = _WORD_BEFORE.search(sentence, 0, start)
        if word is None or word.group(1).lower() in PHRASE_STOP:
            break
        start = word.start(1)
    return start


def proposal_phrases(sentence: str) -> Iterator[tuple[int, int]]:
    """Yield the span of a descriptive name right after a proposal cue.

    The name runs from after the article and evaluative words ("a new") to
    the first method or task head word, within six words.

    >>> s = "We propose a new greedy block selection rule for BCD."
    >>> [s[a:b] for a, b in proposal_phrases(s)]
    ['greedy block selection rule']
    >>> list(proposal_phrases("We propose a new method."))
    []
    >>> [s[a:b] for s in ["We present an efficient randomized algorithm.", "We develop a hierarchical Bayesian model of tasks.",
    ...  "We propose a schedule refinement method.", "We present a modularized Dual Path Network."]
    ...  for a, b in proposal_phrases(s)]
    ['hierarchical Bayesian model', 'schedule refinement', 'Dual Path Network']
    """
    for start, end in proposal_regions(sentence):
        lead = PROPOSAL_LEAD.match(sentence, start)
        position = lead.end() if lead else start
        words: list[re.Match[str]] = []
        for m in _PHRASE_WORD.finditer(sentence, position, end):
            gap = sentence[words[-1].end() : m.start()] if words else sentence[position : m.start()]
            if gap.strip() or m.group().lower() in PHRASE_STOP or len(words) == 6:
                break
            words.append(m)
        span = _named_span(words)
        if span is not None:
            yield span


def _named_span(words: list[re.Match[str]]) -> tuple[int, int] | None:
    """The span of ``words`` that names something: up to the last specific head word.

    A trailing generic head ("method", "framework") is kept only when a
    capitalised word makes the phrase a name ("hierarchical Bayesian model").
    """
    lowered = [m.group().lower() for m in words]
    if not words or lowered[0] in GENERIC_HEADS or is_generic(" ".join(lowered)):
        return None
    named = any(m.group()[:1].isupper() for m in words)
    last = len(words) - 1
    while last > 0 and lowered[last] in GENERIC_HEADS and not named:
        last -= 1
    head_ok = lowered[last] in _HEADS or (named and lowered[last] in GENERIC_HEADS)
    if last == 0 or not head_ok:
        heads = [i for i in range(1, last) if lowered[i] in _HEADS]
        if not heads:
            return None
        last = heads[-1]
    first = next(i for i, m in enumerate(words) if m.group()[:1].isupper()) if named else 0
    if first and all(m.group()[:1].isupper() for m in words[first:last + 1]):
        return words[first].start(), words[last].end()  # "modularized Dual Path Network": the name alone
    return words[0].start(), words[last].end()


_TAIL_WORD = re.compile(r"\s+(?:[A-Z][\w'-]*|with|of|for|and|" + "|".join(sorted(GENERIC_HEADS)) + r")\b")
_PAREN_NAME = re.compile(r"\s*\((?P<name>[A-Za-z][\w.+/-]{1,19})\)")


def named_phrase(sentence: str, start: int, end: int) -> tuple[int, int, int, int] | None:
    """Find the name a descriptive phrase is given in parentheses: "our low-rank decomposition approach (LQ-LoRA)".

    ``start, end`` is the phrase (from :func:`proposal_phrases`); it may run on
    in capitalised or generic words before the parenthesis ("… method with
    Implicit Gradient Transport (N-PG-IGT)"). The name must begin with the
    phrase's first letter, as an abbreviation does. Returns the long form's
    span, trailing generic words left out, and the name's span.

    >>> s = "We propose a Policy Gradient method with Implicit Transport (PG-IT)."
    >>> a, b, c, d = named_phrase(s, 13, 35)
    >>> s[a:b], s[c:d]
    ('Policy Gradient method with Implicit Transport', 'PG-IT')
    >>> named_phrase("We propose a greedy selection rule (see below).", 13, 34) is None
    True
    """
    position, long_end = end, end
    while (word := _TAIL_WORD.match(sentence, position)) and position - end < 60:
        position = word.end()
        if word.group().strip()[0].isupper():
            long_end = position
    paren = _PAREN_NAME.match(sentence, position)
    if paren is None or paren.group("name")[0].lower() != sentence[start].lower():
        return None
    return start, long_end, paren.start("name"), paren.end("name")
