"""Validate a graph in Oxigraph with the SPARQL form of the shapes (:mod:`kg.graph.shapes_sparql`).

:func:`validate_store` checks a whole store. A streaming build checks each
batch of papers on its own (:class:`BatchValidator`): every triple of a
paper or mention is in its paper's batch, and the entities' types are added
to each batch, so the paper, mention, result and claim shapes see all they look at; the
entity shapes run once, on the entities. A batch gets the types of the
entities its lines name and no others, so checking it costs the same with a
hundred entities in the graph or a million. A claim and the relation it backs
are written with the claim's paper, so they are checked per batch too. The
whole-graph shapes (a metric, which the results of many papers name) run
once at the end, on the lines about metrics kept from every batch.

With ``workers``, batches are checked in forked worker processes while the
build goes on writing the next ones; at most two batches a worker wait their
turn, so memory holds a few batches whatever the size of the corpus.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pyoxigraph as ox

from kg.errors import GraphError
from kg.exits import default_sigterm
from kg.graph.shapes_sparql import ShapeQuery, shape_queries
from kg.graph.validate import ValidationResult

__all__ = ["BatchValidator", "validate_store"]

_SHOWN = 20
_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_METRIC = b"<https://w3id.org/paperkg/ontology#Metric>"


def _term(term: object) -> str:
    return str(term) if term is not None else ""


def _iris(line: bytes) -> tuple[bytes, ...]:
    """The subject and, when it is an IRI, the object of an N-Triples line.

    >>> _iris(b'<urn:a> <urn:p> <urn:b> .'), _iris(b'<urn:a> <urn:p> "b" .')
    ((b'<urn:a>', b'<urn:b>'), (b'<urn:a>',))
    """
    subject, _, rest = line.split(b" ", 2)
    return (subject, rest[:-2]) if rest.startswith(b"<") else (subject,)


def _violations(store: ox.Store, queries: Iterable[ShapeQuery]) -> set[tuple[str, str, str, str]]:
    """(shape, constraint, focus, value) of every violation of ``queries`` in ``store``."""
    found = set()
    for query in queries:
        for row in store.query(query.sparql):
            found.add((query.shape, query.constraint, _term(row["this"]), _term(row["value"])))
    return found


def _load(data: bytes) -> ox.Store:
    store = ox.Store()
    store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES)
    return store


def _check_batch(data: bytes) -> set[tuple[str, str, str, str]]:
    """The violations of the per-batch shapes in one batch's N-Triples."""
    return _violations(_load(data), (q for q in shape_queries() if not q.entities and not q.whole_graph))


def _result(found: set[tuple[str, str, str, str]]) -> ValidationResult:
    messages = {(q.shape, q.constraint): q.message for q in shape_queries()}
    lines = [f"{focus}: {messages[shape, constraint] or constraint} ({constraint}, value {value})"
             for shape, constraint, focus, value in sorted(found)]
    more = len(lines) - _SHOWN
    text = "\n".join(lines[:_SHOWN] + ([f"… and {more} more"] if more > 0 else []))
    return ValidationResult(conforms=not found, text=text, violations=len(found))


def validate_store(store: ox.Store) -> ValidationResult:
    """Check every triple in ``store`` against the paperkg shapes.

    Examples
    --------
    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("urn:x:p"), ox.NamedNode(_TYPE.decode()[1:-1]),
    ...               ox.NamedNode("https://w3id.org/paperkg/ontology#Paper")))
    >>> result = validate_store(s)
    >>> result.conforms, result.violations
    (False, 2)
    """
    return _result(_violations(store, shape_queries()))


class BatchValidator:
    """Checks a graph batch by batch: :meth:`entities` once, :meth:`batch` for each batch of paper lines, :meth:`result`.

    ``workers`` > 1 checks batches in that many forked processes (where the
    platform forks); :meth:`batch` and :meth:`wait` say how many papers'
    checks have finished. Use it as a context manager, so that the workers
    end with the build.
    """

    def __init__(self, workers: int = 1) -> None:
        self._types: dict[bytes, list[bytes]] = {}
        self._found: set[tuple[str, str, str, str]] = set()
        self._whole: set[bytes] = set()
        forks = workers > 1 and "fork" in multiprocessing.get_all_start_methods()
        self._workers = workers if forks else 0
        self._pool: ProcessPoolExecutor | None = None
        self._pending: deque[tuple[Future[set[tuple[str, str, str, str]]], int]] = deque()

    def __enter__(self) -> BatchValidator:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _keep(self, lines: list[bytes]) -> None:
        """Keep the lines the whole-graph shapes read: those about a metric."""
        split = [line.split(b" ", 2) for line in lines]
        metrics = {subject for subject, predicate, rest in split if predicate == _TYPE and rest[:-2] == _METRIC}
        self._whole.update(line for line, (subject, _, _) in zip(lines, split) if subject in metrics)

    def entities(self, lines: list[bytes]) -> None:
        """Check the entities' N-Triples lines, and keep their types for the batches."""
        for line in lines:
            subject, predicate, _ = line.split(b" ", 2)
            if predicate == _TYPE:
                self._types.setdefault(subject, []).append(line)
        self._found |= _violations(_load(b"\n".join(lines)), (q for q in shape_queries() if q.entities))
        self._keep(lines)

    def _collect(self) -> int:
        """Wait for the oldest batch in the workers; return its number of papers."""
        future, papers = self._pending.popleft()
        try:
            self._found |= future.result()
        except BrokenProcessPool as err:
            raise GraphError("a validation process ended before its batch was checked (out of memory?); "
                             "fix: build with fewer processes (-j) or a smaller --batch-size") from err
        return papers

    def batch(self, lines: list[bytes], papers: int = 0) -> int:
        """Check one batch of ``papers`` papers' lines (with the types of the entities they name).

        Returns the number of papers whose check has finished since the last call.
        """
        named = {term for line in lines for term in _iris(line)}
        types = [line for term in sorted(named & self._types.keys()) for line in self._types[term]]
        data = b"\n".join(lines + types) + b"\n"
        self._keep(lines)
        if not self._workers:
            self._found |= _check_batch(data)
            return papers
        if self._pool is None:  # forked now, so that the workers know the shapes
            shape_queries()
            self._pool = ProcessPoolExecutor(self._workers, multiprocessing.get_context("fork"),
                                             initializer=default_sigterm)
        self._pending.append((self._pool.submit(_check_batch, data), papers))
        done = 0
        while len(self._pending) > 2 * self._workers or (self._pending and self._pending[0][0].done()):
            done += self._collect()
        return done

    def wait(self) -> int:
        """Wait for every batch still in the workers; return their number of papers."""
        done = 0
        while self._pending:
            done += self._collect()
        return done

    def result(self) -> ValidationResult:
        """The verdict on everything checked so far, with the whole-graph shapes checked now."""
        self.wait()
        store = _load(b"\n".join(sorted(self._whole)) + b"\n")
        return _result(self._found | _violations(store, (q for q in shape_queries() if q.whole_graph)))
