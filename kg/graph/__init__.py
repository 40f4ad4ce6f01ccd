"""The graph stage: facts → RDF under the paperkg ontology, and the views on it.

The only code that knows ontology IRIs (through :mod:`kg.graph.namespace`).
"""

from __future__ import annotations

from kg.graph.build import facts_to_graph
from kg.graph.nx import to_networkx
from kg.graph.turtle import load_graph, turtle_bytes, write_turtle
from kg.graph.validate import ValidationResult, validate

__all__ = [
    "ValidationResult",
    "facts_to_graph",
    "load_graph",
    "to_networkx",
    "turtle_bytes",
    "validate",
    "write_turtle",
]
