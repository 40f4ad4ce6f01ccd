"""The SciREX yardstick: extraction scored on the held-out SciREX papers, which no rule or model was fitted to.

Two levels, both on each paper's title and abstract (see
:mod:`kg.train.scirex` for the split and the front matter):

* **Paper level**, as ``kg eval`` scores the sample: the gold entities of a
  paper are its *salient* entities (the ones Papers with Code links to it)
  with a mention in the front matter, core, named as SciREX names them and
  aliased by those mentions; its other annotated mentions are non-core (a
  prediction matching one counts neither way). A salient Method the paper
  reports results of is its *proposed* entity.
* **Mention level**: predicted mentions against annotated ones, by exact
  character range, per type.

SciREX has no Model type (trained models are Methods there), so a predicted
Model counts as a Method in the typed scores.

Run it with ``python -m kg.evaluation.scirex SCIREX.jsonl`` (``--ablate
RULE`` for the effect of rules, as ``kg eval --ablate`` gives on the sample).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.evaluation.ablation import Ablation, format_effects, rule_effects
from kg.evaluation.data import GoldEntity, GoldPaper
from kg.evaluation.scoring import Evaluation, Score
from kg.extract.normalize import name_key
from kg.records import Extraction, Paper
from kg.train.scirex import FrontMatter, front_matter, read_scirex

__all__ = ["ALSO_TYPED", "ENTITY_TYPES", "Yardstick", "format_scores", "gold_paper", "main", "mention_scores", "read_split"]

ALSO_TYPED = {"Model": "Method"}
"""A predicted Model is a Method for SciREX, which has no Model type."""

ENTITY_TYPES = ("Method", "Task", "Dataset")
_ROLES = {"Method": "used", "Task": "addressed", "Dataset": "evaluated_on"}


def read_split(path: Path, *, part: str = "held-out") -> list[FrontMatter]:
    """The front matter of the SciREX papers of ``part`` whose title and abstract can be found, in file order."""
    found = (front_matter(doc) for doc in read_scirex(path, part=part))
    return [paper for paper in found if paper is not None]


def gold_paper(paper: FrontMatter) -> GoldPaper:
    """The paper-level gold of one paper: core salient entities, non-core other mentions."""
    results = {name_key(name) for name in paper.result_methods}
    salient: dict[str, list] = {}
    for mention in paper.mentions:
        if mention.entity is not None:
            salient.setdefault(mention.entity, []).append(mention)
    entities, taken = [], set()
    for name, mentions in sorted(salient.items()):
        kind = Counter(m.type for m in mentions).most_common(1)[0][0]
        keys = frozenset({name_key(name)} | {name_key(m.text) for m in mentions})
        role = "proposed" if kind == "Method" and name_key(name) in results else _ROLES[kind]
        entities.append(GoldEntity(name, kind, role, keys, True))
        taken |= keys
    others: dict[str, GoldEntity] = {}
    for mention in paper.mentions:
        key = name_key(mention.text)
        if mention.entity is None and key and key not in taken and key not in others:
            others[key] = GoldEntity(mention.text, mention.type, _ROLES[mention.type], frozenset({key}), False)
    return GoldPaper(paper.id, name_key(paper.title), tuple(entities) + tuple(others[k] for k in sorted(others)))


def _only(gold: Sequence[GoldPaper], kind: str) -> list[GoldPaper]:
    return [GoldPaper(p.id, p.title_key, tuple(e for e in p.entities if e.type == kind)) for p in gold]


def mention_scores(papers: Sequence[FrontMatter], extractions: Iterable[Extraction]) -> dict[str, Score]:
    """Exact-range mention scores: ``"untyped"``, ``"typed"`` and one per entity type (predicted Model = Method)."""
    by_id = {e.paper.id: e for e in extractions}
    tallies = {name: [0, 0, 0] for name in ("untyped", "typed", *ENTITY_TYPES)}
    for paper in papers:
        extraction = by_id.get(paper.id)
        predicted = {(m.field, m.start, m.end): ALSO_TYPED.get(m.type, m.type)
                     for m in (extraction.mentions if extraction else ())}
        gold = {(m.field, m.start, m.end): m.type for m in paper.mentions}
        for name in tallies:
            if name == "untyped":
                p, g = set(predicted), set(gold)
            else:
                p = {(span, kind) for span, kind in predicted.items() if name == "typed" or kind == name}
                g = {(span, kind) for span, kind in gold.items() if name == "typed" or kind == name}
            tallies[name][0] += len(p & g)
            tallies[name][1] += len(p - g)
            tallies[name][2] += len(g - p)
    return {name: Score(*counts) for name, counts in tallies.items()}


@dataclass
class Yardstick:
    """Extraction of the held-out SciREX papers, scored at paper and mention level.

    Parameters
    ----------
    scirex
        SciREX's ``train.jsonl``.
    nlp
        The pipeline to use; by default the one ``kg build`` uses.
    """

    scirex: Path
    nlp: object = None

    def __post_init__(self) -> None:
        self.split = read_split(self.scirex)
        self.gold = [gold_paper(paper) for paper in self.split]
        self.papers = [Paper(p.id, p.title, p.abstract, source=f"{self.scirex}:{p.id}") for p in self.split]
        self.ablation = Ablation(self.gold, self.papers, nlp=self.nlp, also_typed=ALSO_TYPED)

    def scores(self) -> tuple[Evaluation, dict[str, Evaluation], dict[str, Score]]:
        """Paper-level scores, paper-level typed scores per entity type, and mention-level scores."""
        extractions = self.ablation.extract()
        overall = self.ablation.score_extractions(extractions)
        per_type = {}
        for kind in ENTITY_TYPES:
            self.ablation.gold = _only(self.gold, kind)
            per_type[kind] = self.ablation.score_extractions(
                [Extraction(e.paper, tuple(m for m in e.mentions if ALSO_TYPED.get(m.type, m.type) == kind),
                            e.abbreviations) for e in extractions])
        self.ablation.gold = self.gold
        return overall, per_type, mention_scores(self.split, extractions)


def _line(name: str, s: Score) -> str:
    return f"{name:18s} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}"


def format_scores(papers: int, overall: Evaluation, per_type: dict[str, Evaluation], mentions: dict[str, Score]) -> str:
    """The yardstick's scores as a text table."""
    lines = [f"SciREX held-out papers with a title and abstract: {papers}",
             f"{'paper level':18s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>5s} {'fp':>5s} {'fn':>5s}"]
    lines += [_line(name, getattr(overall, name)) for name in ("untyped", "typed", "proposed")]
    lines += [_line(f"typed {kind}", per_type[kind].typed) for kind in ENTITY_TYPES]
    lines.append(f"{'mention level':18s}")
    lines += [_line(name if name in ("untyped", "typed") else f"typed {name}", s) for name, s in mentions.items()]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    """Print the yardstick's scores, or with ``--ablate RULE...`` (``all``: every rule) the effect of rules on them.

    Example: python -m kg.evaluation.scirex ../shared/data/scirex/train.jsonl --ablate support
    """
    import argparse

    from kg.errors import KgError

    parser = argparse.ArgumentParser(prog="python -m kg.evaluation.scirex", description=main.__doc__)
    parser.add_argument("scirex", type=Path, help="SciREX's train.jsonl")
    parser.add_argument("--ablate", nargs="+", metavar="RULE", help="rules to switch off one at a time")
    args = parser.parse_args(argv)
    try:
        yardstick = Yardstick(args.scirex)
        if args.ablate:
            rules = None if "all" in args.ablate else args.ablate
            baseline, effects = rule_effects(yardstick.gold, yardstick.papers, rules=rules, nlp=yardstick.ablation.nlp,
                                             also_typed=ALSO_TYPED)
            print(format_effects(baseline, effects), end="")
            return
        print(format_scores(len(yardstick.split), *yardstick.scores()), end="")
    except KgError as err:
        raise SystemExit(f"error: {err}") from err


if __name__ == "__main__":
    main()
