"""The small pieces every graph writer shares: the triple sink, paper IRIs, confidence and integer literals."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Protocol

import rdflib.namespace
from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.graph.namespace import KGR
from kg.slugs import slugify

__all__ = ["TripleSink", "confidence_literal", "integer_literal", "paper_iri"]

_THOUSANDTH = Decimal("0.001")
# not ``from rdflib import XSD``: that global warns under pytest's doctest collector
_XSD_DECIMAL = rdflib.namespace.XSD.decimal
_XSD_INTEGER = rdflib.namespace.XSD.integer


class TripleSink(Protocol):
    """Where triples go: an rdflib ``Graph``, or anything else with ``add``."""

    def add(self, triple: tuple[Node, Node, Node], /) -> object:
        """Take one triple."""


def paper_iri(paper_id: str, base: str = str(KGR)) -> URIRef:
    """Return the IRI of the paper with input id ``paper_id``.

    Examples
    --------
    >>> str(paper_iri("2403.01234v2"))
    'https://w3id.org/paperkg/resource/paper/2403.01234v2'
    """
    return URIRef(f"{base}paper/{slugify(paper_id)}")


@lru_cache(maxsize=4096)  # literals are immutable, and a graph has few distinct confidences
def confidence_literal(value: float) -> Literal:
    """Return ``value`` as an ``xsd:decimal`` with exactly three decimal places."""
    return Literal(Decimal(repr(float(value))).quantize(_THOUSANDTH), datatype=_XSD_DECIMAL)


@lru_cache(maxsize=8192)  # mention offsets repeat across papers
def integer_literal(value: int) -> Literal:
    """Return ``value`` as an ``xsd:integer``.

    >>> integer_literal(12).n3()
    '"12"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    return Literal(value, datatype=_XSD_INTEGER)
