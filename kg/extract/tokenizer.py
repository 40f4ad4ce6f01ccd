"""The tokenizer the pipeline uses: spaCy's English one, with names split from a sentence's full stop.

spaCy keeps a full stop attached to a token ending in a capital, so that
"U.S." stays whole; that also glues it to names at the end of a sentence
("… on GSM8K.", "… on ImageNet-1K."), which the lexicon then cannot match.
One more suffix rule splits the stop when the two characters before it are
letters or digits, which abbreviations with inner stops never end with.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.util import compile_suffix_regex

__all__ = ["blank_english", "split_final_stops"]

_FINAL_STOP = r"(?<=[A-Za-z0-9][A-Z0-9])\."


def split_final_stops(nlp: Language) -> Language:
    """Add the suffix rule to ``nlp``'s tokenizer and return ``nlp``.

    >>> [t.text for t in blank_english()("We test on MiniF2F. It is in the U.S. and e.g. fine.")]
    ['We', 'test', 'on', 'MiniF2F', '.', 'It', 'is', 'in', 'the', 'U.S.', 'and', 'e.g.', 'fine', '.']
    """
    suffixes = [*nlp.Defaults.suffixes, _FINAL_STOP]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    return nlp


def blank_english() -> Language:
    """A blank English pipeline with the paperkg tokenizer."""
    return split_final_stops(spacy.blank("en"))


