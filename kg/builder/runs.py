"""Sorted lines larger than memory: sorted runs on disk, merged (an external merge sort).

A streaming build writes each batch of N-Triples lines as one run; the
exports read them back merged, in byte order (``graph.nt``) or grouped by
subject in IRI order (Turtle, JSON-LD), each distinct line once.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from itertools import groupby
from pathlib import Path

__all__ = ["Runs", "by_subject"]

Key = Callable[[bytes], bytes]


class Runs:
    """Batches of lines kept in files under ``folder``, read back sorted by any key."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.paths: list[Path] = []

    def add(self, lines: Iterable[bytes]) -> None:
        """Keep one batch of lines (without newlines)."""
        path = self.folder / f"run-{len(self.paths):06d}.nt"
        path.write_bytes(b"".join(line + b"\n" for line in lines))
        self.paths.append(path)

    def sort(self, key: Key | None, tag: str) -> list[Path]:
        """Write the sorted copy of each run for ``key`` (named by ``tag``) unless there is one; return their paths."""
        sorted_paths = []
        for path in self.paths:
            target = path.with_suffix(f".{tag}")
            if not target.exists():
                lines = sorted(set(path.read_bytes().splitlines()), key=key)
                target.write_bytes(b"".join(line + b"\n" for line in lines))
            sorted_paths.append(target)
        return sorted_paths

    def merged(self, key: Key | None = None, tag: str = "sorted") -> Iterator[bytes]:
        """Yield every distinct line of every run (without newline), sorted by ``key`` (default: bytes).

        ``tag`` names the sorted copies kept for another pass in the same order.

        >>> import tempfile
        >>> runs = Runs(tempfile.mkdtemp())
        >>> runs.add([b"b", b"a"]); runs.add([b"c", b"a"])
        >>> list(runs.merged())
        [b'a', b'b', b'c']
        """
        with ExitStack() as stack:
            handles = [stack.enter_context(path.open("rb")) for path in self.sort(key, tag)]
            streams = [(line.rstrip(b"\n") for line in handle) for handle in handles]
            previous = None
            for line in heapq.merge(*streams, key=key):
                if line != previous:
                    yield line
                previous = line


def by_subject(lines: Iterable[bytes]) -> Iterator[tuple[bytes, list[bytes]]]:
    """Group lines sorted by subject into (subject IRI, lines) pairs.

    >>> [(s, len(g)) for s, g in by_subject([b"<a> <p> 1 .", b"<a> <q> 2 .", b"<b> <p> 1 ."])]
    [(b'a', 2), (b'b', 1)]
    """
    for subject, group in groupby(lines, key=lambda line: line[1:line.index(b"> ")]):
        yield subject, list(group)
