"""The analysts' view: a paperkg RDF graph as a networkx ``MultiDiGraph``.

Nodes are papers and entities, keyed by IRI string; edges are the role links
(paper → entity, keyed by role), ``variantOf`` (model → family) and the
relations between entities (``appliedTo``, ``benchmarkedOn``, ``comparedWith``,
``basedOn``), with their evidence; results are attributes of the
``benchmarkedOn`` edge they back. Attribute values are plain ``str`` (a
relation's ``claims`` an ``int``), so the graph can be written with
``networkx.write_graphml`` and used without knowing rdflib.

:class:`NetworkBuilder` makes the view one subject at a time, so that a
build can make it from its sorted N-Triples without an rdflib graph of the
corpus; :func:`to_networkx` feeds it the subjects of an rdflib graph.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx
from rdflib import DCTERMS, RDF, SKOS, Graph, URIRef
from rdflib.term import Node

from kg.graph.namespace import KG, KGL, SCHEMA
from kg.records import ENTITY_TYPES, RELATIONS, ROLES

__all__ = ["NetworkBuilder", "to_networkx"]

_KINDS = {KG.Paper: "Paper"} | {KG[kind]: kind for kind in ENTITY_TYPES}
_LINKS = {KG[role]: role for role in (*ROLES, "variantOf")}
_RELATIONS = {KG[prop]: prop for prop in RELATIONS}


def _first(values: list[Node] | None) -> str | None:
    """Return the smallest of ``values`` as a string, or None."""
    return min(str(value) for value in values) if values else None


def _kind(types: list[Node]) -> str | None:
    """Paper when typed so, else the first entity type in :data:`ENTITY_TYPES` order, else None."""
    found = {_KINDS[kind] for kind in types if kind in _KINDS}
    return next((kind for kind in ("Paper", *ENTITY_TYPES) if kind in found), None)


def _paper_attributes(values: dict[Node, list[Node]]) -> dict[str, str]:
    """Return the node attributes of one paper."""
    title = _first(values.get(DCTERMS.title)) or ""
    attrs = {
        "kind": "Paper",
        "label": title,
        "identifier": _first(values.get(DCTERMS.identifier)) or "",
        "title": title,
        "abstract": _first(values.get(DCTERMS.abstract)) or "",
    }
    optional = {
        "url": _first(values.get(SCHEMA.url)),
        "date": _first(values.get(DCTERMS.date)),
        # RDF keeps no author order: sorted, for stable output
        "authors": "; ".join(sorted(str(a) for a in values.get(DCTERMS.creator, ()))),
    }
    attrs.update({key: value for key, value in optional.items() if value})
    return attrs


def _entity_attributes(node: str, values: dict[Node, list[Node]], kind: str) -> dict[str, str]:
    """Return the node attributes of one entity."""
    attrs = {
        "kind": kind,
        "label": _first(values.get(SKOS.prefLabel)) or node,
        "aliases": "; ".join(sorted({str(a) for a in values.get(SKOS.altLabel, ())})),
    }
    concept = _first(values.get(SKOS.exactMatch))
    if concept:
        attrs["concept"] = concept.removeprefix(str(KGL))
    return attrs


class NetworkBuilder:
    """Make the networkx view of a paperkg graph from its subjects, one at a time, in any order.

    Memory holds the view being made and, until :meth:`network`, the links,
    claims and results read so far (as IRI strings), never the RDF triples.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> paper, method = URIRef("urn:x:p"), URIRef("urn:x:m")
    >>> builder = NetworkBuilder()
    >>> builder.add([(method, RDF.type, KG.Method), (method, SKOS.prefLabel, Literal("M"))])
    >>> builder.add([(paper, RDF.type, KG.Paper), (paper, KG.uses, method)])
    >>> list(builder.network().edges(keys=True))
    [('urn:x:p', 'urn:x:m', 'uses')]
    """

    def __init__(self) -> None:
        self._nodes: dict[str, dict[str, str]] = {}
        self._links: list[tuple[str, str, str]] = []
        self._relations: list[tuple[str, str, str]] = []
        self._claims: list[tuple[str, str, str, str, str]] = []
        self._results: list[tuple[str, str, str, str, str, str]] = []
        self._labels: dict[str, str] = {}
        self._identifiers: dict[str, str] = {}

    def add(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Read the triples of one subject (all of them: a subject added twice counts twice)."""
        values: dict[Node, list[Node]] = defaultdict(list)
        subject = None
        for subject, predicate, obj in triples:
            values[predicate].append(obj)
        if not isinstance(subject, URIRef):
            return
        node = sys.intern(str(subject))
        kind = _kind(values.get(RDF.type, []))
        if kind == "Paper":
            self._nodes[node] = _paper_attributes(values)
        elif kind is not None:
            self._nodes[node] = _entity_attributes(node, values, kind)
        else:
            self._other(node, values)
        for predicate, objects in values.items():
            edges = self._links if predicate in _LINKS else self._relations if predicate in _RELATIONS else None
            if edges is not None:
                name = _LINKS.get(predicate) or _RELATIONS[predicate]
                edges.extend((node, name, sys.intern(str(obj))) for obj in objects if isinstance(obj, URIRef))

    def _other(self, node: str, values: dict[Node, list[Node]]) -> None:
        """Keep what a node that is neither paper nor entity tells the edges: a claim, a result, a name."""
        label, identifier = _first(values.get(SKOS.prefLabel)), _first(values.get(DCTERMS.identifier))
        if label is not None:
            self._labels[node] = label
        if identifier is not None:
            self._identifiers[node] = identifier
        types = values.get(RDF.type, [])
        if KG.Claim in types:
            parts = [_first(values.get(prop)) for prop in (KG.subject, KG.property, KG.object, KG.inPaper)]
            if None not in parts:
                self._claims.append((*parts, _first(values.get(KG.sentence)) or ""))  # type: ignore[arg-type]
        if KG.Result in types:
            parts = [_first(values.get(prop)) for prop in (KG.ofEntity, KG.onDataset, KG.reportedIn, KG.metric,
                                                           KG.value)]
            if None not in parts:
                self._results.append((*parts, _first(values.get(KG.unit)) or ""))  # type: ignore[arg-type]

    def _identifier(self, paper: str) -> str:
        attrs = self._nodes.get(paper)
        return (attrs.get("identifier") if attrs else self._identifiers.get(paper)) or paper

    def _evidence(self) -> dict[tuple[str, str, str], dict[str, str | int]]:
        """The attributes of each relation edge, from the claims behind it: how many, in which papers, a sentence."""
        claims: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
        for subject, prop, obj, paper, sentence in self._claims:
            key = (subject, prop.removeprefix(str(KG)), obj)
            claims.setdefault(key, []).append((self._identifier(paper), sentence))
        return {key: {"claims": len(found), "papers": "; ".join(sorted({paper for paper, _ in found})),
                      "sentence": min(found)[1]} for key, found in claims.items()}

    def _result_texts(self) -> dict[tuple[str, str], list[str]]:
        """Each (entity, dataset) pair's results as "metric value[unit] (paper)" texts."""
        found: dict[tuple[str, str], list[str]] = {}
        for entity, dataset, paper, metric, value, unit in self._results:
            label = self._labels.get(metric) or metric
            found.setdefault((entity, dataset), []).append(f"{label} {value}{unit} ({self._identifier(paper)})")
        return found

    def network(self) -> nx.MultiDiGraph:
        """Return the view of every subject added (see :func:`to_networkx`)."""
        result = nx.MultiDiGraph()
        nodes = self._nodes
        for node in sorted(nodes):
            result.add_node(node, **nodes[node])
        edges: dict[tuple[str, str, str], dict[str, str | int]] = {
            (subject, role, target): {} for subject, role, target in self._links
            if subject in nodes and target in nodes}
        evidence, results = self._evidence(), self._result_texts()
        for key in self._relations:
            if key[0] in nodes and key[2] in nodes and key in evidence:
                edges[key] = dict(evidence[key])
                if key[1] == "benchmarkedOn" and (key[0], key[2]) in results:
                    edges[key]["results"] = "; ".join(sorted(results[(key[0], key[2])]))
        for (subject, role, target), attrs in sorted(edges.items(), key=lambda item: item[0]):
            result.add_edge(subject, target, key=role, role=role, **attrs)
        return result


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
    builder = NetworkBuilder()
    for subject in sorted(set(graph.subjects())):
        builder.add(graph.triples((subject, None, None)))
    return builder.network()
