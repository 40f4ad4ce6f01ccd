"""Name normalisation shared by extraction and resolution."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["name_key"]

_WORDS = re.compile(r"[0-9A-Za-z]+")


def name_key(text: str) -> str:
    """Return the matching key of a name: the form two spellings of one name share.

    Lower-case, Unicode NFKC, every run of other characters one space, and a
    plural "s" dropped from a last word longer than three letters that is not
    written in capitals (acronyms such as "DAVIS" keep theirs).

    Examples
    --------
    >>> name_key("Large Language Models (LLMs)")
    'large language models llm'
    >>> name_key("fine-tuning")
    'fine tuning'
    >>> name_key("GANs"), name_key("MOTS"), name_key("loss")
    ('gan', 'mots', 'loss')
    """
    words = _WORDS.findall(unicodedata.normalize("NFKC", text))
    if not words:
        return ""
    key = " ".join(words).lower()
    last = words[-1]
    if key.endswith("s") and len(last) > 3 and not key.endswith("ss") and not last.isupper():
        key = key[:-1]
    return key
