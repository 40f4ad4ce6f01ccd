"""The results and the entity–entity relations in a paperkg graph, read back as plain records.

The viewer shows a dataset's leaderboard and an entity's results and
relations. They come from the ``kg:Result`` and ``kg:Claim`` nodes (and the
relations asserted between entities without a claim); this module reads them
into frozen records of plain strings and numbers, each naming its paper and
entities both by IRI and by name, so that a view can show them even when
those nodes are not drawn. No rdflib term leaves the graph stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, URIRef

from kg.graph.namespace import KG, SCHEMA
from kg.records import RELATIONS

__all__ = ["RelationClaim", "ReportedResult", "relation_claims", "reported_results"]


@dataclass(frozen=True, order=True)
class ReportedResult:
    """One reported number: ``entity`` scores ``value`` (as written, e.g. ``"86.3"``) ``unit`` in ``metric`` on ``dataset``.

    ``entity``, ``dataset``, ``task`` and ``paper`` are IRIs (``task`` ``""``
    when not stated), each with its name beside it; ``paper_url`` is the
    paper's URL, else its arXiv abstract page, else ``""``; ``iri`` is the
    result node's own; ``lower_is_better`` is the metric's ``kg:lowerIsBetter``.
    """

    dataset: str
    metric: str
    entity: str
    value: str
    unit: str
    paper: str
    sentence: str
    iri: str
    dataset_name: str = ""
    entity_name: str = ""
    paper_title: str = ""
    paper_url: str = ""
    task: str = ""
    task_name: str = ""
    confidence: float = 1.0
    lower_is_better: bool = False


@dataclass(frozen=True, order=True)
class RelationClaim:
    """One entity → entity relation: ``subject`` ``property`` ``object`` (IRIs; the property by local name).

    ``paper`` (an IRI, with ``paper_title`` and ``paper_url``) states it in
    ``sentence``; both are ``""`` for a relation the graph asserts without a
    ``kg:Claim`` behind it.
    """

    subject: str
    property: str
    object: str
    paper: str = ""
    sentence: str = ""
    subject_name: str = ""
    object_name: str = ""
    paper_title: str = ""
    paper_url: str = ""
    confidence: float = 1.0


def _one(graph: Graph, node: URIRef, prop: URIRef) -> Literal | None:
    """Return the smallest literal value of ``prop`` on ``node``, or None."""
    values = sorted((v for v in graph.objects(node, prop) if isinstance(v, Literal)), key=str)
    return values[0] if values else None


def _iri(graph: Graph, node: URIRef, prop: URIRef) -> URIRef | None:
    """Return the smallest IRI value of ``prop`` on ``node``, or None."""
    return next((v for v in sorted(graph.objects(node, prop)) if isinstance(v, URIRef)), None)


def _text(graph: Graph, node: URIRef, prop: URIRef) -> str:
    """Return the smallest literal value of ``prop`` on ``node`` as a string, or ``""``."""
    value = _one(graph, node, prop)
    return str(value) if value is not None else ""


def _score(value: Literal | None) -> float:
    """Return a confidence literal as a float, 1.0 when missing or malformed."""
    try:
        return float(value) if value is not None else 1.0
    except ValueError:
        return 1.0


def _paper_url(graph: Graph, paper: URIRef) -> str:
    """Return the paper's ``schema:url``, else its arXiv abstract page, else ``""``."""
    url = min((str(u) for u in graph.objects(paper, SCHEMA.url)), default="")
    arxiv = _text(graph, paper, KG.arxivId).strip()
    return url or (f"https://arxiv.org/abs/{arxiv}" if arxiv else "")


def reported_results(graph: Graph) -> list[ReportedResult]:
    """Return every well-formed ``kg:Result`` in ``graph``, sorted.

    Parameters
    ----------
    graph : rdflib.Graph
        A paperkg graph (built, or loaded from Turtle).

    Returns
    -------
    list of ReportedResult
        One record per result with ``kg:reportedIn``, ``kg:ofEntity``,
        ``kg:onDataset``, ``kg:metric`` (named by its ``skos:prefLabel``, else
        its IRI) and ``kg:value``; results missing any of those are left out
        (SHACL validation reports them).

    Notes
    -----
    Linear in the number of result triples.

    Examples
    --------
    >>> from kg.graph.build import facts_to_graph
    >>> from kg.records import Entity, Facts, Paper, Result
    >>> facts = Facts((Paper(id="p1", title="T", abstract="X gets 86.3% on GSM8K."),),
    ...               (Entity("model/x", "Model", "X"), Entity("dataset/gsm8k", "Dataset", "GSM8K")), (),
    ...               results=(Result("p1", 1, "model/x", "dataset/gsm8k", None, "accuracy", "86.3", "%",
    ...                               "abstract", 7, 11, "X gets 86.3% on GSM8K.", "test", 0.5),))
    >>> [(r.entity_name, r.dataset_name, r.metric, r.value, r.unit) for r in reported_results(facts_to_graph(facts))]
    [('X', 'GSM8K', 'accuracy', '86.3', '%')]
    """
    found = []
    for node in graph.subjects(RDF.type, KG.Result):
        if not isinstance(node, URIRef):
            continue
        paper, entity = _iri(graph, node, KG.reportedIn), _iri(graph, node, KG.ofEntity)
        dataset, metric = _iri(graph, node, KG.onDataset), _iri(graph, node, KG.metric)
        value = _one(graph, node, KG.value)
        if paper is None or entity is None or dataset is None or metric is None or value is None:
            continue
        task = _iri(graph, node, KG.forTask)
        found.append(ReportedResult(
            dataset=str(dataset), metric=_text(graph, metric, SKOS.prefLabel) or str(metric), entity=str(entity),
            value=str(value), unit=_text(graph, node, KG.unit), paper=str(paper),
            sentence=_text(graph, node, KG.sentence), iri=str(node),
            dataset_name=_text(graph, dataset, SKOS.prefLabel) or str(dataset),
            entity_name=_text(graph, entity, SKOS.prefLabel) or str(entity),
            paper_title=_text(graph, paper, DCTERMS.title) or str(paper), paper_url=_paper_url(graph, paper),
            task=str(task) if task is not None else "",
            task_name=(_text(graph, task, SKOS.prefLabel) or str(task)) if task is not None else "",
            confidence=_score(_one(graph, node, KG.confidence)),
            lower_is_better=_one(graph, metric, KG.lowerIsBetter) == Literal(True),
        ))
    return sorted(found)


def relation_claims(graph: Graph) -> list[RelationClaim]:
    """Return the evidence for every entity → entity relation of :data:`~kg.records.RELATIONS` in ``graph``, sorted.

    Parameters
    ----------
    graph : rdflib.Graph
        A paperkg graph (built, or loaded from Turtle).

    Returns
    -------
    list of RelationClaim
        One record per well-formed ``kg:Claim`` (with ``kg:subject``,
        ``kg:property`` one of the relations, ``kg:object`` and ``kg:inPaper``),
        and one without a paper or sentence for each relation asserted
        between two entities that no claim backs.

    Notes
    -----
    Linear in the number of claim and relation triples.

    Examples
    --------
    >>> from kg.graph.build import facts_to_graph
    >>> from kg.records import Claim, Entity, Facts, Paper
    >>> facts = Facts((Paper(id="p1", title="T"),),
    ...               (Entity("method/a", "Method", "A"), Entity("method/b", "Method", "B")), (),
    ...               claims=(Claim("p1", 1, "method/a", "basedOn", "method/b", "A builds on B.", "test", 0.6),))
    >>> [(c.subject_name, c.property, c.object_name, c.sentence) for c in relation_claims(facts_to_graph(facts))]
    [('A', 'basedOn', 'B', 'A builds on B.')]
    """
    names: dict[URIRef, str] = {}

    def name(node: URIRef) -> str:
        if node not in names:
            names[node] = _text(graph, node, SKOS.prefLabel) or str(node)
        return names[node]

    found: set[RelationClaim] = set()
    backed: set[tuple[URIRef, str, URIRef]] = set()
    for node in graph.subjects(RDF.type, KG.Claim):
        if not isinstance(node, URIRef):
            continue
        subject, prop = _iri(graph, node, KG.subject), _iri(graph, node, KG.property)
        obj, paper = _iri(graph, node, KG.object), _iri(graph, node, KG.inPaper)
        local = str(prop).removeprefix(str(KG._NS)) if prop is not None else ""
        if subject is None or obj is None or paper is None or local not in RELATIONS:
            continue
        backed.add((subject, local, obj))
        found.add(RelationClaim(
            str(subject), local, str(obj), str(paper), _text(graph, node, KG.sentence), name(subject), name(obj),
            _text(graph, paper, DCTERMS.title) or str(paper), _paper_url(graph, paper),
            _score(_one(graph, node, KG.confidence)),
        ))
    for local in RELATIONS:
        for subject, obj in graph.subject_objects(KG[local]):
            if isinstance(subject, URIRef) and isinstance(obj, URIRef) and (subject, local, obj) not in backed:
                found.add(RelationClaim(str(subject), local, str(obj), subject_name=name(subject),
                                        object_name=name(obj)))
    return sorted(found)
