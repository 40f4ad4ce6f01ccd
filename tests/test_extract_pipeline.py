"""The spaCy pipeline: components, registered factories, and what it finds in text."""

from __future__ import annotations

import pytest

from kg.extract import COMPONENTS, extract, make_nlp
from kg.extract.candidates import Candidate, candidates
from kg.extract.papers import _proposal
from kg.records import Paper


@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


def _found(nlp, text: str) -> dict[str, set[tuple[str, str]]]:
    """Each candidate's text → (type, first extractor); "lexicon+ner" is the lexicon, confirmed by the recogniser."""
    found: dict[str, set[tuple[str, str]]] = {}
    for c in candidates(nlp(text)):
        found.setdefault(c.text, set()).add((c.type, c.extractor.split("+")[0]))
    return found


def test_make_nlp_has_every_component_in_order(nlp):
    assert tuple(nlp.pipe_names) == COMPONENTS


def test_lexicon_finds_known_entities_with_their_types(nlp):
    found = _found(nlp, "We fine-tune LLaMA-2-70B with LoRA and evaluate on GSM8K for mathematical reasoning.")
    assert ("Model", "lexicon") in found["LLaMA-2-70B"]
    assert ("Method", "lexicon") in found["LoRA"]
    assert ("Dataset", "lexicon") in found["GSM8K"]
    assert ("Task", "lexicon") in found["mathematical reasoning"]


@pytest.mark.parametrize("text", ["We do math.", "The math is hard."])
def test_lexicon_capital_names_do_not_match_lower_case_words(nlp, text):
    assert "math" not in {k.lower() for k in _found(nlp, text)}


def test_lexicon_ignores_names_inside_hyphenated_compounds(nlp):
    assert "LoRA" not in _found(nlp, "We propose LQ-LoRA for compression.")


def test_rules_find_abbreviation_long_and_short_forms(nlp):
    found = _found(nlp, "We develop a Sparsity-informed Adaptive Pruning (SAP) algorithm.")
    assert ("Method", "abbreviation") in found["Sparsity-informed Adaptive Pruning"]
    assert ("Method", "abbreviation") in found["SAP"]


def test_rules_find_unknown_model_names(nlp):
    found = _found(nlp, "We compare Zephyr-13B-Chat with Falkor-7B.")
    assert found["Zephyr-13B-Chat"] == {("Model", "model-name")}
    assert found["Falkor-7B"] == {("Model", "model-name")}


def test_generic_words_alone_are_never_mentions():
    paper = Paper("p", "A framework", "We propose a new method and a framework. The model is a baseline.")
    (ex,) = extract([paper])
    assert ex.mentions == ()


def test_extract_marks_the_title_name_and_its_mentions_as_proposed():
    paper = Paper("p", "Grokker: Fast Sparse Retrieval", "Grokker beats BM25 on MS MARCO for passage retrieval.")
    (ex,) = extract([paper])
    roles = {(m.field, m.text): m.role for m in ex.mentions}
    assert roles[("title", "Grokker")] == "proposes"
    assert roles[("abstract", "Grokker")] == "proposes"
    assert roles[("abstract", "MS MARCO")] == "evaluatesOn"
    assert roles[("abstract", "passage retrieval")] == "addresses"


def test_extract_records_offsets_sentence_extractor_and_confidence():
    paper = Paper("p", "T", "Intro sentence. We then train a ResNet-50 on ImageNet.")
    (ex,) = extract([paper])
    m = next(m for m in ex.mentions if m.text == "ImageNet")
    assert paper.abstract[m.start : m.end] == "ImageNet"
    assert m.sentence == "We then train a ResNet-50 on ImageNet."
    assert m.extractor == "lexicon+ner" and m.confidence == 1.0  # the lexicon's find, which the recogniser confirms


def test_extract_threshold_drops_low_confidence_mentions():
    paper = Paper("p", "T", "We study plant disease detection with GPT-4. Plant disease detection is hard.")
    (low,) = extract([paper])
    (high,) = extract([paper], threshold=0.85)
    assert "plant disease detection" in {m.text for m in low.mentions}
    assert {m.text for m in high.mentions} == {"GPT-4"}


def test_extract_keeps_task_heads_only_when_named_twice_or_in_the_title():
    once = Paper("p", "T", "We study plant disease detection with GPT-4.")
    titled = Paper("p", "Plant Disease Detection", "We study plant disease detection with GPT-4.")
    assert "plant disease detection" not in {m.text for m in next(extract([once])).mentions}
    assert "plant disease detection" in {m.text for m in next(extract([titled])).mentions}


def test_extract_broad_concepts_only_under_a_low_threshold():
    paper = Paper("p", "T", "We apply deep learning and LoRA.")
    assert {m.text for m in next(extract([paper])).mentions} == {"LoRA"}
    assert {m.text for m in next(extract([paper], threshold=0.0)).mentions} == {"deep learning", "LoRA"}


def test_extract_proposal_phrase_names_a_descriptive_contribution():
    paper = Paper("p", "T", "We propose a greedy block selection rule that converges faster than random rules.")
    (m,) = [m for m in next(extract([paper])).mentions if m.role == "proposes"]
    assert (m.text, m.extractor.split("+")[0], m.type) == ("greedy block selection rule", "proposal-phrase", "Method")


def test_extract_returns_defined_abbreviations():
    paper = Paper("p", "T", "We use reinforcement learning from human feedback (RLHF).")
    (ex,) = extract([paper])
    assert ("RLHF", "reinforcement learning from human feedback") in ex.abbreviations


def test_extract_links_the_family_of_a_listed_size_range():
    paper = Paper("p", "T", "We fine-tune Llama 2 7B and 13B on our data.")
    found = {(m.text, m.concept, m.extractor) for m in next(extract([paper])).mentions}
    assert ("Llama 2 7B", "llama-2-7b", "lexicon") in found
    assert ("Llama 2", "llama-2", "size-list") in found


def test_extract_names_a_proposal_phrase_by_the_name_in_parentheses():
    paper = Paper("p", "T", "Results show that our sparse quantized adapter decomposition approach (SQAD) beats QLoRA.")
    (ex,) = extract([paper])
    proposed = {(m.text, m.long_form) for m in ex.mentions if m.role == "proposes"}
    assert proposed == {("sparse quantized adapter decomposition", "sparse quantized adapter decomposition"),
                        ("SQAD", "sparse quantized adapter decomposition")}
    assert ("SQAD", "sparse quantized adapter decomposition") in ex.abbreviations


def test_extract_a_name_the_proposal_builds_on_is_used_not_proposed():
    paper = Paper("p", "T", "We propose FooNet, a learned instantiation of column-and-constraint generation (CCG), "
                            "a classical iterative algorithm. Embedding our network into CCG is fast.")
    mentions = next(extract([paper])).mentions
    assert [(m.text, m.type) for m in mentions if m.role == "proposes"] == [("FooNet", "Method")]
    assert [(m.text, m.role, m.type) for m in mentions if m.start < 100][1:] == [
        ("column-and-constraint generation", "uses", "Method"), ("CCG", "uses", "Method")]


@pytest.mark.parametrize(("text", "proposed"), [
    ("We release Quokka-7B, an open model.", {"Quokka-7B"}),
    ("Our results show that a fine-tuned Quokka-7B model improves on ZorbQA.", set()),
    ("Our work examines why ZorbNet fails.", set()),
    ("We develop BarNet by distilling from Quokka-7B.", {"BarNet"}),
    ("Our approach proposes gradient-guided plan refinement to speed up search.", {"gradient-guided plan refinement"}),
    ("Search is fast through the functional state caching technique, which we also present.",
     {"functional state caching"}),
    ("We replace it by a nonlinear chain, namely the Self-Avoiding Walk (SAW).", set()),
    ("We propose a novel framework, namely FooBar, to align models.", {"FooBar"}),
    ("The resulting algorithm, Quux Preference Learning (QPL), is off-policy.", {"Quux Preference Learning", "QPL"}),
    ("We present an integer linear programming (ILP) formulation of it.", set()),
    ("Our best model family, which we name Zebrafin, beats open models.", {"Zebrafin"}),
    ("In tests, our warm-start reduces solver iterations by a third.", set()),
])
def test_extract_proposal_cues_claim_only_the_contribution(text, proposed):
    mentions = next(extract([Paper("p", "T", text)])).mentions
    assert {m.text for m in mentions if m.role == "proposes"} == proposed


def test_extract_keeps_a_long_form_that_a_known_method_name_ends():
    paper = Paper("p", "T", "We propose temporal token merging (TTM), a training-free method.")
    (ex,) = extract([paper])
    assert {(m.text, m.long_form, m.role) for m in ex.mentions} == {
        ("temporal token merging", "temporal token merging", "proposes"), ("TTM", "temporal token merging", "proposes")}


def _cand(start: int, text: str, role: str = "uses", kind: str = "Method") -> Candidate:
    return Candidate(start, start + len(text), text, kind, "test", 1.0, role=role)


def test_the_proposal_is_the_title_s_else_the_proposed_name_the_abstract_repeats():
    search, found = _cand(10, "FooSearch", "proposes"), _cand(60, "SignMo", "proposes")
    abstract = [search, found, _cand(90, "SignMo"), _cand(120, "SignMo"), _cand(140, "AdamW")]
    assert _proposal({"abstract": abstract}) == ("abstract", 60, 66)
    assert _proposal({"abstract": abstract[:3] + [_cand(130, "FooSearch")]}) == ("abstract", 10, 19)  # a tie: the first
    assert _proposal({"title": [_cand(0, "FooSearch", "proposes")], "abstract": abstract}) == ("title", 0, 9)
    assert _proposal({"abstract": [_cand(0, "MS MARCO", "proposes", "Dataset")]}) is None
