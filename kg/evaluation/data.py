"""The two sides of an evaluation: gold annotations and the graph's predictions.

Gold files are JSON Lines, one paper per line: ``{"id", "title", "entities":
[{"name", "type", "role", "aliases", "core"}]}`` (what each field means is
in the README's Evaluation section). Predictions are read from a graph's Turtle with
pyoxigraph, independently of the rdflib code that wrote it: every entity a
paper reaches through ``kg:mentions``, with its types, all its labels, and
whether the paper ``kg:proposes`` it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import GraphError, InputError
from kg.extract.normalize import name_key

__all__ = ["GoldEntity", "GoldPaper", "Predicted", "read_gold", "read_predictions"]

TYPES = ("Dataset", "Method", "Model", "Task")
_KG = "https://w3id.org/paperkg/ontology#"
_QUERY = f"""
PREFIX kg: <{_KG}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?id ?title ?e ?type ?label ?proposed WHERE {{
  ?p a kg:Paper ; dcterms:identifier ?id ; kg:mentions ?e .
  OPTIONAL {{ ?p dcterms:title ?title }}
  OPTIONAL {{ ?e a ?type . FILTER(STRSTARTS(STR(?type), STR(kg:))) }}
  OPTIONAL {{ ?e skos:prefLabel|rdfs:label|skos:altLabel ?label }}
  BIND(EXISTS {{ ?p kg:proposes ?e }} AS ?proposed)
}}
"""


@dataclass(frozen=True)
class GoldEntity:
    """One gold (paper, entity) link: name, type, role, core, and the matching keys of name and aliases."""

    name: str
    type: str
    role: str
    keys: frozenset[str]
    core: bool = True

    @property
    def key(self) -> str:
        """The matching key of the name itself."""
        return name_key(self.name)


@dataclass(frozen=True)
class GoldPaper:
    """A gold line: the paper's id, the matching key of its title, and its entities."""

    id: str
    title_key: str
    entities: tuple[GoldEntity, ...]


@dataclass
class Predicted:
    """One entity the graph links to a paper: its IRI, kg types, label keys, and whether it is proposed."""

    iri: str
    types: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    proposed: bool = False


def _gold_entity(raw: dict) -> GoldEntity:
    names = [raw["name"], *raw.get("aliases", [])]
    if raw["type"] not in TYPES:
        raise ValueError(f"type {raw['type']!r} is not one of {', '.join(TYPES)}")
    return GoldEntity(raw["name"], raw["type"], raw.get("role", ""), frozenset(name_key(n) for n in names),
                      bool(raw.get("core", True)))


def read_gold(path: Path) -> list[GoldPaper]:
    """Read a gold JSON Lines file.

    Raises
    ------
    InputError
        For a missing file, a line that is not JSON, or a paper or entity
        without the required fields; the error names ``path:line``.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(path, None, f"cannot read the gold file ({err.__class__.__name__})",
                         "give a UTF-8 JSON Lines file of gold annotations") from err
    papers = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            papers.append(GoldPaper(str(raw["id"]), name_key(raw.get("title", "")),
                                    tuple(_gold_entity(e) for e in raw["entities"])))
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            detail = f"missing field {err}" if isinstance(err, KeyError) else str(err)
            raise InputError(path, number, f"not a gold paper line ({detail})",
                             'write {"id": …, "title": …, "entities": [{"name", "type", "role", "core"}]}') from err
    if not papers:
        raise InputError(path, None, "no gold papers in the file", "give one JSON object per line")
    return papers


def read_predictions(path: Path) -> dict[str, dict[str, Predicted]]:
    """Return each paper's predicted entities (by IRI), keyed by paper id and by ``"title:" + title key``.

    Raises
    ------
    GraphError
        When ``path`` is missing or is not Turtle.
    """
    import pyoxigraph as ox

    store = ox.Store()
    try:
        store.load(path.read_bytes(), format=ox.RdfFormat.TURTLE)
    except (OSError, SyntaxError, ValueError) as err:
        raise GraphError(f"{path}: cannot read the graph ({err}); build it with `kg build` first") from err
    papers: dict[str, dict[str, Predicted]] = defaultdict(dict)
    for row in store.query(_QUERY):
        entities = papers[row["id"].value]
        if row["title"] is not None:
            papers["title:" + name_key(row["title"].value)] = entities
        entity = entities.setdefault(row["e"].value, Predicted(row["e"].value))
        if row["type"] is not None and row["type"].value[len(_KG):] in TYPES:
            entity.types.add(row["type"].value[len(_KG):])
        if row["label"] is not None:
            entity.keys.add(name_key(row["label"].value))
            entity.labels.add(row["label"].value)
        entity.proposed = entity.proposed or row["proposed"].value == "true"
    return dict(papers)
