"""The evidence behind each link, read back from a paperkg graph as plain records.

The viewer shows, for a paper, its abstract with the mentions marked and, for
an entity, the sentence each paper names it in. Both come from the
``kg:Mention`` nodes; this module reads them (and each paper's arXiv id) into
frozen records of plain strings and numbers, so no rdflib term leaves the
graph stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from kg.graph.namespace import KG

__all__ = ["Evidence", "arxiv_ids", "evidence", "mention_evidence", "mention_from_lines"]


@dataclass(frozen=True, order=True)
class Evidence:
    """One mention: ``paper`` names ``entity`` (both IRIs) in ``role``.

    ``field`` is ``"title"`` or ``"abstract"`` and ``start``/``end`` are
    character (code point) offsets into it; ``sentence`` is the sentence the
    mention sits in, or ``""`` when the graph records none.
    """

    paper: str
    entity: str
    role: str
    field: str
    start: int
    end: int
    text: str
    sentence: str = ""
    confidence: float = 1.0


def _smallest(values: Iterable[Node], kind: type) -> Node | None:
    """Return the smallest of ``values`` that is a ``kind`` (by its string), or None."""
    found = sorted((v for v in values if isinstance(v, kind)), key=str)
    return found[0] if found else None


def _int(value: Node | None) -> int | None:
    """Return ``value`` as an int, or None when it is missing or not a whole number."""
    try:
        return int(value.toPython()) if isinstance(value, Literal) else None
    except (TypeError, ValueError):
        return None


def mention_evidence(pairs: Iterable[tuple[Node, Node]]) -> Evidence | None:
    """Return the record of one ``kg:Mention`` node from its (property, value) pairs, or None when ill-formed.

    >>> pairs = [(KG.inPaper, URIRef("urn:p")), (KG.denotes, URIRef("urn:e")), (KG.field, Literal("title")),
    ...          (KG.text, Literal("GSM8K")), (KG.start, Literal(0)), (KG.end, Literal(5))]
    >>> record = mention_evidence(pairs)
    >>> (record.paper, record.entity, record.role, record.end, record.confidence)
    ('urn:p', 'urn:e', 'mentions', 5, 1.0)
    >>> mention_evidence(pairs[:-1]) is None
    True
    """
    values: dict[Node, list[Node]] = {}
    for prop, value in pairs:
        values.setdefault(prop, []).append(value)

    def one(prop: URIRef, kind: type = Literal) -> Node | None:
        return _smallest(values.get(prop, ()), kind)

    paper, entity, field, text = one(KG.inPaper, URIRef), one(KG.denotes, URIRef), one(KG.field), one(KG.text)
    start, end = _int(one(KG.start)), _int(one(KG.end))
    if paper is None or entity is None or field is None or text is None or start is None or end is None:
        return None
    role, sentence, confidence = one(KG.role), one(KG.sentence), one(KG.confidence)
    try:
        score = float(confidence) if confidence is not None else 1.0
    except ValueError:
        score = 1.0
    return Evidence(str(paper), str(entity), str(role) if role is not None else "mentions", str(field),
                    start, end, str(text), str(sentence) if sentence is not None else "", score)


_MENTION = {str(KG[name]): name for name in ("inPaper", "denotes", "field", "text", "start", "end", "role",
                                             "sentence", "confidence")}


def mention_from_lines(lines: list[bytes]) -> Evidence | None:
    """Return the record of one mention node made by a build, from its N-Triples lines, or None when ill-formed.

    A build gives a mention one value of each property, the offsets as
    integers; :func:`mention_evidence` reads a mention of any graph, through
    rdflib terms, which cost three times as much as this.
    """
    values: dict[str, str] = {}
    for triple in ox.parse(input=b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES):
        name = _MENTION.get(triple.predicate.value)
        if name is not None and (name in ("inPaper", "denotes")) == isinstance(triple.object, ox.NamedNode):
            values[name] = min(values.get(name, triple.object.value), triple.object.value)
    try:
        return Evidence(values["inPaper"], values["denotes"], values.get("role", "mentions"), values["field"],
                        int(values["start"]), int(values["end"]), values["text"], values.get("sentence", ""),
                        float(values.get("confidence", 1.0)))
    except (KeyError, ValueError):
        return None


def evidence(graph: Graph) -> list[Evidence]:
    """Return every well-formed ``kg:Mention`` in ``graph``, sorted.

    Parameters
    ----------
    graph : rdflib.Graph
        A paperkg graph (built, or loaded from Turtle).

    Returns
    -------
    list of Evidence
        One record per mention that has ``kg:inPaper``, ``kg:denotes``,
        ``kg:field``, integer ``kg:start``/``kg:end`` and ``kg:text``; the
        role is ``kg:role``, else ``"mentions"``. Mentions missing any of those
        are left out (SHACL validation reports them).

    Notes
    -----
    Linear in the number of mention triples.

    Examples
    --------
    >>> from kg.graph.build import facts_to_graph
    >>> from kg.records import Entity, Facts, Link, Mention, Paper
    >>> m = Mention("GSM8K", "title", 0, 5, "Dataset", "evaluatesOn", "lexicon", 1.0, sentence="GSM8K")
    >>> facts = Facts((Paper(id="p1", title="GSM8K"),),
    ...               (Entity("dataset/gsm8k", "Dataset", "GSM8K"),),
    ...               (Link("p1", "dataset/gsm8k", "evaluatesOn", (m,)),))
    >>> [(e.role, e.field, e.start, e.end, e.text) for e in evidence(facts_to_graph(facts))]
    [('evaluatesOn', 'title', 0, 5, 'GSM8K')]
    """
    found = (mention_evidence(graph.predicate_objects(node)) for node in graph.subjects(RDF.type, KG.Mention)
             if isinstance(node, URIRef))
    return sorted(record for record in found if record is not None)


def arxiv_ids(graph: Graph) -> dict[str, str]:
    """Return paper IRI → arXiv id, for the papers with a ``kg:arxivId``.

    >>> from kg.graph.build import facts_to_graph
    >>> from kg.records import Facts, Paper
    >>> arxiv_ids(facts_to_graph(Facts((Paper(id="x", title="T", arxiv_id="1706.03762"),), (), ())))
    {'https://w3id.org/paperkg/resource/paper/x': '1706.03762'}
    """
    result: dict[str, str] = {}
    for paper in graph.subjects(RDF.type, KG.Paper):
        value = _smallest(graph.objects(paper, KG.arxivId), Literal) if isinstance(paper, URIRef) else None
        if value is not None and str(value).strip():
            result[str(paper)] = str(value).strip()
    return dict(sorted(result.items()))
