"""What every ``kg`` command shares: default paths, input formats, and clean error reporting."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from kg.errors import InputWarning, KgError

__all__ = ["DEFAULT_GRAPH", "DEFAULT_OUT", "FORMATS", "clean_errors"]

DEFAULT_OUT = Path("outputs")
DEFAULT_GRAPH = DEFAULT_OUT / "graph.ttl"
FORMATS = ("bibtex", "csv", "json", "jsonl", "trending")


def _show_warning(message: Warning | str, category: type[Warning], *args: object, **kwargs: object) -> None:
    """Print a warning as one line, ``warning: …``, on stderr."""
    click.echo(f"warning: {message}", err=True)


@contextmanager
def clean_errors() -> Iterator[None]:
    """Report a paperkg error as ``error: …`` on stderr and exit with its status (1, or 130/143 when interrupted), without a traceback; warnings as ``warning: …``."""
    with warnings.catch_warnings():
        warnings.simplefilter("always", InputWarning)
        warnings.showwarning = _show_warning
        try:
            yield
        except KgError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(err.exit_status)
