"""The ontology as code: every paperkg term, and the prefixes the graph binds.

This module and :mod:`kg.prefixes` (the namespaces as plain strings, which
this module builds on) are the only places in the package where ontology IRIs
are spelled (a test checks that the plain strings equal rdflib's namespaces).
:class:`KG` mirrors the classes and properties of ``ontology/kg.ttl`` (a test
checks the two agree); with ``_fail = True`` a mistyped term is an error:

>>> KG.proposes
rdflib.term.URIRef('https://w3id.org/paperkg/ontology#proposes')
>>> KG.propose
Traceback (most recent call last):
...
AttributeError: term 'propose' not in namespace 'https://w3id.org/paperkg/ontology#'
"""

from __future__ import annotations

import rdflib.namespace
from rdflib import Namespace, URIRef

from kg.prefixes import PREFIXES

# rdflib.XSD and DefinedNamespace warn when probed for unknown attributes (as
# pytest's doctest collector does), so they are not bound as module globals.

__all__ = ["KG", "KGL", "KGR", "MLS", "ONTOLOGY", "PREFIXES", "SCHEMA"]

ONTOLOGY = URIRef("https://w3id.org/paperkg/ontology")
"""The IRI of the ontology itself (``owl:Ontology`` in kg.ttl)."""

KGR = Namespace(PREFIXES["kgr"])
"""The default base of instance IRIs: papers, entities, mentions."""

KGL = Namespace(PREFIXES["kgl"])
"""The lexicon of known entities (``ontology/lexicon.ttl``), by concept local name."""

MLS = Namespace(PREFIXES["mls"])
"""W3C ML Schema, which the entity classes are aligned to."""

SCHEMA = Namespace(PREFIXES["schema"])
"""schema.org (https form), for ``schema:url`` and the class alignments."""


class KG(rdflib.namespace.DefinedNamespace):
    """The paperkg ontology, ``https://w3id.org/paperkg/ontology#``."""

    _NS = Namespace(PREFIXES["kg"])
    _fail = True

    # classes
    Paper: URIRef  # a machine-learning paper
    Entity: URIRef  # superclass of the four entity classes
    Method: URIRef
    Model: URIRef
    Task: URIRef
    Dataset: URIRef
    Mention: URIRef  # evidence for a link
    Result: URIRef  # one reported number
    Metric: URIRef  # what a result measures
    Claim: URIRef  # evidence for an entity -> entity relation

    # paper -> entity links
    mentions: URIRef  # any link; super-property of the four roles
    proposes: URIRef
    uses: URIRef
    evaluatesOn: URIRef
    addresses: URIRef

    # entity -> entity links
    variantOf: URIRef
    appliedTo: URIRef
    benchmarkedOn: URIRef
    comparedWith: URIRef
    basedOn: URIRef

    # result -> paper / entity / metric
    reportedIn: URIRef
    ofEntity: URIRef
    onDataset: URIRef
    forTask: URIRef
    metric: URIRef
    lowerIsBetter: URIRef  # metric -> boolean

    # claim -> entity / property
    subject: URIRef
    property: URIRef
    object: URIRef

    # mention -> paper / entity
    inPaper: URIRef
    denotes: URIRef

    # datatype properties
    text: URIRef
    field: URIRef
    start: URIRef
    end: URIRef
    extractor: URIRef
    resolution: URIRef
    confidence: URIRef
    role: URIRef
    sentence: URIRef
    arxivId: URIRef
    value: URIRef
    unit: URIRef
