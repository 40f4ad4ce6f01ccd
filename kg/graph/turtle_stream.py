"""Turtle of a graph too large for an rdflib graph: written subject by subject from sorted N-Triples.

The bytes are those :class:`~kg.graph.turtle.SortedTurtleSerializer` writes
for the same triples (``tests/test_turtle_stream.py`` compares the two):
each subject's block is laid out as rdflib lays it out (``rdf:type`` as
``a`` first, then ``rdfs:label``, then the other predicates sorted; objects
sorted as rdflib sorts terms), and every name and literal is written by
rdflib itself (the serializer's ``get_pname``, ``Literal._literal_n3``).
Only the graph-wide machinery is left out: rdflib would hold every triple
in memory, and at about 70 µs a triple it writes 1.8 million triples in two
minutes. Graphs here have no blank nodes, so there is nothing to nest.

rdflib's namespace manager files the namespace of every IRI it names in a
trie whose levels it searches one key at a time, and caches every name: each
paper's mention, result and claim IRIs add a namespace, so over 10^5 papers
each name cost more than the last. The writer resets the manager (its bound
and generated prefixes stay) every ``forget_every`` subjects; the names do
not depend on what it has seen, so the bytes are the same
(``tests/test_turtle.py`` compares them).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from kg.atomic import writing
from kg.graph.build import bind_prefixes
from kg.graph.turtle import SortedTurtleSerializer, turtle_bytes

__all__ = ["TurtleWriter", "rdflib_terms"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_FIRST = (RDF.type, RDFS.label)
_INDENT = "    "
_MAX_URIS = 100_000


def rdflib_terms(lines: list[bytes], uris: dict | None = None) -> list[tuple[URIRef, URIRef, Node]]:
    """Parse N-Triples lines (Oxigraph's parser) into rdflib triples; plain strings become plain literals.

    ``uris`` caches the IRIs and literals made, across calls (rdflib parses a
    typed literal's value each time one is made); past :data:`_MAX_URIS`
    entries it is emptied, since most name one paper's nodes and are not seen
    again.

    >>> rdflib_terms([b'<urn:x:a> <urn:x:p> "1" .'])
    [(rdflib.term.URIRef('urn:x:a'), rdflib.term.URIRef('urn:x:p'), rdflib.term.Literal('1'))]
    """
    uris = {} if uris is None else uris
    if len(uris) > _MAX_URIS:
        uris.clear()

    def uri(value: str) -> URIRef:
        found = uris.get(value)
        if found is None:
            found = uris[value] = URIRef(value)
        return found

    def literal(value: str, language: str | None, datatype: str) -> Literal:
        key = (value, language, datatype)
        found = uris.get(key)
        if found is None:
            if language:
                found = Literal(value, lang=language)
            elif datatype == _XSD_STRING:
                found = Literal(value)
            else:
                found = Literal(value, datatype=uri(datatype))
            uris[key] = found
        return found

    triples = []
    for triple in ox.parse(input=b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES):
        obj = triple.object
        if isinstance(obj, ox.Literal):
            term: Node = literal(obj.value, obj.language, obj.datatype.value)
        else:
            term = uri(obj.value)
        triples.append((uri(triple.subject.value), uri(triple.predicate.value), term))
    return triples


class TurtleWriter:
    """Writes subjects in IRI order to a Turtle file, the prefix lines added when it is closed."""

    def __init__(self, path: str | Path, forget_every: int = 1000) -> None:
        self.path = Path(path)
        self._forget_every = forget_every
        self._body_path = self.path.with_name(self.path.name + ".body")
        with writing(self.path, "the graph"):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._body = self._body_path.open("w", encoding="utf-8")
        self._serializer = SortedTurtleSerializer(bind_prefixes(Graph()))
        self._serializer.reset()
        self._names: dict[tuple[Node, bool], str] = {}
        self._literals: dict[Literal, str] = {}
        self._uris: dict[str, URIRef] = {}
        self.subjects = 0

    def _name(self, node: Node, verb: bool) -> str:
        found = self._names.get((node, verb))
        if found is None:
            if verb and node == RDF.type:
                found = "a"
            else:
                found = self._serializer.get_pname(node, gen_prefix=verb) or node.n3()
            self._names[node, verb] = found
        return found

    def _label(self, node: Node) -> str:
        if not isinstance(node, Literal):
            return self._name(node, False)
        found = self._literals.get(node) if node.datatype else None
        if found is None:
            if node.datatype:
                self._name(node.datatype, False)  # rdflib declares the datatype's prefix even when unused
            found = node._literal_n3(use_plain=True, qname_callback=lambda dt: self._name(dt, False))
            if node.datatype:
                self._literals[node] = found
        return found

    def add(self, triples: Iterable[tuple[URIRef, URIRef, Node]]) -> None:
        """Write one subject's block; ``triples`` all share the subject, which follows the last one written."""
        properties: dict[URIRef, list[Node]] = {}
        subject = None
        for subject, predicate, obj in triples:
            properties.setdefault(predicate, []).append(obj)
        if subject is None:
            return
        for objects in properties.values():
            objects.sort()
        order = [p for p in _FIRST if p in properties] + sorted(p for p in properties if p not in _FIRST)
        parts = ["\n", self._name(subject, False)]
        for number, predicate in enumerate(order):
            parts.append(" " if number == 0 else f" ;\n{_INDENT}")
            parts.append(self._name(predicate, True))
            objects = properties[predicate]
            parts.append(" " + self._label(objects[0]))
            for obj in objects[1:]:
                parts.append(f",\n{_INDENT * 2}{self._label(obj)}")
        parts.append(" .\n")
        self._body.write("".join(parts))
        self.subjects += 1
        if self.subjects % self._forget_every == 0:
            self._forget()

    def _forget(self) -> None:
        """Drop the names seen so far, rdflib's and this writer's; keep the prefixes."""
        self._serializer.store.namespace_manager.reset()
        self._names.clear()
        self._literals.clear()
        self._uris.clear()

    def add_lines(self, lines: list[bytes]) -> None:
        """Write one subject's block from its N-Triples lines."""
        self.add(rdflib_terms(lines, self._uris))

    def close(self) -> Path:
        """Finish the file (prefix lines, then the blocks); return its path."""
        self._body.close()
        try:
            with writing(self.path, "the graph"):
                if self.subjects == 0:
                    self.path.write_bytes(turtle_bytes(bind_prefixes(Graph())))
                else:
                    header = "".join(f"@prefix {prefix}: <{uri}> .\n"
                                     for prefix, uri in sorted(self._serializer.namespaces.items()))
                    with self.path.open("wb") as out, self._body_path.open("rb") as body:
                        out.write(header.encode("utf-8"))
                        while chunk := body.read(1 << 20):
                            out.write(chunk)
                        out.write(b"\n")
        finally:
            self._body_path.unlink(missing_ok=True)
        return self.path
