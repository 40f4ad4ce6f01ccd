"""The bundled lexicon (ontology/lexicon.ttl) and the code that reads it."""

from __future__ import annotations

from collections import Counter

import pytest

from kg.errors import GraphError
from kg.extract.lexicon import Concept, Lexicon, load_lexicon
from kg.records import ENTITY_TYPES


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def test_lexicon_has_at_least_400_concepts_of_every_type(lexicon):
    counts = Counter(c.type for c in lexicon)
    assert len(lexicon) >= 400
    assert set(counts) == set(ENTITY_TYPES)
    assert min(counts.values()) >= 50


def test_lexicon_names_denote_one_concept_each(lexicon):
    ambiguous = {name for concept in lexicon for name in concept.names if lexicon.lookup(name) is None}
    assert ambiguous == set()


def test_lexicon_variants_point_at_model_families(lexicon):
    variants = [c for c in lexicon if c.variant_of]
    assert variants
    for concept in variants:
        assert concept.type == "Model"
        assert lexicon.concepts[concept.variant_of].type == "Model"


def test_lexicon_marks_broad_concepts(lexicon):
    broad = {c.label for c in lexicon if c.broad}
    assert {"deep learning", "large language model"} <= broad
    assert "GSM8K" not in broad


@pytest.mark.parametrize(
    ("name", "expected"),
    [("LoRA", "low-rank-adaptation"), ("low rank adaptation", "low-rank-adaptation"), ("GSM8K", "gsm8k"),
     ("Large Language Models", "large-language-model"), ("nonexistent thing", None)],
)
def test_lookup_folds_case_hyphens_and_plurals(lexicon, name, expected):
    found = lexicon.lookup(name)
    assert (found.id if found else None) == expected


def test_lookup_tells_apart_names_that_share_a_key():
    lexicon = Lexicon.from_concepts([Concept("a", "Dataset", "Bench"), Concept("b", "Dataset", "Bench+")])
    assert lexicon.lookup("Bench+").id == "b"
    assert lexicon.lookup("Bench").id == "a"
    assert lexicon.lookup("bench plus") is None


def test_load_lexicon_rejects_a_concept_without_type(tmp_path):
    path = tmp_path / "lex.ttl"
    path.write_text(
        "@prefix kgl: <https://w3id.org/paperkg/lexicon/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'kgl:x a skos:Concept ; skos:prefLabel "X" .\n',
        encoding="utf-8",
    )
    with pytest.raises(GraphError, match="lexicon concept x has types"):
        load_lexicon(path)


def test_load_lexicon_reports_broken_turtle(tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(GraphError, match="cannot read the lexicon"):
        load_lexicon(path)
