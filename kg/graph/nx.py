"""The analysts' view: a paperkg RDF graph as a networkx ``MultiDiGraph``.

Nodes are papers and entities, keyed by IRI string; edges are the role links
(paper → entity, keyed by role), ``variantOf`` (model → family) and the
relations between entities (``appliedTo``, ``benchmarkedOn``, ``comparedWith``,
``basedOn``), with their evidence; results are attributes of the
``benchmarkedOn`` edge they back. Attribute values are plain ``str`` (a
relation's ``claims`` an ``int``), so the graph can be written with
``networkx.write_graphml`` and used without knowing rdflib.
"""

from __future__ import annotations

import networkx as nx
from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, URIRef

from kg.graph.namespace import KG, KGL, SCHEMA
from kg.records import ENTITY_TYPES, RELATIONS, ROLES

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


def _identifier(graph: Graph, paper: URIRef) -> str:
    return _text(graph, paper, DCTERMS.identifier) or str(paper)


def _evidence(graph: Graph) -> dict[tuple[str, str, str], dict[str, str | int]]:
    """The attributes of each relation edge, from the claims behind it: how many, in which papers, a sentence."""
    claims: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for claim in graph.subjects(RDF.type, KG.Claim):
        subject, prop, obj = (graph.value(claim, p) for p in (KG.subject, KG.property, KG.object))
        paper = graph.value(claim, KG.inPaper)
        if subject is None or prop is None or obj is None or paper is None:
            continue
        key = (str(subject), str(prop).removeprefix(str(KG)), str(obj))
        claims.setdefault(key, []).append((_identifier(graph, paper), _text(graph, claim, KG.sentence) or ""))
    return {key: {"claims": len(found), "papers": "; ".join(sorted({paper for paper, _ in found})),
                  "sentence": min(found)[1]} for key, found in claims.items()}


def _results(graph: Graph) -> dict[tuple[str, str], list[str]]:
    """Each (entity, dataset) pair's results as "metric value[unit] (paper)" texts."""
    found: dict[tuple[str, str], list[str]] = {}
    for result in graph.subjects(RDF.type, KG.Result):
        entity, dataset, paper = (graph.value(result, p) for p in (KG.ofEntity, KG.onDataset, KG.reportedIn))
        metric, value = graph.value(result, KG.metric), graph.value(result, KG.value)
        if None in (entity, dataset, paper, metric, value):
            continue
        label = _text(graph, metric, SKOS.prefLabel) or str(metric)
        unit = _text(graph, result, KG.unit) or ""
        text = f"{label} {value}{unit} ({_identifier(graph, paper)})"
        found.setdefault((str(entity), str(dataset)), []).append(text)
    return found


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
        edge from each model variant to its family. One edge per relation
        between entities, key and ``role`` the property ("appliedTo",
        "benchmarkedOn", "comparedWith", "basedOn"), with ``claims`` (how many
        claims back it), ``papers`` (their papers' identifiers, sorted,
        "; "-joined) and ``sentence`` (the evidence of the first of them); a
        ``benchmarkedOn`` edge also has ``results`` ("metric value (paper)"
        texts, sorted, "; "-joined) when results back it. Nodes and edges are
        added in sorted order, so the result is the same for the same triples.
        Analyses of paper–entity links keep to the edges whose role is in
        :data:`kg.records.ROLES` (and ``variantOf``).

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
    edges: dict[tuple[str, str, str], dict[str, str | int]] = {}
    for role in (*ROLES, "variantOf"):
        for subject, target in graph.subject_objects(KG[role]):
            if subject in kinds and target in kinds and not isinstance(target, Literal):
                edges[(str(subject), role, str(target))] = {}
    evidence, results = _evidence(graph), _results(graph)
    for prop in RELATIONS:
        for subject, target in graph.subject_objects(KG[prop]):
            key = (str(subject), prop, str(target))
            if subject in kinds and target in kinds and key in evidence:
                edges[key] = dict(evidence[key])
                if (key[0], key[2]) in results and prop == "benchmarkedOn":
                    edges[key]["results"] = "; ".join(sorted(results[(key[0], key[2])]))
    for (subject, role, target), attrs in sorted(edges.items(), key=lambda item: item[0]):
        result.add_edge(subject, target, key=role, role=role, **attrs)
    return result
