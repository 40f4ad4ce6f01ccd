"""Ablation: what the gold-set scores become when one extraction rule is switched off.

One pipeline is built and reused: each run switches rules off with
:func:`kg.extract.registry.switched_off`, extracts the papers, resolves and
writes the graph as ``kg build`` does, and scores it with
:func:`kg.evaluation.scoring.evaluate`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from kg.evaluation.data import GoldPaper, read_gold, read_predictions
from kg.evaluation.scoring import Evaluation, evaluate
from kg.extract.registry import RULES, check_rules, stage_of, summary, switched_off
from kg.records import Extraction, Mention, Paper

__all__ = ["RULES", "Ablation", "RuleEffect", "ablate", "format_effects", "main", "rule_effects"]

_SCORES = ("untyped", "typed", "proposed")


@dataclass(frozen=True)
class RuleEffect:
    """What switching one rule off does: the scores without it, and their F1 change from the baseline."""

    rule: str
    stage: str
    summary: str
    evaluation: Evaluation
    untyped: float
    typed: float
    proposed: float
    changed: int
    """How many mentions differ from the baseline's (found only with, or only without, the rule)."""

    @property
    def total(self) -> float:
        """The sum of the three F1 changes: negative when the rule helps."""
        return self.untyped + self.typed + self.proposed


class Ablation:
    """Score extraction of one set of papers against one gold file, with any rules switched off.

    Parameters
    ----------
    gold
        The gold JSON Lines file (as for ``kg eval``), or its papers already read.
    papers
        The papers to extract; by default the bundled sample.
    nlp
        The pipeline to reuse; by default one built with :func:`kg.extract.pipeline.make_nlp`.
    threshold
        Mentions less confident are left out; by default as in ``kg build``.
    also_typed
        Extra types a predicted type counts as: ``{"Model": "Method"}`` scores
        against gold that, like SciREX, has no Model type.

    Raises
    ------
    InputError
        When the gold file cannot be read.
    """

    def __init__(self, gold: Path | Sequence[GoldPaper], papers: Sequence[Paper] | None = None, *,
                 nlp: Language | None = None, threshold: float | None = None,
                 also_typed: Mapping[str, str] | None = None) -> None:
        from kg.extract.pipeline import make_nlp
        from kg.extract.run import DEFAULT_THRESHOLD
        from kg.ingest import default_input, read_many

        self.gold: list[GoldPaper] = read_gold(gold) if isinstance(gold, Path) else list(gold)
        self.also_typed = dict(also_typed or {})
        self.papers = list(papers) if papers is not None else read_many([default_input()])
        self.nlp = nlp or make_nlp()
        self.threshold = DEFAULT_THRESHOLD if threshold is None else threshold

    def extract(self, disabled: Iterable[str] = ()) -> list[Extraction]:
        """The papers' extractions with the rules ``disabled`` switched off (none: the baseline).

        Raises
        ------
        UnknownRuleError
            When a name is not a rule of :data:`kg.extract.registry.RULES`.
        """
        from kg.extract.papers import extract_papers

        with switched_off(self.nlp, disabled):
            return list(extract_papers(self.papers, self.nlp, threshold=self.threshold))

    def score(self, disabled: Iterable[str] = ()) -> Evaluation:
        """The scores of the graph built with the rules ``disabled`` switched off (none: the baseline).

        Raises
        ------
        UnknownRuleError
            When a name is not a rule of :data:`kg.extract.registry.RULES`.
        """
        return self.score_extractions(self.extract(disabled))

    def score_extractions(self, extractions: Iterable[Extraction]) -> Evaluation:
        """Resolve ``extractions``, write their graph as ``kg build`` does, and score it against the gold file."""
        from kg.graph import facts_to_graph, write_turtle
        from kg.resolve.entities import resolve

        graph = facts_to_graph(resolve(extractions))
        with tempfile.TemporaryDirectory(prefix="kg-ablation-") as folder:
            predictions = read_predictions(write_turtle(graph, Path(folder) / "graph.ttl"))
        for entities in predictions.values():
            for entity in entities.values():
                entity.types.update(self.also_typed[t] for t in list(entity.types) if t in self.also_typed)
        return evaluate(predictions, self.gold)


def _mentions(extractions: Iterable[Extraction]) -> set[tuple[str, Mention]]:
    return {(e.paper.id, m) for e in extractions for m in e.mentions}


def ablate(rules: Sequence[str], gold: Path, papers: Sequence[Paper] | None = None, *,
           nlp: Language | None = None) -> dict[str, Evaluation]:
    """Score extraction against ``gold`` without each of ``rules``, one at a time; return the scores by rule.

    Parameters
    ----------
    rules
        Names of rules (see :data:`RULES`); each is switched off on its own.
    gold
        The gold JSON Lines file.
    papers
        The papers to extract; by default the bundled sample.
    nlp
        The pipeline to reuse; by default the full one, as ``kg build`` uses.

    Raises
    ------
    UnknownRuleError
        When a name is not in :data:`RULES` (checked before any extraction), listing the valid ones.
    """
    check_rules(rules)
    ablation = Ablation(gold, papers, nlp=nlp)
    return {rule: ablation.score([rule]) for rule in rules}


def rule_effects(gold: Path | Sequence[GoldPaper], papers: Sequence[Paper] | None = None, *,
                 rules: Collection[str] | None = None, nlp: Language | None = None,
                 also_typed: Mapping[str, str] | None = None) -> tuple[Evaluation, list[RuleEffect]]:
    """Return the baseline scores and the effect of switching off each rule (all of :data:`RULES` by default).

    Effects come most helpful rule first: by the sum of the three F1
    changes, then by name. A change is the F1 without the rule minus the
    baseline F1, so a rule that helps has negative changes. ``papers`` and
    ``nlp`` are as for :func:`ablate`, ``also_typed`` as for :class:`Ablation`.

    Raises
    ------
    UnknownRuleError
        When ``rules`` names a rule the registry does not know.
    """
    names = sorted(check_rules(RULES if rules is None else rules), key=list(RULES).index)
    ablation = Ablation(gold, papers, nlp=nlp, also_typed=also_typed)
    extractions = ablation.extract()
    baseline, mentions = ablation.score_extractions(extractions), _mentions(extractions)
    effects = []
    for name in names:
        without = ablation.extract([name])
        result = ablation.score_extractions(without)
        changes = [getattr(result, s).f1 - getattr(baseline, s).f1 for s in _SCORES]
        effects.append(RuleEffect(name, stage_of(name), summary(name), result, *changes,
                                  len(mentions ^ _mentions(without))))
    effects.sort(key=lambda e: (round(e.total, 9), e.rule))
    return baseline, effects


def format_effects(baseline: Evaluation, effects: Sequence[RuleEffect], *, show: int | None = None) -> str:
    """The effects as a text table: the baseline F1s, then one line per rule: its F1 changes and changed mentions."""
    lines = [f"{'rule':20s} {'stage':10s} {'untyped':>8s} {'typed':>8s} {'proposed':>8s} {'mentions':>8s}",
             f"{'(all rules)':20s} {'':10s} " + " ".join(f"{getattr(baseline, s).f1:8.3f}" for s in _SCORES)]
    for e in effects[:show]:
        lines.append(f"{e.rule:20s} {e.stage:10s} {e.untyped:+8.3f} {e.typed:+8.3f} {e.proposed:+8.3f} {e.changed:8d}")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    """Print the effect of each named rule (every rule without names) on the sample's gold-set scores.

    Reads the gold file of a source checkout (``tests/data/seed_gold.jsonl``);
    an unknown rule name exits with the message listing the valid ones.

    Example: python -m kg.evaluation.ablation model-names support
    """
    import sys

    from kg.errors import KgError

    names = list(sys.argv[1:] if argv is None else argv)
    gold = Path(__file__).resolve().parents[2] / "tests" / "data" / "seed_gold.jsonl"
    try:
        baseline, effects = rule_effects(gold, rules=names or None)
    except KgError as err:
        raise SystemExit(f"error: {err}") from err
    print(format_effects(baseline, effects), end="")


if __name__ == "__main__":
    main()
