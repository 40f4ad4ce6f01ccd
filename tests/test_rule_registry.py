"""The registry of extraction rules: every rule named, documented, and switchable on its own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.extract import extract, make_nlp
from kg.extract.pipeline import COMPONENTS, shared_nlp
from kg.extract.registry import (
    RULES, STAGES, UnknownRuleError, check_rules, disabled_rules, stage_of, summary, switched_off,
)
from kg.records import Paper

EXTRACT = Path(__file__).resolve().parents[1] / "kg" / "extract"


@pytest.fixture(scope="module")
def nlp():
    """The rules-only pipeline; tests switch rules off on it and leave it as they found it."""
    return shared_nlp(False)


def _mentions(nlp, paper: Paper, off: tuple[str, ...] = ()) -> set[tuple[str, str, str, str]]:
    with switched_off(nlp, off):
        (ex,) = extract([paper], nlp)
    return {(m.text, m.type, m.role, m.extractor) for m in ex.mentions}


@pytest.mark.parametrize("name", sorted(RULES))
def test_rule_has_a_short_name_and_a_one_line_summary(name):
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", name)
    assert summary(name)[:1].isupper() and summary(name).endswith(".")


def test_rules_are_the_stages_rules_without_duplicates():
    names = [name for rules in STAGES.values() for name in rules]
    assert len(names) == len(set(names)) == len(RULES)
    assert set(STAGES) <= {*COMPONENTS, "paper"}


STAGE_MODULES = {"kg_lexicon": ["lexicon_matcher"], "kg_rules": ["rules"], "kg_ner": ["ner"], "kg_roles": ["roles"],
                 "paper": ["papers", "choose"]}


@pytest.mark.parametrize("name", sorted(RULES))
def test_rule_name_is_tested_where_its_stage_runs(name):
    sources = [(EXTRACT / f"{module}.py").read_text(encoding="utf-8") for module in STAGE_MODULES[stage_of(name)]]
    switch = re.compile(rf'"{re.escape(name)}" (?:not )?in\b|"{re.escape(name)}": \(')
    assert any(switch.search(text) for text in sources), f"no code of stage {stage_of(name)} switches {name!r} off"


@pytest.mark.parametrize("name", sorted(RULES))
def test_switching_each_rule_off_is_accepted_and_undone(nlp, name):
    paper = Paper("p", "Zorb: A Framework for Code Generation", "We propose Zorb, a framework tested on FooQA.")
    _mentions(nlp, paper, (name,))
    assert disabled_rules(nlp) == frozenset()
    assert stage_of(name) in STAGES


@pytest.mark.parametrize(
    ("rule", "paper", "mention"),
    [
        ("model-names", Paper("p", "T", "We compare Zephyr-13B-Chat with Falkor-7B."),
         ("Falkor-7B", "Model", "uses", "model-name")),
        ("lexicon", Paper("p", "T", "We fine-tune a model with LoRA on GSM8K."), ("LoRA", "Method", "uses", "lexicon")),
        ("title-name", Paper("p", "Hopular: Modern Hopfield Networks for Tabular Data", "Hopular beats XGBoost."),
         ("Hopular", "Method", "proposes", "title")),
        ("abbreviations", Paper("p", "T", "We develop a Sparsity-informed Adaptive Pruning (SAP) algorithm."),
         ("SAP", "Method", "proposes", "abbreviation")),
        ("proposal-cues", Paper("p", "T", "In this work, we introduce DeltaZorb, which improves decoding."),
         ("DeltaZorb", "Method", "proposes", "name-shape")),
    ],
)
def test_switching_an_effective_rule_off_loses_its_mention(nlp, rule, paper, mention):
    assert mention in _mentions(nlp, paper)
    assert mention not in _mentions(nlp, paper, (rule,))
    assert mention in _mentions(nlp, paper)


def test_make_nlp_passes_disabled_rules_to_every_rule_bearing_component():
    nlp = make_nlp(statistical=False, disabled=["model-names", "title-name"])
    assert nlp.config["components"]["kg_rules"]["disabled"] == ["model-names", "title-name"]
    assert disabled_rules(nlp) == {"model-names", "title-name"}
    paper = Paper("p", "Hopular: Tabular Data", "We compare Zephyr-13B-Chat with Falkor-7B.")
    (ex,) = extract([paper], nlp)
    assert {m.extractor for m in ex.mentions}.isdisjoint({"model-name", "title"})


def test_extract_switches_rules_off_in_the_default_pipeline():
    paper = Paper("p", "T", "We compare Zephyr-13B-Chat with Falkor-7B.")
    (ex,) = extract([paper], statistical=False, disabled=["model-names"])
    assert "Falkor-7B" not in {m.text for m in ex.mentions}


def test_extract_on_worker_processes_switches_the_same_rules_off():
    papers = [Paper(f"p{i}", "T", f"We compare Zephyr-13B-Chat with Falkor-{i}B.") for i in range(3)]
    serial = list(extract(papers, statistical=False, disabled=["model-names"]))
    assert list(extract(papers, statistical=False, processes=2, disabled=["model-names"])) == serial
    assert all("model-name" not in {m.extractor for m in ex.mentions} for ex in serial)
    assert all("model-name" in {m.extractor for m in ex.mentions} for ex in extract(papers, statistical=False))


def test_switched_off_restores_the_pipeline_after_an_error(nlp):
    with pytest.raises(RuntimeError, match="inside"), switched_off(nlp, ["support"]):
        assert disabled_rules(nlp) == {"support"}
        raise RuntimeError("inside")
    assert disabled_rules(nlp) == frozenset()


@pytest.mark.parametrize("call", [
    lambda nlp: check_rules(["model-names", "model-name"]),
    lambda nlp: make_nlp(statistical=False, disabled=["model-name"]),
    lambda nlp: switched_off(nlp, ["model-name"]).__enter__(),
    lambda nlp: stage_of("model-name"),
    lambda nlp: summary("model-name"),
])
def test_unknown_rule_name_raises_listing_the_valid_ones(nlp, call):
    with pytest.raises(UnknownRuleError, match=r"unknown extraction rule 'model-name'; valid rules: .*model-names"):
        call(nlp)
    assert issubclass(UnknownRuleError, KgError)
    assert disabled_rules(nlp) == frozenset()


def test_extract_modules_import_no_cycle():
    graph: dict[str, set[str]] = {}
    for path in EXTRACT.glob("*.py"):
        deps = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kg.extract."):
                deps.add(node.module.removeprefix("kg.extract."))
        graph[path.stem] = deps

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(d == goal or (d not in seen and reaches(d, goal, seen | {d})) for d in graph.get(start, ()))

    assert [m for m in graph if reaches(m, m, {m})] == []


@pytest.mark.parametrize("path", sorted(EXTRACT.glob("*.py")), ids=lambda p: p.name)
def test_extract_module_is_short_and_declares_its_names(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300
    assert "__all__" in text
