"""Cross-document entity resolution: mentions of one article become canonical entities with aliases.

:class:`EntityResolver` keeps the known entities in memory with a blocking index (full name, token
prefixes and suffixes, family name, acronym) and resolves one article at a time:

1. **Within the article**, mentions are grouped into clusters (:mod:`newsweave.analysis.article_clusters`):
   full names first, then short forms that join the one full name they shorten.
2. **Across articles**, each cluster is compared with the candidate entities the index yields, using
   :func:`~newsweave.analysis.names.same_entity`; the best match wins, else a new entity is made.
   A cluster known only by a lone word ("Lee", "Colts") attaches to a known full name only if exactly
   one known entity matches it; otherwise it goes to (or makes) a bare "Lee" entity, a bucket for the
   unresolved short form. A full-name cluster is compared with full names only, so the alias "Lee" of
   Lee Jae Myung never pulls in Lee Jae-yong. A full name joins a bucket only when no known full name
   matches the bucket (a first-seen "Colts" becomes "Indianapolis Colts"; a "Bush" bucket made because
   George and Jeb were both known never becomes Marvin Bush).
3. Aliases (title stripped) record the articles using them; the canonical name is re-chosen by
   :func:`~newsweave.analysis.names.choose_canonical` (from the Latin aliases where there are any); a
   person's country comes from the office before the name ("Japanese Prime Minister"), a place's from
   its own name.
4. Names in Hangul, kana or kanji (Korean and Japanese reports, :mod:`newsweave.analysis.cross_script`)
   join a known entity by the very same spelling, a place by its English name from the tables, and a
   person by sound only with a second signal: a cluster that no rule above matches and that sounds like
   a person known in another script waits for the rest of the article, and joins that person only if
   another of the article's names is, or may be, an entity an earlier article named beside them.

Existing entities are never merged with each other, even when a new article bridges two: fuzzy matches
are not transitive (A~B and B~C does not make A~C), and a merge would re-point stored mentions; the
cluster goes to the best-scoring entity. The resolver's whole state is its entities, so resolving two
articles in one resolver or in two (the second built from the first's entities) gives the same result.

Over a store the resolver starts empty and reads entities as it needs them (:class:`EntityLookup`): the
entities sharing a blocking key with the names it is asked about, so an article is compared with the
same candidates as if every stored entity had been loaded, and a batch reads what its mentions can
match, not the whole store.
Resolving an article twice counts its mentions twice: the caller re-analyses from entities without it.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Protocol

from newsweave.analysis.acronyms import acronym_definitions
from newsweave.analysis.article_clusters import (
    SHORT_FORM_LABELS,
    Cluster,
    best_match,
    cluster_article,
    is_full_name,
)
from newsweave.analysis.coref_rules import (
    RESOLVABLE_LABELS,
    blocking_keys,
    country_before,
    label_group,
    name_tokens,
    opens_name_only,
)
from newsweave.analysis.countries import country_code
from newsweave.analysis.cross_script import (
    co_reported,
    english_place_name,
    full_for_sound,
    is_other_script,
    sound_index_keys,
    sound_lookup_keys,
    sounds_alike,
    without_kind,
)
from newsweave.analysis.names import (
    choose_canonical,
    normalise_name,
)
from newsweave.data import Entity, Mention

__all__ = ["RESOLVABLE_LABELS", "EntityLookup", "EntityResolver", "entity_id", "index_keys"]

ID_LENGTH = 12


def entity_id(label: str, name: str, salt: int = 0) -> str:
    """A stable id: "e" + sha256(type + normalised name)[:12]; ``salt`` separates same-named entities."""
    key = f"{label}\x00{normalise_name(name, label=label)}" + (f"\x00{salt}" if salt else "")
    return "e" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:ID_LENGTH]


def _short_names_person(cluster: Cluster, entity: Entity) -> bool:
    """Whether a lone-word cluster may be a known person across articles. A surname that ends the full
    name ("Takaichi", "Erdogan") may; a word that opens it ("Moon" of Moon Jae-in, "George" of George
    Bush) only when some report has already called that person by the word alone ("Lee" for Lee Jae
    Myung, once an article named him in full and then "Lee"), or with an office ("President Moon"). A
    lone "Moon" in a NASA report (the Moon, which the parser took for a person) is not Moon Jae-in."""
    if label_group(cluster.label) != "PERSON" or cluster.titles:
        return True
    words = {normalise_name(name, label=cluster.label) for name in cluster.names}
    full = [name_tokens(alias, entity.type) for alias in entity.aliases if is_full_name(alias, entity.type)]
    if not opens_name_only(words, full):
        return True  # not the opening word ("Takaichi", "Zelenskyy" for Volodymyr Zelensky)
    used = {normalise_name(alias, label=entity.type) for alias in entity.aliases}
    return bool(words & used)


def _opens_only(cluster: Cluster, bucket: Entity) -> bool:
    """Whether a person known only by a lone word ("Moon", from reports on the Moon the parser took for
    a person) would become a full name by its opening word alone ("Moon Jae-in"): not taken, as above."""
    if label_group(bucket.type) != "PERSON":
        return False
    words = {normalise_name(alias, label=bucket.type) for alias in bucket.aliases or [bucket.name]}
    return opens_name_only(words, [name_tokens(name, cluster.label) for name in cluster.full_names()])


def _is_full(entity: Entity) -> bool:
    return any(is_full_name(alias, entity.type) for alias in entity.aliases or [entity.name])


def _pair_kind(cluster: Cluster, entity: Entity) -> str:
    """How a cluster is compared with an entity: "short" (lone word vs full name), "bucket" (full name vs
    an entity known only by a lone word), "full" (full vs full) or "plain" (any other pair)."""
    if cluster.label not in SHORT_FORM_LABELS or label_group(cluster.label) != label_group(entity.type):
        return "plain"
    full_entity = _is_full(entity)
    if cluster.is_short():
        return "short" if full_entity else "plain"
    return "full" if full_entity else "bucket"


def index_keys(entity: Entity) -> set[str]:
    """The blocking keys an entity is found under: those of its name and of every alias."""
    keys: set[str] = set()
    for alias in (entity.name, *entity.aliases):
        keys |= blocking_keys(alias, entity.type) | sound_index_keys(alias, entity.type)
    return keys


class EntityLookup(Protocol):
    """Where a resolver reads the entities it does not hold yet (the store's entity rows)."""

    def entities_with_keys(self, keys: set[str]) -> list[Entity]:
        """Every stored entity that has one of the blocking ``keys`` (``index_keys``)."""
        ...

    def stored(self, ids: set[str]) -> set[str]:
        """Those of ``ids`` already taken by a stored entity."""
        ...

    def has_other_scripts(self) -> bool:
        """Whether a stored person has a spelling in Hangul, kana or kanji (a ``PERSON|phx|`` key)."""
        ...


class EntityResolver:
    """Incremental cross-document entity resolver (see the module docstring for the rules).

    ``entities``: the known entities, all held in memory; ``lookup``: where to read more of them, by
    blocking key, as names are resolved (the resolver then holds only what it has read or made).
    """

    def __init__(self, entities: Iterable[Entity] = (), *, lookup: EntityLookup | None = None) -> None:
        self.entities: dict[str, Entity] = {}
        self._index: dict[str, set[str]] = defaultdict(set)
        self._lookup = lookup
        self._looked_up: set[str] = set()
        # Whether a person known in another script may exist: until one does, an English name never
        # looks up by sound (English-only stores skip that read). None: not asked yet.
        self._other_scripts: bool | None = None
        # (alias, article) pairs each entity gained since its last take_added: what a store must add.
        self._added: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for entity in entities:
            self._add(entity)

    def _add(self, entity: Entity) -> None:
        self.entities[entity.id] = entity
        for alias in (entity.name, *entity.aliases):
            self._index_name(entity, alias)

    def _index_name(self, entity: Entity, name: str) -> None:
        for key in blocking_keys(name, entity.type) | sound_index_keys(name, entity.type):
            self._index[key].add(entity.id)
        if entity.type == "PERSON" and is_other_script(name):
            self._other_scripts = True

    def _knows_other_scripts(self) -> bool:
        if self._other_scripts is None:
            self._other_scripts = self._lookup is not None and self._lookup.has_other_scripts()
        return self._other_scripts

    def candidates(self, names: Iterable[str], label: str) -> list[Entity]:
        """Known entities sharing a blocking key with any of ``names``, in id order."""
        keys: set[str] = set()
        for name in names:
            keys |= blocking_keys(name, label)
        self._read(keys)
        found: set[str] = set()
        for key in keys:
            found |= self._index.get(key, set())
        return [self.entities[i] for i in sorted(found)]

    def take_added(self, ids: Iterable[str]) -> dict[str, set[tuple[str, str]]]:
        """The (alias, article) pairs the given entities gained since they were last taken, and forget
        them: saving an entity then writes only those, not every alias row it has."""
        return {entity_id: self._added.pop(entity_id, set()) for entity_id in ids}

    def _read(self, keys: set[str]) -> None:
        """Hold every stored entity under ``keys`` (once per key; the held copy is the newer one)."""
        wanted = keys - self._looked_up
        if self._lookup is None or not wanted:
            return
        for entity in self._lookup.entities_with_keys(wanted):
            if entity.id not in self.entities:
                self._add(entity)
        self._looked_up |= wanted

    def resolve_article(self, article_id: str, text: str, mentions: list[Mention]) -> set[str]:
        """Set ``entity_id`` on each resolvable mention; return the ids of entities created or changed."""
        definitions = acronym_definitions(text)
        changed: set[str] = set()
        # Persons that only sound like a person known in another script wait for the rest of the
        # report: the link needs another of its names beside that person before (cross_script).
        by_sound: list[tuple[Cluster, list[Entity]]] = []
        for cluster in cluster_article(mentions, text, definitions):
            # Clusters the article keeps apart ("Chairman Lee" and "President Lee") stay apart: an
            # entity taken by one cluster of this article is not offered to the next.
            entity = self._match(cluster, definitions, exclude=changed)
            if entity is None:
                alike = self._sound_candidates(cluster, exclude=changed)
                if alike:
                    by_sound.append((cluster, alike))
                    continue
                entity = self._create(cluster)
            self._update(entity, cluster, article_id, text)
            changed.add(entity.id)
        for cluster, alike in by_sound:
            others = [self.entities[i] for i in changed]
            others += [entity for other, found in by_sound if other is not cluster for entity in found]
            entity = _co_reportedbest_match([e for e in alike if e.id not in changed], others)
            entity = entity or self._create(cluster)
            self._update(entity, cluster, article_id, text)
            changed.add(entity.id)
        return changed

    def _sound_candidates(self, cluster: Cluster, exclude: set[str]) -> list[Entity]:
        """Persons known in another script whose name sounds like the cluster's full name."""
        names = [name for name in cluster.names if full_for_sound(name)]
        if label_group(cluster.label) != "PERSON" or not names:
            return []
        if not any(is_other_script(name) for name in names) and not self._knows_other_scripts():
            return []
        keys = sound_lookup_keys(names)
        self._read(keys)
        found = set().union(*(self._index.get(key, set()) for key in keys)) - exclude
        alike = [self.entities[i] for i in sorted(found)]
        return [entity for entity in alike if entity.type == "PERSON" and sounds_alike(names, entity)]

    def _match(self, cluster: Cluster, definitions: dict[str, str], exclude: set[str]) -> Entity | None:
        """The known entity the cluster is (not one of ``exclude``), or None."""
        if is_other_script(cluster.names[0]):
            return self._match_other_script(cluster, exclude)
        names = cluster.full_names() or cluster.names
        found: dict[str, list[tuple[float, Entity]]] = defaultdict(list)
        for entity in self.candidates(names, cluster.label):
            if entity.id in exclude:
                continue
            kind = _pair_kind(cluster, entity)
            aliases = _latin_aliases(entity)
            if kind == "full":  # full names against full names only: the alias "Lee" links nothing
                aliases = [a for a in aliases if is_full_name(a, entity.type)]
            decision = best_match(names, cluster.label, aliases, entity.type, definitions)
            if decision.match:
                found[kind].append((decision.score, entity))
        # A lone word names a known full name only when unambiguous, and (a person) when it has named it
        # alone before or comes with an office (``_short_names_person``).
        if len(found["short"]) == 1 and _short_names_person(cluster, found["short"][0][1]):
            return found["short"][0][1]
        scored = found["full"] + found["plain"]
        if scored:
            return max(scored, key=lambda pair: (pair[0], len(pair[1].articles()), pair[1].id))[1]
        # A bare "Colts" seen before any "Indianapolis Colts" becomes it, unless the bucket is ambiguous.
        bucket = found["bucket"][0][1] if len(found["bucket"]) == 1 else None
        if bucket is not None and not self._has_full_match(bucket) and not _opens_only(cluster, bucket):
            return bucket
        return None

    def _match_other_script(self, cluster: Cluster, exclude: set[str]) -> Entity | None:
        """A name in Hangul, kana or kanji is the entity with that very name, or, a place, the one its
        English name is ("일본" -> Japan); fuzzy spelling rules are for Latin names and are not used."""
        label = cluster.label
        keys = {normalise_name(name, label=label) for name in cluster.names}
        english = [place for name in cluster.names if (place := english_place_name(name))]
        scored: list[tuple[int, int, str, Entity]] = []
        for entity in self.candidates(cluster.names, label):
            if entity.id in exclude or label_group(entity.type) != label_group(label):
                continue
            aliases = list(entity.aliases) or [entity.name]
            if keys & {normalise_name(alias, label=entity.type) for alias in aliases}:
                scored.append((2, len(entity.articles()), entity.id, entity))
                continue
            known = [english_place_name(alias) or without_kind(alias) for alias in aliases]
            if english and best_match(english, label, known, entity.type, {}).match:
                scored.append((1, len(entity.articles()), entity.id, entity))
        return max(scored)[3] if scored else None

    def _has_full_match(self, bucket: Entity) -> bool:
        """Whether a known full name matches a short-form entity ("George Bush" for a "Bush" bucket)."""
        aliases = list(bucket.aliases) or [bucket.name]
        for other in self.candidates(aliases, bucket.type):
            same_group = label_group(other.type) == label_group(bucket.type)
            if other.id == bucket.id or not same_group or not _is_full(other):
                continue
            full = [a for a in other.aliases if is_full_name(a, other.type)]
            if best_match(aliases, bucket.type, full, other.type, {}).match:
                return True
        return False

    def _create(self, cluster: Cluster) -> Entity:
        name = choose_canonical(Counter(cluster.names), label=cluster.label)
        salt = 0
        while (new_id := entity_id(cluster.label, name, salt)) in self.entities or self._stored(new_id):
            salt += 1
        entity = Entity(id=new_id, name=name, type=cluster.label)
        self._add(entity)
        return entity

    def _stored(self, candidate_id: str) -> bool:
        """Whether a stored entity the resolver has not read already has this id."""
        return self._lookup is not None and bool(self._lookup.stored({candidate_id}))

    def _update(self, entity: Entity, cluster: Cluster, article_id: str, text: str) -> None:
        for name in cluster.names:
            if name not in entity.aliases:
                entity.aliases[name] = set()
                self._index_name(entity, name)
            if article_id not in entity.aliases[name]:
                entity.aliases[name].add(article_id)
                self._added[entity.id].add((name, article_id))
        entity.mention_count += len(cluster.mentions)
        # English pages show an English name where one is known (이재명's entity is "Lee Jae Myung").
        used = {a: len(ids) for a, ids in entity.aliases.items()}
        latin = {alias: count for alias, count in used.items() if not is_other_script(alias)}
        entity.name = choose_canonical(latin or used, label=entity.type)
        self._index_name(entity, entity.name)
        for mention in cluster.mentions:
            mention.entity_id = entity.id
        if entity.country is None:
            entity.country = _country(entity, cluster, text)


def _country(entity: Entity, cluster: Cluster, text: str) -> str | None:
    """A person's country from the office before a mention; a place's from its name; else None."""
    if entity.type == "PERSON":
        votes = Counter(
            iso for m in cluster.mentions if (iso := country_before(text, m.start, m.title)) is not None
        )
        return min(votes, key=lambda iso: (-votes[iso], iso)) if votes else None
    if label_group(entity.type) == "GPE":
        for alias in sorted(entity.aliases, key=lambda a: (-len(entity.aliases[a]), a)):
            if (iso := country_code(alias)) is not None:
                return iso
    return None


def _latin_aliases(entity: Entity) -> list[str]:
    """The entity's names as a Latin name is compared with them: a place written in another script by
    its English name ("日本" as "Japan"), a person's name in another script not at all (``by_sound``)."""
    names = list(entity.aliases) or [entity.name]
    return [name for name in names if not is_other_script(name)] + [
        place for name in names if is_other_script(name) and (place := english_place_name(name))
    ]


def _co_reportedbest_match(candidates: list[Entity], others: list[Entity]) -> Entity | None:
    """The candidate an earlier report named beside most of ``others``; None when none was."""
    scored = [
        (co_reported(entity, others), len(entity.articles()), entity.id, entity) for entity in candidates
    ]
    best = max(scored, default=None)
    return best[3] if best is not None and best[0] > 0 else None
