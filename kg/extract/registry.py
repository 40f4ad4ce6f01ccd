"""Every extraction rule by name, grouped by the stage that runs it; switch rules off by name.

Read :data:`STAGES` top to bottom to see what extraction does, in order.
Each entry maps a short name to the function (or component class) behind
the rule; its docstring's first line says what the rule does. A stage runs
every rule its pipeline does not switch off: build the pipeline with
``make_nlp(disabled=[...])``, or switch rules off for a while with
:func:`switched_off`.

Examples
--------
>>> "model-names" in RULES and stage_of("model-names")
'kg_rules'
>>> try:
...     check_rules(["model-name"])
... except UnknownRuleError as err:
...     print(str(err)[:64])
unknown extraction rule 'model-name'; valid rules: abbreviations
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from spacy.language import Language

from kg.errors import UnknownRuleError
from kg.extract.appositives import appositive_names
from kg.extract.choose import adopt_proposed_types, drop_generic, drop_metrics, take_proposals
from kg.extract.cues import named_phrase, proposal_phrases
from kg.extract.lexicon_matcher import LexiconMatcher
from kg.extract.ner import NerFilter, corroborate
from kg.extract.paper_rules import mark_named_proposals, mark_title_name, mark_title_phrases, supported
from kg.extract.relations import find_relations
from kg.extract.qualifiers import qualify_datasets
from kg.extract.results import find_results
from kg.extract.roles import builds_on, mark_proposals, proposed_type
from kg.extract.rules import abbreviation_hits, dataset_lists, evaluated_on_lists, model_names, name_words, task_phrases
from kg.extract.size_lists import family_mentions
from kg.extract.typer import learned_types
from kg.extract.typing_rules import inherit_tail_types

__all__ = ["RULES", "STAGES", "UnknownRuleError", "check_rules", "disabled_rules", "stage_of", "summary",
           "switched_off"]

Rule = Callable[..., object]

STAGES: dict[str, dict[str, Rule]] = {
    "kg_lexicon": {
        "lexicon": LexiconMatcher,
    },
    "kg_rules": {
        "abbreviations": abbreviation_hits,
        "appositive-names": appositive_names,
        "proposal-phrases": proposal_phrases,
        "named-phrases": named_phrase,
        "model-names": model_names,
        "dataset-lists": dataset_lists,
        "evaluated-on": evaluated_on_lists,
        "name-shapes": name_words,
        "task-heads": task_phrases,
    },
    "kg_ner": {
        "ner-corroboration": corroborate,
        "ner": NerFilter,
    },
    "kg_roles": {
        "proposal-cues": mark_proposals,
        "based-on": builds_on,
        "proposed-type": proposed_type,
    },
    "paper": {
        "title-name": mark_title_name,
        "title-phrases": mark_title_phrases,
        "named-proposals": mark_named_proposals,
        "tail-types": inherit_tail_types,
        "generic-filter": drop_generic,
        "metric-filter": drop_metrics,
        "learned-types": learned_types,
        "support": supported,
        "claimed-proposals": take_proposals,
        "size-lists": family_mentions,
        "dataset-qualifiers": qualify_datasets,
        "proposed-types": adopt_proposed_types,
        "results": find_results,
        "relations": find_relations,
    },
}
"""The rules of each stage, in the order they run: the four rule-bearing pipeline components, then the
paper-level rules of :mod:`kg.extract.papers` that see a paper's title and abstract together."""

RULES: dict[str, Rule] = {name: rule for rules in STAGES.values() for name, rule in rules.items()}
"""Every rule by name: the function or component class behind it."""


def check_rules(names: Iterable[str]) -> frozenset[str]:
    """Return ``names`` as a set, after checking that each names a rule.

    Raises
    ------
    UnknownRuleError
        For the first name that is not in :data:`RULES`, listing the valid ones.
    """
    found = frozenset(names)
    for name in sorted(found):
        if name not in RULES:
            raise UnknownRuleError(f"unknown extraction rule {name!r}; valid rules: {', '.join(sorted(RULES))}")
    return found


def stage_of(name: str) -> str:
    """The stage (a pipeline component's name, or ``"paper"``) that runs rule ``name``.

    Raises
    ------
    UnknownRuleError
        When ``name`` is not in :data:`RULES`.
    """
    check_rules([name])
    return next(stage for stage, rules in STAGES.items() if name in rules)


def summary(name: str) -> str:
    """The one-line summary of rule ``name``: the first line of its docstring.

    >>> summary("model-names")
    'Yield the spans of sized or versioned model names.'
    """
    check_rules([name])
    return (RULES[name].__doc__ or "").strip().splitlines()[0]


def disabled_rules(nlp: Language) -> frozenset[str]:
    """The rules ``nlp`` switches off: the union of its components' ``disabled`` sets."""
    return frozenset().union(*(getattr(pipe, "disabled", frozenset()) for _, pipe in nlp.pipeline))


@contextmanager
def switched_off(nlp: Language, names: Iterable[str]) -> Iterator[Language]:
    """Switch rules ``names`` off in ``nlp`` (besides those already off) for the duration of a ``with`` block.

    The pipeline is reused, not rebuilt: this is how an ablation runs many
    extractions on one pipeline. Every rule-bearing component holds the
    same set of switched-off names; each skips its own.

    Raises
    ------
    UnknownRuleError
        When a name is not in :data:`RULES`.
    """
    off = check_rules(names) | disabled_rules(nlp)
    pipes = [pipe for _, pipe in nlp.pipeline if hasattr(pipe, "disabled")]
    before = [pipe.disabled for pipe in pipes]
    for pipe in pipes:
        pipe.disabled = off
    try:
        yield nlp
    finally:
        for pipe, old in zip(pipes, before, strict=True):
            pipe.disabled = old
