"""The SHACL shapes as SPARQL queries, so that a graph in Oxigraph is checked without pyshacl.

Each constraint of ``ontology/shapes.ttl`` becomes one SELECT query whose
rows are its violations (focus node, value): the SHACL Core components the
shapes use (``sh:minCount``, ``sh:maxCount``, ``sh:nodeKind``,
``sh:datatype``, ``sh:class``, ``sh:or`` of classes, ``sh:in``,
``sh:minInclusive``, ``sh:maxInclusive``, ``sh:lessThanOrEquals``,
``sh:equals``) on ``sh:targetClass``, ``sh:targetSubjectsOf`` and
``sh:targetNode`` shapes, and ``sh:sparql`` SELECT constraints as written.
As in :func:`kg.graph.validate.validate`, classes include their subclasses in
``ontology/kg.ttl``. A shape using anything else is an error, never skipped;
pyshacl stays the reference (``tests/test_shapes_sparql.py`` compares verdicts).
A shape marked ``kgsh:wholeGraph true`` gives queries with ``whole_graph`` set,
which a batch validator runs once over what every batch contributes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import GraphError
from kg.graph.validate import _load

__all__ = ["ShapeQuery", "shape_queries"]

_NUMERIC = {"integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger"}
_WHOLE_GRAPH = URIRef("https://w3id.org/paperkg/shapes#wholeGraph")
_KNOWN = {_WHOLE_GRAPH, RDF.type, RDFS.comment, RDFS.label, SH.message, SH.path, SH.property, SH.targetClass,
          SH.targetSubjectsOf, SH.targetNode, SH.sparql, SH.declare, SH.name, SH.description}


@dataclass(frozen=True)
class ShapeQuery:
    """One constraint as a query: its rows (``?this``, ``?value``) are its violations.

    ``entities`` says the shape's targets are entities (checked once on the
    entity triples); the others are about papers, mentions, results and
    claims. ``whole_graph`` says the shape looks across papers (metrics,
    the claims behind a relation), so it is checked once on the whole graph.
    """

    shape: str
    constraint: str
    message: str
    sparql: str
    entities: bool
    whole_graph: bool = False


def _n3(node: Node) -> str:
    return node.n3()


def _subclasses(ontology: Graph, cls: URIRef) -> list[URIRef]:
    """``cls`` and every class below it in the ontology, sorted."""
    found = {cls}
    todo = [cls]
    while todo:
        for sub in ontology.subjects(RDFS.subClassOf, todo.pop()):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                todo.append(sub)
    return sorted(found)


def _typed(var: str, classes: list[URIRef]) -> str:
    """A pattern: ``var`` has one of ``classes`` as rdf:type."""
    return f"{var} a ?t_{var[1:]} . VALUES ?t_{var[1:]} {{ {' '.join(map(_n3, classes))} }}"


def _unsupported(shape: Node, what: Node) -> GraphError:
    return GraphError(f"shape {shape}: {what} is not checked by the SPARQL validator; "
                      "fix: add it to kg.graph.shapes_sparql or validate with pyshacl (`kg validate`)")


def _target(shapes: Graph, shape: Node, ontology: Graph) -> tuple[str, bool]:
    """The pattern binding ``?this`` to each focus node of ``shape``, and whether they are entities."""
    classes = [c for c in shapes.objects(shape, SH.targetClass) if isinstance(c, URIRef)]
    subjects_of = list(shapes.objects(shape, SH.targetSubjectsOf))
    nodes = list(shapes.objects(shape, SH.targetNode))
    if classes:
        every = sorted({sub for cls in classes for sub in _subclasses(ontology, cls)})
        entity_classes = set(_subclasses(ontology, URIRef("https://w3id.org/paperkg/ontology#Entity")))
        return _typed("?this", every), all(c in entity_classes for c in classes)
    if subjects_of:
        return f"?this {_n3(subjects_of[0])} ?any_ .", True
    if nodes:
        return f"VALUES ?this {{ {' '.join(map(_n3, nodes))} }}", False
    raise _unsupported(shape, "a shape without sh:targetClass, sh:targetSubjectsOf or sh:targetNode")


def _value_filters(shapes: Graph, constraint: Node, shape: Node, ontology: Graph,
                   path: Node | None) -> list[tuple[str, str]]:
    """(component, SPARQL pattern over ?this ?value) for each value-level constraint on ``constraint``."""
    found = []
    for predicate, obj in sorted(shapes.predicate_objects(constraint)):
        name = str(predicate).removeprefix(str(SH))
        if predicate in _KNOWN or predicate in (SH.minCount, SH.maxCount, SH.select, SH.prefixes):
            continue
        if predicate == SH.nodeKind:
            test = {SH.Literal: "isLiteral(?value)", SH.IRI: "isIRI(?value)", SH.BlankNode: "isBlank(?value)"}.get(obj)
            if test is None:
                raise _unsupported(shape, f"sh:nodeKind {obj}")
            found.append((name, f"FILTER (!{test})"))
        elif predicate == SH.datatype:
            local = str(obj).rsplit("#", 1)[-1]
            well_formed = " && isNumeric(?value)" if local in _NUMERIC else ""
            found.append((name, f"FILTER (!(isLiteral(?value) && datatype(?value) = {_n3(obj)}{well_formed}))"))
        elif predicate == SH.__getattr__("class"):
            found.append((name, f"FILTER NOT EXISTS {{ {_typed('?value', _subclasses(ontology, obj))} }}"))
        elif predicate == SH["or"]:
            classes: set[URIRef] = set()
            for member in Collection(shapes, obj):
                parts = set(shapes.predicate_objects(member))
                if len(parts) != 1 or next(iter(parts))[0] != SH["class"]:
                    raise _unsupported(shape, "sh:or of anything but sh:class shapes")
                classes.update(_subclasses(ontology, next(iter(parts))[1]))
            found.append((name, f"FILTER NOT EXISTS {{ {_typed('?value', sorted(classes))} }}"))
        elif predicate == SH["in"]:
            allowed = " || ".join(f"sameTerm(?value, {_n3(item)})" for item in Collection(shapes, obj))
            found.append((name, f"FILTER (!({allowed}))"))
        elif predicate in (SH.minInclusive, SH.maxInclusive):
            op = ">=" if predicate == SH.minInclusive else "<="
            found.append((name, f"FILTER (!COALESCE(?value {op} {_n3(obj)}, false))"))
        elif predicate == SH.lessThanOrEquals:
            found.append((name, f"?this {_n3(obj)} ?other_ . FILTER (!COALESCE(?value <= ?other_, false))"))
        elif predicate == SH.equals:
            found.append((name, f"FILTER NOT EXISTS {{ ?this {_n3(obj)} ?value }}"))
            found.append((name, f"__EQUALS_REVERSE__ {_n3(obj)}"))
        else:
            raise _unsupported(shape, predicate.n3())
    return found


def _prefixes(shapes: Graph) -> str:
    lines = []
    for declaration in shapes.objects(None, SH.declare):
        prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
        lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def _property_queries(shapes: Graph, shape: Node, constraint: Node, target: str, entities: bool,
                      ontology: Graph) -> list[ShapeQuery]:
    path = shapes.value(constraint, SH.path)
    if not isinstance(path, URIRef):
        raise _unsupported(shape, "a property shape whose sh:path is not one IRI")
    message = str(shapes.value(constraint, SH.message) or "")
    p = _n3(path)
    queries = []
    low, high = shapes.value(constraint, SH.minCount), shapes.value(constraint, SH.maxCount)
    if low is not None and int(low) > 0:
        queries.append(("minCount", f"SELECT ?this (COUNT(DISTINCT ?v) AS ?value) WHERE {{ {target} "
                        f"OPTIONAL {{ ?this {p} ?v }} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {int(low)})"))
    if high is not None:
        queries.append(("maxCount", f"SELECT ?this (COUNT(DISTINCT ?v) AS ?value) WHERE {{ {target} "
                        f"?this {p} ?v }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(high)})"))
    for name, pattern in _value_filters(shapes, constraint, shape, ontology, path):
        if pattern.startswith("__EQUALS_REVERSE__"):
            other = pattern.split(" ", 1)[1]
            queries.append((name, f"SELECT DISTINCT ?this ?value WHERE {{ {target} ?this {other} ?value . "
                                  f"FILTER NOT EXISTS {{ ?this {p} ?value }} }}"))
        else:
            queries.append((name, f"SELECT DISTINCT ?this ?value WHERE {{ {target} ?this {p} ?value . {pattern} }}"))
    return [ShapeQuery(str(shape), f"{path.n3(shapes.namespace_manager)} sh:{name}", message, q, entities)
            for name, q in queries]


@lru_cache(maxsize=1)
def shape_queries() -> tuple[ShapeQuery, ...]:
    """Compile the bundled shapes into queries (once).

    Raises
    ------
    GraphError
        When a shape uses a SHACL feature this module does not translate.

    Examples
    --------
    >>> queries = shape_queries()
    >>> any(q.constraint == "dcterms:title sh:maxCount" for q in queries)
    True
    """
    shapes, ontology = _load("shapes.ttl"), _load("kg.ttl")
    prefixes = _prefixes(shapes)
    queries: list[ShapeQuery] = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape))):
        for predicate, _ in shapes.predicate_objects(shape):
            if predicate not in _KNOWN and predicate != SH["class"]:
                raise _unsupported(shape, predicate.n3())
        target, entities = _target(shapes, shape, ontology)
        message = str(shapes.value(shape, SH.message) or "")
        first = len(queries)
        for cls in shapes.objects(shape, SH["class"]):
            query = (f"SELECT DISTINCT ?this ?this AS ?value WHERE {{ {target} "
                     f"FILTER NOT EXISTS {{ {_typed('?this', _subclasses(ontology, cls))} }} }}")
            queries.append(ShapeQuery(str(shape), "sh:class", message, query.replace("?this AS ?value", "(?this AS ?value)"),
                                      entities))
        for constraint in sorted(shapes.objects(shape, SH.property)):
            queries.extend(_property_queries(shapes, shape, constraint, target, entities, ontology))
        for constraint in sorted(shapes.objects(shape, SH.sparql)):
            select = shapes.value(constraint, SH.select)
            if not isinstance(select, Literal):
                raise _unsupported(shape, "an sh:sparql constraint without sh:select")
            text = str(select).replace("$this", "?this")
            queries.append(ShapeQuery(str(shape), "sh:sparql", str(shapes.value(constraint, SH.message) or ""),
                                      text, entities))
        if shapes.value(shape, _WHOLE_GRAPH) == Literal(True):
            queries[first:] = [replace(q, whole_graph=True) for q in queries[first:]]
    return tuple(replace(q, sparql=f"{prefixes}\n{q.sparql}") for q in queries)
