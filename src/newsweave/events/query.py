"""Stored events read back: deduplicated per story, filtered, in the brief's event shape.

The analysis stage stores one event per reporting sentence. Reading them back, each actor with a
resolved entity but no country or sector takes them from the entity ("Lee" in a report that never
says he is South Korean is the entity that another report, or the resolver, gave KOR), and the
events of each story are merged (``merge.py``) into one per real-world event, listing every source.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select

from newsweave.data import Actor, Event
from newsweave.events.merge import MergedEvent, merge_events, most_common
from newsweave.store.claim_rows import event_from_row, load_events
from newsweave.store.schema import events as events_table

if TYPE_CHECKING:
    from newsweave.store import Store


def actor_json(actor: Actor | None) -> dict[str, Any] | None:
    """An actor in the brief's shape: name, country (ISO-3), sector."""
    if actor is None:
        return None
    return {"name": actor.name, "country": actor.country, "sector": actor.sector}


def event_json(merged: MergedEvent) -> dict[str, Any]:
    """A merged event in the brief's event shape (DESIGN.md §4) plus its sources and how it was dated."""
    event = merged.representative
    place = merged.place
    found: dict[str, Any] = {
        "id": merged.id,
        "category": event.category,
        "mode": event.mode,
        "cameo": event.cameo,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "reciprocal": merged.reciprocal,
        "confidence": round(max(e.confidence for e in merged.members), 4),
        "source": actor_json(event.source),
        "target": actor_json(event.target),
        "place": (
            {"name": place.place_name, "country": place.place_country, "lat": place.lat, "lon": place.lon}
            if place is not None
            else None
        ),
        "date": merged.date,
        "date_from_published": merged.date_from_published,
        "article_id": event.article_id,
        "quote": event.quote,
        "sources": [{"article_id": article_id, "quote": quote} for article_id, quote in merged.sources],
    }
    return found


def listed_json(story_id: str | None, merged: MergedEvent) -> dict[str, Any]:
    """A merged event as listed across stories: the brief's shape plus its ``story_id`` (None when the
    article is in no story yet)."""
    return {**event_json(merged), "story_id": story_id}


def fill_actors(store: Store, items: Sequence[Event]) -> None:
    """Give actors with a resolved entity the country and sector the entity has elsewhere (in place).

    The country comes from the entity itself or, failing that, from the actors of other stored events
    with that entity (the most common value); so does the sector.
    """
    actors = [a for e in items for a in (e.source, e.target) if a is not None and a.entity_id]
    wanted = sorted({a.entity_id for a in actors if a.entity_id and (a.country is None or a.sector is None)})
    if not wanted:
        return
    entity_country = {entity.id: entity.country for entity in store.analysis.load_entities(wanted)}
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    sectors: dict[str, Counter[str]] = defaultdict(Counter)
    query = select(events_table).where(
        or_(events_table.c.source_entity_id.in_(wanted), events_table.c.target_entity_id.in_(wanted))
    )
    with store.reading() as connection:
        others = [event_from_row(row) for row in connection.execute(query).mappings()]
    for event in others:
        for actor in (event.source, event.target):
            if actor is not None and actor.entity_id:
                if actor.country:
                    countries[actor.entity_id][actor.country] += 1
                if actor.sector:
                    sectors[actor.entity_id][actor.sector] += 1
    for actor in actors:
        entity = actor.entity_id or ""
        if actor.country is None:
            actor.country = entity_country.get(entity) or most_common(countries[entity])
        if actor.sector is None:
            actor.sector = most_common(sectors[entity])


def _load(store: Store, article_ids: Iterable[str] | None) -> list[Event]:
    with store.reading() as connection:
        found = load_events(connection, article_ids)
    fill_actors(store, found)
    return found


def story_events(store: Store, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The events of a story's articles, one per real-world event, in the brief's event shape."""
    if not article_ids:
        return []
    return [event_json(merged) for merged in merge_events(_load(store, article_ids))]


def merged_by_story(store: Store, story_id: str | None = None) -> list[tuple[str | None, MergedEvent]]:
    """(story id, merged event) for every story (or the one whose id is or starts with ``story_id``).

    An analysed article not (yet) in a story is a story of its own, with id None.
    """
    if story_id is not None:
        story = store.stories.find(story_id)
        ids = [article.id for article in story.articles]
        return [(story.id, merged) for merged in merge_events(_load(store, ids))]
    assigned = store.stories.assigned()
    groups: dict[str, list[Event]] = defaultdict(list)
    for event in _load(store, None):
        groups[assigned.get(event.article_id) or "article:" + event.article_id].append(event)
    found: list[tuple[str | None, MergedEvent]] = []
    for key, members in sorted(groups.items()):
        owner = None if key.startswith("article:") else key
        found.extend((owner, merged) for merged in merge_events(members))
    return found


def list_events(
    store: Store, *, story_id: str | None = None, actor: str | None = None, since: date | None = None
) -> list[dict[str, Any]]:
    """Deduplicated events, each with its ``story_id``, filtered by an actor's country and a first day.

    ``actor`` is an ISO-3 code matched against source and target; ``since`` keeps events dated on or
    after it (undated events are left out when it is given). Sorted by date, then category.
    """
    found = []
    for story, merged in merged_by_story(store, story_id):
        event = merged.representative
        countries = {a.country for a in (event.source, event.target) if a is not None}
        if actor is not None and actor not in countries:
            continue
        if since is not None and (merged.date is None or date.fromisoformat(merged.date) < since):
            continue
        found.append(listed_json(story, merged))
    return sorted(found, key=lambda e: (e["date"] is None, e["date"] or "", e["category"], e["id"]))
