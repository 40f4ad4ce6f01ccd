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
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.names import model_family
from kg.extract.normalize import name_key
from kg.resolve.near_duplicates import near_duplicate, near_duplicate_groups
from kg.records import ENTITY_TYPES, Entity, Extraction, Facts, Link, Mention, default_role
from kg.slugs import slugify

__all__ = ["choose_label", "link_role", "resolve"]

GroupKey = tuple[str, str]  # ("concept", id) or ("name", name key)


def choose_label(surfaces: Iterable[str]) -> str:
    """Pick the preferred label among the surface forms of one entity.

    The rule: the most frequent form; among equally frequent ones, a form not
    ending in a plural "s" of a lower-case word, then the lower-case one, then
    the alphabetically first.

    >>> choose_label(["Graph Neural Networks", "graph neural network", "graph neural network"])
    'graph neural network'
    >>> choose_label(["LLMs", "LLM"])
    'LLM'
    """
    counts = Counter(surfaces)

    def rank(form: str) -> tuple[int, bool, bool, str]:
        plural = form.endswith("s") and name_key(form) != form.lower().replace("-", " ")
        return (-counts[form], plural, not form.islower(), form)

    return min(counts, key=rank)


def link_role(roles: Iterable[str], type_: str) -> str:
    """The one role of a paper's link to an entity of ``type_``: proposes if any mention says so.

    >>> link_role(["uses", "proposes"], "Method"), link_role(["uses"], "Task"), link_role(["addresses"], "Dataset")
    ('proposes', 'addresses', 'evaluatesOn')
    """
    return "proposes" if "proposes" in set(roles) else default_role(type_)


class _Grouper:
    """Assigns each mention the key of the entity it denotes, and says why."""

    def __init__(self, extractions: list[Extraction], lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.lexicon_keys = sorted(key for key, ids in lexicon.by_key.items() if len(ids) == 1)
        long_forms: dict[str, set[GroupKey]] = defaultdict(set)
        for ex in extractions:
            for short, long in ex.abbreviations:
                long_forms[short].add(self.by_name(long)[0])
        self.acronyms = {short: next(iter(keys)) for short, keys in long_forms.items() if len(keys) == 1}

    def by_name(self, name: str) -> tuple[GroupKey, str]:
        """The key a name resolves to: a lexicon concept (exactly or as a near-duplicate), else its normalised form."""
        concept = self.lexicon.lookup(name)
        if concept:
            return ("concept", concept.id), f"a name of the lexicon concept kgl:{concept.id}"
        key = name_key(name)
        found = near_duplicate(key, self.lexicon_keys)
        if found:
            (concept_id,) = self.lexicon.by_key[found[0]]
            return ("concept", concept_id), (f"near-duplicate (similarity {found[1]}) of '{found[0]}', "
                                             f"a name of the lexicon concept kgl:{concept_id}")
        return ("name", key), f"normalised name '{key}'"

    def _reads_as(self, long: str, concept_id: str) -> bool:
        """Whether a long form spells out the concept: every word of one of its names is in it.

        "Reinforcement Learning algorithms that learn from human feedback" is
        RLHF; "sparse fine-tuning" is not the lexicon's SFT, supervised fine-tuning.
        """
        words = set(name_key(long).split())
        names = (name_key(n).split() for n in self.lexicon.concepts[concept_id].names)
        return any(len(n) > 1 and set(n) <= words for n in names)

    def key(self, mention: Mention, local: dict[str, str]) -> tuple[GroupKey, str]:
        """The key of the entity ``mention`` denotes, and why.

        An abbreviation the paper defines means what the paper says, even
        when the lexicon reads it otherwise ("sparse fine-tuning (SFT)"); a
        long form that spells out the known concept of its abbreviation
        denotes that concept.
        """
        long = mention.long_form or local.get(mention.text)
        defined = self.by_name(long) if long and long != mention.text else None
        if mention.concept and (defined is None or self._reads_as(long, mention.concept)):
            return ("concept", mention.concept), f"matched the lexicon concept kgl:{mention.concept}"
        if defined is not None:
            return defined[0], f"abbreviation of '{long}' in this paper; {defined[1]}"
        key, why = self.by_name(mention.text)
        if key[0] == "name" and mention.text in self.acronyms:
            return self.acronyms[mention.text], "acronym whose long form another paper defines"
        short = next((s for s, full in local.items() if full == mention.text), None)
        concept = self.lexicon.lookup(short) if key[0] == "name" and short else None
        if concept is not None and self._reads_as(mention.text, concept.id):
            return ("concept", concept.id), f"long form of '{short}', a name of the lexicon concept kgl:{concept.id}"
        return key, why


def _merge_near_duplicates(assigned: list[tuple[str, GroupKey, Mention]]) -> list[tuple[str, GroupKey, Mention]]:
    """Give mentions whose normalised names are near-duplicates one key, and record it."""
    merged = near_duplicate_groups(key[1] for _, key, _ in assigned if key[0] == "name")
    out = []
    for paper_id, key, mention in assigned:
        if key[0] == "name" and key[1] in merged:
            other, score = merged[key[1]]
            key = ("name", other)
            mention = replace(mention, resolution=f"near-duplicate (similarity {score}) of '{other}'")
        out.append((paper_id, key, mention))
    return out


def _entity_type(key: GroupKey, mentions: list[Mention], lexicon: Lexicon) -> str:
    if key[0] == "concept":
        return lexicon.concepts[key[1]].type
    votes = Counter(m.type for m in mentions)
    return min(votes, key=lambda t: (-votes[t], ENTITY_TYPES.index(t)))


def _make_entity(key: GroupKey, mentions: list[Mention], lexicon: Lexicon) -> Entity:
    type_ = _entity_type(key, mentions, lexicon)
    surfaces = [m.text for m in mentions]
    long_forms = [m.long_form for m in mentions if m.long_form]
    if key[0] == "concept":
        concept = lexicon.concepts[key[1]]
        label, known, slug = concept.label, concept.alt_labels, slugify(concept.id)
    else:
        label, known, slug = choose_label(long_forms or surfaces), (), slugify(key[1])
    aliases = tuple(sorted((set(surfaces) | set(long_forms) | set(known)) - {label}))
    return Entity(f"{type_.lower()}/{slug}", type_, label, aliases, None, key[1] if key[0] == "concept" else None)


def _family(entity: Entity, grouper: _Grouper, lexicon: Lexicon) -> GroupKey | None:
    if entity.type != "Model":
        return None
    if entity.concept:
        family = lexicon.concepts[entity.concept].variant_of
        return ("concept", family) if family else None
    name = model_family(entity.label)
    return grouper.by_name(name)[0] if name else None


def _unique(groups: dict[GroupKey, list[Mention]], lexicon: Lexicon) -> tuple[dict[GroupKey, str], dict[str, Entity]]:
    """Make one entity per group; groups whose entities get the same key share the first one.

    Returns the entity key of each group, and the entities by key.
    """
    keys: dict[GroupKey, str] = {}
    entities: dict[str, Entity] = {}
    for group, mentions in sorted(groups.items()):
        entity = _make_entity(group, mentions, lexicon)
        kept = entities.setdefault(entity.key, entity)
        if kept is not entity:
            aliases = tuple(sorted((set(kept.aliases) | {entity.label, *entity.aliases}) - {kept.label}))
            entities[entity.key] = replace(kept, aliases=aliases)
        keys[group] = entity.key
    return keys, entities


def _attach_families(keys: dict[GroupKey, str], entities: dict[str, Entity], grouper: _Grouper, lexicon: Lexicon) -> None:
    """Point every model variant at its family, adding the family's entity when no paper named it."""
    for key in sorted(entities):
        family = _family(entities[key], grouper, lexicon)
        if family is None:
            continue
        if family not in keys:
            if family[0] == "concept":
                made = _make_entity(family, [], lexicon)
            else:
                made = Entity(f"model/{slugify(family[1])}", "Model", str(model_family(entities[key].label)))
            keys[family] = made.key
            entities.setdefault(made.key, made)
        family_key = keys[family]
        if family_key != key and entities[family_key].type == "Model":
            entities[key] = replace(entities[key], variant_of=family_key)


def resolve(extractions: Iterable[Extraction], lexicon: Lexicon | None = None) -> Facts:
    """Group the mentions of all papers into entities and paper → entity links.

    Parameters
    ----------
    extractions
        The output of :func:`kg.extract.extract`.
    lexicon
        The lexicon the mentions were matched against; by default the bundled one.
    """
    lexicon = lexicon or load_lexicon()
    extractions = list(extractions)
    grouper = _Grouper(extractions, lexicon)
    assigned = []
    for ex in extractions:
        for mention in ex.mentions:
            key, why = grouper.key(mention, dict(ex.abbreviations))
            assigned.append((ex.paper.id, key, replace(mention, resolution=why)))
    assigned = _merge_near_duplicates(assigned)
    groups: dict[GroupKey, list[Mention]] = defaultdict(list)
    for _, group, mention in assigned:
        groups[group].append(mention)
    keys, entities = _unique(groups, lexicon)
    _attach_families(keys, entities, grouper, lexicon)
    per_link: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for paper_id, group, mention in assigned:
        per_link[paper_id, keys[group]].append(mention)
    links = [
        Link(pid, key, link_role((m.role for m in ms), entities[key].type), tuple(ms))
        for (pid, key), ms in sorted(per_link.items())
    ]
    return Facts(tuple(ex.paper for ex in extractions), tuple(entities[k] for k in sorted(entities)), tuple(links))
