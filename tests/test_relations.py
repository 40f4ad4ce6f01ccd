"""Entity → entity relations stated in a sentence."""

from __future__ import annotations

import re

import pytest

from kg.extract.clauses import Name
from kg.extract.relations import find_relations


def stated(text: str, typed: dict[str, str], proposal: str | None = None) -> set[tuple[str, str, str]]:
    """(subject, property, object) of every relation of one sentence, by surface form."""
    spans = []
    for word, kind in typed.items():
        match = re.search(re.escape(word), text)
        spans.append(Name(match.start(), match.end(), kind))
    own = None
    if proposal is not None:
        start = text.index(proposal)
        own = ("title", start, start + len(proposal))
    found = find_relations(text, "abstract", [(0, len(text))], sorted(spans, key=lambda n: n.start), own)
    return {(text[r.subject[1]:r.subject[2]], r.property, text[r.object[1]:r.object[2]]) for r in found}


@pytest.mark.parametrize("text", [
    "FooNet outperforms BarNet and BazNet.",
    "FooNet is compared with BarNet and BazNet.",
    "FooNet surpasses BarNet and BazNet by a wide margin.",
    "FooNet improves over BarNet and BazNet by 3.2 EM.",
    "FooNet is 4.2% higher than BarNet and BazNet.",
])
def test_comparisons(text):
    assert stated(text, {"FooNet": "Method", "BarNet": "Method", "BazNet": "Model"}) == {
        ("FooNet", "comparedWith", "BarNet"), ("FooNet", "comparedWith", "BazNet")}


def test_a_comparison_opening_the_sentence_is_the_proposal_s():
    text = "Compared with BarNet, the proposed FooNet is faster."
    assert stated(text, {"BarNet": "Method", "FooNet": "Method"}, proposal="FooNet") == {
        ("FooNet", "comparedWith", "BarNet")}


@pytest.mark.parametrize("cue", ["is built on", "is based on", "extends", "is fine-tuned from"])
def test_what_a_method_builds_on(cue):
    text = f"FooNet {cue} BarNet with a new loss."
    assert stated(text, {"FooNet": "Method", "BarNet": "Model"}) == {("FooNet", "basedOn", "BarNet")}


def test_what_we_build_on_is_the_proposal_s():
    text = "We build on BarNet and train it on more data."
    assert stated(text, {"BarNet": "Model"}, proposal="We") == {("We", "basedOn", "BarNet")}


def test_applied_to_a_task():
    text = "We present FooNet for dependency parsing and apply BarNet to machine translation."
    assert stated(text, {"FooNet": "Method", "dependency parsing": "Task", "BarNet": "Method",
                         "machine translation": "Task"}) == {
        ("FooNet", "appliedTo", "dependency parsing"), ("BarNet", "appliedTo", "machine translation")}


def test_an_evaluation_sentence_benchmarks_its_subject_on_its_datasets():
    text = "We evaluate FooNet on GLUE and SQuAD."
    assert stated(text, {"FooNet": "Method", "GLUE": "Dataset", "SQuAD": "Dataset"}, proposal="FooNet") == {
        ("FooNet", "benchmarkedOn", "GLUE"), ("FooNet", "benchmarkedOn", "SQuAD")}


def test_a_sentence_without_cues_states_nothing():
    text = "FooNet and BarNet are popular; GLUE is a benchmark."
    assert stated(text, {"FooNet": "Method", "BarNet": "Method", "GLUE": "Dataset"}) == set()


def test_a_relation_never_links_an_entity_to_itself():
    text = "FooNet outperforms FooNet."
    found = find_relations(text, "abstract", [(0, len(text))], [Name(0, 6, "Method"), Name(0, 6, "Method")], None)
    assert found == []
