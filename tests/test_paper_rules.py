"""Paper-level rules over the chosen candidates of a title and an abstract."""

from __future__ import annotations

import spacy

from kg.extract.candidates import Candidate, candidates
from kg.extract.lexicon import Concept, Lexicon
from kg.extract import extract
from kg.extract.paper_rules import (mark_named_proposals, mark_title_name, mark_title_phrases, proposed_types,
                                    supported)
from kg.records import Paper


def _cand(text: str, type_: str = "Method", extractor: str = "name-shape", **extra) -> Candidate:
    return Candidate(0, len(text), text, type_, extractor, 0.5, **extra)


def test_mark_title_name_adds_every_occurrence_as_proposed():
    nlp = spacy.blank("en")
    docs = {"title": nlp("Grokker: Sparse Retrieval"), "abstract": nlp("We test Grokker. Grokker-style and Grokkers are other words.")}
    mark_title_name(docs, Lexicon.from_concepts([]))
    found = {(field, c.start, c.role) for field, doc in docs.items() for c in candidates(doc)}
    assert found == {("title", 0, "proposes"), ("abstract", 8, "proposes")}


def test_mark_title_name_keeps_the_type_an_apposition_gave_and_retypes_other_finds():
    nlp = spacy.blank("en")
    abstract = "We introduce Grokker, a benchmark of hard tasks. Grokker is large."
    docs = {"title": nlp("Grokker: Evaluating Agents"), "abstract": nlp(abstract)}
    candidates(docs["abstract"]).extend([Candidate(13, 20, "Grokker", "Dataset", "proposal-name", 0.7, proposed=True),
                                         Candidate(49, 56, "Grokker", "Task", "name-shape", 0.5)])
    mark_title_name(docs, Lexicon.from_concepts([]))
    every = [*candidates(docs["title"]), *candidates(docs["abstract"])]
    assert [(c.source, c.type, c.role) for c in candidates(docs["abstract"])] == [
        ("proposal-name", "Dataset", "proposes"), ("name-shape", "Method", "proposes")]
    assert proposed_types(every) == {"grokker": "Dataset"}


def test_mark_named_proposals_adds_the_other_occurrences_of_a_name_given_in_apposition():
    nlp = spacy.blank("en")
    docs = {"title": nlp("Sparse Retrieval with Zorbit"),
            "abstract": nlp("We propose Zorbit, a retriever. Zorbit-style and Zorbits are other words. Zorbit wins.")}
    candidates(docs["abstract"]).append(Candidate(11, 17, "Zorbit", "Dataset", "proposal-name", 0.7, proposed=True))
    mark_named_proposals(docs)
    found = {(field, c.start, c.type, c.role) for field, doc in docs.items() for c in candidates(doc)}
    assert found == {("title", 22, "Dataset", "proposes"), ("abstract", 11, "Dataset", None),
                     ("abstract", 74, "Dataset", "proposes")}


def test_a_result_goes_to_the_named_proposal_not_to_the_backbone_before_it():
    paper = Paper("p", "Workflows as Graphs", "We propose Trellis, a framework for agent workflows. "
                  "With a GPT-4 backbone, Trellis achieves 49.6% accuracy on GSM8K.")
    (ex,) = extract([paper], statistical=False)
    (result,) = ex.results
    assert paper.abstract[result.entity[1]:result.entity[2]] == "Trellis"
    (ex,) = extract([paper], statistical=False, disabled=["named-proposals"])
    assert [paper.abstract[r.entity[1]:r.entity[2]] for r in ex.results] == ["GPT-4"]


def test_results_go_to_the_name_the_abstract_gives_rather_than_to_a_descriptive_title_phrase():
    paper = Paper("p", "Compact Models for Keyword Spotting", "We design WakeNetX, a keyword spotting network. "
                  "It achieves 96.9% accuracy on Google Speech Commands.")
    (ex,) = extract([paper], statistical=False)
    assert ("Compact Models", "title-phrase", "proposes") in {(m.text, m.extractor, m.role) for m in ex.mentions}
    (result,) = ex.results
    assert result.entity == ("abstract", 10, 18)


def test_mark_title_phrases_keeps_a_phrase_the_title_does_not_propose_only_if_the_abstract_repeats_it():
    nlp = spacy.blank("en")
    title = "Matrix Completion via Robust Alternating Minimization and Faster Sketching Algorithms"
    docs = {"title": nlp(title), "abstract": nlp("We study error-robust alternating minimization. Sketching is fast.")}
    mark_title_phrases(docs, Lexicon.from_concepts([]))
    assert [(c.text, c.role) for c in candidates(docs["title"])] == [("Robust Alternating Minimization", None)]
    assert candidates(docs["abstract"]) == []


def test_mark_title_phrases_proposes_a_known_name_only_when_it_is_the_whole_title():
    nlp = spacy.blank("en")
    lexicon = Lexicon.from_concepts([Concept("pointer-network", "Method", "pointer network")])
    for title, proposed in [("Pointer Networks", True), ("Pointer Networks for Sorting", False)]:
        docs = {"title": nlp(title), "abstract": nlp("We use pointer networks.")}
        mark_title_phrases(docs, lexicon)
        assert [c.proposed for c in candidates(docs["title"])] == [proposed]


def test_mark_title_name_takes_a_known_method_that_is_all_of_the_title_before_the_colon():
    nlp = spacy.blank("en")
    lexicon = Lexicon.from_concepts([Concept("tree-of-thoughts", "Method", "Tree of Thoughts"),
                                     Concept("few-shot-learning", "Task", "few-shot learning")])
    for title, proposed in [("Tree of Thoughts: Deliberate Problem Solving", True),
                            ("Tree of Thoughts: A Survey", False), ("Few-Shot Learning: Clustering Is Enough", False)]:
        docs = {"title": nlp(title), "abstract": nlp("We study it.")}
        mark_title_name(docs, lexicon)
        assert [c.proposed for c in candidates(docs["title"])] == ([True] if proposed else [])


def test_supported_drops_task_phrases_named_once_in_the_abstract_only():
    once = _cand("cat detection", "Task", "task-head")
    twice = [_cand("dog detection", "Task", "task-head"), _cand("dog detections", "Task", "task-head")]
    titled = _cand("bird detection", "Task", "task-head")
    kept = supported({"title": [titled], "abstract": [once, *twice, _cand("bird detection", "Task", "task-head")]})
    assert [c.text for c in kept["abstract"]] == ["dog detection", "dog detections", "bird detection"]


def test_proposed_types_prefer_dataset_over_method():
    cands = [_cand("ZooQA", proposed=True), _cand("ZooQA", "Dataset", proposed=True), _cand("Other")]
    assert proposed_types(cands) == {"zooqa": "Dataset"}
