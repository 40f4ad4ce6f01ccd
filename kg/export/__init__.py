"""Exports of a built graph: N-Triples, JSON-LD, GraphML and a CSV edge list."""
