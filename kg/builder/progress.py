"""Progress of a build on stderr: one bar per stage (read, extract, resolve, write, validate), with counts and ETA."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

__all__ = ["STAGES", "Bar", "Stages"]

STAGES = ("read", "extract", "resolve", "write", "validate")
"""The stages of a build, in order; each gets a bar and a time."""


class Bar:
    """One stage's bar: :meth:`advance` it, and time the work with :meth:`timing`."""

    def __init__(self, progress: Progress, name: str, total: int | None, seconds: dict[str, float]) -> None:
        self.name = name
        self._progress = progress
        self._task = progress.add_task(name, total=total)
        self._seconds = seconds
        seconds.setdefault(name, 0.0)

    def advance(self, n: int = 1) -> None:
        """Count ``n`` more items done."""
        self._progress.advance(self._task, n)

    @contextmanager
    def timing(self) -> Iterator[None]:
        """Add the block's wall time to the stage's."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self._seconds[self.name] += time.perf_counter() - started

    def hide(self) -> None:
        """Take the bar off the screen."""
        self._progress.update(self._task, visible=False)


class Stages:
    """Bars and wall times of the stages of one build; bars only on a terminal, none when ``console`` is quiet."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.seconds: dict[str, float] = {}
        self._progress = Progress(TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(),
                                  TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
                                  console=console, transient=True,
                                  disable=console.quiet or not console.is_terminal)

    def __enter__(self) -> Stages:
        self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(*exc)  # type: ignore[arg-type]

    def bar(self, name: str, total: int | None) -> Bar:
        """A bar for stage ``name``, for work done in several pieces (time them with :meth:`Bar.timing`)."""
        return Bar(self._progress, name, total, self.seconds)

    @contextmanager
    def stage(self, name: str, total: int | None) -> Iterator[Callable[[int], None]]:
        """Show the bar of stage ``name`` while the block runs, timing it; yield a function that advances it by n."""
        bar = self.bar(name, total)
        try:
            with bar.timing():
                yield bar.advance
        finally:
            bar.hide()
