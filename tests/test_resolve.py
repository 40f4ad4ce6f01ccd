"""Resolution: mentions of all papers → one entity per real thing."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.lexicon import Concept, Lexicon
from kg.records import Extraction, Mention, Paper
from kg.resolve.entities import choose_label, link_role, resolve


def _mention(text: str, type_: str = "Method", role: str = "uses", **extra) -> Mention:
    return Mention(text, "abstract", 0, len(text), type_, role, "test", 0.5, **extra)


def _entities(facts):
    return {e.key: e for e in facts.entities}


def test_resolve_merges_lexicon_aliases_into_one_entity():
    papers = [Paper("a", "T", "We use LoRA."), Paper("b", "T", "We use low-rank adaptation.")]
    facts = resolve(extract(papers))
    (lora,) = [e for e in facts.entities if e.concept == "low-rank-adaptation"]
    assert {"LoRA", "low-rank adaptation"} <= {lora.label, *lora.aliases}
    assert {link.paper_id for link in facts.links if link.entity == lora.key} == {"a", "b"}


def test_resolve_joins_acronym_and_long_form_across_papers():
    a = Extraction(Paper("a", "T"), (_mention("Quantum Gradient Routing", long_form=None), _mention("QGR", long_form="Quantum Gradient Routing")),
                   (("QGR", "Quantum Gradient Routing"),))
    b = Extraction(Paper("b", "T"), (_mention("QGR"),))
    facts = resolve([a, b])
    (entity,) = facts.entities
    assert entity.label == "Quantum Gradient Routing"
    assert entity.aliases == ("QGR",)
    assert [link.paper_id for link in facts.links] == ["a", "b"]


def test_resolve_merges_plural_and_case_variants():
    ex = Extraction(Paper("a", "T"), (_mention("Neural Fields"), _mention("neural field"), _mention("neural field")))
    (entity,) = resolve([ex]).entities
    assert entity.label == "neural field"
    assert entity.aliases == ("Neural Fields",)


def test_resolve_links_model_variants_to_their_family():
    ex = Extraction(Paper("a", "T"), (_mention("Zephyr-13B-Chat", "Model"), _mention("Zephyr-13B", "Model")))
    entities = _entities(resolve([ex]))
    assert entities["model/zephyr-13b-chat"].variant_of == "model/zephyr-13b"
    assert entities["model/zephyr-13b"].variant_of == "model/zephyr"
    assert entities["model/zephyr"].type == "Model"


def test_resolve_uses_lexicon_families():
    facts = resolve(extract([Paper("a", "T", "We fine-tune LLaMA-2-70B.")]))
    assert _entities(facts)["model/llama-2-70b"].variant_of == "model/llama-2"


def test_resolve_ids_are_stable_when_papers_are_added():
    one = resolve(extract([Paper("a", "T", "We use Grokking Nets (GN) on GSM8K.")]))
    two = resolve(extract([Paper("b", "T", "GSM8K and Grokking Nets."), Paper("a", "T", "We use Grokking Nets (GN) on GSM8K.")]))
    assert {e.key for e in one.entities} <= {e.key for e in two.entities}


def test_resolve_gives_every_link_one_role_fitting_the_type():
    facts = resolve(extract([Paper("a", "T", "We evaluate GPT-4 on GSM8K for mathematical reasoning.")]))
    roles = {link.entity: link.role for link in facts.links}
    assert roles == {"model/gpt-4": "uses", "dataset/gsm8k": "evaluatesOn", "task/mathematical-reasoning": "addresses"}


@pytest.mark.parametrize(
    ("roles", "type_", "expected"),
    [(["uses", "proposes"], "Dataset", "proposes"), (["uses"], "Dataset", "evaluatesOn"),
     (["evaluatesOn"], "Method", "uses"), (["uses"], "Task", "addresses")],
)
def test_link_role_prefers_proposes_and_fits_the_type(roles, type_, expected):
    assert link_role(roles, type_) == expected


def test_choose_label_is_deterministic_whatever_the_order():
    forms = ["GANs", "GAN", "generative adversarial networks", "GAN"]
    assert choose_label(forms) == choose_label(reversed(forms)) == "GAN"


def test_resolve_gives_groups_with_one_slug_one_entity_and_one_link():
    lexicon = Lexicon.from_concepts([Concept("bench", "Dataset", "Bench"), Concept("bench-plus", "Dataset", "Bench+")])
    mentions = (_mention("Bench", "Dataset", concept="bench"), _mention("BENCH!", "Dataset", role="proposes"))
    facts = resolve([Extraction(Paper("a", "T"), mentions)], lexicon)
    assert [e.key for e in facts.entities] == ["dataset/bench"]
    assert facts.entities[0].aliases == ("BENCH!",)
    (link,) = facts.links
    assert (link.role, len(link.mentions)) == ("proposes", 2)


def test_resolve_reads_an_abbreviation_as_the_paper_defines_it():
    papers = [Paper("a", "T", "We scale sparse fine-tuning (SFT) to large models. SFT is fast."),
              Paper("b", "T", "We apply supervised fine-tuning (SFT) first.")]
    facts = resolve(extract(papers))
    keys = {(link.paper_id, link.entity) for link in facts.links}
    assert ("a", "method/sparse-fine-tuning") in keys and ("a", "method/supervised-fine-tuning") not in keys
    assert ("b", "method/supervised-fine-tuning") in keys


def test_resolve_joins_a_paraphrased_long_form_to_the_known_concept_of_its_abbreviation():
    paper = Paper("a", "T", "Reinforcement Learning algorithms that learn from human feedback (RLHF) need data. RLHF is slow.")
    facts = resolve(extract([paper]))
    assert [link.entity for link in facts.links] == ["method/reinforcement-learning-from-human-feedback"]


def test_resolve_reads_a_hyphenated_long_form_whole():
    paper = Paper("a", "T", "We train multi-modal large language models (MLLMs) to reason. MLLMs are large.")
    (ex,) = extract([paper])
    assert ("MLLMs", "multi-modal large language models") in ex.abbreviations
    facts = resolve([ex])
    assert [link.entity for link in facts.links] == ["method/multimodal-large-language-model"]


def test_latex_styling_is_no_part_of_a_name_key_or_label():
    from kg.extract.normalize import name_key
    from kg.resolve.grouping import choose_label

    styled = r"Evo\textbf{L}ved Sign \emph{Momentum}"
    assert name_key(styled) == name_key("EvoLved Sign Momentum") == "evolved sign momentum"
    assert choose_label([styled, styled, "EvoLved Sign Momentum"]) == "EvoLved Sign Momentum"
