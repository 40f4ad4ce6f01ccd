"""JSON-LD of a graph too large for memory, written node by node from triples grouped by subject.

The bytes are those of :func:`kg.export.writers.jsonld_bytes` for the same
triples (``tests/test_jsonld_stream.py`` compares the two): the paperkg
prefixes in ``@context``, one node object per subject, sorted by ``@id``,
properties and values sorted, indented as ``json.dumps(..., indent=1)``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from json.encoder import encode_basestring
from pathlib import Path

from rdflib import RDF, Literal, URIRef
from rdflib.term import Node

from kg.atomic import writing
from kg.errors import GraphError
from kg.export.writers import _compact, _sort_key
from kg.graph.namespace import PREFIXES

__all__ = ["JsonLdWriter"]


_XSD_STRING = PREFIXES["xsd"] + "string"


@lru_cache(maxsize=1 << 16)
def _short(iri: str) -> str:
    return _compact(iri)


def _json_value(node: URIRef | Literal) -> object:
    """One object as a JSON-LD value, as :func:`kg.export.writers.jsonld_bytes` writes it."""
    if isinstance(node, URIRef):
        return {"@id": _short(str(node))}
    if node.language:
        return {"@value": str(node), "@language": node.language}
    if node.datatype and str(node.datatype) != _XSD_STRING:
        return {"@value": str(node), "@type": _short(str(node.datatype))}
    return str(node)


def _encode(value: object, depth: int) -> str:
    """``json.dumps(value, indent=1, ensure_ascii=False)`` at nesting ``depth``, for str, list and dict (faster).

    Strings go straight to the encoder ``json.dumps`` ends in for them (its C
    version), without a new ``JSONEncoder`` each.
    """
    if isinstance(value, str):
        return encode_basestring(value)
    pad = " " * (depth + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{pad}{encode_basestring(k)}: {_encode(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(pad + _encode(v, depth + 1) for v in value) + "\n" + " " * depth + "]"
    return json.dumps(value, ensure_ascii=False)


def _node_object(triples: Iterable[tuple[URIRef, URIRef, Node]]) -> tuple[str, dict[str, object]] | None:
    """Return the ``@id`` and node object of one subject's triples."""
    props: dict[str, list[object]] = {}
    key = None
    for subject, predicate, obj in triples:
        key = _short(str(subject))
        if predicate == RDF.type and isinstance(obj, URIRef):
            props.setdefault("@type", []).append(_short(str(obj)))
        elif isinstance(obj, URIRef | Literal):
            props.setdefault(_short(str(predicate)), []).append(_json_value(obj))
    if key is None:
        return None
    node: dict[str, object] = {"@id": key}
    for prop in sorted(props):
        values = props[prop]
        node[prop] = sorted(values, key=_sort_key) if len(values) > 1 else values
    return key, node


class JsonLdWriter:
    """Writes node objects to a JSON-LD file, one subject at a time, subjects in ``@id`` order.

    Subjects must come in the order of their compacted ``@id``; for a
    paperkg graph, whose subjects all share the instance base, that is IRI
    order. One out of order is an error rather than a silently unsorted file.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        with writing(self.path, "the export"):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._out = self.path.open("w", encoding="utf-8")
        head = json.dumps({"@context": dict(sorted(PREFIXES.items()))}, indent=1, ensure_ascii=False)
        self._out.write(head[:-2] + ',\n "@graph": [')
        self._last: str | None = None

    def add(self, triples: Iterable[tuple[URIRef, URIRef, Node]]) -> None:
        """Write the node object of one subject's triples.

        Raises
        ------
        GraphError
            When its ``@id`` sorts before the previous one's.
        """
        made = _node_object(triples)
        if made is None:
            return
        key, node = made
        if self._last is not None and key <= self._last:
            raise GraphError(f"{self.path}: node {key} comes after {self._last}; "
                             "fix: give the writer subjects in @id order")
        text = _encode(node, 2)
        self._out.write(("\n  " if self._last is None else ",\n  ") + text)
        self._last = key

    def close(self) -> Path:
        """Finish the file; return its path."""
        self._out.write("]\n}\n" if self._last is None else "\n ]\n}\n")
        self._out.close()
        return self.path
