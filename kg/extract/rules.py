"""Pipeline component ``kg_rules``: pattern rules for entities no lexicon knows.

Each rule is a pure function from a text (or doc) to ``(start, end, type,
confidence, …)`` tuples, named in :mod:`kg.extract.registry`; the component
runs every rule its ``disabled`` config does not name:

* abbreviations defined in the text (from scispaCy's ``AbbreviationDetector``,
  Schwartz & Hearst, PSB 2003) whose long form reads as a method, task or
  dataset;
* model names with a size or version ("LLaMA-2-70B", "Mistral-7B-Instruct");
* name-shaped words ("AlgoFormer", "GSM8K", "DIMAT"), typed by their context;
* task heads ("hallucination detection", "code generation");
* dataset cues: names listed before "datasets", or after "evaluated on";
* names given in apposition to a proposal ("a framework, Trace, …"), and
  descriptive names right after a proposal cue ("we propose a greedy block
  selection rule"), with the name they get in parentheses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.appositives import appositive_names
from kg.extract.candidates import add_candidate, candidates, doc_text
from kg.extract.cues import named_phrase, proposal_phrases
from kg.extract.heads import DATASET_HEADS, TASK_HEADS, head_type, is_generic, is_metric
from kg.extract.names import MODEL_NAME, NAME_TOKEN, is_name_like
from kg.extract.words import MODIFIER_STOP, NOT_DATASET_NAMES

__all__ = ["TEXT_RULES", "PatternRules", "abbreviation_hits", "dataset_lists", "evaluated_on_lists", "long_form",
           "model_names", "name_words", "task_phrases"]

Hit = tuple[int, int, str, float]

_DATASET_SUFFIX = re.compile(r"(?:Bench|Eval|QA|Arena|Set|Data|Hub|Gym)(?:[-\d.]*)$")


def model_names(text: str) -> Iterator[Hit]:
    """Yield the spans of sized or versioned model names."""
    for m in MODEL_NAME.finditer(text):
        yield m.start(), m.end(), "Model", 0.8


def name_words(text: str) -> Iterator[Hit]:
    """Yield name-shaped words, typed by their shape and the word after them.

    >>> [(t[2]) for t in name_words("We test on GPQA and OlympiadBench with DIMAT.")]
    ['Dataset', 'Dataset', 'Method']
    >>> [text[s:e] for text in ["SAMI-trained models"] for s, e, *_ in name_words(text)]
    ['SAMI']
    >>> list(name_words("Code: https://github.com/AlanTuring/DeepNet and at ICML, for $O(NK)$; mIoU and PSNR gains."))
    []
    """
    links = [u.span() for pattern in (_URL, _MATH) for u in pattern.finditer(text)]
    for m in NAME_TOKEN.finditer(text):
        if m.group().islower():  # names carry a capital or a digit
            continue
        if any(a <= m.start() < b for a, b in links) or _in_formula(text, m.start(), m.end()):
            continue
        word = re.sub(r"(?:-[a-z]+)+$", "", m.group().rstrip("."))
        if not is_name_like(word) or is_metric(word):
            continue
        end = m.start() + len(word)
        after = text[end : end + 40].lower().split()
        nxt = after[0].strip(",.;:()") if after else ""
        if nxt in DATASET_HEADS or _DATASET_SUFFIX.search(word) or re.fullmatch(r"[A-Z]+QA|[A-Z]+\d*K", word):
            yield m.start(), end, "Dataset", 0.6
        elif MODEL_NAME.fullmatch(word):
            continue
        else:
            yield m.start(), end, "Method", 0.5


_WORD = re.compile(r"(?<![\w'-])[A-Za-z0-9][A-Za-z0-9'-]*")
"""A word, whole: "3D" in "3D Shape Segmentation" is one word, never a "D" cut from it."""
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|io|net|ai)/\S*")
def _in_formula(text: str, start: int, end: int) -> bool:
    """Whether a word touches formula syntax, as in scraped TeX: "O(nLvarepsilon^{-1})"."""
    return text[end : end + 1] in ("^", "_", "{", "}") or text[start - 1 : start] in ("^", "_", "{", "\\")


_MATH = re.compile(r"\$[^$]*\$|\\[A-Za-z]+(?:\{[^}]*\})?")
"""TeX: inline maths and commands, whose letters are no names."""


def task_phrases(text: str) -> Iterator[Hit]:
    """Yield "modifier(s) + task head" phrases such as "molecular docking".

    >>> [text[s:e] for text in ["we study plant disease detection.", "Plant Disease Detection", "for 3D Shape Segmentation"]
    ...  for s, e, *_ in task_phrases(text)]
    ['plant disease detection', 'Plant Disease Detection', '3D Shape Segmentation']
    """
    words = list(_WORD.finditer(text))
    for i, w in enumerate(words):
        if w.group().lower() not in TASK_HEADS:
            continue
        start = i
        while start > 0 and i - start < 2:
            prev = words[start - 1]
            gap = text[prev.end() : words[start].start()]
            word = prev.group()
            verbal = word.endswith(("ing", "ed")) and "-" not in word
            cased = word.islower() or word.istitle()
            if gap not in (" ", "-") or word.lower() in MODIFIER_STOP or not cased or verbal:
                break
            start -= 1
        if start < i:
            yield words[start].start(), w.end(), "Task", 0.5




_NAME_REST = r"(?:[A-Za-z0-9+-]|\.(?=[A-Za-z0-9]))*"
"""The rest of a name's word: a full stop only inside it ("v1.5", not the one ending a sentence)."""

_MODIFIED = re.compile(r"(?<![\w-])(?!(?:the|a|an|and|or|of|on|from|in|two|three|both|our|their|its)\b)[a-z][\w-]* $")
"""A lower-case word right before a list: the capitalised word is a modifier ("the cardiac MRI dataset")."""


def dataset_lists(text: str) -> Iterator[Hit]:
    """Yield the capitalised names listed before "dataset(s)" or "benchmark(s)".

    >>> texts = ["from the GSM8K and MATH datasets", "Existing benchmarks are small.", "a cardiac MRI dataset"]
    >>> [text[s:e] for text in texts for s, e, *_ in dataset_lists(text)]
    ['GSM8K', 'MATH']
    """
    item = rf"[A-Z]{_NAME_REST}(?: [A-Z0-9]{_NAME_REST})?"
    pattern = rf"((?:{item}, )*{item}(?:,? and {item})?) (?:data ?sets?|benchmarks?|corpus|corpora)\b"
    for m in re.finditer(pattern, text):
        offset = m.start(1)
        if _MODIFIED.search(text, 0, offset):
            continue
        for part in re.finditer(item, m.group(1)):
            if part.group().split()[0].lower() not in NOT_DATASET_NAMES:
                yield offset + part.start(), offset + part.end(), "Dataset", 0.7


_EVALUATED_ON = re.compile(
    r"\b(?:evaluat\w*|experiments?|results?|tested|tests?|benchmark\w*|performance|accuracy|show(?:s|n)?|"
    r"outperform\w*|achiev\w*|improv\w*|state-of-the-art)\b[^.;]{0,60}?\b(?:on|across)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_VALUE_ON = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?%?\s+(?:on|across)\s+(?:the\s+)?")
"""A number right before "on": what follows is where it was measured ("49.8% on STAR")."""
_LIST_ITEM = re.compile(rf"[A-Za-z]{_NAME_REST}(?: [0-9](?:[0-9]|\.(?=[0-9]))*)?")
_LIST_SEPARATOR = re.compile(r",? and |, | & |,? or ")


def evaluated_on_lists(text: str) -> Iterator[Hit]:
    """Yield the name-shaped items of a list after "evaluated on", "results on", "outperforms … on", "41.2% on".

    >>> t = "Experiments on FooQA, BarSet-2 and ZEBRA show gains; we use it on many tasks."
    >>> [t[s:e] for s, e, *_ in evaluated_on_lists(t)]
    ['FooQA', 'BarSet-2', 'ZEBRA']
    >>> t = "It gets 63.2% on the QuuxQA test set and 49.8 on STAR, in 3 on average."
    >>> [t[s:e] for s, e, *_ in evaluated_on_lists(t)]
    ['QuuxQA', 'STAR']
    """
    for position in sorted({cue.end() for pattern in (_EVALUATED_ON, _VALUE_ON) for cue in pattern.finditer(text)}):
        while (item := _LIST_ITEM.match(text, position)) and is_name_like(item.group().split()[0]):
            yield item.start(), item.end(), "Dataset", 0.65
            separator = _LIST_SEPARATOR.match(text, item.end())
            if separator is None:
                break
            position = separator.end()


def long_form(short: Span) -> Span:
    """The long form scispaCy found for ``short``, widened to whole hyphenated words.

    The detector may start a long form inside a hyphenated word ("multi-modal
    large language models (MLLMs)" gives "modal large language models").
    """
    long = short._.long_form
    start = long.start
    while start >= 2 and long.doc[start - 1].text == "-" and not long.doc[start - 1].whitespace_ \
            and not long.doc[start - 2].whitespace_:
        start -= 2
    return long.doc[start : long.end]


def abbreviation_hits(doc: Doc) -> Iterator[tuple[int, int, str, float, str]]:
    """Yield abbreviations defined in ``doc`` and their long forms, as method/task/dataset names.

    A long form counts when its head word or a known method name that ends
    it says what it is ("temporal token merging (TTM)"), or when it is
    capitalised.
    """
    if not Doc.has_extension("abbreviations"):
        return
    method_ends = {c.end for c in candidates(doc) if c.concept is not None and c.type == "Method"}
    for short in doc._.abbreviations:
        long = long_form(short)
        kind = head_type(long.text) or ("Method" if long.end_char in method_ends else None)
        titled = sum(w[:1].isupper() for w in re.split(r"[\s-]+", long.text)) >= 2
        if kind is None and not titled:
            continue
        if is_generic(long.text) or is_metric(long.text) or len(long) > 8:
            continue
        kind = kind or "Method"
        yield long.start_char, long.end_char, kind, 0.75, long.text
        yield short.start_char, short.end_char, kind, 0.75, long.text


TEXT_RULES = {
    "model-names": (model_names, "model-name"),
    "dataset-lists": (dataset_lists, "dataset-cue"),
    "evaluated-on": (evaluated_on_lists, "dataset-cue"),
    "name-shapes": (name_words, "name-shape"),
    "task-heads": (task_phrases, "task-head"),
}
"""The rules that read a whole text, by name, with the extractor name their candidates carry, in the order they run."""


@Language.factory("kg_rules", default_config={"disabled": []})
class PatternRules:
    """Add candidates from the pattern rules of this module, except those named in ``disabled``."""

    def __init__(self, nlp: Language, name: str, *, disabled: Sequence[str] = ()) -> None:
        self.name = name
        self.disabled = frozenset(disabled)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for start, end, kind, conf, long_form in [] if "abbreviations" in self.disabled else abbreviation_hits(doc):
            add_candidate(doc, start, end, kind, "abbreviation", conf, long_form=long_form)
        for sent in doc.sents if doc.has_annotation("SENT_START") else [doc[:]]:
            self._proposals(doc, sent)
        for rule_name, (rule, extractor) in TEXT_RULES.items():
            for start, end, kind, conf in [] if rule_name in self.disabled else rule(text):
                add_candidate(doc, start, end, kind, extractor, conf)
        return doc

    def _proposals(self, doc: Doc, sent: Span) -> None:
        """Add the names a sentence gives its proposals, else the descriptive phrases after its proposal cues."""
        named = [] if "appositive-names" in self.disabled else list(appositive_names(sent.text))
        for start, end, kind in named:
            add_candidate(doc, sent.start_char + start, sent.start_char + end, kind, "proposal-name", 0.7,
                          proposed=True, role="proposes")
        for start, end in [] if named or "proposal-phrases" in self.disabled else proposal_phrases(sent.text):
            kind = head_type(sent.text[start:end]) or "Method"
            spans = None if "named-phrases" in self.disabled else named_phrase(sent.text, start, end)
            if spans is None:
                add_candidate(doc, sent.start_char + start, sent.start_char + end, kind, "proposal-phrase", 0.6)
                continue
            long_form = sent.text[spans[0] : spans[1]]
            for a, b in (spans[:2], spans[2:]):
                add_candidate(doc, sent.start_char + a, sent.start_char + b, kind, "abbreviation", 0.75,
                              long_form=long_form)
