"""The prefixes every paperkg graph binds and every query predeclares, as plain strings.

Kept free of rdflib so that ``kg query --store`` and ``kg serve --store``
start fast; :mod:`kg.graph.namespace` builds the ontology's terms on these
namespaces and re-exports :data:`PREFIXES`.

>>> PREFIXES["kgr"]
'https://w3id.org/paperkg/resource/'
"""

from __future__ import annotations

__all__ = ["PREFIXES"]

PREFIXES: dict[str, str] = {
    "kg": "https://w3id.org/paperkg/ontology#",
    "kgr": "https://w3id.org/paperkg/resource/",
    "kgl": "https://w3id.org/paperkg/lexicon/",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "mls": "http://www.w3.org/ns/mls#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
"""Prefix → namespace, bound on every graph and predeclared in every query."""
