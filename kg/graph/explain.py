"""Why an entity is what it is: its labels, its lexicon concept, its family, and why each mention joined it.

``kg explain NAME`` reads a built graph, finds the entities NAME denotes (by
preferred label, alias or IRI, compared by normalised name), and lists for
each one the rule its preferred label follows and every surface form seen,
grouped with the resolution each mention recorded (``kg:resolution``): the
lexicon concept matched, the abbreviation spelled out, the normalised name
shared, or the near-duplicate merged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from kg.errors import GraphError
from kg.extract.normalize import name_key
from kg.graph.namespace import KG
from kg.records import ENTITY_TYPES

__all__ = ["Explanation", "Surface", "explain", "format_explanation"]

_TYPES = {KG[kind]: kind for kind in ENTITY_TYPES}


@dataclass(frozen=True)
class Surface:
    """One surface form of an entity and one reason mentions with it were resolved to the entity."""

    text: str
    resolution: str
    mentions: int
    papers: int
    extractors: tuple[str, ...]


@dataclass(frozen=True)
class Explanation:
    """What the graph says about one entity, and the evidence that built it."""

    iri: str
    type: str
    label: str
    aliases: tuple[str, ...]
    concept: str | None
    family: str | None
    variants: tuple[str, ...]
    surfaces: tuple[Surface, ...]


def _find(graph: Graph, name: str) -> list[URIRef]:
    key = name_key(name)
    found = set()
    for entity in {s for s, o in graph.subject_objects(RDF.type) if o in _TYPES}:
        if str(entity) == name or str(entity).endswith("/" + name):
            found.add(entity)
        labels = [*graph.objects(entity, SKOS.prefLabel), *graph.objects(entity, SKOS.altLabel)]
        if any(name_key(str(label)) == key for label in labels):
            found.add(entity)
    return sorted(found)


def _surfaces(graph: Graph, entity: URIRef) -> tuple[Surface, ...]:
    groups: dict[tuple[str, str], list[URIRef]] = defaultdict(list)
    for mention in graph.subjects(KG.denotes, entity):
        text = str(graph.value(mention, KG.text) or "")
        groups[text, str(graph.value(mention, KG.resolution) or "not recorded")].append(mention)
    out = []
    for (text, why), mentions in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        papers = {graph.value(m, KG.inPaper) for m in mentions}
        extractors = Counter(str(graph.value(m, KG.extractor)) for m in mentions)
        out.append(Surface(text, why, len(mentions), len(papers), tuple(sorted(extractors))))
    return tuple(out)


def explain(graph: Graph, name: str) -> list[Explanation]:
    """Explain every entity of ``graph`` that ``name`` (a label, an alias or an IRI) denotes.

    Raises
    ------
    GraphError
        When no entity has that name; the message suggests close labels.
    """
    entities = _find(graph, name)
    if not entities:
        labels = sorted({str(o) for o in graph.objects(None, SKOS.prefLabel)})
        close = [label for label in labels if name.lower() in label.lower()][:5]
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise GraphError(f"no entity is called {name!r} in the graph{hint}")
    out = []
    for entity in entities:
        concept = graph.value(entity, SKOS.exactMatch)
        family = graph.value(entity, KG.variantOf)
        out.append(Explanation(
            str(entity),
            next(_TYPES[t] for t in graph.objects(entity, RDF.type) if t in _TYPES),
            str(graph.value(entity, SKOS.prefLabel)),
            tuple(sorted(str(a) for a in graph.objects(entity, SKOS.altLabel))),
            str(concept) if concept else None,
            str(graph.value(family, SKOS.prefLabel)) if family else None,
            tuple(sorted(str(graph.value(v, SKOS.prefLabel)) for v in graph.subjects(KG.variantOf, entity))),
            _surfaces(graph, entity),
        ))
    return out


def format_explanation(item: Explanation) -> str:
    """The explanation as text, one fact per line."""
    rule = ("the lexicon concept's preferred label" if item.concept else
            "the most frequent surface form (ties: singular, then lower case, then alphabetical)")
    lines = [f"{item.label}  ({item.type})  <{item.iri}>",
             f"  preferred label: {rule}"]
    if item.concept:
        lines.append(f"  lexicon concept: <{item.concept}>")
    if item.aliases:
        lines.append(f"  aliases: {'; '.join(item.aliases)}")
    if item.family:
        lines.append(f"  variant of: {item.family}")
    if item.variants:
        lines.append(f"  variants: {'; '.join(item.variants)}")
    lines.append(f"  mentions ({sum(s.mentions for s in item.surfaces)}):" if item.surfaces else
                 "  mentions: none (added as the family of a variant)")
    for s in item.surfaces:
        lines.append(f"    {s.text!r} x{s.mentions} in {s.papers} paper(s) [{', '.join(s.extractors)}]: {s.resolution}")
    return "\n".join(lines) + "\n"
