"""Korea–Japan relations over the seeds and five more reports: a Goldstein series and its plot."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsweave.events.relations import period_start, plot_relations, relations
from newsweave.store import Store


@pytest.fixture(scope="module")
def daily(events_store: Store) -> dict[str, Any]:
    return relations(events_store, "KOR", "JPN", "day")


def test_daily_series_covers_cooperation_and_conflict(daily: dict[str, Any]) -> None:
    series = {row["period_start"]: row for row in daily["series"]}
    assert daily["countries"] == ["KOR", "JPN"] and daily["period"] == "day"
    assert len(series) >= 5 and list(series) == sorted(series)
    assert series["2025-09-13"]["goldstein"] < 0  # the embassy protest
    assert series["2025-10-21"]["goldstein"] < 0  # export restrictions
    assert series["2025-11-18"]["goldstein"] > 0  # the exchange agreement
    assert series["2026-01-13"]["goldstein"] > 0 and series["2026-01-13"]["cooperation"] >= 1  # Nara summit
    assert series["2025-09-13"]["b_to_a"] == 0 and series["2025-09-13"]["a_to_b"] < 0  # Korean protesters
    assert sum(row["events"] for row in daily["series"]) + daily["undated"] == len(daily["events"])
    for event in daily["events"]:
        assert {event["source"]["country"], event["target"]["country"]} == {"KOR", "JPN"}


def test_goldstein_sum_is_the_sum_of_the_days_events(daily: dict[str, Any]) -> None:
    for row in daily["series"]:
        day_events = [e for e in daily["events"] if e["date"] == row["period_start"]]
        assert row["events"] == len(day_events)
        assert row["goldstein"] == pytest.approx(sum(e["goldstein"] for e in day_events), abs=0.01)


def test_weekly_series_groups_by_monday(events_store: Store, daily: dict[str, Any]) -> None:
    weekly = relations(events_store, "JPN", "KOR", "week")
    for row in weekly["series"]:
        start = date.fromisoformat(row["period_start"])
        assert start.weekday() == 0 and period_start(start, "week") == start
    assert sum(r["events"] for r in weekly["series"]) == sum(r["events"] for r in daily["series"])
    assert len(weekly["series"]) <= len(daily["series"])


def test_plot_is_a_png(tmp_path: Path, daily: dict[str, Any]) -> None:
    path = plot_relations(daily, tmp_path / "kor_jpn.png")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000


def test_no_events_between_unrelated_countries(events_store: Store, tmp_path: Path) -> None:
    empty = relations(events_store, "FRA", "BRA")
    assert empty["series"] == [] and empty["events"] == []
    assert plot_relations(empty, tmp_path / "empty.png").read_bytes()[:4] == b"\x89PNG"
    with pytest.raises(ValueError):
        relations(events_store, "KOR", "JPN", "month")  # type: ignore[arg-type]
