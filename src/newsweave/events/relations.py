"""Relations between two countries over time: their events, a daily or weekly Goldstein sum, a plot.

The Goldstein scale (GDELT's values for CAMEO codes, -10 conflict .. +10 cooperation) summed per
period is the usual cooperation/conflict index of event data (Goldstein 1992). Events are the
deduplicated events of every story (``query.merged_by_story``) whose source and target are the two
countries, in either direction; a reciprocal event counts once.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from newsweave.events.query import listed_json, merged_by_story

if TYPE_CHECKING:
    from newsweave.store import Store

Period = Literal["day", "week"]
PERIODS: tuple[Period, ...] = ("day", "week")
COOPERATION = frozenset({"verbal cooperation", "material cooperation"})
# Plot size in inches at the default 100 dpi: 1000 x 450 pixels, readable for a few dozen periods.
PLOT_SIZE = (10.0, 4.5)


def period_start(day: date, period: Period) -> date:
    """The first day of the period holding ``day`` (weeks start on Monday, as ISO weeks do)."""
    return day - timedelta(days=day.weekday()) if period == "week" else day


def relations(store: Store, a: str, b: str, period: Period = "day") -> dict[str, Any]:
    """Events between countries ``a`` and ``b`` (ISO-3) and their Goldstein sum per period.

    Returns ``{"countries": [a, b], "period", "series": [{"period_start", "events", "goldstein",
    "cooperation", "conflict", "a_to_b", "b_to_a"}], "undated": n, "events": [...]}``: one series row
    per period with events, in date order; ``a_to_b``/``b_to_a`` sum the directed events' Goldstein
    values (reciprocal events count in ``goldstein`` only); ``events`` in the brief's event shape with
    their ``story_id``.
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not {period!r}")
    pair = sorted((a, b))
    between = [event for event in _listed(store) if _pair_of(event) == tuple(pair)]
    return _series(between, a, b, period)


def all_relations(store: Store, period: Period = "day") -> list[dict[str, Any]]:
    """``relations`` of every pair of countries with an event between them, pairs in code order (each
    as ``[a, b]`` with a < b), read in one pass over the stored events."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not {period!r}")
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for event in _listed(store):
        pair = _pair_of(event)
        if pair is not None and pair[0] != pair[1]:  # events within one country are not a relation
            pairs[pair].append(event)
    return [_series(found, a, b, period) for (a, b), found in sorted(pairs.items())]


def _listed(store: Store) -> list[dict[str, Any]]:
    return [listed_json(story, merged) for story, merged in merged_by_story(store)]


def _pair_of(event: dict[str, Any]) -> tuple[str, str] | None:
    """The countries of an event's source and target, in code order (None: no target, or a country
    unknown)."""
    source, target = event["source"], event["target"]
    if target is None:
        return None
    a, b = sorted((source["country"] or "", target["country"] or ""))
    return (a, b) if a and b else None


def _series(between: list[dict[str, Any]], a: str, b: str, period: Period) -> dict[str, Any]:
    between.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["category"], e["id"]))
    rows: dict[date, dict[str, Any]] = defaultdict(
        lambda: {"events": 0, "goldstein": 0.0, "cooperation": 0, "conflict": 0, "a_to_b": 0.0, "b_to_a": 0.0}
    )
    for event in between:
        if event["date"] is None:
            continue
        row = rows[period_start(date.fromisoformat(event["date"]), period)]
        row["events"] += 1
        row["goldstein"] += event["goldstein"]
        row["cooperation" if event["quad_class"] in COOPERATION else "conflict"] += 1
        if not event["reciprocal"]:
            row["a_to_b" if event["source"]["country"] == a else "b_to_a"] += event["goldstein"]
    series = [
        {
            "period_start": start.isoformat(),
            **{k: round(v, 2) if isinstance(v, float) else v for k, v in row.items()},
        }
        for start, row in sorted(rows.items())
    ]
    return {
        "countries": [a, b],
        "period": period,
        "series": series,
        "undated": sum(event["date"] is None for event in between),
        "events": between,
    }


# The most date ticks the plot's axis carries.
MAX_TICKS = 8


def date_ticks(days: list[date], period: str) -> list[date]:
    """The plot's date ticks: whole days (weeks for a weekly series) from the first period to the last,
    evenly spaced, at most ``MAX_TICKS``, no day twice."""
    if not days:
        return []
    step = 7 if period == "week" else 1
    first, last = min(days), max(days)
    periods = (last - first).days // step + 1
    stride = step * math.ceil(periods / MAX_TICKS)
    return [first + timedelta(days=offset) for offset in range(0, (last - first).days + 1, stride)]


def plot_relations(data: dict[str, Any], path: Path) -> Path:
    """Draw the Goldstein sum per period as bars (cooperation up, conflict down) into a PNG file."""
    import matplotlib

    matplotlib.use("Agg")  # files only: no display, and the same output everywhere
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    a, b = data["countries"]
    series = data["series"]
    days = [date.fromisoformat(row["period_start"]) for row in series]
    values = [row["goldstein"] for row in series]
    figure, axes = plt.subplots(figsize=PLOT_SIZE)
    try:
        width = 5.0 if data["period"] == "week" else 0.8
        colours = ["tab:green" if value >= 0 else "tab:red" for value in values]
        axes.bar(days, values, width=width, color=colours)  # type: ignore[arg-type]
        for day, value, row in zip(days, values, series, strict=True):
            position = (float(mdates.date2num(day)), value)  # type: ignore[no-untyped-call]
            placement = "bottom" if value >= 0 else "top"
            axes.annotate(str(row["events"]), position, ha="center", va=placement, fontsize=8)
        axes.axhline(0.0, color="black", linewidth=0.8)
        axes.set_title(f"{a}–{b} relations: Goldstein sum per {data['period']} (bar labels: events)")
        axes.set_ylabel("Goldstein sum (conflict < 0 < cooperation)")
        # Matplotlib's automatic locator ticks several times a day over a short span, and a day label
        # then repeats ("2026-01-13" three times): the ticks are whole periods, each labelled once.
        ticks = date_ticks(days, data["period"])
        axes.set_xticks(ticks, [tick.isoformat() for tick in ticks])  # type: ignore[arg-type]
        if days:
            pad = timedelta(days=7 if data["period"] == "week" else 1)
            axes.set_xlim(min(days) - pad, max(days) + pad)  # type: ignore[arg-type]
        figure.autofmt_xdate()
        figure.tight_layout()
        figure.savefig(path, format="png")
    finally:
        plt.close(figure)
    return path
