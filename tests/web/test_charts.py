"""Server-drawn bar charts: bars in the viewBox, negatives below the zero line, thinned labels."""

from __future__ import annotations

from newsweave.web.charts import (
    CHART_HEIGHT,
    CHART_WIDTH,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MAX_BAR_WIDTH,
    MAX_X_LABELS,
    bar_chart,
)


def test_positive_and_negative_bars_sit_on_either_side_of_zero() -> None:
    chart = bar_chart("t", [("a", 3.0), ("b", -2.0), ("c", 0.0)])
    up, down, flat = chart.bars
    assert not up.negative and down.negative and not flat.negative
    assert abs((up.y + up.height) - chart.zero_y) < 0.01  # grows up from the line
    assert abs(down.y - chart.zero_y) < 0.01  # hangs down from it
    assert up.height > down.height > flat.height
    for bar in chart.bars:
        assert bar.x >= 0 and bar.x + bar.width <= CHART_WIDTH
        assert bar.y >= 0 and bar.y + bar.height <= CHART_HEIGHT
    assert [tick.label for tick in chart.y_ticks] == ["-2", "0", "2", "4"]  # 1-2-5 steps covering -2..3


def test_bars_are_proportional_to_values() -> None:
    chart = bar_chart("t", [("a", 1.0), ("b", 4.0)])
    assert abs(chart.bars[1].height / chart.bars[0].height - 4.0) < 0.01


def test_many_points_get_at_most_max_labels() -> None:
    chart = bar_chart("t", [(f"2026-01-{day:02d}", float(day)) for day in range(1, 31)])
    assert len(chart.bars) == 30
    assert 1 < len(chart.x_ticks) <= MAX_X_LABELS
    assert chart.x_ticks[0].label == "2026-01-01"


def test_few_points_keep_bars_narrow_and_centred() -> None:
    (bar,) = bar_chart("t", [("only", 2.0)]).bars
    assert bar.width == MAX_BAR_WIDTH
    assert abs((bar.x + bar.width / 2) - (MARGIN_LEFT + CHART_WIDTH - MARGIN_RIGHT) / 2) < 0.01


def test_empty_series_draws_nothing() -> None:
    chart = bar_chart("t", [])
    assert chart.empty and not chart.y_ticks and not chart.x_ticks


def test_labels_are_kept_as_text_for_the_template_to_escape() -> None:
    chart = bar_chart("<b>", [("<script>", 1.0)], ["<img onerror=x>"])
    assert chart.bars[0].label == "<script>" and chart.bars[0].detail == "<img onerror=x>"
