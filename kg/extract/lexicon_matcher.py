"""Pipeline component ``kg_lexicon``: find the lexicon's names in a text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.candidates import add_candidate, doc_text
from kg.extract.lexicon import Lexicon, load_lexicon

__all__ = ["LexiconMatcher", "accept_surface"]

CONFIDENCE = 0.9
BROAD_CONFIDENCE = 0.4


def accept_surface(surface: str, name: str) -> bool:
    """Whether ``surface`` (as written in the text) may stand for lexicon name ``name``.

    Names written in capitals ("MATH", "ARC") match only in capitals; names
    with inner capitals ("LLaMA", "GPT-4") do not match an all lower-case
    surface; names in lower case match any case.

    Examples
    --------
    >>> accept_surface("MATH", "MATH"), accept_surface("math", "MATH"), accept_surface("Math", "MATH")
    (True, False, False)
    >>> accept_surface("Llama 2", "LLaMA 2"), accept_surface("llama", "LLaMA"), accept_surface("FID", "FiD")
    (True, False, False)
    >>> accept_surface("mistral-7b", "Mistral-7B")
    True
    >>> accept_surface("Transformers", "transformer")
    True
    """
    letters = [c for c in name if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return surface.rstrip("s") == name.rstrip("s") or surface == name
    if any(c.isupper() for c in name[1:]) and not any(c.isdigit() for c in name):
        shouted = len(letters) <= 4 and surface.isupper() and surface != name  # "FID" (a metric) is not "FiD"
        return not surface.islower() and not shouted
    return True


def _inside_compound(text: str, start: int, end: int) -> bool:
    """Whether a match is glued to a larger word ("LQ-LoRA", "LoRA-FA")."""
    before = text[start - 2 : start] if start >= 2 else ""
    after = text[end : end + 2]
    glued_before = len(before) == 2 and before[1] in "-/" and before[0].isalnum()
    glued_after = len(after) == 2 and after[0] in "-/" and (after[1].isupper() or after[1].isdigit())
    return glued_before or glued_after or (end < len(text) and text[end].isalnum()) or (start > 0 and text[start - 1].isalnum())


def _variants(label: str) -> set[str]:
    """The spellings of a label the matcher looks for: plural and hyphen/space forms.

    Two-word names are also written with a hyphen ("message-passing").

    >>> sorted(_variants("Best-of-N"))
    ['Best of N', 'Best of Ns', 'Best-of-N', 'Best-of-Ns']
    >>> sorted(_variants("message passing"))
    ['message passing', 'message passings', 'message-passing', 'message-passings']
    """
    forms = {label}
    if not any(c.isdigit() for c in label):
        if "-" in label:
            forms.add(label.replace("-", " "))
        elif label.count(" ") == 1:
            forms.add(label.replace(" ", "-"))
    return forms | {form + "s" for form in forms}


@Language.factory(
    "kg_lexicon",
    default_config={"confidence": CONFIDENCE, "broad_confidence": BROAD_CONFIDENCE, "lexicon_path": "", "disabled": []},
)
class LexiconMatcher:
    """Mark every lexicon name in the doc as a candidate of the concept's type.

    ``lexicon_path`` names a lexicon Turtle file; empty means the bundled one.
    Broad concepts get ``broad_confidence`` instead of ``confidence``. With
    rule ``lexicon`` in ``disabled`` it marks nothing (the lexicon stays
    loaded for the stages after it).
    """

    def __init__(
        self, nlp: Language, name: str, *, confidence: float, broad_confidence: float, lexicon_path: str,
        disabled: Sequence[str] = (),
    ) -> None:
        self.name = name
        self.disabled = frozenset(disabled)
        self.confidence = confidence
        self.broad_confidence = broad_confidence
        self.lexicon: Lexicon = load_lexicon(Path(lexicon_path) if lexicon_path else None)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.names: dict[int, tuple[str, str]] = {}
        for concept in self.lexicon:
            for label in concept.names:
                for variant in _variants(label):
                    key = f"{concept.id}\t{variant}"
                    self.names[nlp.vocab.strings.add(key)] = (concept.id, variant)
                    self.matcher.add(key, [nlp.make_doc(variant)])

    def __call__(self, doc: Doc) -> Doc:
        seen: set[tuple[int, int, str]] = set()
        for match_id, start, end in [] if "lexicon" in self.disabled else self.matcher(doc):
            concept_id, label = self.names[match_id]
            span = doc[start:end]
            if not accept_surface(span.text, label) or _inside_compound(doc_text(doc), span.start_char, span.end_char):
                continue
            if (start, end, concept_id) in seen:
                continue
            seen.add((start, end, concept_id))
            concept = self.lexicon.concepts[concept_id]
            confidence = self.broad_confidence if concept.broad else self.confidence
            add_candidate(doc, span.start_char, span.end_char, concept.type, "lexicon", confidence, concept=concept_id)
        return doc
