"""Near-duplicate names: two spellings of one name that normalisation does not unite.

"self-repellent radom walk" and "self-repellent random walk" differ by a
typo; "convergent graph solver" and "convergent graph solvers" already share
a key. Two names are near-duplicates when they have the same number of words,
each pair of words starts with the same letter, neither contains a digit
(model sizes and versions differ by one character and are different
things), and their normalised forms are at least :data:`SIMILARITY` similar
by rapidfuzz's ratio (indel distance).
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

__all__ = ["SIMILARITY", "near_duplicate", "near_duplicate_groups"]

SIMILARITY = 92.0
"""The least rapidfuzz ratio (0–100) of two normalised names that are the same name."""

_MIN_LENGTH = 12


def _comparable(key: str) -> bool:
    return len(key) >= _MIN_LENGTH and " " in key and not any(c.isdigit() for c in key)


def _same_shape(a: str, b: str) -> bool:
    words_a, words_b = a.split(), b.split()
    return len(words_a) == len(words_b) and all(x[0] == y[0] for x, y in zip(words_a, words_b, strict=True))


def near_duplicate(key: str, known: list[str]) -> tuple[str, float] | None:
    """Return the name in ``known`` that ``key`` is a near-duplicate of, with the similarity, or None.

    Both are matching keys (:func:`kg.extract.normalize.name_key`).

    >>> near_duplicate("self repellent radom walk", ["self repellent random walk", "random walk"])
    ('self repellent random walk', 98.0)
    >>> near_duplicate("supervised learning", ["unsupervised learning"]) is None
    True
    >>> near_duplicate("qwen2 5 math 7b", ["qwen2 5 math 72b"]) is None
    True
    """
    if not _comparable(key):
        return None
    for other, score, _ in process.extract(key, known, scorer=fuzz.ratio, score_cutoff=SIMILARITY, limit=5):
        if other != key and _comparable(other) and _same_shape(key, other):
            return other, round(score, 1)
    return None


def near_duplicate_groups(keys: Iterable[str]) -> dict[str, tuple[str, float]]:
    """Map each key to the key it merges into (the first in sorted order of its near-duplicates).

    >>> near_duplicate_groups(["self repellent radom walk", "self repellent random walk", "gradient descent"])
    {'self repellent random walk': ('self repellent radom walk', 98.0)}
    """
    merged: dict[str, tuple[str, float]] = {}
    kept: list[str] = []
    for key in sorted(set(keys)):
        found = near_duplicate(key, kept)
        if found is None:
            kept.append(key)
        else:
            merged[key] = found
    return merged
