"""Write a set of output files atomically: stage them in a temporary folder, move them into place when all are written.

Every writer of paperkg (Turtle, exports, view, report, store) asks
:func:`staged` for the temporary path of each file or folder it writes.
Stages nest: inside an outer stage (``kg build`` writing its whole set) the
writers' own stages join it, and nothing is moved until the outer one ends.
When the block fails — an exception, a full disk, a file-size limit, Ctrl+C
or SIGTERM — the temporary folders are removed and the previous outputs are
left byte for byte; the failure is one :class:`~kg.errors.OutputError` line.
The moves themselves run with SIGINT and SIGTERM held back, so that a signal
cannot split the set.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from kg.errors import GraphError, KgError, OutputError
from kg.exits import EXIT_INTERRUPTED, EXIT_TERMINATED, Terminated, sigterm_raises

__all__ = ["Stage", "staged", "write_bytes", "writing"]

_PREFIX = ".kg-tmp-"
_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class Stage:
    """The files and folders being written: final path → temporary path, grouped in one temporary folder per destination."""

    def __init__(self) -> None:
        self._folders: dict[Path, Path] = {}  # destination folder → its temporary folder
        self._moves: dict[Path, Path] = {}  # final path → temporary path
        self._scratch: list[Path] = []  # every folder this stage made, removed at the end whatever happens

    def path(self, final: str | os.PathLike[str]) -> Path:
        """Return the temporary path to write ``final`` (a file, or a folder that will replace it whole).

        The temporary folder sits beside the destination folder (inside it when
        the destination is the current folder or above), so the last move is a
        rename on one file system.
        """
        target = Path(os.path.abspath(final))
        if target in self._moves:
            return self._moves[target]
        folder = target.parent
        if folder not in self._folders:
            folder.mkdir(parents=True, exist_ok=True)  # a file in the way fails here, named by the writer
            inside = Path.cwd() == folder or folder in Path.cwd().parents
            where = folder if inside else folder.parent
            self._folders[folder] = self._new_folder(where, _PREFIX if inside else f".{folder.name}{_PREFIX}")
        temporary = self._folders[folder] / target.name
        self._moves[target] = temporary
        return temporary

    def scratch(self, beside: str | os.PathLike[str]) -> Path:
        """Return a new working folder in the folder ``beside``; it is removed when the stage ends, however it ends."""
        return self._new_folder(Path(beside), f"{_PREFIX}work-")

    def _new_folder(self, parent: Path, prefix: str) -> Path:
        """Make a new private folder ``parent/prefix…``, noted for removal before it exists.

        Noting it first means that no interruption, whichever thread the
        signal reaches, can leave a folder behind that the stage does not know.
        """
        while True:
            folder = parent / f"{prefix}{secrets.token_hex(6)}"
            self._scratch.append(folder)
            try:
                folder.mkdir(mode=0o700)
            except FileExistsError:
                self._scratch.pop()  # someone else's: never remove it
                continue
            return folder

    def _commit(self) -> None:
        """Move every written file and folder into place (a folder replaces the old one whole)."""
        for final, temporary in sorted(self._moves.items()):
            if not os.path.lexists(temporary):
                continue  # asked for but never written: the old file stays
            final.parent.mkdir(parents=True, exist_ok=True)
            if temporary.is_dir() and final.is_dir():
                old = self._new_folder(final.parent, f".{final.name}{_PREFIX}old-")
                os.replace(final, old / final.name)
                os.replace(temporary, final)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(temporary, final)

    def _discard(self) -> None:
        """Remove every temporary and working folder."""
        for temporary in self._scratch:
            shutil.rmtree(temporary, ignore_errors=True)


_active: ContextVar[Stage | None] = ContextVar("kg_stage", default=None)


@contextmanager
def _held_signals() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while the block runs (main thread only); they arrive after it."""
    main = threading.current_thread() is threading.main_thread()
    if main:
        signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        if main:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)


@contextmanager
def staged() -> Iterator[Stage]:
    """Stage the outputs written in the block; move them into place when it ends without error.

    Raises
    ------
    OutputError
        When the block is interrupted (Ctrl+C, SIGTERM), fails with an error
        that is neither a paperkg error nor an ``OSError`` (those pass
        through, for the writer to name the file), or the files cannot be
        moved into place. The previous outputs are then unchanged and no
        temporary file is left.

    Examples
    --------
    >>> folder = Path(tempfile.mkdtemp())
    >>> with staged() as stage:
    ...     _ = stage.path(folder / "a.txt").write_text("new")
    ...     (folder / "a.txt").exists()
    False
    >>> (folder / "a.txt").read_text(), sorted(p.name for p in folder.parent.glob(f".{folder.name}.kg-tmp-*"))
    ('new', [])
    """
    outer = _active.get()
    if outer is not None:
        yield outer
        return
    stage = Stage()
    token = _active.set(stage)
    try:
        with sigterm_raises():
            try:
                yield stage
            except KeyboardInterrupt as err:
                terminated = isinstance(err, Terminated)
                raise OutputError(f"interrupted ({'SIGTERM' if terminated else 'Ctrl+C'}) while writing; the previous "
                                  "outputs are unchanged; fix: run the command again",
                                  exit_status=EXIT_TERMINATED if terminated else EXIT_INTERRUPTED) from None
            except (KgError, OSError):
                raise  # the writer's own error names the file and the fix
            except Exception as err:
                detail = " ".join(str(err).split()) or type(err).__name__
                raise OutputError(f"writing the outputs failed ({detail}); the previous outputs are unchanged; "
                                  "fix: free disk space or raise the file-size limit, or report the error") from err
            with _held_signals():
                try:
                    stage._commit()
                except OSError as err:
                    raise OutputError(f"cannot move the outputs into place ({err.strerror or err}); "
                                      "fix: check the output folder's permissions") from err
    finally:
        _active.reset(token)
        stage._discard()


def write_bytes(final: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``final`` through a stage (the current one, or one of its own); return ``final``.

    Raises
    ------
    OSError
        When the file cannot be written (the caller names the fix).
    """
    with staged() as stage:
        stage.path(final).write_bytes(data)
    return Path(final)


@contextmanager
def writing(path: str | os.PathLike[str], what: str) -> Iterator[None]:
    """Report an ``OSError`` in the block as one :class:`~kg.errors.GraphError` naming ``path`` and ``what`` it holds.

    Examples
    --------
    >>> with writing("/nonexistent/graph.ttl", "the graph"):
    ...     open("/nonexistent/graph.ttl", "w")
    Traceback (most recent call last):
    kg.errors.GraphError: /nonexistent/graph.ttl: cannot write the graph (No such file or directory); fix: choose a writable output path
    """
    try:
        yield
    except OSError as err:
        raise GraphError(f"{path}: cannot write {what} ({err.strerror or err}); "
                         "fix: choose a writable output path") from err
