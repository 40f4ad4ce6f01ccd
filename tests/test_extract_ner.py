"""The trained recogniser in the pipeline: its filter, its typing, corroboration, rules-only mode."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from kg.errors import KgError
from kg.extract import extract, make_nlp
from kg.extract.candidates import add_candidate, candidates
from kg.extract.ner import CONFIDENCE, CORROBORATION, NerFilter, ner_type, trim
from kg.extract.pipeline import COMPONENTS, RULES_ONLY, shared_nlp
from kg.records import Paper


@pytest.mark.parametrize(("text", "label", "expected"), [
    ("Krylov subspace recycling", "METHOD", "Method"),
    ("plant disease detection", "METHOD", "Task"),
    ("Mistral-7B-Instruct", "METHOD", "Model"),
    ("LeanWorkbook", "DATASET", "Dataset"),
    ("federated learning", "TASK", "Task"),
    ("tabular data", "DATASET", None),
    ("our approach", "METHOD", None),
    ("top-1 accuracy", "TASK", None),
    ("a b c d e f g h", "METHOD", None),
    ("f(x) = y", "METHOD", None),
])
def test_ner_type(text, label, expected):
    assert ner_type(text, label) == expected


@pytest.mark.parametrize(("text", "kept"), [
    ("the proposed robust alternating minimization", "robust alternating minimization"),
    ("sparse coding and", "sparse coding"),
    ("existing", ""),
])
def test_trim_drops_edge_words(text, kept):
    start, end = trim(text)
    assert text[start:end] == kept


def test_filter_corroborates_rule_spans_and_adds_new_ones():
    nlp = spacy.blank("en")
    doc = nlp("We apply message passing and the Foo Bar network to hallucination detection.")
    start = doc.text.index("hallucination")
    rule = add_candidate(doc, start, start + len("hallucination detection"), "Task", "task-head", 0.5)
    doc.ents = [Span(doc, 2, 4, "METHOD"), Span(doc, 5, 9, "METHOD"), Span(doc, 10, 12, "METHOD")]
    NerFilter(nlp, "kg_ner")(doc)
    found = {(c.text, c.type, c.extractor, c.confidence) for c in candidates(doc)}
    assert found == {
        ("message passing", "Method", "ner", CONFIDENCE),
        ("Foo Bar network", "Method", "ner", CONFIDENCE),
        ("hallucination detection", "Task", "task-head+ner", 0.5 + CORROBORATION),
    }
    assert rule.extractor == "task-head+ner"


def test_pipelines_with_and_without_the_recogniser():
    assert tuple(shared_nlp().pipe_names) == COMPONENTS
    assert tuple(shared_nlp(False).pipe_names) == RULES_ONLY
    assert set(shared_nlp().get_pipe("ner").labels) == {"DATASET", "METHOD", "TASK"}


def test_missing_model_is_a_clean_error(tmp_path):
    with pytest.raises(KgError, match=r"cannot load the trained entity recogniser.*kg train"):
        make_nlp(model_path=tmp_path / "nothing")


def test_extract_on_two_processes_gives_the_same_records():
    papers = [Paper(f"p{i}", f"Paper {i}: LoRA for GSM8K",
                    f"We fine-tune LLaMA-2-{i}B with LoRA and evaluate on GSM8K and MATH.") for i in range(1, 40)]
    assert list(extract(papers, processes=2)) == list(extract(papers))
