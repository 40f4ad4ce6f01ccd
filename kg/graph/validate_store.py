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
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

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
    """Checks a graph batch by batch: :meth:`entities` once, then :meth:`batch` for each batch of paper lines."""

    def __init__(self) -> None:
        self._types: dict[bytes, list[bytes]] = {}
        self._found: set[tuple[str, str, str, str]] = set()
        self._whole: set[bytes] = set()

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
        self._found |= _violations(self._load(b"\n".join(lines)), (q for q in shape_queries() if q.entities))
        self._keep(lines)

    def _load(self, data: bytes) -> ox.Store:
        store = ox.Store()
        store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES)
        return store

    def batch(self, lines: list[bytes]) -> None:
        """Check one batch of papers' lines (with the types of the entities they name)."""
        named = {term for line in lines for term in _iris(line)}
        types = [line for term in sorted(named & self._types.keys()) for line in self._types[term]]
        store = self._load(b"\n".join(lines + types) + b"\n")
        self._found |= _violations(store, (q for q in shape_queries() if not q.entities and not q.whole_graph))
        self._keep(lines)

    def result(self) -> ValidationResult:
        """The verdict on everything checked so far, with the whole-graph shapes checked now."""
        store = self._load(b"\n".join(sorted(self._whole)) + b"\n")
        return _result(self._found | _violations(store, (q for q in shape_queries() if q.whole_graph)))
