"""Resolution: one entity per real thing, across all papers.

Mentions are grouped by a key: the lexicon concept they matched, else the
lexicon concept or normalised long form of the abbreviation they spell,
else their own normalised name (:func:`kg.extract.normalize.name_key`);
names that are near-duplicates of a lexicon name or of each other
(:mod:`kg.resolve.near_duplicates`) join them. Each mention records why
(``Mention.resolution``).
Each group becomes one :class:`Entity`; its preferred label is chosen by a
fixed rule (:func:`choose_label`) and every other surface form becomes an
alias. Model variants ("LLaMA-2-70B") point at their family ("LLaMA-2").

A group's label and type depend on every paper, so resolution streams in
three passes over the extractions (:class:`EntityIndex`): the abbreviations
papers define, then each group's counted surface forms, then each paper's
links. Between passes it keeps only this entity index, never the mentions,
and the result does not depend on how the papers are batched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from kg.errors import KgError
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.resolve.grouping import GroupKey, Grouper, GroupStats, choose_label, link_role, make_entities
from kg.resolve.near_duplicates import near_duplicate_groups
from kg.records import Claim, Entity, Extraction, Facts, Link, Mention, Result
from kg.resolve.results import resolve_results

__all__ = ["EntityIndex", "choose_label", "link_role", "resolve"]


class EntityIndex:
    """The entity index of a corpus, built in three passes over its extractions.

    Feed every extraction to :meth:`add_abbreviations`, then every one to
    :meth:`count`, call :meth:`finish` for the entities, then :meth:`links`
    gives each paper's links. Memory grows with the distinct names, not the mentions.

    Examples
    --------
    >>> from kg.records import Paper
    >>> m = Mention("GSM8K", "title", 0, 5, "Dataset", "evaluatesOn", "lexicon", 1.0, concept="gsm8k")
    >>> ex = Extraction(Paper("p1", "GSM8K"), (m,))
    >>> index = EntityIndex()
    >>> index.add_abbreviations(ex); index.count(ex)
    >>> [e.key for e in index.finish()], [link.entity for link in index.links(ex)]
    (['dataset/gsm8k'], ['dataset/gsm8k'])
    """

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.grouper = Grouper(lexicon or load_lexicon())
        self._long_forms: dict[str, set[GroupKey]] = defaultdict(set)
        self._groups: dict[GroupKey, GroupStats] | None = None
        self._merged: dict[str, tuple[str, float]] = {}
        self._keys: dict[GroupKey, str] = {}
        self._entities: dict[str, Entity] = {}

    def add_abbreviations(self, extraction: Extraction) -> None:
        """Pass 1: note the abbreviations ``extraction``'s paper defines."""
        if self._groups is not None:
            raise KgError("EntityIndex.add_abbreviations after count; fix: finish pass 1 before pass 2")
        for short, long in extraction.abbreviations:
            self._long_forms[short].add(self.grouper.by_name(long)[0])

    def _keyed(self, extraction: Extraction) -> Iterable[tuple[GroupKey, Mention]]:
        """Each mention of ``extraction`` with its group key (before near-duplicates merge) and why."""
        local = dict(extraction.abbreviations)
        for mention in extraction.mentions:
            key, why = self.grouper.key(mention, local)
            yield key, replace(mention, resolution=why)

    def count(self, extraction: Extraction) -> None:
        """Pass 2: count the surface forms of ``extraction``'s mentions in their groups."""
        groups = self._counting()
        for key, mention in self._keyed(extraction):
            groups[key].add(mention)

    def _counting(self) -> dict[GroupKey, GroupStats]:
        """The group counts, starting pass 2 (with pass 1's acronyms) on the first call."""
        if self._groups is None:
            self.grouper.set_acronyms(self._long_forms)
            self._groups = defaultdict(GroupStats)
        return self._groups

    def finish(self) -> tuple[Entity, ...]:
        """Merge near-duplicate names and make the entities; return them sorted by key."""
        counted = self._counting()
        self._merged = near_duplicate_groups(key[1] for key in counted if key[0] == "name")
        groups: dict[GroupKey, GroupStats] = defaultdict(GroupStats)
        for key, stats in counted.items():
            groups[self._final(key)].update(stats)
        self._keys, self._entities = make_entities(dict(groups), self.grouper)
        return tuple(self._entities[key] for key in sorted(self._entities))

    def _final(self, key: GroupKey) -> GroupKey:
        if key[0] == "name" and key[1] in self._merged:
            return ("name", self._merged[key[1]][0])
        return key

    def links(self, extraction: Extraction) -> list[Link]:
        """Pass 3: the links of ``extraction``'s paper, sorted by entity key, each with its mentions."""
        per_entity: dict[str, list[Mention]] = defaultdict(list)
        for key, mention in self._keyed(extraction):
            if key[0] == "name" and key[1] in self._merged:
                other, score = self._merged[key[1]]
                key = ("name", other)
                mention = replace(mention, resolution=f"near-duplicate (similarity {score}) of '{other}'")
            per_entity[self._keys[key]].append(mention)
        paper = extraction.paper.id
        return [
            Link(paper, key, link_role((m.role for m in ms), self._entities[key].type), tuple(ms))
            for key, ms in sorted(per_entity.items())
        ]

    def results(self, extraction: Extraction, links: Iterable[Link]) -> tuple[list[Result], list[Claim]]:
        """Pass 3 too: the results and claims of ``extraction``'s paper, given its :meth:`links`."""
        return resolve_results(extraction, links, self._entities)


def resolve(extractions: Iterable[Extraction], lexicon: Lexicon | None = None) -> Facts:
    """Group the mentions of all papers into entities and paper → entity links.

    Parameters
    ----------
    extractions
        The output of :func:`kg.extract.extract`.
    lexicon
        The lexicon the mentions were matched against; by default the bundled one.
    """
    extractions = list(extractions)
    index = EntityIndex(lexicon)
    for ex in extractions:
        index.add_abbreviations(ex)
    for ex in extractions:
        index.count(ex)
    entities = index.finish()
    links, results, claims = [], [], []
    for ex in extractions:
        paper_links = index.links(ex)
        paper_results, paper_claims = index.results(ex, paper_links)
        links.extend(paper_links), results.extend(paper_results), claims.extend(paper_claims)
    links.sort(key=lambda link: (link.paper_id, link.entity))
    results.sort(key=lambda r: (r.paper_id, r.n))
    claims.sort(key=lambda c: (c.paper_id, c.n))
    return Facts(tuple(ex.paper for ex in extractions), entities, tuple(links), tuple(results), tuple(claims))
