"""Write every output of a streaming build into its folder, from the sorted N-Triples runs.

One function, :func:`write_outputs`, writes them all (so that it can be
wrapped, e.g. to write into a temporary folder and move the files in):
``graph.nt`` (lines merged in byte order), ``graph.ttl`` and
``graph.jsonld`` (subjects merged in IRI order, one at a time), the views
(``graph.graphml``, ``edges.csv`` and ``graph.html``, by
:func:`kg.builder.views.write_views`), the extraction cache, and the
Oxigraph store when one was asked for.

The files are written from the N-Triples the store was loaded from rather
than dumped from the store: Oxigraph canonicalises decimal literals ("0.900"
becomes "0.9"), which would change the bytes. Where processes can be forked,
``graph.nt`` and ``graph.ttl`` are written by one child process and
``graph.jsonld`` by another while this one writes the views, each from the
same sorted runs.
"""

from __future__ import annotations

import multiprocessing
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.atomic import staged, writing
from kg.builder.runs import Runs, by_subject
from kg.builder.views import write_views
from kg.errors import GraphError
from kg.exits import default_sigterm
from kg.graph.namespace import KGR
from kg.graph.ntriples import subject_key
from kg.graph.turtle_stream import TurtleWriter, rdflib_terms

__all__ = ["write_outputs"]


def _write_ntriples(runs: Runs, path: Path) -> int:
    """Write the sorted distinct lines to ``path``; return how many."""
    count = 0
    with writing(path, "the export"), path.open("wb") as out:
        for line in runs.merged():
            out.write(line + b"\n")
            count += 1
    return count


def _subjects(runs: Runs) -> Iterator[tuple[bytes, list[bytes]]]:
    return by_subject(runs.merged(subject_key, "subject"))


def _write_turtle(runs: Runs, nt: Path, ttl: Path) -> int:
    """Write ``graph.nt`` and ``graph.ttl`` from the runs; return the number of triples."""
    triples = _write_ntriples(runs, nt)
    turtle, uris = TurtleWriter(ttl), {}
    for _, lines in _subjects(runs):
        turtle.add(rdflib_terms(lines, uris))
    turtle.close()
    return triples


def _write_jsonld(runs: Runs, jsonld: Path) -> int:
    """Write ``graph.jsonld`` from the runs; return the number of subjects."""
    from kg.export.jsonld_stream import JsonLdWriter

    json_ld, subjects = JsonLdWriter(jsonld), 0
    for _, lines in _subjects(runs):
        json_ld.add_lines(lines)
        subjects += 1
    json_ld.close()
    return subjects


def _child(work: Callable[[], int], sender) -> None:  # type: ignore[no-untyped-def]  # a multiprocessing Connection
    default_sigterm()  # the parent stops this process with SIGTERM when it is no longer needed
    try:
        sender.send(("ok", work()))
    except BaseException as err:  # noqa: BLE001 -- every failure goes back to the parent as one message
        sender.send(("error", " ".join(str(err).split()) or type(err).__name__))


@contextmanager
def _in_background(work: Callable[[], int], files: str) -> Iterator[Callable[[], int]]:
    """Run ``work``, which writes ``files``, in a forked process when possible (else now); yield a function giving its result.

    The process is stopped, if it still runs, when the block ends.

    Raises
    ------
    GraphError
        From the yielded function, when the work failed in the child.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        result = work()
        yield lambda: result
        return
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(work, sender), daemon=True)
    process.start()
    sender.close()

    def finish() -> int:
        try:
            status, value = receiver.recv()
        except EOFError:
            status, value = "error", f"the writing process ended with status {process.exitcode}"
        finally:
            process.join()
            receiver.close()
        if status != "ok":
            raise GraphError(f"writing {files} failed ({value}); "
                             "fix: free disk space or raise the file-size limit")
        return int(value)

    try:
        yield finish
    finally:
        if process.is_alive():
            process.terminate()
        process.join()


def write_outputs(runs: Runs, cache: Path, out: Path, *, store: Path | None = None,
                  built_store: Path | None = None, base: str = str(KGR)) -> tuple[list[Path], int]:
    """Write every output of a build into ``out``; return the paths written and the number of triples.

    ``cache`` is the extraction cache to keep beside the graph; ``built_store``
    the store loaded during the build, moved to ``store`` when given.

    Raises
    ------
    GraphError, ViewError
        When a file cannot be written.
    """
    from kg.builder.cache import CACHE_NAME

    with staged() as stage:  # every file moves into place together, once all are written
        runs.sort(subject_key, "subject")  # once, before both processes read the sorted copies
        paths = stage.path(out / "graph.nt"), stage.path(out / "graph.ttl"), stage.path(out / "graph.jsonld")
        with _in_background(lambda: _write_turtle(runs, *paths[:2]), "graph.nt and graph.ttl") as rdf, \
                _in_background(lambda: _write_jsonld(runs, paths[2]), "graph.jsonld") as jsonld:
            views = write_views(_subjects(runs), _subjects(runs), out, base)
            triples = rdf()
            jsonld()
        written = [out / "graph.ttl", out / "graph.nt", out / "graph.jsonld", *views]
        if cache.resolve() != (out / CACHE_NAME).resolve():
            shutil.copyfile(cache, stage.path(out / CACHE_NAME))
        written.append(out / CACHE_NAME)
        if store is not None and built_store is not None:
            shutil.move(str(built_store), str(stage.path(store)))  # replaces the old store whole
    return written, triples
