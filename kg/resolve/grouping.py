"""How mentions become groups and groups become entities: the rules behind :mod:`kg.resolve.entities`.

A :class:`Grouper` gives each mention the key of the group (entity) it
denotes, and says why; :class:`GroupStats` is what resolution keeps of a
group (surface forms, long forms and type votes, counted), so that the
entity index stays small however many mentions the corpus has;
:func:`make_entities` turns the groups into :class:`~kg.records.Entity`
records, with model variants pointing at their families.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from kg.extract.lexicon import Lexicon
from kg.extract.names import model_family
from kg.extract.normalize import name_key, plain_name
from kg.resolve.near_duplicates import NameIndex
from kg.records import ENTITY_TYPES, Entity, Mention, default_role
from kg.slugs import slugify

__all__ = ["GroupKey", "GroupStats", "Grouper", "choose_label", "link_role", "make_entities"]

GroupKey = tuple[str, str]  # ("concept", id) or ("name", name key)


@dataclass
class GroupStats:
    """What resolution keeps of one group: its surface forms, long forms and mention types, counted."""

    surfaces: Counter[str] = field(default_factory=Counter)
    long_forms: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)

    def add(self, mention: Mention) -> None:
        """Count one more mention of the group."""
        self.surfaces[mention.text] += 1
        if mention.long_form:
            self.long_forms[mention.long_form] += 1
        self.types[mention.type] += 1

    def update(self, other: GroupStats) -> None:
        """Count the mentions of ``other`` too."""
        self.surfaces.update(other.surfaces)
        self.long_forms.update(other.long_forms)
        self.types.update(other.types)


def choose_label(surfaces: Iterable[str]) -> str:
    """Pick the preferred label among the surface forms of one entity.

    The rule: the most frequent form; among equally frequent ones, a form not
    ending in a plural "s" of a lower-case word, then the lower-case one, then
    the alphabetically first. Forms are compared with their LaTeX styling
    unwrapped (``\\textbf{X}`` is ``X``).

    >>> choose_label(["Graph Neural Networks", "graph neural network", "graph neural network"])
    'graph neural network'
    >>> choose_label(["LLMs", "LLM"])
    'LLM'
    """
    counts = Counter(plain_name(surface) for surface in surfaces)

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


class Grouper:
    """Assigns each mention the key of the entity it denotes, and says why."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.lexicon_keys = NameIndex(sorted(key for key, ids in lexicon.by_key.items() if len(ids) == 1))
        self.acronyms: dict[str, GroupKey] = {}
        self._by_name: dict[str, tuple[GroupKey, str]] = {}

    def set_acronyms(self, long_forms: Mapping[str, set[GroupKey]]) -> None:
        """Use the long forms the papers define (abbreviation → keys of its long forms); unambiguous ones count."""
        self.acronyms = {short: next(iter(keys)) for short, keys in long_forms.items() if len(keys) == 1}

    def by_name(self, name: str) -> tuple[GroupKey, str]:
        """The key a name resolves to: a lexicon concept (exactly or as a near-duplicate), else its normalised form."""
        found = self._by_name.get(name)
        if found is None:
            found = self._by_name[name] = self._lookup(name)
        return found

    def _lookup(self, name: str) -> tuple[GroupKey, str]:
        concept = self.lexicon.lookup(name)
        if concept:
            return ("concept", concept.id), f"a name of the lexicon concept kgl:{concept.id}"
        key = name_key(name)
        found = self.lexicon_keys.near_duplicate(key)
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


def _entity_type(key: GroupKey, stats: GroupStats, lexicon: Lexicon) -> str:
    if key[0] == "concept":
        return lexicon.concepts[key[1]].type
    votes = stats.types
    return min(votes, key=lambda t: (-votes[t], ENTITY_TYPES.index(t)))


def _make_entity(key: GroupKey, stats: GroupStats, lexicon: Lexicon) -> Entity:
    type_ = _entity_type(key, stats, lexicon)
    surfaces, long_forms = stats.surfaces, stats.long_forms
    if key[0] == "concept":
        concept = lexicon.concepts[key[1]]
        label, known, slug = concept.label, concept.alt_labels, slugify(concept.id)
    else:
        label, known, slug = choose_label((long_forms or surfaces).elements()), (), slugify(key[1])
    aliases = tuple(sorted((set(surfaces) | set(long_forms) | set(known)) - {label}))
    return Entity(f"{type_.lower()}/{slug}", type_, label, aliases, None, key[1] if key[0] == "concept" else None)


def _family(entity: Entity, grouper: Grouper, lexicon: Lexicon) -> GroupKey | None:
    if entity.type != "Model":
        return None
    if entity.concept:
        family = lexicon.concepts[entity.concept].variant_of
        return ("concept", family) if family else None
    name = model_family(entity.label)
    return grouper.by_name(name)[0] if name else None


def _unique(groups: dict[GroupKey, GroupStats], lexicon: Lexicon) -> tuple[dict[GroupKey, str], dict[str, Entity]]:
    """Make one entity per group; groups whose entities get the same key share the first one.

    Returns the entity key of each group, and the entities by key.
    """
    keys: dict[GroupKey, str] = {}
    entities: dict[str, Entity] = {}
    for group, stats in sorted(groups.items()):
        entity = _make_entity(group, stats, lexicon)
        kept = entities.setdefault(entity.key, entity)
        if kept is not entity:
            aliases = tuple(sorted((set(kept.aliases) | {entity.label, *entity.aliases}) - {kept.label}))
            entities[entity.key] = replace(kept, aliases=aliases)
        keys[group] = entity.key
    return keys, entities


def _attach_families(keys: dict[GroupKey, str], entities: dict[str, Entity], grouper: Grouper, lexicon: Lexicon) -> None:
    """Point every model variant at its family, adding the family's entity when no paper named it."""
    for key in sorted(entities):
        family = _family(entities[key], grouper, lexicon)
        if family is None:
            continue
        if family not in keys:
            if family[0] == "concept":
                made = _make_entity(family, GroupStats(), lexicon)
            else:
                made = Entity(f"model/{slugify(family[1])}", "Model", str(model_family(entities[key].label)))
            keys[family] = made.key
            entities.setdefault(made.key, made)
        family_key = keys[family]
        if family_key != key and entities[family_key].type == "Model":
            entities[key] = replace(entities[key], variant_of=family_key)




def make_entities(groups: dict[GroupKey, GroupStats], grouper: Grouper) -> tuple[dict[GroupKey, str], dict[str, Entity]]:
    """Make the entities of ``groups`` (model families included); return each group's entity key, and the entities by key."""
    keys, entities = _unique(groups, grouper.lexicon)
    _attach_families(keys, entities, grouper, grouper.lexicon)
    return keys, entities
