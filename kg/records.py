"""The records the pipeline stages exchange: small frozen dataclasses.

``ingest`` yields :class:`Paper`; ``extract`` turns each into an
:class:`Extraction` of :class:`Mention`; ``resolve`` groups mentions into
:class:`Entity` and :class:`Link` and returns :class:`Facts`, which the graph
stage turns into RDF. No spaCy or rdflib object crosses a stage boundary.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ENTITY_TYPES", "RELATIONS", "ROLES", "default_role", "Claim", "Entity", "Extraction", "Facts", "Link",
           "Mention", "Paper", "RelationMention", "Result", "ResultMention", "Span"]

ENTITY_TYPES = ("Method", "Model", "Task", "Dataset")
"""The entity classes of the ontology, by local name."""

ROLES = ("proposes", "uses", "evaluatesOn", "addresses")
"""The paper → entity roles, by the local name of their ontology property."""

RELATIONS = ("appliedTo", "basedOn", "benchmarkedOn", "comparedWith")
"""The entity → entity relations extraction asserts, by the local name of their ontology property."""

Span = tuple[str, int, int]
"""Where a mention sits: its field ("title" or "abstract") and character offsets, ``(field, start, end)``."""


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
class ResultMention:
    """One number a paper reports, as extracted: the mentions it is a result of, on and for, by their spans.

    ``metric`` is the metric's canonical label ("top-1 accuracy"); ``value``
    the number as written, without its unit ("85.3"); ``unit`` is ``"%"`` or
    ``""``. ``field``/``start``/``end`` locate the number itself.
    """

    entity: Span
    dataset: Span
    task: Span | None
    metric: str
    value: str
    unit: str
    field: str
    start: int
    end: int
    sentence: str
    extractor: str
    confidence: float


@dataclass(frozen=True)
class RelationMention:
    """One entity → entity relation a sentence states, as extracted: subject and object by their mention spans."""

    subject: Span
    property: str
    object: Span
    sentence: str
    extractor: str
    confidence: float


@dataclass(frozen=True)
class Extraction:
    """The mentions found in one paper, the abbreviations it defines, and the results and relations it states."""

    paper: Paper
    mentions: tuple[Mention, ...]
    abbreviations: tuple[tuple[str, str], ...] = ()
    results: tuple[ResultMention, ...] = ()
    relations: tuple[RelationMention, ...] = ()


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
class Result:
    """One reported number, resolved: entity keys for what was evaluated, on what and for what.

    ``n`` numbers the paper's results from 1 in text order; the other fields
    are those of the :class:`ResultMention` it comes from.
    """

    paper_id: str
    n: int
    entity: str
    dataset: str
    task: str | None
    metric: str
    value: str
    unit: str
    field: str
    start: int
    end: int
    sentence: str
    extractor: str
    confidence: float


@dataclass(frozen=True)
class Claim:
    """One entity → entity relation a paper states, resolved; ``n`` numbers the paper's claims from 1."""

    paper_id: str
    n: int
    subject: str
    property: str
    object: str
    sentence: str
    extractor: str
    confidence: float


@dataclass(frozen=True)
class Facts:
    """Everything the graph stage needs: papers, entities, links, results and claims, sorted."""

    papers: tuple[Paper, ...]
    entities: tuple[Entity, ...]
    links: tuple[Link, ...]
    results: tuple[Result, ...] = ()
    claims: tuple[Claim, ...] = ()
