"""paperkg: a knowledge graph of the methods, models, tasks and datasets in ML papers.

The public API, for scripts and notebooks::

    import kg
    papers = kg.read_papers("papers.jsonl")
    graph = kg.build(papers)          # rdflib.Graph under the paperkg ontology
    view = kg.to_networkx(graph)      # networkx.MultiDiGraph with plain attributes
    kgraph = kg.load("graph.ttl")     # .rdf, .nx and projections, for analysis

Nothing heavy is imported until a name is first used.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = [
    "AnalysisError",
    "Entity",
    "Extraction",
    "Facts",
    "GraphError",
    "InputError",
    "KgError",
    "Link",
    "Mention",
    "Paper",
    "QueryError",
    "build",
    "build_facts",
    "load",
    "load_graph",
    "read_papers",
    "run_query",
    "to_networkx",
    "validate",
    "write_html",
    "write_turtle",
]

_HOMES = {
    "Entity": "kg.records",
    "Extraction": "kg.records",
    "Facts": "kg.records",
    "Link": "kg.records",
    "Mention": "kg.records",
    "Paper": "kg.records",
    "AnalysisError": "kg.errors",
    "GraphError": "kg.errors",
    "InputError": "kg.errors",
    "KgError": "kg.errors",
    "QueryError": "kg.errors",
    "build": "kg.builder.facts",
    "build_facts": "kg.builder.facts",
    "load": "kg.analysis",
    "load_graph": "kg.graph",
    "read_papers": "kg.ingest",
    "run_query": "kg.sparql.query",
    "to_networkx": "kg.graph",
    "validate": "kg.graph",
    "write_html": "kg.viewer.page",
    "write_turtle": "kg.graph",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
