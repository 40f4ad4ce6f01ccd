"""How a paperkg process ends: a closed pipe, Ctrl+C and SIGTERM exit quietly with the shell's usual status.

``kg … | head`` closes the pipe early; the command then stops at its next
write, with no traceback and status 141 (128 + SIGPIPE), as a C tool killed
by the signal would report. Ctrl+C ends with status 130 (128 + SIGINT) and
SIGTERM with 143 (128 + SIGTERM), also without a traceback. Each of them
ends as a :class:`SystemExit`, so ``finally`` blocks and context managers
still run and leave no partial file behind.

Examples
--------
>>> with quiet_exits():
...     print("one line")
one line
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_INTERRUPTED", "EXIT_TERMINATED", "Terminated", "default_sigterm", "quiet_exits",
           "sigterm_raises"]

EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE
"""Status after the reader of standard output went away (141)."""

EXIT_INTERRUPTED = 128 + signal.SIGINT
"""Status after Ctrl+C (130)."""

EXIT_TERMINATED = 128 + signal.SIGTERM
"""Status after SIGTERM (143)."""


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so that it is cleaned up as after Ctrl+C."""


def _silence_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file descriptor behind sys.stdout (a test capture)
        pass


def _flush() -> None:
    """Flush standard output, if it is still open."""
    if sys.stdout is not None and not sys.stdout.closed:
        sys.stdout.flush()


def _terminate_handler(owner: int) -> Callable[[int, FrameType | None], None]:
    """A SIGTERM handler that ends the process ``owner`` with :data:`EXIT_TERMINATED`."""

    def on_sigterm(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != owner:  # a forked worker inherited the handler: die as by default
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        raise Terminated

    return on_sigterm


def default_sigterm() -> None:
    """In a forked worker: let SIGTERM end it at once, as by default, whatever handler the parent had.

    An inherited Python handler runs only when the worker's main thread runs
    bytecode. A worker waiting on a lock, with the signal delivered to another
    of its threads, would never end, and the parent joining it would wait forever.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextmanager
def sigterm_raises() -> Iterator[None]:
    """Raise :class:`Terminated` on SIGTERM while the block runs, unless a handler is already installed.

    Only in the main thread; the default handling is restored afterwards.
    """
    install = (threading.current_thread() is threading.main_thread()
               and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL)
    if install:
        signal.signal(signal.SIGTERM, _terminate_handler(os.getpid()))
    try:
        yield
    finally:
        if install:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextmanager
def quiet_exits() -> Iterator[None]:
    """Run the block so that a closed pipe, Ctrl+C or SIGTERM ends the process quietly with 141, 130 or 143.

    Standard output is flushed at the end of the block, however it ends, so
    that a pipe closed before the last write is caught here too. The SIGTERM handler is
    installed only in the main thread, and the previous one is restored.

    Raises
    ------
    SystemExit
        With :data:`EXIT_BROKEN_PIPE`, :data:`EXIT_INTERRUPTED` or
        :data:`EXIT_TERMINATED`.
    """
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate_handler(os.getpid())) if main_thread else None
    try:
        try:
            yield
        finally:
            _flush()
    except BrokenPipeError:
        _silence_stdout()
        raise SystemExit(EXIT_BROKEN_PIPE) from None
    except KeyboardInterrupt as err:
        raise SystemExit(EXIT_TERMINATED if isinstance(err, Terminated) else EXIT_INTERRUPTED) from None
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)
