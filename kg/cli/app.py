"""The ``kg`` command group: a thin layer over the library.

Each command lives in a module of its own under :mod:`kg.cli`, parses its
options, calls one library function, prints, and turns a
:class:`kg.errors.KgError` into a one-line message and exit status 1. A
closed pipe, Ctrl+C and SIGTERM end a command quietly with status 141, 130
and 143 (:mod:`kg.exits`).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

import click

from kg.exits import quiet_exits

__all__ = ["cli", "main"]


class _LazyGroup(click.Group):
    """A command group that imports a command's module only when that command is needed.

    ``kg query`` then loads neither networkx (``kg view``) nor the other
    commands' modules; ``kg --help`` still lists every command with its help.
    """

    def __init__(self, *args: Any, lazy: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy  # command name → "module:attribute"

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            module, _, attribute = self.lazy[cmd_name].partition(":")
            self.add_command(getattr(import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        """Parse the arguments; ``kg --help`` into a closed pipe ends quietly too."""
        with quiet_exits():
            return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a closed pipe, Ctrl+C or SIGTERM ends it quietly (see :mod:`kg.exits`)."""
        with quiet_exits():
            return super().invoke(ctx)


_LAZY_COMMANDS = {
    "add": "kg.cli.update:add",
    "analyze": "kg.cli.analyze:analyze",
    "build": "kg.cli.build:build",
    "eval": "kg.cli.evaluate:evaluate",
    "explain": "kg.cli.evaluate:explain",
    "export": "kg.cli.export:export",
    "leaderboard": "kg.cli.query:leaderboard",
    "query": "kg.cli.query:query",
    "remove": "kg.cli.update:remove",
    "rules": "kg.cli.evaluate:rules",
    "serve": "kg.cli.serve:serve",
    "store": "kg.cli.export:store",
    "train": "kg.cli.train:train",
    "validate": "kg.cli.build:validate",
    "view": "kg.cli.view:view",
}


@click.group(cls=_LazyGroup, lazy=_LAZY_COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="paperkg")
def cli() -> None:
    """paperkg: build a knowledge graph of ML papers and query it."""


def main() -> None:
    """Entry point of the ``kg`` console script; ends quietly on a closed pipe, Ctrl+C or SIGTERM."""
    with quiet_exits():
        cli()
