"""The ``kg`` command line: one module per command group, each a thin layer over the library."""

from kg.cli.app import cli, main

__all__ = ["cli", "main"]
