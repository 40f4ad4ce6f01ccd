"""Terms and rows as text: prefixed names and aligned columns, for every query's table output."""

from __future__ import annotations

from collections.abc import Sequence

from kg.prefixes import PREFIXES

__all__ = ["MAX_CELL", "fit", "layout", "prefixed"]

MAX_CELL = 80
"""The widest a table cell gets, in characters."""


def prefixed(iri: str) -> str:
    """Show an IRI as a prefixed name when a prefix fits (the longest namespace wins), else in full."""
    best = max(
        (item for item in PREFIXES.items() if iri.startswith(item[1])),
        key=lambda item: len(item[1]),
        default=None,
    )
    return f"{best[0]}:{iri[len(best[1]):]}" if best else str(iri)


def fit(text: str) -> str:
    """Fit a term's text in one table cell: one line, at most ``MAX_CELL`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def layout(names: Sequence[str], cells: Sequence[Sequence[str]]) -> str:
    """Lay out cell texts (each fitted by :func:`fit`) as aligned columns under a header, with a row count."""
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(names)]
    lines = [
        "  ".join(text.ljust(width) for text, width in zip(line, widths)).rstrip()
        for line in [list(names), ["-" * width for width in widths], *cells]
    ]
    count = len(cells)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"
