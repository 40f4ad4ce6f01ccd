"""The evidence behind each link, read back from a paperkg graph as plain records.

The viewer shows, for a paper, its abstract with the mentions marked and, for
an entity, the sentence each paper names it in. Both come from the
``kg:Mention`` nodes; this module reads them (and each paper's arXiv id) into
frozen records of plain strings and numbers, so no rdflib term leaves the
graph stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, Graph, Literal, URIRef

from kg.graph.namespace import KG

__all__ = ["Evidence", "arxiv_ids", "evidence"]


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


def _one(graph: Graph, node: URIRef, prop: URIRef) -> Literal | None:
    """Return the smallest literal value of ``prop`` on ``node``, or None."""
    values = sorted((v for v in graph.objects(node, prop) if isinstance(v, Literal)), key=str)
    return values[0] if values else None


def _int(value: Literal | None) -> int | None:
    """Return ``value`` as an int, or None when it is missing or not a whole number."""
    try:
        return int(value.toPython()) if value is not None else None
    except (TypeError, ValueError):
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
    found = []
    for node in graph.subjects(RDF.type, KG.Mention):
        if not isinstance(node, URIRef):
            continue
        paper = next((p for p in sorted(graph.objects(node, KG.inPaper)) if isinstance(p, URIRef)), None)
        entity = next((e for e in sorted(graph.objects(node, KG.denotes)) if isinstance(e, URIRef)), None)
        field, text = _one(graph, node, KG.field), _one(graph, node, KG.text)
        start, end = _int(_one(graph, node, KG.start)), _int(_one(graph, node, KG.end))
        if paper is None or entity is None or field is None or text is None or start is None or end is None:
            continue
        role = _one(graph, node, KG.role)
        sentence = _one(graph, node, KG.sentence)
        confidence = _one(graph, node, KG.confidence)
        try:
            score = float(confidence) if confidence is not None else 1.0
        except ValueError:
            score = 1.0
        found.append(
            Evidence(str(paper), str(entity), str(role) if role is not None else "mentions", str(field),
                     start, end, str(text), str(sentence) if sentence is not None else "", score)
        )
    return sorted(found)


def arxiv_ids(graph: Graph) -> dict[str, str]:
    """Return paper IRI → arXiv id, for the papers with a ``kg:arxivId``.

    >>> from kg.graph.build import facts_to_graph
    >>> from kg.records import Facts, Paper
    >>> arxiv_ids(facts_to_graph(Facts((Paper(id="x", title="T", arxiv_id="1706.03762"),), (), ())))
    {'https://w3id.org/paperkg/resource/paper/x': '1706.03762'}
    """
    result: dict[str, str] = {}
    for paper in graph.subjects(RDF.type, KG.Paper):
        value = _one(graph, paper, KG.arxivId) if isinstance(paper, URIRef) else None
        if value is not None and str(value).strip():
            result[str(paper)] = str(value).strip()
    return dict(sorted(result.items()))
