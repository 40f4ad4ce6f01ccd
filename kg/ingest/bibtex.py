"""Read BibTeX with bibtexparser 2: one paper per entry, keyed by its citation key.

Fields used: ``title``, ``abstract``, ``author`` (names separated by
"and"), ``date`` or ``year``, ``url`` or ``doi``, and ``eprint`` (an arXiv
id when ``archivePrefix = {arXiv}`` or when it looks like one; a
"arXiv:…" in ``journal`` or ``note`` counts too). TeX braces, escapes and
accents are turned into plain text.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, ParsingFailedBlock

from kg.errors import InputError
from kg.ingest.common import OnError, PathLike, build_paper, normalise_arxiv_id, report
from kg.ingest.files import read_text
from kg.records import Paper

__all__ = ["detex", "read_bibtex", "split_names"]

_ACCENTS = {  # TeX accent command → Unicode combining mark
    '"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304", ".": "\u0307",
}
_ACCENT = re.compile(r"""\\(["'`^~=.])\s*\{?\s*([A-Za-z])\}?""")
_ESCAPE = re.compile(r"\\([&%$#_])")
_COMMAND = re.compile(r"\\[A-Za-z]+\s*(?=\{)")
_ARXIV_NOTE = re.compile(r"arXiv:\s*(\S+)", re.IGNORECASE)
_BLOCK_FIX = "check this entry's braces, quotes and commas: @article{key, title = {…}, …}"


def detex(text: str) -> str:
    """Turn a TeX field value into plain text: accents, escapes, no braces.

    Examples
    --------
    >>> detex(r"The {BERT} Model: \\emph{Deep} Nets \\& G{\\"o}del")
    'The BERT Model: Deep Nets & Gödel'
    """
    text = _ACCENT.sub(lambda match: match.group(2) + _ACCENTS[match.group(1)], text)
    text = _COMMAND.sub("", _ESCAPE.sub(r"\1", text))
    text = text.replace("{", "").replace("}", "").replace("~", " ")
    return " ".join(unicodedata.normalize("NFC", text).split())


def split_names(text: str) -> list[str]:
    """Split a BibTeX ``author`` field into names, written first name first.

    Names are separated by "and" outside braces; "Last, First" becomes
    "First Last", and a trailing "others" (et al.) is dropped.

    Examples
    --------
    >>> split_names("Lovelace, Ada and {Barnes and Noble} and Alan Turing and others")
    ['Ada Lovelace', 'Barnes and Noble', 'Alan Turing']
    """
    parts, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", text, re.IGNORECASE):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    names = []
    for part in parts:
        pieces = [piece.strip() for piece in part.split(",")]
        ordered = [pieces[-1], pieces[0], *pieces[1:-1]] if len(pieces) > 1 else pieces
        name = detex(" ".join(ordered))
        if name and name.lower() != "others":
            names.append(name)
    return names


def _arxiv_id(fields: dict[str, str], key: str, path: PathLike, line: int) -> str | None:
    """Return the entry's arXiv id, from ``eprint`` or an "arXiv:…" in journal/note."""
    eprint = fields.get("eprint", "").strip()
    if eprint:
        found = normalise_arxiv_id(eprint)
        if found is None and fields.get("archiveprefix", "").strip().lower() == "arxiv":
            raise InputError(
                path,
                line,
                f"entry '{key}' has archivePrefix arXiv but eprint '{eprint}' is not an arXiv id",
                "write eprint like 2403.01234 or 2403.01234v2",
            )
        return found
    for name in ("journal", "note"):
        match = _ARXIV_NOTE.search(fields.get(name, ""))
        if match:
            return normalise_arxiv_id(match.group(1).rstrip(".,;"))
    return None


def _record(entry: Entry, path: PathLike, line: int) -> dict[str, object]:
    """Map one BibTeX entry to the record fields :func:`build_paper` reads."""
    fields = {field.key.lower(): str(field.value) for field in entry.fields}
    doi = fields.get("doi", "").strip()
    url = fields.get("url", "").strip() or (f"https://doi.org/{doi}" if doi else "")
    record: dict[str, object] = {
        "id": entry.key,
        "title": detex(fields.get("title", "")),
        "abstract": detex(fields.get("abstract", "")),
        "authors": split_names(fields.get("author", "")),
        "date": fields.get("date") or fields.get("year"),
        "url": url or None,
    }
    record["arxiv_id"] = _arxiv_id(fields, entry.key, path, line)
    return {name: value for name, value in record.items() if value}


def _failure(block: ParsingFailedBlock, path: PathLike, line: int) -> InputError:
    """Describe a block bibtexparser could not parse."""
    if isinstance(block, DuplicateFieldKeyBlock):
        keys = ", ".join(sorted(block.duplicate_keys))
        key = getattr(block.ignore_error_block, "key", "?")
        return InputError(path, line, f"entry '{key}' has the field {keys} twice", "keep one of them")
    error = block.error
    reason = getattr(error, "abort_reason", "") or str(error) or type(error).__name__
    return InputError(path, line, f"cannot parse this BibTeX block ({reason.strip()})", _BLOCK_FIX)


def _errors_only(record: logging.LogRecord) -> bool:
    """Let through only the log records of level ERROR and above."""
    return record.levelno >= logging.ERROR


def _parse(text: str) -> Library:
    """Parse BibTeX, muting the parser's warnings about blocks it gives up on.

    Each such block is reported as an :class:`InputError` with its 1-based
    line; the parser's own warning counts lines from 0 and would contradict it.
    """
    splitter_log = logging.getLogger("bibtexparser.splitter")
    splitter_log.addFilter(_errors_only)
    try:
        return bibtexparser.parse_string(text)
    finally:
        splitter_log.removeFilter(_errors_only)


def read_bibtex(path: PathLike, on_error: OnError | None = None, *, text: str | None = None) -> Iterator[Paper]:
    """Yield the papers of a BibTeX file, one per entry, in file order.

    The citation key is the paper's id (an empty key falls back to the arXiv
    id or the title's slug). ``@string`` values are substituted; comments and
    ``@preamble`` are skipped. Two entries with one key are left to the
    duplicate check of :func:`kg.ingest.read_papers`, which keeps exact
    copies once. ``text`` is the content when it is already read (standard
    input).

    Raises
    ------
    InputError
        When the file cannot be read or holds no entry at all; through
        ``on_error`` (or raised when it is None) for a block that cannot be
        parsed, a field given twice, a bad arXiv eprint, or an entry without
        a title.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     file = pathlib.Path(folder, "papers.bib")
    ...     _ = file.write_text("@misc{lovelace2024, title = {Deep {Nets}}, eprint = {2403.01234}}\\n")
    ...     [(paper.id, paper.title, paper.arxiv_id) for paper in read_bibtex(file)]
    [('lovelace2024', 'Deep Nets', '2403.01234')]
    """
    library = _parse(read_text(path, "a BibTeX file") if text is None else text)
    if not library.entries and not library.failed_blocks:
        raise InputError(
            path,
            None,
            "found no BibTeX entry",
            "give a .bib file with entries like @article{key, title = {…}}",
        )
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, Entry):
            block = block.ignore_error_block
        if isinstance(block, ParsingFailedBlock):
            report(_failure(block, path, line), on_error)
        elif isinstance(block, Entry):
            try:
                paper = build_paper(_record(block, path, line), path, line)
            except InputError as err:
                report(err, on_error)
            else:
                yield paper
