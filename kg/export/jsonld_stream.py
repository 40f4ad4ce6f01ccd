"""JSON-LD of a graph too large for memory, written node by node from triples grouped by subject.

The bytes are those of :func:`kg.export.writers.jsonld_bytes` for the same
triples (``tests/test_export.py`` compares the two): the paperkg prefixes in
``@context``, one node object per subject, sorted by ``@id``, properties and
values sorted, indented as ``json.dumps(..., indent=1)``. A subject comes as
its N-Triples lines (:meth:`JsonLdWriter.add_lines`), read by Oxigraph's
parser without making rdflib terms, which would take longer than writing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from json.encoder import encode_basestring
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF

from kg.atomic import writing
from kg.errors import GraphError
from kg.export.writers import _compact, _sort_key
from kg.graph.namespace import PREFIXES

__all__ = ["JsonLdWriter"]


_XSD_STRING = PREFIXES["xsd"] + "string"


@lru_cache(maxsize=1 << 16)
def _short(iri: str) -> str:
    return _compact(iri)


Plain = tuple[str, str, str | None, str | None, str | None, str | None]
"""One triple as strings: subject, predicate, the object's IRI (None for a literal), and a literal's value,
language and datatype IRI."""
_RDF_TYPE = str(RDF.type)


def _plain_lines(lines: list[bytes]) -> Iterator[Plain]:
    for triple in ox.parse(input=b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES):
        obj = triple.object
        if isinstance(obj, ox.NamedNode):
            yield triple.subject.value, triple.predicate.value, obj.value, None, None, None
        elif isinstance(obj, ox.Literal):
            yield triple.subject.value, triple.predicate.value, None, obj.value, obj.language, obj.datatype.value


def _json_value(iri: str | None, value: str | None, language: str | None, datatype: str | None) -> object:
    """One object as a JSON-LD value, as :func:`kg.export.writers.jsonld_bytes` writes it."""
    if iri is not None:
        return {"@id": _short(iri)}
    if language:
        return {"@value": value, "@language": language}
    if datatype and datatype != _XSD_STRING:
        return {"@value": value, "@type": _short(datatype)}
    return value


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


def _node_object(triples: Iterable[Plain]) -> tuple[str, dict[str, object]] | None:
    """Return the ``@id`` and node object of one subject's triples."""
    props: dict[str, list[object]] = {}
    key = None
    for subject, predicate, iri, value, language, datatype in triples:
        key = _short(subject)
        if predicate == _RDF_TYPE and iri is not None:
            props.setdefault("@type", []).append(_short(iri))
        else:
            props.setdefault(_short(predicate), []).append(_json_value(iri, value, language, datatype))
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

    def add_lines(self, lines: list[bytes]) -> None:
        """Write the node object of one subject's N-Triples lines.

        Raises
        ------
        GraphError
            When its ``@id`` sorts before the previous one's.
        """
        self._write(_node_object(_plain_lines(lines)))

    def _write(self, made: tuple[str, dict[str, object]] | None) -> None:
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
