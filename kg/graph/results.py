"""Results and claims as RDF: ``kg:Result``, ``kg:Metric`` and ``kg:Claim`` nodes, and the relations they back.

A result is ``kgr:result/<paper slug>/<n>`` with its paper, entity, dataset,
task (when stated), metric, ``xsd:decimal`` value, unit and evidence; its
metric is ``kgr:metric/<slug of the label>``. A claim is
``kgr:claim/<paper slug>/<n>``; the relation it backs is asserted directly
too (``<entity> kg:benchmarkedOn <dataset>``), once however many claims back it.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import rdflib.namespace
from rdflib import RDF, RDFS, SKOS, Literal, URIRef

from kg.errors import GraphError
from kg.graph.terms import TripleSink, confidence_literal, paper_iri
from kg.extract.metrics import lower_is_better
from kg.graph.namespace import KG, KGR
from kg.records import RELATIONS, Claim, Result
from kg.slugs import slugify

__all__ = ["add_results", "metric_iri"]

_XSD_DECIMAL = rdflib.namespace.XSD.decimal
_XSD_INTEGER = rdflib.namespace.XSD.integer


def metric_iri(label: str, base: str = str(KGR)) -> URIRef:
    """The IRI of the metric with canonical ``label``.

    >>> str(metric_iri("top-1 accuracy"))
    'https://w3id.org/paperkg/resource/metric/top-1-accuracy'
    """
    return URIRef(f"{base}metric/{slugify(label)}")


def _decimal(result: Result) -> Literal:
    try:
        value = Decimal(result.value)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise GraphError(f"result {result.n} of paper {result.paper_id!r} has the value {result.value!r}; "
                         "fix the extractor to give a decimal number as written")
    return Literal(result.value, datatype=_XSD_DECIMAL)


def _known(keys: set[str], key: str, what: str, paper: str, base: str) -> URIRef:
    if key not in keys:
        raise GraphError(f"a {what} of paper {paper!r} refers to the unknown entity {key!r}; "
                         "fix the resolver to return every entity it refers to")
    return URIRef(base + key)


def _add_result(sink: TripleSink, result: Result, keys: set[str], base: str) -> None:
    paper = result.paper_id
    node = URIRef(f"{base}result/{slugify(paper)}/{result.n}")
    metric = metric_iri(result.metric, base)
    sink.add((node, RDF.type, KG.Result))
    sink.add((node, KG.reportedIn, paper_iri(paper, base)))
    sink.add((node, KG.ofEntity, _known(keys, result.entity, "result", paper, base)))
    sink.add((node, KG.onDataset, _known(keys, result.dataset, "result", paper, base)))
    if result.task:
        sink.add((node, KG.forTask, _known(keys, result.task, "result", paper, base)))
    sink.add((node, KG.metric, metric))
    sink.add((node, KG.value, _decimal(result)))
    if result.unit:
        sink.add((node, KG.unit, Literal(result.unit)))
    sink.add((node, KG.field, Literal(result.field)))
    sink.add((node, KG.start, Literal(result.start, datatype=_XSD_INTEGER)))
    sink.add((node, KG.end, Literal(result.end, datatype=_XSD_INTEGER)))
    sink.add((node, KG.sentence, Literal(result.sentence)))
    sink.add((node, KG.extractor, Literal(result.extractor)))
    sink.add((node, KG.confidence, confidence_literal(result.confidence)))
    sink.add((metric, RDF.type, KG.Metric))
    sink.add((metric, SKOS.prefLabel, Literal(result.metric)))
    sink.add((metric, RDFS.label, Literal(result.metric)))
    sink.add((metric, KG.lowerIsBetter, Literal(lower_is_better(result.metric))))


def _add_claim(sink: TripleSink, claim: Claim, keys: set[str], base: str) -> None:
    if claim.property not in RELATIONS:
        raise GraphError(f"claim {claim.n} of paper {claim.paper_id!r} has the property {claim.property!r}; "
                         f"fix the extractor to use one of {', '.join(RELATIONS)}")
    node = URIRef(f"{base}claim/{slugify(claim.paper_id)}/{claim.n}")
    subject = _known(keys, claim.subject, "claim", claim.paper_id, base)
    obj = _known(keys, claim.object, "claim", claim.paper_id, base)
    sink.add((subject, KG[claim.property], obj))
    sink.add((node, RDF.type, KG.Claim))
    sink.add((node, KG.subject, subject))
    sink.add((node, KG.property, KG[claim.property]))
    sink.add((node, KG.object, obj))
    sink.add((node, KG.inPaper, paper_iri(claim.paper_id, base)))
    sink.add((node, KG.sentence, Literal(claim.sentence)))
    sink.add((node, KG.extractor, Literal(claim.extractor)))
    sink.add((node, KG.confidence, confidence_literal(claim.confidence)))


def add_results(sink: TripleSink, results: Iterable[Result], claims: Iterable[Claim], keys: set[str],
                base: str = str(KGR)) -> None:
    """Add the result and claim nodes (and the relations the claims back) to ``sink``.

    ``keys`` are the keys of the graph's entities.

    Raises
    ------
    GraphError
        When a result's value is not a decimal number, a claim's property is not
        one of :data:`~kg.records.RELATIONS`, or either refers to an unknown entity.
    """
    for result in results:
        _add_result(sink, result, keys, base)
    for claim in claims:
        _add_claim(sink, claim, keys, base)
