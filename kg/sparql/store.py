"""Oxigraph stores of a paperkg graph: in memory from an RDF file, or on disk.

`Oxigraph <https://github.com/oxigraph/oxigraph>`_ (``pyoxigraph``) answers
SPARQL one to two orders of magnitude faster than rdflib's memory store and
keeps large graphs on disk (RocksDB). ``kg query`` and ``kg serve`` run their
queries here; the rdflib graph remains the API of the build.

An on-disk store is a folder made by :func:`create_store`; :func:`open_store`
reopens it read-only, so that any number of processes can query it at once
without parsing Turtle again.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.atomic import staged
from kg.errors import GraphError

__all__ = ["check_store_target", "create_store", "load_store", "open_store", "rdf_format"]


def rdf_format(path: str | Path) -> ox.RdfFormat:
    """Return the RDF format of a file from its extension (Turtle when unknown).

    Examples
    --------
    >>> rdf_format("graph.nt").name, rdf_format("graph.jsonld").name, rdf_format("graph").name
    ('N-Triples', 'JSON-LD', 'Turtle')
    """
    suffix = Path(path).suffix.lstrip(".").lower()
    return (ox.RdfFormat.from_extension(suffix) if suffix else None) or ox.RdfFormat.TURTLE


def _parse_into(store: ox.Store, source: Path, *, bulk: bool) -> None:
    """Load the RDF file ``source`` into ``store``, turning failures into :class:`GraphError`."""
    if not source.is_file():
        raise GraphError(f"{source}: no such graph file; fix: build one with `kg build` or check the path")
    fmt = rdf_format(source)
    try:
        if bulk:
            store.bulk_load(path=source, format=fmt)
        else:
            store.load(path=source, format=fmt)
    except (SyntaxError, ValueError, OSError) as err:
        detail = " ".join(str(err).split()) or type(err).__name__
        raise GraphError(
            f"{source}: cannot parse as {fmt.name}: {detail}; "
            "fix the file at the reported position, or rebuild it with `kg build`"
        ) from err


def load_store(path: str | Path) -> ox.Store:
    """Parse the RDF file at ``path`` into a new in-memory Oxigraph store.

    The format comes from the extension (``.ttl``, ``.nt``, ``.jsonld``,
    ``.rdf``, …; Turtle when there is none).

    Raises
    ------
    GraphError
        When the file is missing or cannot be parsed.
    """
    store = ox.Store()
    _parse_into(store, Path(path), bulk=False)
    return store


def check_store_target(directory: str | Path) -> Path:
    """Return ``directory`` as a Path if a store may be written there: a new or empty folder, or a store.

    Raises
    ------
    GraphError
        When it is a file, or a folder holding something other than a store.
    """
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise GraphError(f"{target}: is a file; fix: give a folder for the store")
    if target.is_dir() and any(target.iterdir()) and not (target / "CURRENT").is_file():
        raise GraphError(
            f"{target}: folder is not empty and holds no Oxigraph store; "
            "fix: give a new folder, or one made by `kg build --store`"
        )
    return target


def create_store(source: str | Path, directory: str | Path) -> Path:
    """Load the RDF file ``source`` into an on-disk store at ``directory``; return the folder.

    The store is built in a temporary folder and replaces an existing store
    at ``directory`` whole when complete, so that rebuilding replaces the
    graph instead of merging into it, and a failed load leaves the old store. The load streams the file
    (Oxigraph's bulk loader), so graphs larger than memory fit.

    Raises
    ------
    GraphError
        When ``source`` cannot be parsed, or ``directory`` is a file or a
        folder that holds something other than a store.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "g.nt").write_text('<urn:x:a> <urn:x:p> "1" .\\n')
    >>> len(open_store(create_store(folder / "g.nt", folder / "store")))
    1
    """
    target = check_store_target(directory)
    with staged() as stage:  # built beside the old store, which it replaces whole when complete
        try:
            store = ox.Store(str(stage.path(target)))
        except OSError as err:
            raise GraphError(f"{target}: cannot open the store for writing ({err}); fix: close other "
                             "programs using it (`kg serve`) or choose another folder") from err
        _parse_into(store, Path(source), bulk=True)
        store.optimize()
        store.flush()
        del store  # release RocksDB's lock, so that read-only opens see the final state
    return target


def open_store(directory: str | Path) -> ox.Store:
    """Open the on-disk store at ``directory`` read-only.

    Raises
    ------
    GraphError
        When there is no store there.
    """
    folder = Path(directory)
    if not (folder / "CURRENT").is_file():
        raise GraphError(
            f"{folder}: no Oxigraph store here; fix: make one with `kg build --store {folder}` "
            f"or `kg store GRAPH {folder}`"
        )
    try:
        return ox.Store.read_only(str(folder))
    except OSError as err:
        raise GraphError(f"{folder}: cannot open the store ({' '.join(str(err).split())}); "
                         "fix: rebuild it with `kg build --store`") from err
