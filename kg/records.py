"""The records the pipeline stages exchange: small frozen dataclasses.

``ingest`` yields :class:`Paper`; ``extract`` turns each into an
:class:`Extraction` of :class:`Mention`; ``resolve`` groups mentions into
:class:`Entity` and :class:`Link` and returns :class:`Facts`, which the graph
stage turns into RDF. No spaCy or rdflib object crosses a stage boundary.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ENTITY_TYPES", "ROLES", "default_role", "Entity", "Extraction", "Facts", "Link", "Mention", "Paper"]

ENTITY_TYPES = ("Method", "Model", "Task", "Dataset")
"""The entity classes of the ontology, by local name."""

ROLES = ("proposes", "uses", "evaluatesOn", "addresses")
"""The paper → entity roles, by the local name of their ontology property."""


def default_role(type_: str) -> str:
    """The role a paper has to an entity of ``type_`` unless it proposes it.

    Datasets are evaluated on, tasks addressed, methods and models used.

    >>> default_role("Dataset"), default_role("Task"), default_role("Model")
    ('evaluatesOn', 'addresses', 'uses')
    """
    return {"Dataset": "evaluatesOn", "Task": "addresses"}.get(type_, "uses")


@dataclass(frozen=True)
class Paper:
    """One input paper.

    ``source`` is where it was read from (``path:line``), kept for messages.
    """

    id: str
    title: str
    abstract: str = ""
    authors: tuple[str, ...] = ()
    date: str | None = None
    url: str | None = None
    arxiv_id: str | None = None
    source: str = ""


@dataclass(frozen=True)
class Mention:
    """One span of a paper's title or abstract that names an entity.

    ``start``/``end`` are character offsets into the field; ``concept`` is the
    lexicon concept the span matched, when it matched one; ``long_form`` is
    the expansion of an abbreviation defined in the same paper;
    ``resolution`` says why the mention was resolved to its entity.
    """

    text: str
    field: str
    start: int
    end: int
    type: str
    role: str
    extractor: str
    confidence: float
    sentence: str = ""
    concept: str | None = None
    long_form: str | None = None
    resolution: str = ""


@dataclass(frozen=True)
class Extraction:
    """The mentions found in one paper, and the abbreviations it defines."""

    paper: Paper
    mentions: tuple[Mention, ...]
    abbreviations: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Entity:
    """One real-world method, model, task or dataset.

    ``key`` (``"<type>/<slug>"``, lower-case type) is the entity's stable id;
    ``variant_of`` is the key of the model family this model belongs to.
    """

    key: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    variant_of: str | None = None
    concept: str | None = None


@dataclass(frozen=True)
class Link:
    """A paper's relation to an entity, with the mentions that support it."""

    paper_id: str
    entity: str
    role: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Facts:
    """Everything the graph stage needs: papers, entities and links, sorted."""

    papers: tuple[Paper, ...]
    entities: tuple[Entity, ...]
    links: tuple[Link, ...]
