"""kg explain, near-duplicate names and the resolution each mention records."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.builder.facts import build
from kg.cli import cli
from kg.errors import GraphError
from kg.graph import write_turtle
from kg.graph.explain import explain, format_explanation
from kg.resolve.near_duplicates import near_duplicate_groups
from kg.records import Extraction, Mention, Paper
from kg.resolve.entities import resolve

PAPERS = [
    Paper("p1", "Grokking Walks", "We fine-tune LLaMA-2-7B with low-rank adaptation (LoRA) and a self-repellent random walk."),
    Paper("p2", "More Walks", "A self-repellent radom walk sampler, compared with LoRA on GSM8K."),
]


@pytest.fixture(scope="module")
def graph():
    return build(PAPERS)


def test_explain_lists_surfaces_with_their_resolution(graph):
    (item,) = explain(graph, "low rank adaptation")
    assert (item.type, item.label) == ("Method", "low-rank adaptation")
    assert item.concept is not None and item.concept.endswith("/low-rank-adaptation")
    reasons = {s.text: s.resolution for s in item.surfaces}
    assert set(reasons) >= {"LoRA", "low-rank adaptation"}
    assert all("kgl:low-rank-adaptation" in why for why in reasons.values())


def test_explain_shows_model_families_both_ways(graph):
    (variant,) = explain(graph, "LLaMA-2-7B")
    (family,) = explain(graph, "LLaMA-2")
    assert variant.family == "LLaMA-2" and "LLaMA-2-7B" in family.variants
    assert "variant of: LLaMA-2" in format_explanation(variant)


def test_near_duplicates_merge_and_say_so():
    def mention(text: str) -> Mention:
        return Mention(text, "abstract", 0, len(text), "Method", "uses", "ner", 0.5)

    extractions = [Extraction(PAPERS[0], (mention("self-repellent random walk"),), ()),
                   Extraction(PAPERS[1], (mention("self-repellent radom walk"),), ())]
    facts = resolve(extractions)
    (entity,) = facts.entities
    assert set(entity.aliases) | {entity.label} == {"self-repellent random walk", "self-repellent radom walk"}
    reasons = {m.text: m.resolution for link in facts.links for m in link.mentions}
    assert reasons["self-repellent random walk"].startswith("near-duplicate (similarity 98.0) of")
    assert reasons["self-repellent radom walk"] == "normalised name 'self repellent radom walk'"


def test_near_duplicate_groups_never_merge_sizes_or_negations():
    assert near_duplicate_groups(["qwen2 5 math 7b", "qwen2 5 math 72b", "supervised learning",
                                  "unsupervised learning"]) == {}


def test_near_duplicate_groups_are_those_of_comparing_every_pair():
    """Blocking by shape loses nothing: the groups are those of comparing each name with every name kept before it."""
    from rapidfuzz import fuzz

    from kg.extract.lexicon import load_lexicon
    from kg.extract.normalize import name_key
    from kg.resolve.near_duplicates import SIMILARITY

    names = sorted({name_key(label) for c in load_lexicon().concepts.values() for label in (c.label, *c.alt_labels)})
    names = [name for name in names if " " in name][::2]
    typos = [name[:len(name) // 2] + name[len(name) // 2 + 1:] for name in names[::5]]  # one letter dropped
    keys = sorted(set(names + typos))

    def comparable(key: str) -> bool:
        return len(key) >= 12 and " " in key and not any(c.isdigit() for c in key)

    def same_shape(a: str, b: str) -> bool:
        return len(a.split()) == len(b.split()) and all(x[0] == y[0] for x, y in zip(a.split(), b.split()))

    expected, kept = {}, []
    for key in keys:
        scores = [(fuzz.ratio(key, other), -i, other) for i, other in enumerate(kept)
                  if comparable(key) and comparable(other) and same_shape(key, other)
                  and fuzz.ratio(key, other) >= SIMILARITY]
        if scores:
            score, _, other = max(scores)
            expected[key] = (other, round(score, 1))
        else:
            kept.append(key)
    found = near_duplicate_groups(keys)
    assert len(found) > 50
    assert found == expected


def test_explain_unknown_name_suggests_close_labels(graph):
    with pytest.raises(GraphError, match=r"no entity is called 'LLaMA'.*did you mean 'LLaMA-2'"):
        explain(graph, "LLaMA")


def test_cli_explain(graph, tmp_path):
    path = tmp_path / "g.ttl"
    write_turtle(graph, path)
    result = CliRunner().invoke(cli, ["explain", "GSM8K", "--graph", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("GSM8K  (Dataset)")
    assert "matched the lexicon concept kgl:gsm8k" in result.output
    result = CliRunner().invoke(cli, ["explain", "nothing-like-this", "--graph", str(path)])
    assert result.exit_code == 1 and result.output.startswith("error: no entity")
