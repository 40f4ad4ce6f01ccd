"""Write graphs as deterministic Turtle, and load them back.

rdflib's Turtle serializer sorts prefixes, predicates and objects, and
subjects by how often they are referenced, then by IRI. :class:`SortedTurtleSerializer`
sorts subjects by IRI alone, so that the file reads in groups (``dataset/…``,
``mention/…``, ``method/…``, ``paper/…``) and the bytes depend only on the
triples and the bound prefixes, never on the order the triples were added;
``tests/test_turtle.py`` checks this. Graphs built here have no blank nodes,
whose labels would otherwise vary between runs.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node
from rdflib.util import guess_format

from kg.atomic import write_bytes, writing
from kg.errors import GraphError
from kg.graph.build import bind_prefixes

__all__ = ["SortedTurtleSerializer", "load_graph", "turtle_bytes", "write_turtle"]


class SortedTurtleSerializer(TurtleSerializer):
    """rdflib's Turtle serializer, writing subjects in IRI order (blank nodes last)."""

    def orderSubjects(self) -> list[Node]:  # noqa: N802 (rdflib's name)
        """Return the subjects to write, sorted by IRI."""
        return sorted(self._subjects, key=lambda node: (isinstance(node, BNode), str(node)))


def turtle_bytes(graph: Graph) -> bytes:
    """Return ``graph`` as UTF-8 Turtle, byte-identical for the same triples and prefixes.

    Examples
    --------
    >>> from rdflib import Graph, Literal, URIRef
    >>> from kg.graph.namespace import KG
    >>> g = bind_prefixes(Graph())
    >>> _ = g.add((URIRef("urn:x:m"), KG.text, Literal("LoRA")))
    >>> print(turtle_bytes(g).decode().strip())
    @prefix kg: <https://w3id.org/paperkg/ontology#> .
    <BLANKLINE>
    <urn:x:m> kg:text "LoRA" .
    """
    out = BytesIO()
    SortedTurtleSerializer(graph).serialize(out, encoding="utf-8")
    return out.getvalue()


def write_turtle(graph: Graph, path: str | Path) -> Path:
    """Write ``graph`` as Turtle to ``path``, creating its folder; return the path.

    Raises
    ------
    GraphError
        When the file cannot be written.
    """
    target = Path(path)
    with writing(target, "the graph"):
        write_bytes(target, turtle_bytes(graph))
    return target


def load_graph(path: str | Path) -> Graph:
    """Parse the RDF file at ``path`` (Turtle unless its suffix names another format).

    Parameters
    ----------
    path : str or Path
        A graph written by :func:`write_turtle` (``.ttl``), or any RDF file
        rdflib reads (``.nt``, ``.rdf``, ``.jsonld``, …).

    Returns
    -------
    rdflib.Graph
        The triples, with every paperkg prefix bound.

    Raises
    ------
    GraphError
        When the file is missing or cannot be parsed; the message says how to fix it.
    """
    source = Path(path)
    if not source.is_file():
        raise GraphError(
            f"{source}: no such graph file; fix: build one with `kg build` or check the path"
        )
    fmt = guess_format(str(source)) or "turtle"
    graph = Graph()
    try:
        graph.parse(source, format=fmt)
    except Exception as err:  # rdflib parsers raise many unrelated exception types
        detail = " ".join(str(err).split()) or type(err).__name__
        raise GraphError(
            f"{source}: cannot parse as {fmt}: {detail}; "
            "fix the file at the reported position, or rebuild it with `kg build`"
        ) from err
    return bind_prefixes(graph)
