"""The lexicon: well-known entities of the field, read from ``ontology/lexicon.ttl``.

The lexicon is a SKOS concept scheme. Each concept is typed with one of the
ontology's entity classes and has one ``skos:prefLabel``, any number of
``skos:altLabel`` and, for model variants, a ``kg:variantOf`` family.
Members of the collection ``kgl:broad`` are umbrella terms ("deep
learning") that the matcher reports with a low confidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, SKOS

from kg.errors import GraphError
from kg.extract.normalize import name_key
from kg.graph.namespace import KG, KGL
from kg.records import ENTITY_TYPES

__all__ = ["Concept", "Lexicon", "load_lexicon"]

_KG = str(KG)
_KGL = str(KGL)


@dataclass(frozen=True)
class Concept:
    """One lexicon entry; ``id`` is the local name of its IRI."""

    id: str
    type: str
    label: str
    alt_labels: tuple[str, ...] = ()
    variant_of: str | None = None
    broad: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """The preferred label followed by every alternative label."""
        return (self.label, *self.alt_labels)


@dataclass(frozen=True)
class Lexicon:
    """Concepts by id, and a look-up from a name's :func:`name_key` to concept ids."""

    concepts: dict[str, Concept]
    by_key: dict[str, tuple[str, ...]]

    @classmethod
    def from_concepts(cls, concepts: list[Concept]) -> Lexicon:
        """Index ``concepts`` by id and by the key of each of their names."""
        by_key: dict[str, list[str]] = {}
        for concept in sorted(concepts, key=lambda c: c.id):
            for name in concept.names:
                ids = by_key.setdefault(name_key(name), [])
                if concept.id not in ids:
                    ids.append(concept.id)
        return cls({c.id: c for c in concepts}, {k: tuple(v) for k, v in by_key.items()})

    def lookup(self, name: str) -> Concept | None:
        """Return the one concept ``name`` denotes, or None if none or several do.

        Names that share a key ("HumanEval", "HumanEval+") are told apart by
        their exact spelling, case aside.
        """
        ids = self.by_key.get(name_key(name), ())
        if len(ids) > 1:
            ids = tuple(i for i in ids if name.lower() in {n.lower() for n in self.concepts[i].names})
        return self.concepts[ids[0]] if len(ids) == 1 else None

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts[k] for k in sorted(self.concepts))

    def __len__(self) -> int:
        return len(self.concepts)


def _local(iri: rdflib.term.Node, base: str) -> str | None:
    text = str(iri)
    return text[len(base):] if text.startswith(base) else None


def parse_lexicon(graph: rdflib.Graph) -> Lexicon:
    """Read the concepts of a lexicon graph.

    Raises
    ------
    GraphError
        If a concept has no entity type or not exactly one preferred label.
    """
    concepts = []
    broad = {str(m) for m in graph.objects(KGL.broad, SKOS.member)}
    for iri in sorted(set(graph.subjects(RDF.type, SKOS.Concept))):
        cid = _local(iri, _KGL)
        if cid is None:
            continue
        types = sorted(t for t in (_local(o, _KG) for o in graph.objects(iri, RDF.type)) if t in ENTITY_TYPES)
        labels = sorted(str(o) for o in graph.objects(iri, SKOS.prefLabel))
        if len(types) != 1 or len(labels) != 1:
            raise GraphError(
                f"lexicon concept {cid} has types {types} and labels {labels}; "
                "give it exactly one of kg:Method, kg:Model, kg:Task, kg:Dataset and one skos:prefLabel"
            )
        alts = tuple(sorted({str(o) for o in graph.objects(iri, SKOS.altLabel)} - {labels[0]}))
        family = next(iter(graph.objects(iri, KG.variantOf)), None)
        family_id = _local(family, _KGL) if family else None
        concepts.append(Concept(cid, types[0], labels[0], alts, family_id, str(iri) in broad))
    return Lexicon.from_concepts(concepts)


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Load the lexicon from ``path``, by default the bundled ``lexicon.ttl``; each file is read once."""
    from kg.resources import ontology_file

    return _load(Path(path or ontology_file("lexicon.ttl")).resolve())


@lru_cache(maxsize=4)
def _load(source: Path) -> Lexicon:
    try:
        graph = rdflib.Graph().parse(source, format="turtle")
    except (OSError, SyntaxError, ValueError) as err:
        raise GraphError(f"{source}: cannot read the lexicon ({err}); fix the Turtle syntax") from err
    return parse_lexicon(graph)
