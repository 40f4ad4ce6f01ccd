"""Tests for kg.graph.namespace and the ontology it mirrors (ontology/kg.ttl)."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.graph.namespace import KG, ONTOLOGY, PREFIXES
from kg.records import ENTITY_TYPES, ROLES
from kg.resources import ontology_file

DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_file("kg.ttl"), format="turtle")


def declared_terms(ontology: Graph) -> set[URIRef]:
    return {
        term
        for kind in DECLARATIONS
        for term in ontology.subjects(RDF.type, kind)
        if isinstance(term, URIRef) and term.startswith(str(KG))
    }


def test_namespace_terms_equal_ontology_declarations(ontology: Graph) -> None:
    assert set(dir(KG)) == declared_terms(ontology)


def test_namespace_unknown_term_fails() -> None:
    with pytest.raises(AttributeError, match="not in namespace"):
        KG.Algorithm  # noqa: B018


@pytest.mark.parametrize("name", [*ENTITY_TYPES, *ROLES, "Paper", "Entity", "Mention"])
def test_namespace_has_record_constants(name: str) -> None:
    assert KG[name] == URIRef(str(KG) + name)


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    for prop in (RDFS.label, RDFS.comment, OWL.versionInfo):
        assert ontology.value(ONTOLOGY, prop) is not None


def test_ontology_terms_documented(ontology: Graph) -> None:
    for term in declared_terms(ontology):
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, RDFS.comment) is not None, term


def test_ontology_properties_have_domain_and_range(ontology: Graph) -> None:
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ontology.subjects(RDF.type, kind):
            assert ontology.value(prop, RDFS.domain) is not None, prop
            assert ontology.value(prop, RDFS.range) is not None, prop


@pytest.mark.parametrize("role", ROLES)
def test_ontology_roles_are_subproperties_of_mentions(ontology: Graph, role: str) -> None:
    assert (KG[role], RDFS.subPropertyOf, KG.mentions) in ontology


@pytest.mark.parametrize(
    ("cls", "parent"),
    [
        (KG.Paper, "https://schema.org/ScholarlyArticle"),
        (KG.Entity, "http://www.w3.org/2004/02/skos/core#Concept"),
        (KG.Method, "http://www.w3.org/ns/mls#Algorithm"),
        (KG.Model, "http://www.w3.org/ns/mls#Model"),
        (KG.Task, "http://www.w3.org/ns/mls#Task"),
        (KG.Dataset, "http://www.w3.org/ns/mls#Dataset"),
        (KG.Dataset, "https://schema.org/Dataset"),
        (KG.Mention, "http://www.w3.org/ns/prov#Entity"),
        (KG.Result, "http://www.w3.org/ns/mls#ModelEvaluation"),
        (KG.Metric, "http://www.w3.org/ns/mls#EvaluationMeasure"),
        (KG.Claim, "http://www.w3.org/ns/prov#Entity"),
    ],
)
def test_ontology_class_alignment(ontology: Graph, cls: URIRef, parent: str) -> None:
    assert (cls, RDFS.subClassOf, URIRef(parent)) in ontology


@pytest.mark.parametrize("name", ENTITY_TYPES)
def test_ontology_entity_classes_under_entity(ontology: Graph, name: str) -> None:
    assert (KG[name], RDFS.subClassOf, KG.Entity) in ontology


def test_ontology_uses_range_is_union(ontology: Graph) -> None:
    union = ontology.value(ontology.value(KG.uses, RDFS.range), OWL.unionOf)
    assert set(ontology.items(union)) == {KG.Method, KG.Model, KG.Dataset}


def test_prefixes_match_contract() -> None:
    assert PREFIXES["kg"] == "https://w3id.org/paperkg/ontology#"
    assert PREFIXES["kgr"] == "https://w3id.org/paperkg/resource/"
    assert PREFIXES["schema"] == "https://schema.org/"
    assert PREFIXES["mls"] == "http://www.w3.org/ns/mls#"
    assert set(PREFIXES) == {
        "kg", "kgr", "kgl", "dcterms", "skos", "mls", "schema", "prov", "rdf", "rdfs", "owl", "xsd"
    }


def test_plain_prefixes_equal_the_rdflib_namespaces() -> None:
    import rdflib.namespace
    from rdflib import DCTERMS, SKOS
    from rdflib.namespace import PROV

    from kg.graph.namespace import KGL, KGR, MLS, SCHEMA
    from kg.prefixes import PREFIXES as PLAIN

    assert PLAIN is PREFIXES
    assert PREFIXES == {
        "kg": str(KG), "kgr": str(KGR), "kgl": str(KGL), "dcterms": str(DCTERMS), "skos": str(SKOS),
        "mls": str(MLS), "schema": str(SCHEMA), "prov": str(PROV), "rdf": str(RDF), "rdfs": str(RDFS),
        "owl": str(OWL), "xsd": str(rdflib.namespace.XSD),
    }


def _union(ontology: Graph, node: URIRef, prop: URIRef) -> set[URIRef]:
    """The classes of ``prop`` of ``node``: one class, or the members of an owl:unionOf."""
    value = ontology.value(node, prop)
    union = ontology.value(value, OWL.unionOf)
    return set(ontology.items(union)) if union is not None else {value}


def _ancestors(ontology: Graph, cls: URIRef) -> set[URIRef]:
    return set(ontology.transitive_objects(cls, RDFS.subClassOf)) - {cls}


def test_ontology_metric_and_result_are_not_entities(ontology: Graph) -> None:
    for cls in (KG.Metric, KG.Result, KG.Claim):
        assert KG.Entity not in _ancestors(ontology, cls), cls


@pytest.mark.parametrize(
    ("prop", "domain"),
    [
        (KG.inPaper, {KG.Mention, KG.Claim}),
        (KG.field, {KG.Mention, KG.Result}),
        (KG.start, {KG.Mention, KG.Result}),
        (KG.end, {KG.Mention, KG.Result}),
        (KG.sentence, {KG.Mention, KG.Result, KG.Claim}),
        (KG.extractor, {KG.Mention, KG.Result, KG.Claim}),
        (KG.confidence, {KG.Mention, KG.Result, KG.Claim}),
        (KG.reportedIn, {KG.Result}),
        (KG.value, {KG.Result}),
        (KG.property, {KG.Claim}),
        (KG.basedOn, {KG.Method, KG.Model}),
    ],
)
def test_ontology_evidence_domains_cover_results_and_claims(ontology: Graph, prop: URIRef,
                                                            domain: set[URIRef]) -> None:
    assert _union(ontology, prop, RDFS.domain) == domain


@pytest.mark.parametrize(
    ("prop", "range_"),
    [
        (KG.value, {URIRef("http://www.w3.org/2001/XMLSchema#decimal")}),
        (KG.unit, {URIRef("http://www.w3.org/2001/XMLSchema#string")}),
        (KG.metric, {KG.Metric}),
        (KG.onDataset, {KG.Dataset}),
        (KG.ofEntity, {KG.Method, KG.Model}),
        (KG.basedOn, {KG.Method, KG.Model}),
    ],
)
def test_ontology_result_ranges(ontology: Graph, prop: URIRef, range_: set[URIRef]) -> None:
    assert _union(ontology, prop, RDFS.range) == range_


def test_ontology_in_paper_stays_functional(ontology: Graph) -> None:
    assert (KG.inPaper, RDF.type, OWL.FunctionalProperty) in ontology
