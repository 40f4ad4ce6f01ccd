"""The trained recogniser in the pipeline: its filter, its typing, corroboration, rules-only mode."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from kg.errors import KgError
from kg.extract import extract, make_nlp
from kg.extract.candidates import add_candidate, candidates
from kg.extract.candidates import Candidate
from kg.extract.ner import CONFIDENCE, CORROBORATION, NerFilter, corroborate, ner_type, trim
from kg.extract.paper_rules import supported
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


def test_corroboration_leaves_a_broad_concept_below_the_threshold():
    broad = Candidate(0, 15, "neural networks", "Method", "lexicon", 0.4, concept="neural-network")
    rule = Candidate(20, 23, "GSC", "Method", "name-shape", 0.5)
    corroborate([broad, rule])
    assert (broad.extractor, broad.confidence) == ("lexicon", 0.4)
    assert (rule.extractor, rule.confidence) == ("name-shape+ner", 0.5 + CORROBORATION)


def test_a_once_named_weak_find_needs_support_even_when_the_recogniser_agrees():
    once = Candidate(0, 23, "task-level verification", "Task", "task-head+ner", 0.6)
    twice = [Candidate(0, 16, "sketch refinement", "Method", "ner", CONFIDENCE),
             Candidate(30, 46, "sketch refinement", "Method", "ner", CONFIDENCE)]
    kept = supported({"title": [], "abstract": [once, *twice]})
    assert kept["abstract"] == twice


def test_a_dropped_weak_find_leaves_its_span_to_the_rule_it_overlapped():
    paper = Paper("p", "A study", "We evaluate on the PhysicsBank dataset.")
    assert [ent.text for ent in shared_nlp()(paper.abstract).ents] == ["PhysicsBank dataset"]
    assert [(m.text, m.type, m.extractor) for (e,) in [list(extract([paper]))] for m in e.mentions] == [
        ("PhysicsBank", "Dataset", "dataset-cue")]


def test_the_shipped_recogniser_finds_a_name_no_rule_knows():
    paper = Paper("p", "Sketching", "We propose gradient-free sketch refinement for sparse matrix factorization. "
                  "Gradient-free sketch refinement is faster than alternating least squares.")
    recognised = {(m.text, m.type) for (e,) in [list(extract([paper]))] for m in e.mentions if m.extractor == "ner"}
    rules_only = {m.text for (e,) in [list(extract([paper], statistical=False))] for m in e.mentions}
    assert ("Gradient-free sketch refinement", "Method") in recognised
    assert "Gradient-free sketch refinement" not in rules_only


def test_the_shipped_recogniser_tags_all_three_labels():
    doc = shared_nlp()("We evaluate ResNet on ImageNet for image classification.")
    assert [(e.text, e.label_) for e in doc.ents] == [("ResNet", "METHOD"), ("ImageNet", "DATASET"),
                                                      ("image classification", "TASK")]


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
