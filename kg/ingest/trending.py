"""Read the text of a "trending papers" web page: titles, each followed by its abstract.

The page text opens with short lines of page chrome ("Subscribe", a date…),
then has one block per paper: the title line, a blank line, the abstract
paragraph, and a blank line before the next title. Titles and abstracts are
told apart by length: a paragraph of at least :data:`ABSTRACT_MIN_CHARS`
characters is an abstract, a shorter one a title.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.errors import InputError
from kg.ingest.common import OnError, PathLike, build_paper, clean_text, report
from kg.ingest.files import read_text
from kg.records import Paper

__all__ = ["ABSTRACT_MIN_CHARS", "paragraphs", "read_trending"]

ABSTRACT_MIN_CHARS = 200
"""Paragraphs this long or longer are abstracts; shorter ones are titles or chrome."""

_SHAPE_FIX = "write each paper as its title line, a blank line, then its abstract paragraph"


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Split ``text`` at blank lines into ``(first line number, paragraph)`` pairs.

    Line numbers start at 1; the lines of a paragraph are joined by one space.

    Examples
    --------
    >>> paragraphs("new\\n\\nA Title\\n\\nAn abstract\\nwrapped.\\n")
    [(1, 'new'), (3, 'A Title'), (5, 'An abstract wrapped.')]
    """
    found: list[tuple[int, str]] = []
    start, lines = 0, []
    for number, line in enumerate([*text.split("\n"), ""], start=1):
        if line.strip():
            start, lines = (start or number), [*lines, line]
        elif lines:
            found.append((start, clean_text(" ".join(lines))))
            start, lines = 0, []
    return found


def _is_abstract(paragraph: str) -> bool:
    """Tell whether ``paragraph`` is long enough to be an abstract."""
    return len(paragraph) >= ABSTRACT_MIN_CHARS


def _first_paper(blocks: list[tuple[int, str]]) -> int | None:
    """Return the index of the first title that is followed by an abstract."""
    for index in range(len(blocks) - 1):
        if not _is_abstract(blocks[index][1]) and _is_abstract(blocks[index + 1][1]):
            return index
    return None


def read_trending(path: PathLike, on_error: OnError | None = None, *, text: str | None = None) -> Iterator[Paper]:
    """Yield the papers of a trending-papers page, skipping the page chrome.

    Chrome is every paragraph before the first title that is followed by an
    abstract. A title with no abstract after it (a short paragraph followed
    by another short one, or the last paragraph) keeps its paper with an
    empty abstract. Each paper's line is its title's line; its id is the
    slug of its title. ``text`` is the content when it is already read
    (standard input).

    Raises
    ------
    InputError
        When the file cannot be read or holds no title followed by an
        abstract; through ``on_error`` (or raised when it is None) for an
        abstract paragraph with no title before it.

    Examples
    --------
    >>> from kg.ingest.common import default_input
    >>> papers = list(read_trending(default_input()))
    >>> len(papers), papers[0].id, papers[0].source.endswith("trending_papers.txt:11")
    (60, 'on-the-expressive-power-of-a-variant-of-the-looped-transformer', True)
    """
    blocks = paragraphs(read_text(path, "the text of a trending-papers page") if text is None else text)
    index = _first_paper(blocks)
    if index is None:
        raise InputError(
            path,
            None,
            f"found no paper: no title line followed by an abstract paragraph "
            f"(a paragraph of at least {ABSTRACT_MIN_CHARS} characters)",
            _SHAPE_FIX,
        )
    while index < len(blocks):
        line, title = blocks[index]
        index += 1
        if _is_abstract(title):
            err = InputError(path, line, "abstract paragraph with no title line before it", _SHAPE_FIX)
            report(err, on_error)
            continue
        abstract = ""
        if index < len(blocks) and _is_abstract(blocks[index][1]):
            abstract = blocks[index][1]
            index += 1
        yield build_paper({"title": title, "abstract": abstract}, path, line)
