"""Check a graph against the SHACL shapes in ``ontology/shapes.ttl``.

The ontology (``ontology/kg.ttl``) is mixed into a copy of the data graph
(pyshacl's ``ont_graph``, no inference), so that ``sh:class kg:Entity``
accepts the four entity classes through their ``rdfs:subClassOf`` triples.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyshacl
from rdflib import RDF, Graph
from rdflib.namespace import SH

from kg.errors import GraphError
from kg.resources import ontology_file

__all__ = ["ValidationResult", "validate"]


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of :func:`validate`.

    ``text`` is pyshacl's report, one block per violation with its
    ``sh:message``; ``violations`` counts results of severity ``sh:Violation``.
    """

    conforms: bool
    text: str
    violations: int


@lru_cache(maxsize=None)
def _load(name: str) -> Graph:
    """Parse a bundled Turtle file once (never mutated afterwards)."""
    path = ontology_file(name)
    try:
        return Graph().parse(path, format="turtle")
    except Exception as err:  # rdflib parsers raise many unrelated exception types
        detail = " ".join(str(err).split())
        raise GraphError(f"{path}: cannot parse the bundled file: {detail}; fix: reinstall paperkg") from err


def validate(graph: Graph) -> ValidationResult:
    """Validate ``graph`` against the paperkg shapes.

    Parameters
    ----------
    graph : rdflib.Graph
        A graph built by :func:`~kg.graph.build.facts_to_graph` or loaded from Turtle;
        it is not modified.

    Returns
    -------
    ValidationResult
        Whether it conforms, the readable report and the number of violations.

    Examples
    --------
    >>> from kg.graph.build import facts_to_graph
    >>> from kg.records import Facts, Paper
    >>> validate(facts_to_graph(Facts((Paper(id="p1", title="T"),), (), ()))).conforms
    True
    """
    conforms, report, text = pyshacl.validate(
        graph,
        shacl_graph=_load("shapes.ttl"),
        ont_graph=_load("kg.ttl"),
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
    )
    violations = sum(
        1
        for result in report.subjects(RDF.type, SH.ValidationResult)
        if report.value(result, SH.resultSeverity) == SH.Violation
    )
    return ValidationResult(conforms=bool(conforms), text=str(text), violations=violations)
