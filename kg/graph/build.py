"""Turn resolved :class:`~kg.records.Facts` into an RDF graph under the paperkg ontology.

The mapping follows the vocabulary contract in DESIGN.md: one ``kg:Paper`` per
paper, one node per entity typed with its class, every link asserted with its
role and with ``kg:mentions``, and one ``kg:Mention`` node per supporting span.
Every IRI is derived from ids in the records, so the same facts always give
the same graph, and no blank nodes are made.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from urllib.parse import quote

import rdflib.namespace
from rdflib import DCTERMS, RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg.errors import GraphError
from kg.graph.namespace import KG, KGL, KGR, PREFIXES, SCHEMA
from kg.graph.results import add_results
from kg.graph.terms import TripleSink, confidence_literal, integer_literal, paper_iri
from kg.records import ENTITY_TYPES, ROLES, Entity, Facts, Link, Mention, Paper
from kg.slugs import slugify

__all__ = ["TripleSink", "add_entities", "add_links", "add_paper", "bind_prefixes", "confidence_literal", "facts_to_graph",
           "paper_iri"]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# printable ASCII but the characters Turtle forbids in an IRI; the rest is percent-encoded
_IRI_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '<>"{}|\\^`')
# not ``from rdflib import XSD``: that global warns under pytest's doctest collector
_XSD_DATE = rdflib.namespace.XSD.date


def bind_prefixes(graph: Graph) -> Graph:
    """Bind every :data:`~kg.graph.namespace.PREFIXES` entry on ``graph`` and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def _safe_iri(text: str) -> URIRef:
    """Return ``text`` as an IRI, percent-encoding the characters IRIs may not contain."""
    return URIRef(quote(text.strip(), safe=_IRI_SAFE))


def _date_literal(text: str) -> Literal:
    """Return ``xsd:date`` for an ISO ``YYYY-MM-DD`` date, else a plain literal."""
    if _ISO_DATE.fullmatch(text):
        try:
            date.fromisoformat(text)
        except ValueError:
            return Literal(text)
        return Literal(text, datatype=_XSD_DATE)
    return Literal(text)


def _add_paper(graph: TripleSink, paper: Paper, node: URIRef) -> None:
    """Add a paper's class and metadata."""
    graph.add((node, RDF.type, KG.Paper))
    graph.add((node, DCTERMS.identifier, Literal(paper.id)))
    graph.add((node, DCTERMS.title, Literal(paper.title)))
    graph.add((node, DCTERMS.abstract, Literal(paper.abstract)))
    if paper.date:
        graph.add((node, DCTERMS.date, _date_literal(paper.date)))
    for author in paper.authors:
        graph.add((node, DCTERMS.creator, Literal(author)))
    if paper.url:
        graph.add((node, SCHEMA.url, _safe_iri(paper.url)))
    elif paper.arxiv_id:
        graph.add((node, SCHEMA.url, _safe_iri(f"https://arxiv.org/abs/{paper.arxiv_id}")))
    if paper.arxiv_id:
        graph.add((node, KG.arxivId, Literal(paper.arxiv_id)))


def _add_entity(graph: TripleSink, entity: Entity, base: str) -> None:
    """Add an entity's class, labels, family and lexicon concept."""
    if entity.type not in ENTITY_TYPES:
        raise GraphError(
            f"entity {entity.key!r} has type {entity.type!r}; "
            f"fix the resolver to use one of {', '.join(ENTITY_TYPES)}"
        )
    node = URIRef(base + entity.key)
    graph.add((node, RDF.type, KG[entity.type]))
    graph.add((node, SKOS.prefLabel, Literal(entity.label)))
    graph.add((node, RDFS.label, Literal(entity.label)))
    for alias in entity.aliases:
        if alias != entity.label:
            graph.add((node, SKOS.altLabel, Literal(alias)))
    if entity.variant_of:
        graph.add((node, KG.variantOf, URIRef(base + entity.variant_of)))
    if entity.concept:
        graph.add((node, SKOS.exactMatch, KGL[entity.concept]))


def _add_mention(
    graph: TripleSink,
    mention: Mention,
    link: Link,
    paper: URIRef,
    entity: URIRef,
    seen: dict[URIRef, URIRef],
    base: str,
) -> None:
    """Add the evidence node for one mention of ``link``.

    A span that supports several links of the same entity is one node with one
    ``kg:role`` per link; its other values come from its first record. A span
    recorded for two different entities gets a second node, suffixed with the
    entity key, so that every node denotes exactly one entity.
    """
    span = f"{mention.field}-{mention.start}-{mention.end}"
    node = URIRef(f"{base}mention/{slugify(link.paper_id)}/{span}")
    if seen.get(node, entity) != entity:
        node = URIRef(f"{node}-{slugify(link.entity)}")
    graph.add((node, KG.role, Literal(link.role)))
    if node in seen:
        return
    seen[node] = entity
    graph.add((node, RDF.type, KG.Mention))
    graph.add((node, KG.inPaper, paper))
    graph.add((node, KG.denotes, entity))
    graph.add((node, KG.text, Literal(mention.text)))
    graph.add((node, KG.field, Literal(mention.field)))
    graph.add((node, KG.start, integer_literal(mention.start)))
    graph.add((node, KG.end, integer_literal(mention.end)))
    graph.add((node, KG.extractor, Literal(mention.extractor)))
    graph.add((node, KG.confidence, confidence_literal(mention.confidence)))
    if mention.sentence:
        graph.add((node, KG.sentence, Literal(mention.sentence)))
    if mention.resolution:
        graph.add((node, KG.resolution, Literal(mention.resolution)))


def facts_to_graph(facts: Facts, *, base: str = str(KGR)) -> Graph:
    """Return the RDF graph of ``facts``, with every paperkg prefix bound.

    Parameters
    ----------
    facts : Facts
        Papers, entities and links from the resolver.
    base : str
        The namespace instance IRIs start with (default ``kgr:``).

    Returns
    -------
    rdflib.Graph
        A graph in rdflib's memory store, free of blank nodes.

    Raises
    ------
    GraphError
        When two paper ids have the same slug, an entity has an unknown type or
        family, or a link has an unknown role or refers to an unknown paper or
        entity.

    Examples
    --------
    >>> from kg.records import Facts, Paper
    >>> g = facts_to_graph(Facts(papers=(Paper(id="p1", title="T"),), entities=(), links=()))
    >>> len(g)
    4
    """
    graph = bind_prefixes(Graph())
    ids_by_node: dict[URIRef, str] = {}
    for paper in facts.papers:
        add_paper(graph, paper, ids_by_node, base)
    keys = add_entities(graph, facts.entities, base)
    add_links(graph, facts.links, {paper.id for paper in facts.papers}, keys, base)
    add_results(graph, facts.results, facts.claims, keys, base)
    return graph


def add_paper(sink: TripleSink, paper: Paper, ids_by_node: dict[URIRef, str], base: str = str(KGR)) -> URIRef:
    """Add one paper's triples to ``sink``; ``ids_by_node`` (paper IRI → id, updated) catches two ids with one IRI.

    Raises
    ------
    GraphError
        When another paper id already got the same IRI.
    """
    node = paper_iri(paper.id, base)
    if ids_by_node.get(node, paper.id) != paper.id:
        where = f"{paper.source}: " if paper.source else ""
        raise GraphError(
            f"{where}papers {ids_by_node[node]!r} and {paper.id!r} both get the IRI <{node}>; "
            "fix the input so that paper ids differ in more than case and punctuation"
        )
    ids_by_node[node] = paper.id
    _add_paper(sink, paper, node)
    return node


def add_entities(sink: TripleSink, entities: Iterable[Entity], base: str = str(KGR)) -> set[str]:
    """Add the entities' triples to ``sink``; return their keys.

    Raises
    ------
    GraphError
        When an entity has an unknown type, or is a variant of an entity not among them.
    """
    entities = list(entities)
    keys = {entity.key for entity in entities}
    for entity in entities:
        if entity.variant_of and entity.variant_of not in keys:
            raise GraphError(
                f"entity {entity.key!r} is a variant of the unknown entity {entity.variant_of!r}; "
                "fix the resolver to return the model family as an entity too"
            )
        _add_entity(sink, entity, base)
    return keys


def add_links(sink: TripleSink, links: Iterable[Link], papers: set[str] | dict[str, object], keys: set[str],
              base: str = str(KGR)) -> None:
    """Add the links of known ``papers`` (ids) to entities with ``keys``, with their mention nodes.

    Raises
    ------
    GraphError
        When a link has an unknown role, paper or entity.
    """
    seen: dict[URIRef, URIRef] = {}
    for link in links:
        if link.role not in ROLES:
            raise GraphError(
                f"link {link.paper_id!r} -> {link.entity!r} has role {link.role!r}; "
                f"fix the resolver to use one of {', '.join(ROLES)}"
            )
        if link.paper_id not in papers:
            raise GraphError(
                f"link {link.paper_id!r} -> {link.entity!r} refers to an unknown paper; "
                "fix the resolver to link only papers it was given"
            )
        if link.entity not in keys:
            raise GraphError(
                f"link {link.paper_id!r} -> {link.entity!r} refers to an unknown entity; "
                "fix the resolver to return every entity it links"
            )
        paper, entity = paper_iri(link.paper_id, base), URIRef(base + link.entity)
        sink.add((paper, KG[link.role], entity))
        sink.add((paper, KG.mentions, entity))
        for mention in link.mentions:
            _add_mention(sink, mention, link, paper, entity, seen, base)
