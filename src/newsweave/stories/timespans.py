"""Spans of publication time the story stage reads stories by: days moved safely, spans merged."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

Span = tuple[datetime, datetime]


def moved(day: date, delta: timedelta) -> datetime:
    """Midnight UTC of ``day`` moved by ``delta``, held at the calendar's ends (a report dated 9999)."""
    moment = datetime.combine(day, time.min, tzinfo=UTC)
    try:
        return moment + delta
    except OverflowError:
        return (datetime.max if delta > timedelta(0) else datetime.min).replace(tzinfo=UTC)


def merged_into(spans: list[Span], span: Span) -> list[Span]:
    """``spans`` (sorted by start) with ``span`` (starting no earlier than the last) added or merged in."""
    if spans and span[0] <= spans[-1][1]:
        return [*spans[:-1], (spans[-1][0], max(spans[-1][1], span[1]))]
    return [*spans, span]


def capped(spans: list[Span], most: int) -> list[Span]:
    """``spans``, or one span over all of them when there are more than ``most`` (fewer SQL terms)."""
    return [(spans[0][0], spans[-1][1])] if len(spans) > most else spans
