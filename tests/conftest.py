"""Shared fixtures: a small hand-made set of Facts (three papers, seven entities)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.graph.build import facts_to_graph
from kg.records import Entity, Facts, Link, Mention, Paper

PAPERS = (
    Paper(
        id="2403.01234",
        title="LoRA+: Efficient Low-Rank Adaptation of Large Models",
        abstract=(
            "We propose LoRA+, which improves LoRA when fine-tuning LLaMA-2-70B. "
            "On GSM8K and MATH it improves mathematical reasoning."
        ),
        authors=("Ada Lovelace", "Alan Turing"),
        date="2024-03-02",
        arxiv_id="2403.01234",
    ),
    Paper(
        id="2404.00001v2",
        title="Scaling Math Reasoning",
        abstract="We fine-tune LLaMA-2-70B with LoRA and evaluate math reasoning on GSM8K and MATH.",
        date="March 2024",
        url="https://example.org/papers/2",
    ),
    Paper(id="paper-3", title="LoRA on MATH", abstract=""),
)

ENTITIES = (
    Entity("dataset/gsm8k", "Dataset", "GSM8K", aliases=("GSM8K", "GSM-8K"), concept="GSM8K"),
    Entity("dataset/math", "Dataset", "MATH"),
    Entity("method/lora", "Method", "LoRA", aliases=("Low-Rank Adaptation",), concept="LoRA"),
    Entity("method/lora-plus", "Method", "LoRA+"),
    Entity("model/llama-2", "Model", "LLaMA-2"),
    Entity("model/llama-2-70b", "Model", "LLaMA-2-70B", variant_of="model/llama-2"),
    Entity("task/math-reasoning", "Task", "mathematical reasoning", aliases=("math reasoning",)),
)

LINKS = (  # paper index, entity key, role, surface form
    (0, "dataset/gsm8k", "evaluatesOn", "GSM8K"),
    (0, "dataset/math", "uses", "MATH"),
    (0, "method/lora", "uses", "LoRA "),
    (0, "method/lora-plus", "proposes", "LoRA+"),
    (0, "model/llama-2-70b", "uses", "LLaMA-2-70B"),
    (0, "task/math-reasoning", "addresses", "mathematical reasoning"),
    (1, "dataset/gsm8k", "evaluatesOn", "GSM8K"),
    (1, "dataset/math", "evaluatesOn", "MATH"),
    (1, "method/lora", "uses", "LoRA"),
    (1, "model/llama-2-70b", "uses", "LLaMA-2-70B"),
    (1, "task/math-reasoning", "addresses", "math reasoning"),
    (2, "dataset/math", "evaluatesOn", "MATH"),
    (2, "method/lora", "uses", "LoRA"),
)


def make_mention(paper: Paper, text: str, role: str, type_: str, confidence: float = 0.9) -> Mention:
    """Return a mention of the first ``text`` in the title, else the abstract (stripped)."""
    for field in ("title", "abstract"):
        start = getattr(paper, field).find(text)
        if start >= 0:
            span = text.strip()
            return Mention(span, field, start, start + len(span), type_, role, "test", confidence,
                           sentence=getattr(paper, field))
    raise ValueError(f"{text!r} not in paper {paper.id}")


def make_facts() -> Facts:
    """Return the fixture's Facts (a fresh, equal value on every call)."""
    types = {entity.key: entity.type for entity in ENTITIES}
    links = tuple(
        Link(PAPERS[i].id, key, role, (make_mention(PAPERS[i], text, role, types[key]),))
        for i, key, role, text in LINKS
    )
    return Facts(papers=PAPERS, entities=ENTITIES, links=links)


@pytest.fixture
def facts() -> Facts:
    """The fixture's Facts."""
    return make_facts()


@pytest.fixture
def graph(facts: Facts) -> Graph:
    """The fixture's Facts as an RDF graph."""
    return facts_to_graph(facts)


@pytest.fixture(scope="module")
def fixture_turtle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture's Facts written as Turtle, once per test module (read it, don't change it)."""
    from kg.graph.turtle import write_turtle

    return write_turtle(facts_to_graph(make_facts()), tmp_path_factory.mktemp("fixture") / "graph.ttl")


def make_findings_facts(sentence: str = "") -> Facts:
    """Return the fixture's Facts with results on GSM8K and MATH and three relation claims.

    On GSM8K (accuracy, higher is better) LoRA+ scores 84.2%, LLaMA-2-70B 56.8%
    and LoRA 80.1%; on MATH (error rate, lower is better) LoRA 30.5% and LoRA+
    28.0%. ``sentence``, when given, is every result's and claim's sentence.
    """
    from kg.records import Claim, Result

    base = make_facts()
    first, second = PAPERS[0].id, PAPERS[1].id
    said = sentence or "LoRA+ reaches 84.2% on GSM8K, LoRA 80.1%."

    def result(paper: str, n: int, entity: str, dataset: str, metric: str, value: str) -> Result:
        return Result(paper, n, entity, dataset, "task/math-reasoning", metric, value, "%", "abstract", 0, 1,
                      sentence or f"{entity} gets {value}% on {dataset}.", "test", 0.6)

    results = (
        result(first, 1, "method/lora-plus", "dataset/gsm8k", "accuracy", "84.2"),
        result(first, 2, "method/lora", "dataset/gsm8k", "accuracy", "80.1"),
        result(second, 1, "model/llama-2-70b", "dataset/gsm8k", "accuracy", "56.8"),
        result(first, 3, "method/lora", "dataset/math", "error rate", "30.5"),
        result(first, 4, "method/lora-plus", "dataset/math", "error rate", "28.0"),
    )
    claims = (
        Claim(first, 1, "method/lora-plus", "basedOn", "method/lora", sentence or "LoRA+ improves LoRA.", "test", 0.7),
        Claim(first, 2, "method/lora-plus", "benchmarkedOn", "dataset/gsm8k", said, "test", 0.7),
        Claim(second, 1, "model/llama-2-70b", "comparedWith", "method/lora",
              sentence or "We compare LLaMA-2-70B with LoRA.", "test", 0.6),
    )
    return Facts(base.papers, base.entities, base.links, results=results, claims=claims)
