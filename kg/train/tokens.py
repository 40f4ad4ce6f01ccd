"""Joining a corpus's tokens back into text, with each token's offset in it."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

__all__ = ["join_tokens"]


def join_tokens(tokens: Sequence[str], no_space_before: re.Pattern[str],
                no_space_after: Collection[str]) -> tuple[str, list[int]]:
    """Join ``tokens`` with single spaces, except before tokens ``no_space_before`` matches and after those in
    ``no_space_after``; return the text and each token's start offset.

    >>> join_tokens(["a", "(", "b", ")"], re.compile(r"^\\)$"), {"("})
    ('a (b)', [0, 2, 3, 4])
    """
    text, starts = "", []
    for i, token in enumerate(tokens):
        if i and not no_space_before.match(token) and tokens[i - 1] not in no_space_after:
            text += " "
        starts.append(len(text))
        text += token
    return text, starts
