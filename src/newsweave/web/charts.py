"""Bar charts as geometry for an inline SVG drawn by the templates: no JavaScript, no chart library.

``bar_chart`` turns a series of (label, value) points into rectangles in a fixed viewBox; the template
(``_chart.html``) writes them as SVG elements, so every label goes through Jinja2's escaping.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

#: The chart's viewBox; the SVG scales to its container's width.
CHART_WIDTH = 720
CHART_HEIGHT = 220
#: Room for the value axis labels (left) and the period labels (bottom).
MARGIN_LEFT = 44
MARGIN_RIGHT = 8
MARGIN_TOP = 10
MARGIN_BOTTOM = 28
#: Horizontal tick labels are thinned out to at most this many, so they never overlap.
MAX_X_LABELS = 8
#: Fraction of a bar's slot left empty between bars.
BAR_GAP = 0.2
#: Widest bar (viewBox units): with few periods a bar stays a bar, not a block filling the chart.
MAX_BAR_WIDTH = 36.0


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its rectangle, what it shows, and whether the value is negative."""

    x: float
    y: float
    width: float
    height: float
    label: str
    value: float
    negative: bool
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Tick:
    """An axis label at a position (y for the value axis, x for the period axis)."""

    position: float
    label: str


@dataclass(slots=True)
class Chart:
    """Everything the template needs to draw one bar chart."""

    title: str
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    bars: list[Bar] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    zero_y: float = 0.0
    left: float = MARGIN_LEFT
    right: float = CHART_WIDTH - MARGIN_RIGHT

    @property
    def empty(self) -> bool:
        """True when there is nothing to draw."""
        return not self.bars


def _nice_step(span: float, ticks: int = 4) -> float:
    # A step of 1, 2 or 5 times a power of ten giving about ``ticks`` intervals.
    raw = span / ticks if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)


def _format(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e4 else f"{value:.3g}"


def bar_chart(title: str, points: Sequence[tuple[str, float]], details: Sequence[str] | None = None) -> Chart:
    """Bars for the points in order (negative values hang below a zero line), with axis ticks."""
    chart = Chart(title)
    if not points:
        return chart
    values = [value for _, value in points]
    low, high = min(0.0, *values), max(0.0, *values)
    if low == high:
        high = 1.0
    step = _nice_step(high - low)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    top, bottom = MARGIN_TOP, CHART_HEIGHT - MARGIN_BOTTOM

    def y_of(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    chart.zero_y = round(y_of(0.0), 2)
    tick = low
    while tick <= high + step / 2:
        chart.y_ticks.append(Tick(round(y_of(tick), 2), _format(round(tick, 10))))
        tick += step
    slot = (chart.right - chart.left) / len(points)
    every = max(1, math.ceil(len(points) / MAX_X_LABELS))
    for index, (label, value) in enumerate(points):
        x = chart.left + index * slot
        y0, y1 = sorted((y_of(0.0), y_of(value)))
        width = min(slot * (1 - BAR_GAP), MAX_BAR_WIDTH)
        chart.bars.append(
            Bar(
                x=round(x + (slot - width) / 2, 2),
                y=round(y0, 2),
                width=round(width, 2),
                height=round(max(y1 - y0, 0.5), 2),
                label=label,
                value=value,
                negative=value < 0,
                detail=details[index] if details else "",
            )
        )
        if index % every == 0:
            chart.x_ticks.append(Tick(round(x + slot / 2, 2), label))
    return chart
