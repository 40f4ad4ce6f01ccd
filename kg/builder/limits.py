"""The longest title or abstract a build reads: longer ones are refused at their ``path:line``, not deep in spaCy."""

from __future__ import annotations

from collections.abc import Iterable

from kg.errors import InputError
from kg.ingest.common import OnError, report
from kg.records import Paper

__all__ = ["DEFAULT_MAX_CHARS", "fit_pipeline", "limit_lengths"]

DEFAULT_MAX_CHARS = 200_000
"""Characters in one title or abstract at most, by default: a hundred times a long abstract.

Extraction time grows faster than the text: 200,000 characters take seconds,
a million take many minutes.
"""

_SPACY_MAX_LENGTH = 1_000_000  # spaCy's default ``Language.max_length``


def _where(source: str) -> tuple[str, int | None]:
    """Split a paper's ``path:line`` source into its path and line."""
    path, _, line = source.rpartition(":")
    return (path, int(line)) if path and line.isdigit() else (source, None)


def limit_lengths(papers: Iterable[Paper], max_chars: int, on_error: OnError | None = None) -> list[Paper]:
    """Return the papers whose title and abstract are at most ``max_chars`` long; report each other one.

    Raises
    ------
    InputError
        For a paper with a longer field, when ``on_error`` is None.

    Examples
    --------
    >>> seen = []
    >>> kept = limit_lengths([Paper("p1", "Deep Nets", "x" * 50, source="a.jsonl:3")], 20, seen.append)
    >>> kept, str(seen[0])
    ([], 'a.jsonl:3: the abstract of p1 is 50 characters long, over the limit of 20; shorten it, or raise the limit with --max-chars 50')
    """
    kept = []
    for paper in papers:
        long = [(name, len(text)) for name, text in (("title", paper.title), ("abstract", paper.abstract))
                if len(text) > max_chars]
        if not long:
            kept.append(paper)
            continue
        name, size = max(long, key=lambda item: item[1])
        path, line = _where(paper.source)
        report(InputError(path, line, f"the {name} of {paper.id} is {size:,} characters long, over the limit of "
                          f"{max_chars:,}", f"shorten it, or raise the limit with --max-chars {size}"), on_error)
    return kept


def fit_pipeline(max_chars: int, *, statistical: bool = True) -> None:
    """Let the shared extraction pipeline take texts of ``max_chars`` characters (forked workers inherit it)."""
    if max_chars < _SPACY_MAX_LENGTH:
        return  # within spaCy's default: nothing to change, and no pipeline to load yet
    from kg.extract.pipeline import shared_nlp

    nlp = shared_nlp(statistical)
    nlp.max_length = max(nlp.max_length, max_chars + 1)
