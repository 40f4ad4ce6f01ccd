"""Name normalisation shared by extraction and resolution."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["name_key", "plain_name"]

_WORDS = re.compile(r"[0-9A-Za-z]+")
_LATEX_STYLE = re.compile(r"\\(?:text(?:bf|it|rm|sf|tt|sc|up|md|normal)?|emph|math(?:rm|bf|it|sf|tt|cal|bb)|"
                          r"underline|boldsymbol|bm)\s*\{([^{}]*)\}")


def plain_name(text: str) -> str:
    """Return ``text`` with LaTeX styling commands unwrapped, as arXiv abstracts often carry them.

    >>> plain_name(r"Evo\\textbf{L}ved Sign Momentum"), plain_name(r"\\emph{\\textit{FooNet}}")
    ('EvoLved Sign Momentum', 'FooNet')
    """
    while True:
        plain = _LATEX_STYLE.sub(r"\1", text)
        if plain == text:
            return plain
        text = plain


def name_key(text: str) -> str:
    """Return the matching key of a name: the form two spellings of one name share.

    LaTeX styling unwrapped (:func:`plain_name`), lower-case, Unicode NFKC, every run of other characters one space, and a
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
    words = _WORDS.findall(unicodedata.normalize("NFKC", plain_name(text)))
    if not words:
        return ""
    key = " ".join(words).lower()
    last = words[-1]
    if key.endswith("s") and len(last) > 3 and not key.endswith("ss") and not last.isupper():
        key = key[:-1]
    return key
