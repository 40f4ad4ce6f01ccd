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
from kg.graph import validate_store as validate_store_module
from kg.graph.validate_store import BatchValidator, validate_store
from kg.records import RELATIONS

_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
OUTPUTS = Path(__file__).resolve().parents[1] / "outputs"
KGR = "https://w3id.org/paperkg/resource/"
_PAPER_SIDE = (f"<{KGR}paper/".encode(), f"<{KGR}mention/".encode(), f"<{KGR}result/".encode(),
               f"<{KGR}claim/".encode())


@pytest.fixture(scope="module")
def sample_lines() -> list[bytes]:
    return (OUTPUTS / "graph.nt").read_bytes().splitlines()


def _paper_key(line: bytes) -> bytes:
    """The slug of the paper a paper-side line (paper, mention, result, claim) belongs to."""
    kind, _, rest = line.split(b">", 1)[0].split(b"/resource/", 1)[1].partition(b"/")
    return rest if kind == b"paper" else rest.rsplit(b"/", 1)[0]


@pytest.fixture(scope="module")
def few_lines(sample_lines: list[bytes]) -> list[bytes]:
    """The sample cut to a few papers that report results and state claims, with every entity.

    The relations whose claims are all in papers left out go too, so the cut
    graph conforms; pyshacl takes seconds a graph, and this one is a fraction
    of the sample with every kind of node in it.
    """
    side = [line for line in sample_lines if line.startswith(_PAPER_SIDE)]
    results = {_paper_key(line) for line in side if line.startswith(_PAPER_SIDE[2])}
    claims = {_paper_key(line) for line in side if line.startswith(_PAPER_SIDE[3])}
    kept = set(sorted(results & claims)[:3]) | set(sorted(claims - results)[:2])
    relations = _relation_papers(sample_lines)
    return [line for line in sample_lines
            if (_paper_key(line) in kept if line.startswith(_PAPER_SIDE) else
                line not in relations or kept & set(relations[line]))]


def _graph(lines: list[bytes]) -> Graph:
    return Graph().parse(data=b"\n".join(lines).decode("utf-8"), format="nt")


def _lines(graph: Graph) -> list[bytes]:
    return sorted(line.encode("utf-8") for line in graph.serialize(format="nt").splitlines() if line.strip())


def _store(lines: list[bytes]) -> ox.Store:
    store = ox.Store()
    store.bulk_load(input=b"\n".join(lines) + b"\n", format=ox.RdfFormat.N_TRIPLES)
    return store


def _relation_papers(lines: list[bytes]) -> dict[bytes, list[bytes]]:
    """Each entity -> entity relation line, with the keys of the papers whose claims back it.

    A build writes a relation with the paper of each claim behind it; one no
    claim backs goes with the first paper, as a broken writer would put it.
    """
    graph = _graph(lines)
    papers: dict[tuple, list[bytes]] = {}
    for claim in graph.subjects(RDF.type, KG.Claim):
        triple = (graph.value(claim, KG.subject), graph.value(claim, KG.property), graph.value(claim, KG.object))
        papers.setdefault(triple, []).append(str(claim).split("/resource/claim/", 1)[1].rsplit("/", 1)[0].encode())
    relations = {f"<{KG[name]}>".encode() for name in RELATIONS}
    return {line: papers.get(next(iter(_graph([line]))), [None])
            for line in lines if line.split(b" ", 2)[1] in relations}


def _batched(lines: list[bytes], size: int, workers: int = 1) -> bool:
    """The verdict of the batch validator, papers (with their mentions, results and claims) in batches of ``size``.

    With ``workers`` > 1, the batches are checked in worker processes; the verdict must be that of one process.
    """
    relations = _relation_papers(lines)
    entities = [line for line in lines if not line.startswith(_PAPER_SIDE) and line not in relations]
    by_paper: dict[bytes, list[bytes]] = {}
    for line in lines:
        if line.startswith(_PAPER_SIDE):
            by_paper.setdefault(_paper_key(line), []).append(line)
    papers = sorted(by_paper)
    for line, keys in relations.items():
        for key in keys:
            by_paper[key if key is not None else papers[0]].append(line)
    results = []
    for processes in sorted({1, workers}):
        with BatchValidator(processes) as validator:
            validator.entities(entities)
            done = sum(validator.batch([line for key in papers[start:start + size] for line in by_paper[key]],
                                       len(papers[start:start + size])) for start in range(0, len(papers), size))
            assert done + validator.wait() == len(papers)
            results.append(validator.result())
    assert all(result == results[0] for result in results)
    return results[0].conforms


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


def _value_not_decimal(graph: Graph) -> None:
    graph.set((_first(graph, KG.Result), KG.value, Literal("86.3%")))


def _result_without_dataset(graph: Graph) -> None:
    graph.remove((_first(graph, KG.Result), KG.onDataset, None))


def _result_of_a_dataset(graph: Graph) -> None:
    result = _first(graph, KG.Result)
    graph.set((result, KG.ofEntity, graph.value(result, KG.onDataset)))


def _metric_with_two_labels(graph: Graph) -> None:
    graph.add((_first(graph, KG.Metric), SKOS.prefLabel, Literal("another metric")))


def _metric_without_direction(graph: Graph) -> None:
    graph.remove((_first(graph, KG.Metric), KG.lowerIsBetter, None))


def _claim_without_paper(graph: Graph) -> None:
    graph.remove((_first(graph, KG.Claim), KG.inPaper, None))


def _relation_without_claim(graph: Graph) -> None:
    graph.add((_first(graph, KG.Method), KG.appliedTo, _first(graph, KG.Task)))


def _claim_without_relation(graph: Graph) -> None:
    claim = _first(graph, KG.Claim)
    graph.remove((graph.value(claim, KG.subject), graph.value(claim, KG.property), graph.value(claim, KG.object)))


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
    "result value not a decimal": _value_not_decimal,
    "result without a dataset": _result_without_dataset,
    "result of a dataset": _result_of_a_dataset,
    "metric with two preferred labels": _metric_with_two_labels,
    "metric without kg:lowerIsBetter": _metric_without_direction,
    "claim in no paper": _claim_without_paper,
    "relation no claim backs": _relation_without_claim,
    "claim of a relation not asserted": _claim_without_relation,
}


@pytest.mark.parametrize("cut", [False, True], ids=["sample", "cut sample"])
def test_sample_conforms_for_pyshacl_and_for_sparql(sample_lines: list[bytes], few_lines: list[bytes],
                                                     cut: bool) -> None:
    lines = few_lines if cut else sample_lines
    assert validate(_graph(lines)).conforms
    result = validate_store(_store(lines))
    assert result.conforms and result.violations == 0 and result.text == ""
    assert _batched(lines, 7 if not cut else 2, workers=2)


def test_the_cut_sample_has_every_kind_of_node(few_lines: list[bytes]) -> None:
    graph = _graph(few_lines)
    kinds = [KG.Paper, KG.Mention, KG.Method, KG.Model, KG.Task, KG.Dataset, KG.Result, KG.Metric, KG.Claim]
    assert all(any(graph.subjects(RDF.type, kind)) for kind in kinds)
    assert len(set(graph.subjects(RDF.type, KG.Paper))) == 5


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_broken_graph_breaks_both_validators(few_lines: list[bytes], name: str) -> None:
    graph = _graph(few_lines)
    BREAKS[name](graph)
    lines = _lines(graph)
    reference = validate(graph)
    result = validate_store(_store(lines))
    assert reference.conforms is False
    assert result.conforms is reference.conforms
    assert result.violations >= 1 and result.text
    assert _batched(lines, 2, workers=2) is False


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


def test_a_batch_is_checked_with_the_types_of_the_entities_it_names_only(few_lines: list[bytes],
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    entities = [line for line in few_lines if not line.startswith(_PAPER_SIDE)]
    papers = [line for line in few_lines if line.startswith(_PAPER_SIDE)]
    unnamed = [f"<{KGR}method/unnamed-{n}> <{RDF.type}> <{KG.Method}> .".encode() for n in range(500)]
    loaded: list[bytes] = []
    load = validate_store_module._load
    monkeypatch.setattr(validate_store_module, "_load", lambda data: loaded.append(data) or load(data))
    validator = BatchValidator()
    validator.entities(entities + unnamed)
    validator.batch(papers)
    assert b"unnamed-" not in loaded[-1]
    assert f"<{RDF.type}> <{KG.Method}>".encode() in loaded[-1]  # the methods the papers name are typed
