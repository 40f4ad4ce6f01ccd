"""The numbers of a sentence that can be result values, and the ones that cannot.

A result value is a number as a paper reports a score: "76.2%", "45.1",
"0.93", each decimal of a slash list ("44.8/21.9/41.6", one per metric of
"ROUGE-1/ROUGE-2/ROUGE-L"). Numbers that are something else are left out, each by its form or
its neighbours:

- part of a name or a metric ("GPT-4", "Qwen2.5", "pass@1", "top-5");
- a size, count or factor ("7B", "2.5-bit", "5x", "12 layers", "3 tasks");
- a change rather than a level ("+2.1", "by 3.4", "2.1 points", "a gain of 5%",
  the first number of "from 32.0 to 45.1"), and the numbers listed right after
  one ("by 1.5% and 1.6% on A and B");
- a setting ("a learning rate of 0.01", "dropout probability 0.3");
- a range or ratio ("between 55% and 57%", "8/644"), a year ("2024"),
  asymptotic notation ("O(n^2)");
- a bare integer with no metric next to it, or numbered by the capitalised word
  before it ("S3DIS Area 5").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Value", "find_values"]

_NUMBER = re.compile(r"(?<![\w.@/^_$])[-−+]?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s?(\\?%))?(?![\w/@]|\.\d|-\w|\s?(?:×|x\b))")
_SIZE_WORDS = re.compile(
    r"\s*(?:[-–]\s*)?(?:billion|million|thousand|trillion|[BMKT]\b|k\b|times|fold|bits?\b(?!\s*(?:per|/)\s*(?:char|dim|byte|pixel|sub))|bytes?|GB|MB|TB|GiB|"
    r"hours?|days?|minutes?|seconds?|ms\b|s\b|epochs?|steps?|iterations?|layers?|heads?|tokens?|words?|"
    r"parameters?|params|samples?|examples?|images?|videos?|frames?|pairs?|instances?|problems?|questions?|"
    r"tasks?|languages?|datasets?|benchmarks?|models?|GPUs?|TPUs?|nodes?|classes|categories|points?|pp\b|"
    r"percentage points?|%p|absolute|relative|improvements?|gains?|increases?|higher|lower|better|worse|fewer|"
    r"more|less|faster|slower|speed-?ups?|reductions?|smaller|larger|of the\b|out of|of\s+\d|compression|"
    r"FLOPs|GFLOPs|TFLOPs|MACs|FPS|fps|Hz|kHz|cm|mm|km|m\b|K\b|°|px|pixels|resolution|"
    r"shots?|-shot|rounds?|turns?|agents?|users?|papers?|hyperparameters?|runs?|seeds?|trials?)",
    re.IGNORECASE)
_CHANGE_BEFORE = re.compile(
    r"(?:\bby(?:\s+[a-z]+){0,3}|\bup to|\bimprovements? of|\bgains? of|\bincreases? of|\bboosts? of|\breductions? of|"
    r"\bdecreases? of|\bmargins? of|\bdrops? of|\bspeed-?ups? of|\bfactor of|\bgain(?:s|ed|ing)?|"
    r"\blos(?:es|t|ing)|\bdrop(?:s|ped|ping)?|"
    r"\b(?:improv|boost|increas|rais|lift)\w*(?:\s+(?:roughly|about|approximately|around|nearly))?|\b(?:up|down) from)\s*$",
    re.IGNORECASE)
"""Words before a number that make it a change ("by 2.1"); the numbers listed after it are changes too."""
_NOT_A_LEVEL_BEFORE = re.compile(
    r"(?:\bonly|\bat least|\bat most|\bover|\bmore than|\bless than|\bnearly|\babout|\baround|\broughly|"
    r"\bapproximately|\bwithin|[<>≤≥~≈]|\btop|\bthe first|\bfirst|\blast|\bversion|\bv|\bFigure|\bTable|"
    r"\bSection|\bEq\.|\bEquation|\bk\s*=|\bN\s*=|\bn\s*=|\bsize|\bof size|\bfrom|"
    r"\bbetween\s+[\d.,]+\s*\\?%?\s*(?:and|to))\s*$", re.IGNORECASE)
"""Words before a number that make it a bound, a previous value, a reference or a range, not a reported level."""
_SETTING_BEFORE = re.compile(
    r"\b(?:learning rates?|dropout(?: probabilit(?:y|ies)| rates?)?|weight decay|momentum|temperature|threshold|"
    r"alpha|beta|lambda|gamma|epsilon|coefficients?|probabilit(?:y|ies)|values?|set to|fixed to|equal to|"
    r"initiali[sz]ed (?:to|with)|batch size|seeds?)(?:\s+(?:of|is|was|were|=|to|as))?\s*[:=]?\s*$", re.IGNORECASE)
"""Words before a number that make it a setting (a hyperparameter), not a result."""
_CHAINED = re.compile(r"[^;:]{0,90}", re.DOTALL)
_REPORTED = re.compile(r"\b(?:achiev|reach|obtain|attain|scor|get|gets|got|yield|report)", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"\bbetween\s*$|[–-]\s*$", re.IGNORECASE)
_O_NOTATION = re.compile(r"\b[OΘΩo]\s*\([^()]*$")
_SLASH_LIST = re.compile(r"(?<![\w.@/^_$])\d+\.\d+(?:\s?\\?%)?(?:/\d+\.\d+(?:\s?\\?%)?){1,5}(?![\w/@]|\.\d)")
"""Decimals written with slashes, one per metric of a slash list: "44.8/21.9/41.6" (ratios, "8/644", are integers)."""
_QUANTITY_AFTER = re.compile(
    r"\s+(?!(?:on|in|with|for|at|when|while|whereas|compared|and|or|respectively|over|across|under|using|by|than|vs|"
    r"versus|to|from|which|that|as|after|before|without|relative|averaged|overall|among|against|is|are|was|were)\b)"
    r"(?![a-z][\w-]*(?:\s*,\s*|\s+(?:and|or)\s+)\d)[a-z][\w-]*(?:\s+[\w-]+){0,2}")
"""Words after a percentage that make it a quantity's size ("40% symmetric noise"), unless they name its metric
or qualify one of a list of values ("88.3% zero-shot and 91.1% fine-tuning accuracy")."""
_NUMBERED = re.compile(r"(?<![\w-])[A-Z][a-z]+ $")
"""A capitalised word right before a bare integer, which it numbers: "Area 5", "Task 2", "Track 1"."""


@dataclass(frozen=True)
class Value:
    """A number that can be a result value: offsets, the number as written without separators, and its unit."""

    start: int
    end: int
    value: str
    unit: str


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def find_values(text: str, start: int, end: int, taken: Sequence[tuple[int, int]],
                metrics: Sequence[tuple[int, int]]) -> list[Value]:
    """Return the numbers of ``text[start:end]`` (one sentence) that can be result values.

    ``taken`` are the spans of names and metrics, whose numbers are part of
    them; ``metrics`` the spans of the metrics alone, next to which a bare
    integer counts ("BLEU of 28").

    >>> t = "X-7B reaches 76.2% top-1 accuracy, up from 70.1%, with 12 layers in 2024; +2.1 points."
    >>> [(v.value, v.unit) for v in find_values(t, 0, len(t), [(0, 4)], [(19, 33)])]
    [('76.2', '%')]
    """
    slashed = _slash_values(text, start, end)
    slashed_spans = [(v.start, v.end) for v in slashed]
    found = []
    sentence = text[start:end]
    change_end = None  # where the last number that is a change ended: a list after it changes too
    for match in _NUMBER.finditer(sentence):
        a, b = start + match.start(), start + match.end()
        written = match.group(0)
        if (written[0] in "+-−" or _inside(a, b, taken) or _inside(a, b, slashed_spans)
                or re.search(r"[+±]\s*$", text[max(start, a - 2):a])):
            continue
        if not match.group(3) and any(0 <= a - e <= 1 and text[e:a].isspace() for s, e in taken if s < a):
            continue  # a version right after a name: "MS MARCO 2.1"
        before, after = text[max(start, a - 40):a], text[b:min(end, b + 40)]
        whole, fraction, unit = match.group(1), match.group(2) or "", match.group(3) or ""
        between = text[change_end:a] if change_end is not None else None
        named = any(0 <= s - b <= 3 for s, _ in metrics)  # "… by 1.1 points and 24.54 BLEU on B" states a level
        if _CHANGE_BEFORE.search(before) or (between is not None and _CHAINED.fullmatch(between)
                                              and not _REPORTED.search(between) and not named):
            change_end = b
            continue
        if (_size_bound_or_setting(before, after) or _RANGE_BEFORE.search(before)
                or _O_NOTATION.search(text[start:a]) or after.startswith(("-", "–", "/", "^"))
                or (after.startswith(")") and "(" not in text[max(start, a - 30):a])):
            continue
        quantity = _QUANTITY_AFTER.match(after) if unit else None
        if quantity is not None and not any(b < s <= b + quantity.end() for s, _ in metrics):
            continue  # "40% symmetric noise", "3% of the parameters"; not "93.4% test accuracy"
        number = whole.replace(",", "") + fraction
        if not fraction and not unit:
            year = len(number) == 4 and 1900 <= int(number) <= 2100
            near_metric = any(abs(a - e) <= 12 or abs(s - b) <= 12 for s, e in metrics)
            numbered = _NUMBERED.search(before) and not any(e == a - 1 for _, e in metrics)
            if year or not near_metric or numbered:
                continue
        found.append(Value(a, b, number, "%" if unit else ""))
    return sorted(found + slashed, key=lambda v: v.start)


def _size_bound_or_setting(before: str, after: str) -> bool:
    """Whether the words around a number make it a size, a bound or a previous value, or a setting."""
    return bool(_SIZE_WORDS.match(after) or _NOT_A_LEVEL_BEFORE.search(before) or _SETTING_BEFORE.search(before))


def _slash_values(text: str, start: int, end: int) -> list[Value]:
    """The values of the slash lists of ``text[start:end]``, unless the list is a change, a bound or a setting."""
    found = []
    for match in _SLASH_LIST.finditer(text, start, end):
        before, after = text[max(start, match.start() - 40):match.start()], text[match.end():min(end, match.end() + 40)]
        if _CHANGE_BEFORE.search(before) or _size_bound_or_setting(before, after):
            continue
        offset = match.start()
        for part in match.group(0).split("/"):
            number = part.rstrip("%\\ ")
            found.append(Value(offset, offset + len(part), number, "%" if part.endswith("%") else ""))
            offset += len(part) + 1
    return found
