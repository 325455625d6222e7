"""Relations for the chart: periods filled in between, events attached; actor filters."""

from __future__ import annotations

from datetime import date
from typing import Any

from newsweave.web.events_view import MAX_POINTS, between, involves, mentions_entity, relation_points


def _event(source: str | None, target: str | None, day: str | None, goldstein: float) -> dict[str, Any]:
    return {
        "category": "CONSULT",
        "cameo": "040",
        "goldstein": goldstein,
        "source": {"name": f"{source} gov", "country": source, "sector": "GOV"},
        "target": {"name": f"{target} gov", "country": target, "sector": "GOV"} if target else None,
        "date": day,
    }


EVENTS = [
    _event("KOR", "JPN", "2026-01-13", 1.0),  # Tuesday
    _event("JPN", "KOR", "2026-01-14", 3.5),  # same week, other direction
    _event("KOR", "JPN", "2026-01-28", -4.0),  # two weeks later
    _event("KOR", "JPN", None, 9.0),  # undated
]
WEEKLY = {
    "countries": ["KOR", "JPN"],
    "period": "week",
    "series": [
        {"period_start": "2026-01-12", "events": 2, "goldstein": 4.5},
        {"period_start": "2026-01-26", "events": 1, "goldstein": -4.0},
    ],
    "undated": 1,
    "events": EVENTS,
}


def test_weekly_points_with_the_empty_week_filled_and_events_attached() -> None:
    points = relation_points(WEEKLY)
    assert [point.start for point in points] == [date(2026, 1, 12), date(2026, 1, 19), date(2026, 1, 26)]
    assert [point.goldstein for point in points] == [4.5, 0.0, -4.0]
    assert [len(point.events) for point in points] == [2, 0, 1]
    assert points[1].row == {} and points[0].row["events"] == 2


def test_daily_points() -> None:
    daily = {
        **WEEKLY,
        "period": "day",
        "series": [
            {"period_start": "2026-01-13", "goldstein": 1.0},
            {"period_start": "2026-01-14", "goldstein": 3.5},
            {"period_start": "2026-01-28", "goldstein": -4.0},
        ],
    }
    points = relation_points(daily)
    assert points[0].label == "2026-01-13" and len(points) == 16 and points[-1].goldstein == -4.0
    assert [len(p.events) for p in points if p.events] == [1, 1, 1]


def test_long_spans_keep_only_periods_with_events() -> None:
    sparse = {
        "period": "day",
        "series": [
            {"period_start": "2000-01-01", "goldstein": 1.0},
            {"period_start": "2026-01-01", "goldstein": 2.0},
        ],
        "events": [],
    }
    points = relation_points(sparse)
    assert len(points) == 2 < MAX_POINTS


def test_no_series_no_points() -> None:
    assert relation_points({"period": "week", "series": [], "events": []}) == []


def test_filters_on_actors() -> None:
    assert between(EVENTS[1], "KOR", "JPN") and not between(EVENTS[1], "KOR", "CHN")
    assert involves(EVENTS[0], "kor") and not involves(EVENTS[0], "USA")
    assert mentions_entity(EVENTS[0], {"JPN gov"}) and not mentions_entity(EVENTS[0], {"Lee"})
