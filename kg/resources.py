"""Find the files bundled under ``ontology/``: the OWL ontology, shapes, lexicon, queries.

An installed paperkg maps ``ontology/`` to the package ``kg.ontology``; a
checkout run with ``PYTHONPATH`` has no such package, so the lookup falls back
to ``<repo root>/ontology/``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from kg.errors import KgError

__all__ = ["ontology_file"]

_CHECKOUT_ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"


def _packaged(name: str) -> Path | None:
    """Return the installed ``kg.ontology`` file ``name`` when it exists on disk."""
    try:
        root = resources.files("kg.ontology")
    except (ModuleNotFoundError, TypeError):
        return None
    for part in name.split("/"):  # a namespace package's MultiplexedPath joins one part at a time
        root = root.joinpath(part)
    path = Path(str(root))
    return path if path.exists() else None


def ontology_file(name: str) -> Path:
    """Return the path of a file (or folder) bundled under ``ontology/``.

    Parameters
    ----------
    name : str
        A path relative to ``ontology/``, with ``/`` separators:
        ``"kg.ttl"``, ``"shapes.ttl"``, ``"queries/proposals.rq"``, ``"queries"``.

    Returns
    -------
    Path
        The installed package file when it exists, else the checkout's file.

    Raises
    ------
    KgError
        When neither exists.

    Examples
    --------
    >>> ontology_file("kg.ttl").name
    'kg.ttl'
    """
    found = _packaged(name) or _CHECKOUT_ONTOLOGY.joinpath(*name.split("/"))
    if not found.exists():
        raise KgError(
            f"ontology file {name!r} not found (looked in the installed package kg.ontology "
            f"and in {_CHECKOUT_ONTOLOGY}); fix: reinstall paperkg or run from a full checkout"
        )
    return found
