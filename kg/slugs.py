"""Slugs: the lower-case, URL-safe strings that instance IRIs end in."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["slugify"]

_UNSAFE = re.compile(r"[^a-z0-9.]+")


def slugify(text: str, max_length: int = 80) -> str:
    """Return a deterministic IRI-safe slug of ``text``.

    Accents are folded, runs of anything but ``[a-z0-9.]`` become one ``-``,
    and the slug is cut at a word boundary to at most ``max_length``
    characters. Dots are kept so that arXiv ids ("2403.01234") survive. Text
    with no Latin letter or digit gets ``u-`` and a hash of the text.

    Examples
    --------
    >>> slugify("LLaMA-2 70B (chat)")
    'llama-2-70b-chat'
    >>> slugify("2403.01234v2")
    '2403.01234v2'
    >>> slugify("Ünïcode — naïve")
    'unicode-naive'
    >>> slugify("深度学习"), slugify("深度学习") != slugify("强化学习")
    ('u-9bea2bda7ac5', True)
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _UNSAFE.sub("-", folded.lower()).strip("-.")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "u-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
