"""The shapes as SPARQL over Oxigraph give pyshacl's verdict: on the sample, and on graphs broken on purpose."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.errors import GraphError
from kg.graph.namespace import KG
from kg.graph.shapes_sparql import shape_queries
from kg.graph.validate import validate
from kg.graph.validate_store import BatchValidator, validate_store

_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
OUTPUTS = Path(__file__).resolve().parents[1] / "outputs"
KGR = "https://w3id.org/paperkg/resource/"
_PAPER_SIDE = (f"<{KGR}paper/".encode(), f"<{KGR}mention/".encode(), f"<{KGR}result/".encode(),
               f"<{KGR}claim/".encode())


@pytest.fixture(scope="module")
def sample_lines() -> list[bytes]:
    return (OUTPUTS / "graph.nt").read_bytes().splitlines()


def _graph(lines: list[bytes]) -> Graph:
    return Graph().parse(data=b"\n".join(lines).decode("utf-8"), format="nt")


def _lines(graph: Graph) -> list[bytes]:
    return sorted(line.encode("utf-8") for line in graph.serialize(format="nt").splitlines() if line.strip())


def _store(lines: list[bytes]) -> ox.Store:
    store = ox.Store()
    store.bulk_load(input=b"\n".join(lines) + b"\n", format=ox.RdfFormat.N_TRIPLES)
    return store


def _batched(lines: list[bytes], size: int) -> bool:
    """The verdict of the batch validator, papers (with their mentions) in batches of ``size``."""
    entities = [line for line in lines if not line.startswith(_PAPER_SIDE)]
    by_paper: dict[bytes, list[bytes]] = {}
    for line in lines:
        if line.startswith(_PAPER_SIDE):
            kind, _, rest = line.split(b">", 1)[0].split(b"/resource/", 1)[1].partition(b"/")
            key = rest if kind == b"paper" else rest.rsplit(b"/", 1)[0]
            by_paper.setdefault(key, []).append(line)
    validator = BatchValidator()
    validator.entities(entities)
    papers = sorted(by_paper)
    for start in range(0, len(papers), size):
        validator.batch([line for key in papers[start:start + size] for line in by_paper[key]])
    return validator.result().conforms


def _first(graph: Graph, cls: URIRef) -> URIRef:
    return sorted(graph.subjects(RDF.type, cls))[0]


def _drop_title(graph: Graph) -> None:
    graph.remove((_first(graph, KG.Paper), DCTERMS.title, None))


def _second_pref_label(graph: Graph) -> None:
    graph.add((_first(graph, KG.Method), SKOS.prefLabel, Literal("another name")))


def _label_not_pref_label(graph: Graph) -> None:
    method = _first(graph, KG.Method)
    graph.set((method, RDFS.label, Literal("not the preferred label")))


def _confidence_over_one(graph: Graph) -> None:
    graph.set((_first(graph, KG.Mention), KG.confidence, Literal(Decimal("1.5"), datatype=_DECIMAL)))


def _mention_without_denotes(graph: Graph) -> None:
    graph.remove((_first(graph, KG.Mention), KG.denotes, None))


def _bad_field(graph: Graph) -> None:
    graph.set((_first(graph, KG.Mention), KG.field, Literal("body")))


def _start_after_end(graph: Graph) -> None:
    mention = _first(graph, KG.Mention)
    end = int(graph.value(mention, KG.end))
    graph.set((mention, KG.start, Literal(end + 1)))


def _role_link_without_mentions(graph: Graph) -> None:
    paper, entity = next((p, e) for p, e in sorted(graph.subject_objects(KG.uses)))
    graph.remove((paper, KG.mentions, entity))


def _addresses_a_dataset(graph: Graph) -> None:
    paper = _first(graph, KG.Paper)
    graph.add((paper, KG.addresses, _first(graph, KG.Dataset)))
    graph.add((paper, KG.mentions, _first(graph, KG.Dataset)))


def _wrong_span_text(graph: Graph) -> None:
    graph.set((_first(graph, KG.Mention), KG.text, Literal("no such words in the paper")))


def _untyped_entity_link(graph: Graph) -> None:
    paper = _first(graph, KG.Paper)
    graph.add((paper, KG.mentions, URIRef(KGR + "method/never-typed")))


BREAKS: dict[str, Callable[[Graph], None]] = {
    "paper without a title": _drop_title,
    "entity with two preferred labels": _second_pref_label,
    "rdfs:label not the preferred label": _label_not_pref_label,
    "confidence over 1": _confidence_over_one,
    "mention denoting nothing": _mention_without_denotes,
    "field neither title nor abstract": _bad_field,
    "start after end": _start_after_end,
    "role link not also kg:mentions": _role_link_without_mentions,
    "kg:addresses a dataset": _addresses_a_dataset,
    "mention text not the span": _wrong_span_text,
    "link to an untyped node": _untyped_entity_link,
}


def test_sample_conforms_for_pyshacl_and_for_sparql(sample_lines: list[bytes]) -> None:
    graph = _graph(sample_lines)
    assert validate(graph).conforms
    result = validate_store(_store(sample_lines))
    assert result.conforms and result.violations == 0 and result.text == ""
    assert _batched(sample_lines, 7)


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_broken_graph_breaks_both_validators(sample_lines: list[bytes], name: str) -> None:
    graph = _graph(sample_lines)
    BREAKS[name](graph)
    lines = _lines(graph)
    reference = validate(graph)
    result = validate_store(_store(lines))
    assert reference.conforms is False
    assert result.conforms is reference.conforms
    assert result.violations >= 1 and result.text
    assert _batched(lines, 7) is False


def test_violation_names_the_focus_node(sample_lines: list[bytes]) -> None:
    graph = _graph(sample_lines)
    paper = _first(graph, KG.Paper)
    _drop_title(graph)
    result = validate_store(_store(_lines(graph)))
    assert str(paper) in result.text and "minCount" in result.text


def test_every_shape_constraint_has_a_query() -> None:
    queries = shape_queries()
    shapes = {query.shape.rsplit("#", 1)[-1] for query in queries}
    assert {"PaperShape", "EntityShape", "MentionShape", "PaperLinksShape", "MentionEvidenceShape"} <= shapes
    assert any(query.entities for query in queries) and any(not query.entities for query in queries)


def test_unknown_constraint_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.graph import shapes_sparql

    shapes = (Path(__file__).resolve().parents[1] / "ontology" / "shapes.ttl").read_text(encoding="utf-8")
    shapes = shapes.replace("sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:Literal ;",
                            "sh:minCount 1 ; sh:maxLength 9 ; sh:nodeKind sh:Literal ;", 1)
    real = shapes_sparql._load

    def load(name: str) -> Graph:
        return Graph().parse(data=shapes, format="turtle") if name == "shapes.ttl" else real(name)

    monkeypatch.setattr(shapes_sparql, "_load", load)
    shapes_sparql.shape_queries.cache_clear()
    try:
        with pytest.raises(GraphError, match="maxLength"):
            shapes_sparql.shape_queries()
    finally:
        shapes_sparql.shape_queries.cache_clear()
