"""The analysts' view: a paperkg RDF graph as a networkx ``MultiDiGraph``.

Nodes are papers and entities, keyed by IRI string; edges are the role links
(paper → entity, keyed by role) and ``variantOf`` (model → family). Attribute
values are plain ``str``, so the graph can be written with
``networkx.write_graphml`` and used without knowing rdflib.
"""

from __future__ import annotations

import networkx as nx
from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, URIRef

from kg.graph.namespace import KG, KGL, SCHEMA
from kg.records import ENTITY_TYPES, ROLES

__all__ = ["to_networkx"]


def _text(graph: Graph, node: URIRef, prop: URIRef) -> str | None:
    """Return the smallest value of ``prop`` on ``node`` as a string, or None."""
    values = sorted(str(value) for value in graph.objects(node, prop))
    return values[0] if values else None


def _paper_attributes(graph: Graph, node: URIRef) -> dict[str, str]:
    """Return the node attributes of one paper."""
    title = _text(graph, node, DCTERMS.title) or ""
    attrs = {
        "kind": "Paper",
        "label": title,
        "identifier": _text(graph, node, DCTERMS.identifier) or "",
        "title": title,
        "abstract": _text(graph, node, DCTERMS.abstract) or "",
    }
    optional = {
        "url": _text(graph, node, SCHEMA.url),
        "date": _text(graph, node, DCTERMS.date),
        # RDF keeps no author order: sorted, for stable output
        "authors": "; ".join(sorted(str(a) for a in graph.objects(node, DCTERMS.creator))),
    }
    attrs.update({key: value for key, value in optional.items() if value})
    return attrs


def _entity_attributes(graph: Graph, node: URIRef, kind: str) -> dict[str, str]:
    """Return the node attributes of one entity."""
    label = _text(graph, node, SKOS.prefLabel) or str(node)
    attrs = {
        "kind": kind,
        "label": label,
        "aliases": "; ".join(sorted({str(a) for a in graph.objects(node, SKOS.altLabel)})),
    }
    concept = _text(graph, node, SKOS.exactMatch)
    if concept:
        attrs["concept"] = concept.removeprefix(str(KGL))
    return attrs


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Return the papers, entities and their links in ``graph`` as a networkx graph.

    Parameters
    ----------
    graph : rdflib.Graph
        A paperkg graph (built, or loaded from Turtle).

    Returns
    -------
    networkx.MultiDiGraph
        One node per ``kg:Paper`` and per ``kg:Method``/``Model``/``Task``/
        ``Dataset`` (id: IRI string) with attributes ``kind`` and ``label``;
        papers also have ``identifier``, ``title``, ``abstract`` and, when
        known, ``url``, ``date`` and ``authors`` ("; "-joined, sorted); entities have
        ``aliases`` ("; "-joined, sorted) and, when matched to the lexicon,
        ``concept``. One edge per role link, key and ``role`` attribute the role
        ("proposes", "uses", "evaluatesOn", "addresses"), and one ``variantOf``
        edge from each model variant to its family. Nodes and edges are added in
        sorted order, so the result is the same for the same triples.

    Notes
    -----
    Links to nodes that are neither papers nor typed entities are left out.
    Time is linear in the number of triples about papers and entities.

    Examples
    --------
    >>> from kg.graph.build import facts_to_graph
    >>> from kg.records import Entity, Facts, Link, Mention, Paper
    >>> m = Mention("GSM8K", "title", 0, 5, "Dataset", "evaluatesOn", "lexicon", 1.0)
    >>> facts = Facts((Paper(id="p1", title="GSM8K"),),
    ...               (Entity("dataset/gsm8k", "Dataset", "GSM8K"),),
    ...               (Link("p1", "dataset/gsm8k", "evaluatesOn", (m,)),))
    >>> g = to_networkx(facts_to_graph(facts))
    >>> sorted(g.nodes[n]["kind"] for n in g), list(g.edges(keys=True))[0][2]
    (['Dataset', 'Paper'], 'evaluatesOn')
    """
    result = nx.MultiDiGraph()
    kinds: dict[URIRef, str] = {}
    for paper in graph.subjects(RDF.type, KG.Paper):
        if isinstance(paper, URIRef):
            kinds[paper] = "Paper"
    for kind in ENTITY_TYPES:
        for entity in graph.subjects(RDF.type, KG[kind]):
            if isinstance(entity, URIRef) and entity not in kinds:
                kinds[entity] = kind
    for node in sorted(kinds):
        kind = kinds[node]
        attrs = (
            _paper_attributes(graph, node)
            if kind == "Paper"
            else _entity_attributes(graph, node, kind)
        )
        result.add_node(str(node), **attrs)
    edges: list[tuple[str, str, str]] = []
    for role in (*ROLES, "variantOf"):
        for subject, target in graph.subject_objects(KG[role]):
            if subject in kinds and target in kinds and not isinstance(target, Literal):
                edges.append((str(subject), role, str(target)))
    for subject, role, target in sorted(set(edges)):
        result.add_edge(subject, target, key=role, role=role)
    return result
