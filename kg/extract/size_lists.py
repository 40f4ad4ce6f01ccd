"""Model sizes listed after one variant: "LLaMA 2 7B and 13B" names the LLaMA-2 family.

A paper that lists several sizes of one model ("Llama 2 7B and 13B",
"Qwen2-7B, 14B and 72B") works with the family, not with one variant: the
first variant's name with its size stripped is a mention of the family, so
the paper links the family as well as the variant it spelled out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.candidates import Candidate
from kg.extract.lexicon import Lexicon

__all__ = ["family_mentions"]

_SIZE = r"\d+(?:\.\d+)?[BMK]"
_MORE_SIZES = re.compile(rf"\s*(?:,|/|&|and|or)\s*(?:and\s+)?{_SIZE}\b")
_TRAILING_SIZE = re.compile(rf"[\s-]*{_SIZE}$")


def family_mentions(chosen: list[Candidate], text: str, lexicon: Lexicon) -> Iterator[Candidate]:
    """Yield a family mention for each known model variant followed by more sizes.

    >>> from kg.extract.lexicon import Concept, Lexicon
    >>> lex = Lexicon.from_concepts([Concept("llama-2", "Model", "LLaMA-2"),
    ...                              Concept("llama-2-7b", "Model", "LLaMA-2-7B", ("LLaMA 2 7B",), "llama-2")])
    >>> text = "We scale it to LLaMA 2 7B and 13B."
    >>> variant = Candidate(15, 25, "LLaMA 2 7B", "Model", "lexicon", 0.9, concept="llama-2-7b")
    >>> [(c.text, c.concept) for c in family_mentions([variant], text, lex)]
    [('LLaMA 2', 'llama-2')]
    """
    for cand in chosen:
        concept = lexicon.concepts.get(cand.concept or "")
        if concept is None or concept.type != "Model" or concept.variant_of is None:
            continue
        if not _MORE_SIZES.match(text, cand.end):
            continue
        size = _TRAILING_SIZE.search(cand.text)
        if size is None or size.start() == 0:
            continue
        yield Candidate(cand.start, cand.start + size.start(), cand.text[: size.start()], "Model", "size-list",
                        cand.confidence, concept=concept.variant_of)
