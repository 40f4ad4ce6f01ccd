"""Near-duplicate names: two spellings of one name that normalisation does not unite.

"self-repellent radom walk" and "self-repellent random walk" differ by a
typo; "convergent graph solver" and "convergent graph solvers" already share
a key. Two names are near-duplicates when they have the same number of words,
each pair of words starts with the same letter, neither contains a digit
(model sizes and versions differ by one character and are different
things), and their normalised forms are at least :data:`SIMILARITY` similar
by rapidfuzz's ratio (indel distance).

Known names are kept in a :class:`NameIndex`, blocked by their shape (word
count and first letters), so that a name is compared only with the names it
could be a near-duplicate of: grouping the distinct names of a corpus is
then near linear in their number, not quadratic.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

__all__ = ["SIMILARITY", "NameIndex", "near_duplicate_groups"]

SIMILARITY = 92.0
"""The least rapidfuzz ratio (0–100) of two normalised names that are the same name."""

_MIN_LENGTH = 12


def _comparable(key: str) -> bool:
    return len(key) >= _MIN_LENGTH and " " in key and not any(c.isdigit() for c in key)


def _shape(key: str) -> tuple[int, str]:
    """The word count and first letters of a name: two near-duplicates have the same."""
    words = key.split()
    return len(words), "".join(word[0] for word in words)


class NameIndex:
    """Names (matching keys) to find near-duplicates among, blocked by shape; kept in the order added."""

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self._blocks: dict[tuple[int, str], list[str]] = {}
        for key in keys:
            self.add(key)

    def add(self, key: str) -> None:
        """Add one name; a name too short, of one word or with a digit is never a near-duplicate, so is left out."""
        if _comparable(key):
            self._blocks.setdefault(_shape(key), []).append(key)

    def near_duplicate(self, key: str) -> tuple[str, float] | None:
        """Return the most similar other name of the index that ``key`` is a near-duplicate of, with the similarity.

        Of names equally similar, the one added first; None when there is
        none. Both are matching keys (:func:`kg.extract.normalize.name_key`).

        >>> NameIndex(["self repellent random walk", "random walk"]).near_duplicate("self repellent radom walk")
        ('self repellent random walk', 98.0)
        >>> NameIndex(["unsupervised learning"]).near_duplicate("supervised learning") is None
        True
        >>> NameIndex(["qwen2 5 math 72b"]).near_duplicate("qwen2 5 math 7b") is None
        True
        """
        if not _comparable(key):
            return None
        block = self._blocks.get(_shape(key), [])
        for other, score, _ in process.extract(key, block, scorer=fuzz.ratio, score_cutoff=SIMILARITY, limit=2):
            if other != key:
                return other, round(score, 1)
        return None


def near_duplicate_groups(keys: Iterable[str]) -> dict[str, tuple[str, float]]:
    """Map each key to the key it merges into (the first in sorted order of its near-duplicates).

    >>> near_duplicate_groups(["self repellent radom walk", "self repellent random walk", "gradient descent"])
    {'self repellent random walk': ('self repellent radom walk', 98.0)}
    """
    merged: dict[str, tuple[str, float]] = {}
    kept = NameIndex()
    for key in sorted(set(keys)):
        found = kept.near_duplicate(key)
        if found is None:
            kept.add(key)
        else:
            merged[key] = found
    return merged
