"""The exceptions paperkg raises: one base class, one subclass per kind of failure."""

from __future__ import annotations

__all__ = ["AnalysisError", "GraphError", "InputError", "InputWarning", "KgError", "OutputError", "QueryError",
           "UnknownRuleError", "ViewError"]


class KgError(Exception):
    """Base class of every error paperkg raises on purpose.

    ``exit_status`` is the status a command ends with after reporting it:
    1, or the shell's 130 / 143 for an interruption by Ctrl+C / SIGTERM.
    """

    def __init__(self, *args: object, exit_status: int = 1) -> None:
        super().__init__(*args)
        self.exit_status = exit_status


class InputError(KgError):
    """A record or file that cannot be read.

    The message names where (``path:line``), what is wrong, and how to fix it.

    Examples
    --------
    >>> str(InputError("papers.csv", 3, "missing title", "add a title column value"))
    'papers.csv:3: missing title; add a title column value'
    """

    def __init__(self, path: str, line: int | None, problem: str, fix: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        self.fix = fix
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}; {fix}")


class InputWarning(UserWarning):
    """Input that is read, but not all of it: columns or fields that are not paperkg fields and are ignored.

    The message names where (``path:line``), what is ignored, and how to use it.
    """


class GraphError(KgError):
    """A graph that cannot be loaded, or that does not conform to the shapes."""


class OutputError(KgError):
    """A set of outputs that could not be written whole; the previous outputs are left as they were."""


class QueryError(KgError):
    """A SPARQL query that cannot be parsed or run."""


class AnalysisError(KgError):
    """An analysis that cannot run: an unknown node name or type, or an unwritable report folder."""


class UnknownRuleError(KgError):
    """An extraction rule name the rule registry does not know; the message lists the valid ones."""


class ViewError(KgError):
    """A view of the graph that cannot be made: an unknown or ambiguous node name, or a bad limit."""
