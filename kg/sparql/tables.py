r"""Terms and rows as text: IRIs as terms that parse back, and aligned columns, for every query's table output.

An IRI cell is a SPARQL (and Turtle) term, so that it can be pasted back
into a query or given to ``--param``: a prefixed name with the characters
SPARQL reserves escaped (``kgr:dataset\/gsm8k``), or the full ``<…>``
when no predeclared prefix fits or the rest cannot be written as a local
name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.prefixes import PREFIXES

__all__ = ["MAX_CELL", "fit", "layout", "local_name", "prefixed"]

MAX_CELL = 80
"""The widest a table cell gets, in characters."""


_ESCAPABLE = frozenset("_~.-!$&'()*+,;=/?#@%")  # SPARQL 1.1 PN_LOCAL_ESC
_HEX = frozenset("0123456789abcdefABCDEF")
_NAME_START = re.compile(
    "[A-Za-z0-9_:\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff]"
)
_NAME_INNER = re.compile("[-\u00b7\u0300-\u036f\u203f-\u2040]")


def local_name(text: str) -> str | None:
    r"""Write ``text`` as the local part of a SPARQL prefixed name, escaping what must be; None when it cannot be.

    Examples
    --------
    >>> local_name("dataset/gsm8k"), local_name("paper/2403.01234v2"), local_name("model/qwen2.5-math-7b")
    ('dataset\\/gsm8k', 'paper\\/2403.01234v2', 'model\\/qwen2.5-math-7b')
    >>> local_name("a b") is None
    True
    """
    out: list[str] = []
    last = len(text) - 1
    for i, char in enumerate(text):
        if char == "%" and len(text) > i + 2 and text[i + 1] in _HEX and text[i + 2] in _HEX:
            out.append(char)  # a percent-encoded byte stands as it is
        elif char == "." and 0 < i < last:
            out.append(char)
        elif _NAME_START.fullmatch(char) or (i > 0 and _NAME_INNER.fullmatch(char)):
            out.append(char)
        elif char in _ESCAPABLE:
            out.append("\\" + char)
        else:
            return None
    return "".join(out)


def prefixed(iri: str) -> str:
    r"""Show an IRI as a term that parses back: a prefixed name when a prefix fits (the longest wins), else ``<iri>``.

    Examples
    --------
    >>> prefixed("https://w3id.org/paperkg/resource/dataset/gsm8k")
    'kgr:dataset\\/gsm8k'
    >>> prefixed("https://w3id.org/paperkg/ontology#Paper"), prefixed("https://example.org/a b")
    ('kg:Paper', '<https://example.org/a b>')
    """
    best = max(
        (item for item in PREFIXES.items() if iri.startswith(item[1])),
        key=lambda item: len(item[1]),
        default=None,
    )
    local = local_name(iri[len(best[1]):]) if best else None
    return f"{best[0]}:{local}" if best and local is not None else f"<{iri}>"


def fit(text: str, *, whole: bool = False) -> str:
    """Fit a term's text in one table cell: one line, at most ``MAX_CELL`` characters unless ``whole``.

    IRIs are shown ``whole``, never cut, so that every IRI cell parses back.
    """
    text = " ".join(text.split())
    return text if whole or len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


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
