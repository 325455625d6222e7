"""The story's entities as a brief lists them: one entry per name.

The resolver keeps a name's mentions apart when the tagger typed them differently: "Staunton police"
tagged PERSON beside "an ice cream shop in Staunton", "the Black Death" as a work of art in one report
and a facility in another, "Inner Mongolia" as a place and as an organisation. Listed as two entities
of one name, they read as two things; the brief lists them once, typed by all their mentions. Entities
of one name and one type, or placed in two countries ("Georgia" the state and the country), stay apart:
the resolver had its reasons. A name the gazetteer placed is listed as that place, however often the
tagger called it a person ("Banda Aceh").
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence

from newsweave.data import PLACE_TYPES, Entity


def one_per_name(
    entities: Sequence[Entity], labels: Mapping[str, Counter[str]]
) -> tuple[list[Entity], dict[str, Counter[str]]]:
    """``entities`` (most reported first) with each name listed once, and the mention labels of each
    entity listed (a merged one counts its partners' mentions too). The first of a name stands."""
    kept: list[Entity] = []
    first_of: dict[str, int] = {}
    votes = {entity_id: Counter(counts) for entity_id, counts in labels.items()}
    for entity in entities:
        key = entity.name.casefold()
        at = first_of.get(key)
        if at is None or not _one_thing(kept[at], entity):
            first_of.setdefault(key, len(kept))
            kept.append(entity)
            continue
        first = kept[at]
        aliases = {alias: set(ids) for alias, ids in first.aliases.items()}
        for alias, ids in entity.aliases.items():
            aliases.setdefault(alias, set()).update(ids)
        kept[at] = dataclasses.replace(
            first,
            aliases=aliases,
            country=first.country or entity.country,
            mention_count=first.mention_count + entity.mention_count,
        )
        merged = votes.setdefault(first.id, Counter())
        merged.update(votes.get(entity.id, Counter()))
        placed = [each for each in (first, entity) if each.country and each.type in PLACE_TYPES]
        if placed:
            # The gazetteer placed the name: it is that place, however often the tagger said person.
            votes[first.id] = Counter({placed[0].type: 1})
    return kept, votes


def _one_thing(first: Entity, other: Entity) -> bool:
    """Whether two entities of one name are one thing the tagger typed two ways."""
    placed_apart = bool(first.country and other.country and first.country != other.country)
    return first.type != other.type and not placed_apart
