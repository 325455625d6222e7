"""Per-story deduplication: the events that report one real-world event become one, with every source.

Two events of a story are one when they have the same category, the same actors and compatible dates:
- actors are compared by :func:`~newsweave.events.actors.actor_key` (country and sector, else the
  resolved entity, else the name); the pair is unordered for the reciprocal categories (a meeting,
  talks, an agreement, cooperation: "Lee met Takaichi" and "Takaichi met Lee" are one meeting) and
  ordered otherwise (a protest by A against B is not one by B against A);
- a date read from the text stands for the days around it (:data:`SAME_EVENT_DAYS`); a publication
  date standing in for a missing one stands for the week before it (:data:`REPORT_LAG_DAYS`); two
  events are compatible when these stretches overlap. Events without any date are compatible with all.

The merged event takes the earliest date read from a text (reports written on the second day of a
two-day summit say when it ended), the most specific place among those of the majority country, and
the category, codes and actors of its surest member.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newsweave.analysis.countries import country_code
from newsweave.data import Event
from newsweave.events.actors import actor_key
from newsweave.events.extract import RECIPROCAL_CATEGORIES

# Days either side of a date read from the text that still match another report of the event: one,
# so that a two-day visit dated by its first day in one report and its last in another is one event.
SAME_EVENT_DAYS = 1
# Days before its publication date that an undated report may be about: a week. News reports events
# within days; an older event is dated in the text ("last month", "in 2013").
REPORT_LAG_DAYS = 7

ActorKey = tuple[str, str]


@dataclass(slots=True)
class MergedEvent:
    """One real-world event of a story and the events (one per reporting sentence) that support it."""

    members: list[Event]
    representative: Event
    date: str | None
    date_from_published: bool
    place: Event | None
    """The member whose place stands for the event's (None when no member has one)."""

    @property
    def reciprocal(self) -> bool:
        """Whether any report makes it a reciprocal event."""
        return any(event.reciprocal for event in self.members)

    @property
    def sources(self) -> list[tuple[str, str]]:
        """(article id, quote) of every supporting sentence, without repeats, in input order."""
        seen: dict[tuple[str, str], None] = {}
        for event in self.members:
            seen.setdefault((event.article_id, event.quote), None)
        return list(seen)

    @property
    def id(self) -> str:
        """A stable id: a hash of the category, the actors and the date."""
        key = "|".join([self.representative.category, repr(pair_key(self.representative)), self.date or ""])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def pair_key(event: Event) -> tuple[ActorKey | None, ...]:
    """The actors that identify an event: (source, target), sorted for reciprocal categories."""
    keys = (actor_key(event.source), actor_key(event.target) if event.target else None)
    if event.category in RECIPROCAL_CATEGORIES or event.reciprocal:
        return tuple(sorted(keys, key=lambda key: (key is None, key or ("", ""))))
    return keys


def _window(event: Event) -> tuple[date, date] | None:
    if event.date is None:
        return None
    day = date.fromisoformat(event.date)
    if event.date_from_published:
        return day - timedelta(days=REPORT_LAG_DAYS), day
    return day - timedelta(days=SAME_EVENT_DAYS), day + timedelta(days=SAME_EVENT_DAYS)


def compatible(a: Event, b: Event) -> bool:
    """Whether two events' dates allow them to be one event (see the module docstring)."""
    first, second = _window(a), _window(b)
    if first is None or second is None:
        return True
    return first[0] <= second[1] and second[0] <= first[1]


def share_entity_codes(events: Sequence[Event]) -> None:
    """Fill actors' missing country and sector from other actors with the same entity (in place).

    "Lee" in a report that never says he is South Korean is coded KOR when another report of the
    story names the same entity "South Korean President Lee Jae Myung". The most common value wins.
    """
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    sectors: dict[str, Counter[str]] = defaultdict(Counter)
    actors = [a for e in events for a in (e.source, e.target) if a is not None and a.entity_id]
    for actor in actors:
        entity = actor.entity_id or ""
        if actor.country:
            countries[entity][actor.country] += 1
        if actor.sector:
            sectors[entity][actor.sector] += 1
    for actor in actors:
        entity = actor.entity_id or ""
        actor.country = actor.country or most_common(countries[entity])
        actor.sector = actor.sector or most_common(sectors[entity])


def most_common(counts: Counter[str]) -> str | None:
    """The most frequent value (the alphabetically first among equals), or None."""
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def merge_events(events: Sequence[Event]) -> list[MergedEvent]:
    """Deduplicate a story's events: one ``MergedEvent`` per real-world event, in date order.

    Actors' missing codes are first filled from the same entity's other actors (``share_entity_codes``).
    """
    share_entity_codes(events)
    groups: dict[tuple[str, tuple[ActorKey | None, ...]], list[list[Event]]] = defaultdict(list)
    for event in sorted(events, key=lambda e: (e.date is None, e.date or "", e.date_from_published)):
        clusters = groups[(event.category, pair_key(event))]
        home = next((c for c in clusters if any(compatible(event, member) for member in c)), None)
        if home is None:
            clusters.append([event])
        else:
            home.append(event)
    order = {id(event): i for i, event in enumerate(events)}
    merged = [_merged(sorted(c, key=lambda e: order[id(e)])) for cs in groups.values() for c in cs]
    return sorted(merged, key=lambda m: (m.date is None, m.date or "", m.representative.category, m.id))


def _merged(members: list[Event]) -> MergedEvent:
    # The surest report; among equals one that names both parties of a meeting, dates it in the text
    # and places it; then the first in input order (max keeps the first of equal keys).
    representative = max(
        members,
        key=lambda e: (e.confidence, e.reciprocal, not e.date_from_published, e.place_name is not None),
    )
    text_dates = sorted(e.date for e in members if e.date and not e.date_from_published)
    published = sorted(e.date for e in members if e.date and e.date_from_published)
    day = text_dates[0] if text_dates else (published[0] if published else None)
    return MergedEvent(members, representative, day, not text_dates and day is not None, _place(members))


def _place(members: Sequence[Event]) -> Event | None:
    """The most specific place of the country most members place the event in."""
    placed = [e for e in members if e.place_name]
    if not placed:
        return None
    countries = Counter(e.place_country for e in placed)
    country = countries.most_common(1)[0][0]
    candidates = [e for e in placed if e.place_country == country]
    # A country named as the place is less specific than a city or region in it ("Japan" < "Nara").
    return min(candidates, key=lambda e: country_code(e.place_name or "") is not None)
