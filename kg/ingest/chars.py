"""Characters a graph cannot carry: control characters, lone surrogates and non-characters.

XML 1.0 (GraphML) cannot hold most control characters nor U+FFFE/U+FFFF,
UTF-8 cannot hold a lone surrogate, and a line break in an id would break the
one-line messages. :func:`printable` turns these characters into spaces in
free text (titles, abstracts, authors, dates) before any offset is taken;
:func:`first_unprintable` finds one in a value that is refused instead (ids,
URLs). Tab, line feed and carriage return are ordinary whitespace in free
text, but not in an id.
"""

from __future__ import annotations

import re

__all__ = ["first_unprintable", "printable"]

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_UNPRINTABLE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
_UNPRINTABLE_IN_IDS = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{_NONCHARACTERS}]")


def printable(text: str) -> str:
    """Return ``text`` with each control character, lone surrogate and non-character replaced by a space.

    Tab, line feed and carriage return are kept (they are whitespace). The
    length is unchanged, so offsets into the result are offsets into ``text``.

    Examples
    --------
    >>> printable("LoRA\\x01on\\x7fGSM8K\\ufffe")
    'LoRA on GSM8K '
    >>> printable("line\\none\\ttab")
    'line\\none\\ttab'
    >>> printable("lone \\ud800 surrogate")
    'lone   surrogate'
    """
    return _UNPRINTABLE.sub(" ", text)


def first_unprintable(text: str) -> str | None:
    """Return the first character of ``text`` that an id or IRI cannot hold, or None.

    These are the control characters (tab and line breaks included), the
    line and paragraph separators, lone surrogates and non-characters.

    Examples
    --------
    >>> first_unprintable("p1\\n")
    '\\n'
    >>> first_unprintable("2403.01234") is None
    True
    """
    match = _UNPRINTABLE_IN_IDS.search(text)
    return match.group() if match else None
