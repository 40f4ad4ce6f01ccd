"""File-level checks every reader runs first: exists, readable, text, UTF-8, not empty.

These problems concern the whole file, so they always raise, even when the
caller skips bad records.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from kg.errors import InputError
from kg.ingest.common import PathLike

__all__ = ["check_file", "decode_text", "read_text"]

_SNIFF_BYTES = 8192
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def check_file(path: PathLike) -> Path:
    """Return ``path`` as a :class:`Path` after checking it names an existing file.

    Raises
    ------
    InputError
        When nothing exists at ``path``, or it is a directory.

    Examples
    --------
    >>> check_file("no/such/papers.jsonl")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: no/such/papers.jsonl: no such file; check the path and the current directory
    """
    file = Path(path)
    if file.is_dir():
        raise InputError(path, None, "is a directory, not a file", "give the path of a file of papers")
    if not file.exists():
        raise InputError(path, None, "no such file", "check the path and the current directory")
    return file


def read_text(path: PathLike, what: str) -> str:
    """Return the text of ``path``, decoded as strict UTF-8, with ``\\n`` line ends.

    A UTF-8 byte-order mark is accepted and dropped; ``\\r\\n`` and ``\\r``
    become ``\\n``. ``what`` names the expected content for messages, e.g.
    ``"a CSV file"``.

    Raises
    ------
    InputError
        When the file is missing, a directory, unreadable, empty or blank,
        binary (a NUL byte in its first 8 KiB), UTF-16, or not valid UTF-8
        (naming the line and byte offset of the first bad byte).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     file = Path(folder, "papers.txt")
    ...     _ = file.write_bytes(b"\\xef\\xbb\\xbfDeep Nets\\r\\n")
    ...     read_text(file, "a text file")
    'Deep Nets\\n'
    """
    file = check_file(path)
    try:
        data = file.read_bytes()
    except OSError as err:
        raise InputError(
            path, None, f"cannot read the file ({err.strerror})", "check that the file is readable"
        ) from err
    return decode_text(data, path, what)


def decode_text(data: bytes, path: PathLike, what: str) -> str:
    """Return ``data`` decoded as strict UTF-8, with ``\\n`` line ends; ``path`` names its origin in messages.

    The checks of :func:`read_text` after the file is read, shared with
    standard input.

    Raises
    ------
    InputError
        When the data is empty or blank, binary (a NUL byte in its first
        8 KiB), UTF-16, or not valid UTF-8.

    Examples
    --------
    >>> decode_text(b"", "<stdin>", "papers")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: <stdin>: file is empty; give a file with at least one paper
    """
    if data.startswith(_UTF16_BOMS):
        raise InputError(path, None, "is UTF-16 encoded, not UTF-8", "save the file as UTF-8")
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise InputError(
            path, None, f"looks like a binary file, not {what}", f"give {what} saved as UTF-8 text"
        )
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as err:
        offset = skip + err.start
        line = data.count(b"\n", 0, offset) + 1
        raise InputError(
            path,
            line,
            f"not valid UTF-8: byte 0x{data[offset]:02x} at byte offset {offset} cannot be decoded",
            "save the file as UTF-8",
        ) from err
    if not text.strip():
        raise InputError(path, None, "file is empty", "give a file with at least one paper")
    return text.replace("\r\n", "\n").replace("\r", "\n")
