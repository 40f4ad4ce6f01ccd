"""Tests for kg.graph.validate and ontology/shapes.ttl."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib
from rdflib import DCTERMS, SKOS, Graph, Literal

from kg.errors import GraphError
from kg.graph.namespace import KG, KGR
from kg.graph.validate import ValidationResult, validate

P3 = KGR["paper/paper-3"]
LORA = KGR["method/lora"]
MATH = KGR["dataset/math"]
TASK = KGR["task/math-reasoning"]
MENTION = KGR["mention/paper-3/title-0-4"]  # "LoRA" in paper-3's title


def copy(graph: Graph) -> Graph:
    out = Graph()
    for triple in graph:
        out.add(triple)
    return out


def test_validate_built_graph_conforms(graph: Graph) -> None:
    result = validate(graph)
    assert result == ValidationResult(conforms=True, text=result.text, violations=0), result.text


def test_validate_does_not_modify_graph(graph: Graph) -> None:
    before = set(graph)
    validate(graph)
    assert set(graph) == before


def _set(node, prop, value) -> Callable[[Graph], None]:  # noqa: ANN001
    return lambda g: g.set((node, prop, value))


BREAKAGES: dict[str, tuple[Callable[[Graph], None], str]] = {
    "missing title": (
        lambda g: g.remove((P3, DCTERMS.title, None)),
        "a paper has exactly one dcterms:title literal",
    ),
    "two identifiers": (
        lambda g: g.add((P3, DCTERMS.identifier, Literal("other"))),
        "a paper has exactly one dcterms:identifier literal",
    ),
    "two prefLabels": (
        lambda g: g.add((LORA, SKOS.prefLabel, Literal("Lora"))),
        "an entity has exactly one skos:prefLabel",
    ),
    "label differs from prefLabel": (
        _set(LORA, rdflib.RDFS.label, Literal("Lora")),
        "an entity's rdfs:label equals its skos:prefLabel",
    ),
    "language-tagged label": (
        _set(MATH, SKOS.prefLabel, Literal("MATH", lang="en")),
        "exactly one skos:prefLabel, a plain string",
    ),
    "evaluatesOn a task": (
        lambda g: g.add((P3, KG.evaluatesOn, TASK)),
        "kg:evaluatesOn points to a kg:Dataset",
    ),
    "addresses a dataset": (
        lambda g: g.add((P3, KG.addresses, MATH)),
        "kg:addresses points to a kg:Task",
    ),
    "uses a task": (
        lambda g: g.add((P3, KG.uses, TASK)),
        "kg:uses points to a kg:Method, kg:Model or kg:Dataset",
    ),
    "mentions an untyped node": (
        lambda g: g.add((P3, KG.mentions, KGR["method/ghost"])),
        "kg:mentions points to a kg:Entity",
    ),
    "role link without kg:mentions": (
        lambda g: g.remove((P3, KG.mentions, LORA)),
        r"paper <?\S*paper/paper-3>? links <?\S*method/lora>? with kg:uses but not with kg:mentions",
    ),
    "link without evidence": (
        lambda g: g.remove((MENTION, None, None)),
        r"links \S*method/lora\S* with no kg:Mention as evidence",
    ),
    "confidence 1.5": (
        _set(MENTION, KG.confidence, Literal("1.5", datatype=rdflib.XSD.decimal)),
        r"kg:confidence, a decimal in \[0, 1\]",
    ),
    "confidence a float": (
        _set(MENTION, KG.confidence, Literal(0.5)),
        r"kg:confidence, a decimal in \[0, 1\]",
    ),
    "field not title or abstract": (
        _set(MENTION, KG.field, Literal("body")),
        'kg:field, "title" or "abstract"',
    ),
    "negative start": (
        _set(MENTION, KG.start, Literal(-1)),
        "kg:start, an integer >= 0",
    ),
    "start after end": (
        _set(MENTION, KG.start, Literal(9)),
        "and <= kg:end",
    ),
    "two denotes": (
        lambda g: g.add((MENTION, KG.denotes, MATH)),
        "a mention has exactly one kg:denotes",
    ),
    "no extractor": (
        lambda g: g.remove((MENTION, KG.extractor, None)),
        "a mention has exactly one kg:extractor string",
    ),
    "text not at offsets": (
        _set(MENTION, KG.text, Literal("LoRa")),
        r"kg:text \"LoRa\" is not the span kg:start\.\.kg:end of the paper's title",
    ),
    "unknown role": (
        _set(MENTION, KG.role, Literal("cites")),
        "a mention has at least one kg:role",
    ),
    "role link not asserted": (
        lambda g: g.add((MENTION, KG.role, Literal("proposes"))),
        "title-0-4 supports a kg:proposes link that its paper does not assert",
    ),
    "variant of a non-model": (
        lambda g: g.add((KGR["model/llama-2-70b"], KG.variantOf, LORA)),
        "kg:variantOf points to a kg:Model",
    ),
    "method as variant": (
        lambda g: g.add((LORA, KG.variantOf, KGR["model/llama-2"])),
        "only a kg:Model is a kg:variantOf a model family",
    ),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_validate_broken_graph_reports(graph: Graph, name: str) -> None:
    breaking, message = BREAKAGES[name]
    broken = copy(graph)
    breaking(broken)
    result = validate(broken)
    assert not result.conforms
    assert result.violations >= 1
    assert any(
        re.search(message, line) for line in result.text.splitlines()
    ), result.text


def test_validate_unparsable_bundled_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # the submodule: ``import kg.graph.validate as m`` would give the function kg.graph exports
    module = importlib.import_module("kg.graph.validate")

    bad = tmp_path / "shapes.ttl"
    bad.write_text("not turtle", encoding="utf-8")
    monkeypatch.setattr(module, "ontology_file", lambda name: bad)
    module._load.cache_clear()
    try:
        with pytest.raises(GraphError, match=r"shapes\.ttl: cannot parse the bundled file: .*reinstall"):
            validate(Graph())
    finally:
        module._load.cache_clear()
