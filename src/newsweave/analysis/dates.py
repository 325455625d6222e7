"""Calendar helpers for times.py: month and weekday names, interval arithmetic, a dateparser wrapper."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Literal

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
# Capitalised only: lower-case "may", "march", "sun" are words, not months.
# A dot only after an abbreviation ("Jan."), so "in September." leaves the full stop out.
MONTH_PATTERN = "(?:" + "|".join(
    sorted((name.capitalize() for name in MONTHS), key=len, reverse=True)
) + r")\b(?:(?<=Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.|(?<=Sept)\.)?"
WEEKDAY_PATTERN = "(?:" + "|".join(name.capitalize() for name in WEEKDAYS) + r")\b"
DAY_PATTERN = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# Calendar dates written in full or in part; both quantities (to mask them) and times use these.
CALENDAR_DATE_RE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b"  # 2026-01-14
    rf"|\b{MONTH_PATTERN}\s+{DAY_PATTERN}\b(?:,?\s+\d{{4}}\b)?"  # Jan. 14, March 3, 2025
    rf"|\b{DAY_PATTERN}\s+(?:of\s+)?{MONTH_PATTERN}(?:,?\s+\d{{4}}\b)?"  # 3 March 2025
    rf"|\b{MONTH_PATTERN}\s+\d{{4}}\b"  # March 2025
)
Direction = Literal["past", "future"]
LEAP_BASE_YEAR = 2000
# Written dates repeat across a corpus ("Jan. 14"); dateparser costs a few ms a call.
PARSE_CACHE_SIZE = 4096


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """The same day `months` later (earlier if negative), clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def week_bounds(day: date) -> tuple[date, date]:
    """Monday and Sunday of the ISO week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a quarter (1-4)."""
    first = date(year, 3 * quarter - 2, 1)
    return first, month_bounds(year, 3 * quarter)[1]


def resolve_weekday(weekday: int, published: date, direction: Direction, *, strict: bool = False) -> date:
    """The weekday nearest publication in `direction`.

    Past: the most recent such day on or before publication, so news dated Wednesday saying
    "on Wednesday" means that same day (dateparser jumps a week back here). Future: on or after
    publication. `strict` ("last Friday", "next Friday") excludes publication day itself.
    """
    if direction == "past":
        delta = (published.weekday() - weekday) % 7 or (7 if strict else 0)
        return published - timedelta(days=delta)
    delta = (weekday - published.weekday()) % 7 or (7 if strict else 0)
    return published + timedelta(days=delta)


def resolve_month(month: int, published: date, direction: Direction, *, strict: bool = False) -> int:
    """Year of the month nearest publication in `direction` ("in March" -> the last March)."""
    if direction == "past":
        earlier = month < published.month or (month == published.month and not strict)
        return published.year if earlier else published.year - 1
    later = month > published.month or (month == published.month and not strict)
    return published.year if later else published.year + 1


@lru_cache(maxsize=1)
def _dateparser() -> Any:
    # Imported on first use: `import newsweave` must stay light, and dateparser loads data files.
    import dateparser  # type: ignore[import-untyped]

    return dateparser


@lru_cache(maxsize=PARSE_CACHE_SIZE)
def _parse_absolute(text: str) -> date | None:
    """dateparser on one written date; a year-less one lands in LEAP_BASE_YEAR (so "Feb 29" parses)."""
    settings = {
        "REQUIRE_PARTS": ["day", "month"],
        "DATE_ORDER": "MDY",
        "RELATIVE_BASE": datetime(LEAP_BASE_YEAR, 1, 1),
        # Only calendar dates reach here; skipping the relative-phrase parser halves the cost.
        "PARSERS": ["absolute-time"],
    }
    parsed = _dateparser().parse(text, languages=["en"], settings=settings)
    return parsed.date() if isinstance(parsed, datetime) else None


def parse_calendar_date(text: str, published: date | None, direction: Direction = "past") -> date | None:
    """Parse a calendar date such as "Jan. 14", "3 March 2025", "2026-01-14" with dateparser.

    Only for strings CALENDAR_DATE_RE matched: dateparser mishandles bare weekdays and relative
    phrases (see resolve_weekday), so those never reach it. A date without a year takes the year
    that puts it nearest publication in `direction`, publication day included; without
    publication it is None.
    """
    has_year = re.search(r"\d{4}", text) is not None
    if not has_year and published is None:
        return None
    parsed = _parse_absolute(" ".join(re.sub(r"\bof\b", " ", text).split()))
    if parsed is None:
        return None
    if has_year or published is None:
        return parsed
    year = published.year
    month_day = (parsed.month, parsed.day)
    if direction == "past" and month_day > (published.month, published.day):
        year -= 1
    elif direction == "future" and month_day < (published.month, published.day):
        year += 1
    try:
        return date(year, parsed.month, parsed.day)
    except ValueError:  # February 29 outside a leap year
        return None
