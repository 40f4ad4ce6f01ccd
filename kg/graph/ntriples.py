"""The graph as N-Triples lines, made paper by paper: what a streaming build writes and loads.

Each line is what rdflib's N-Triples serializer writes for that triple
(``rdflib.plugins.serializers.nt._nt_row``), so sorting the lines of all
papers and entities gives the bytes of ``graph.nt`` that
:func:`kg.export.writers.ntriples_bytes` writes for the whole graph at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.term import Literal, Node, URIRef

from kg.graph.build import add_entities, add_links, add_paper
from kg.graph.namespace import KGR
from kg.graph.results import add_results
from kg.records import Claim, Entity, Link, Paper, Result

__all__ = ["PaperWriter", "entity_lines", "subject_key"]


_MAX_TERMS = 100_000


class _Lines(list[bytes]):
    """A triple sink that keeps each triple as its N-Triples line.

    ``terms`` caches each term's N-Triples form across sinks (rdflib checks
    an IRI's characters each time it writes one); past :data:`_MAX_TERMS`
    entries it is emptied, since most terms belong to one paper.
    """

    def __init__(self, terms: dict[Node, str] | None = None) -> None:
        super().__init__()
        self.terms = {} if terms is None else terms
        if len(self.terms) > _MAX_TERMS:
            self.terms.clear()

    def _n3(self, term: Node) -> str:
        found = self.terms.get(term)
        if found is None:
            found = self.terms[term] = _quoteLiteral(term) if isinstance(term, Literal) else term.n3()
        return found

    def add(self, triple: tuple[Node, Node, Node], /) -> None:
        """Keep one triple as its line (without the newline), as rdflib's ``_nt_row`` writes it."""
        subject, predicate, obj = triple
        self.append(f"{self._n3(subject)} {self._n3(predicate)} {self._n3(obj)} .".encode("utf-8"))


def entity_lines(entities: Iterable[Entity], base: str = str(KGR)) -> tuple[list[bytes], set[str]]:
    """Return the N-Triples lines of ``entities`` and their keys.

    Raises
    ------
    GraphError
        As :func:`kg.graph.build.add_entities`.
    """
    lines = _Lines()
    keys = add_entities(lines, entities, base)
    return lines, keys


class PaperWriter:
    """Turns papers and their links into N-Triples lines, checking that no two paper ids share an IRI."""

    def __init__(self, entity_keys: set[str], base: str = str(KGR)) -> None:
        self.keys = entity_keys
        self.base = base
        self._ids_by_node: dict[URIRef, str] = {}
        self._terms: dict[Node, str] = {}

    def lines(self, paper: Paper, links: Iterable[Link], results: Iterable[Result] = (),
              claims: Iterable[Claim] = ()) -> list[bytes]:
        """Return the lines of one paper: its metadata, links and mention nodes, results and claims.

        Raises
        ------
        GraphError
            As :func:`kg.graph.build.add_paper`, :func:`kg.graph.build.add_links` and
            :func:`kg.graph.results.add_results`.

        Examples
        --------
        >>> PaperWriter(set()).lines(Paper("p1", "T"), [])[2].decode()
        '<https://w3id.org/paperkg/resource/paper/p1> <http://purl.org/dc/terms/title> "T" .'
        """
        lines = _Lines(self._terms)
        add_paper(lines, paper, self._ids_by_node, self.base)
        add_links(lines, links, {paper.id}, self.keys, self.base)
        add_results(lines, results, claims, self.keys, self.base)
        return lines


def subject_key(line: bytes) -> bytes:
    r"""Sort key of an N-Triples line that orders subjects as strings, then the rest of the line.

    Sorting lines as bytes puts ``<a/b-c>`` before ``<a/b>`` (``-`` < ``>``);
    the Turtle and JSON-LD writers want subjects in IRI order.

    >>> sorted([b"<a/b> <p> 1 .", b"<a/b-c> <p> 1 ."], key=subject_key)[0]
    b'<a/b> <p> 1 .'
    """
    end = line.index(b"> ")
    return line[1:end] + b"\x00" + line[end + 2:]
