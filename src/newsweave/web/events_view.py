"""Events for the web app: listed per story (deduplicated by ``newsweave.events.query``) and as
actor-pair relation series (a Goldstein sum per day or week, the cooperation/conflict index).

Everything here reads events in the brief's event shape (DESIGN.md §4), so the pages and the API show
the same records as ``newsweave events --format json``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from newsweave.store import Store

Period = Literal["day", "week"]
#: A relations chart fills periods without events up to this many bars (a year of weeks, or of days
#: a few months); beyond, only periods with events are drawn.
MAX_POINTS = 400


def list_events(
    store: Store, *, story_id: str | None = None, actor: str | None = None, since: date | None = None
) -> list[dict[str, Any]]:
    """Deduplicated events with their story ids, as ``newsweave events --format json`` lists them.

    A thin pass-through to ``newsweave.events.query.list_events`` (date order, undated last), so the
    pages, the API and the CLI show the same records.
    """
    from newsweave.events.query import list_events as query_list_events

    return query_list_events(store, story_id=story_id, actor=actor, since=since)


def of_stories(events: Iterable[Mapping[str, Any]], story_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The events of the given stories, newest first (undated last)."""
    wanted = set(story_ids)
    found = [dict(event) for event in events if event.get("story_id") in wanted]
    dated = sorted((e for e in found if e.get("date")), key=lambda e: str(e["date"]), reverse=True)
    return dated + [e for e in found if not e.get("date")]


def _country(actor: Mapping[str, Any] | None) -> str | None:
    return actor.get("country") if actor else None


def involves(event: Mapping[str, Any], country: str) -> bool:
    """True when the event's source or target actor is of this country (ISO 3166-1 alpha-3)."""
    wanted = country.upper()
    return wanted in (_country(event.get("source")), _country(event.get("target")))


def between(event: Mapping[str, Any], a: str, b: str) -> bool:
    """True when the event is between countries ``a`` and ``b``, in either direction."""
    pair = {_country(event.get("source")), _country(event.get("target"))}
    return pair == {a.upper(), b.upper()}


def mentions_entity(event: Mapping[str, Any], names: set[str]) -> bool:
    """True when the event's source or target actor is named by one of these spellings."""
    actors = (event.get("source") or {}, event.get("target") or {})
    return any(actor.get("name") in names for actor in actors)


@dataclass(slots=True)
class RelationPoint:
    """One period of an actor pair's relations: its row of the relations series and its events."""

    start: date
    goldstein: float
    row: dict[str, Any] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The period's first day, as an ISO date."""
        return self.start.isoformat()


def relations(store: Store, a: str, b: str, period: Period = "week") -> dict[str, Any]:
    """``newsweave relations A B``'s data: the pair's events and their Goldstein sum per period."""
    from newsweave.events.relations import relations as query_relations

    return query_relations(store, a, b, period)


def relation_points(data: Mapping[str, Any]) -> list[RelationPoint]:
    """The relations series as evenly spaced points, each with its events, for a chart.

    ``data`` is what ``relations`` returns (rows only for periods with events); the periods between
    the first and the last without events are added with a sum of 0, so the bars are spaced as time
    is, unless that would make more than ``MAX_POINTS`` bars (then only periods with events are kept).
    """
    period = data.get("period", "week")
    step = timedelta(days=7 if period == "week" else 1)
    rows = {date.fromisoformat(str(row["period_start"])): dict(row) for row in data.get("series", [])}
    if not rows:
        return []
    points: dict[date, RelationPoint] = {
        start: RelationPoint(start, float(row.get("goldstein") or 0.0), row) for start, row in rows.items()
    }
    first, last = min(rows), max(rows)
    if (last - first) // step + 1 <= MAX_POINTS:
        day = first
        while day <= last:
            points.setdefault(day, RelationPoint(day, 0.0))
            day += step
    for event in data.get("events", []):
        if event.get("date"):
            day = date.fromisoformat(str(event["date"])[:10])
            start = day - timedelta(days=day.weekday()) if period == "week" else day
            if start in points:
                points[start].events.append(dict(event))
    return [points[start] for start in sorted(points)]
