"""Time expressions resolved against an article's publication date into dates or intervals.

A weekday is the most recent one on or before publication ("on Wednesday" in news dated that
Wednesday is that day), unless the verb around it is future ("will meet on Friday") or it says
"next". Without a publication date, relative expressions ("on Tuesday", "last week", "in March")
are still returned, with `begin`/`end_date` None and `anchored` True, so a later pass can resolve
them; absolute ones ("in 2013", "3 March 2025") always resolve.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from newsweave.analysis.dates import (
    CALENDAR_DATE_RE,
    MONTH_PATTERN,
    MONTHS,
    WEEKDAY_PATTERN,
    WEEKDAYS,
    Direction,
    add_months,
    month_bounds,
    parse_calendar_date,
    quarter_bounds,
    resolve_month,
    resolve_weekday,
    week_bounds,
)
from newsweave.analysis.numbers import DIGITS_PATTERN, WORDS_PATTERN, looks_like_year, parse_number_words
from newsweave.analysis.time_rules import QUALIFIER_PATTERN, Relation, direction_at, relation_before
from newsweave.analysis.units import find_unit

Granularity = Literal["day", "week", "month", "quarter", "year", "decade"]
Tense = Literal["past", "future"]

__all__ = ["Granularity", "Relation", "Tense", "TimeRef", "find_times"]


@dataclass(slots=True)
class TimeRef:
    """A time expression: offsets into the text and the interval [begin, end_date] it denotes.

    `anchored`: resolved against publication (None dates when there was none). `relation`: how the
    event relates to the interval: "at" within it, "since" from it on, "by" no later than its end,
    "until"/"before"/"after", "span" a stretch ending (or starting) at publication ("in just over
    two months"). `approximate`: hedged ("about two years ago", "just over two months").
    """

    start: int
    end: int
    text: str
    begin: date | None
    end_date: date | None
    granularity: Granularity
    anchored: bool
    relation: Relation = "at"
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    published: date | None
    tense: Tense | None

    def direction(self, start: int, end: int) -> Direction:
        """Past or future for the expression at text[start:end]: forced by `tense`, else read."""
        return self.tense or direction_at(self.text, start, end)


Interval = tuple[date | None, date | None]


def _ref(
    ctx: _Context,
    span: tuple[int, int],
    interval: Interval,
    granularity: Granularity,
    *,
    anchored: bool,
    approximate: bool = False,
    relation: Relation = "at",
) -> TimeRef:
    start, end = span
    return TimeRef(
        start,
        end,
        ctx.text[start:end],
        interval[0],
        interval[1],
        granularity,
        anchored,
        relation,
        approximate,
    )


def _year_bounds(year: int) -> Interval:
    return date(year, 1, 1), date(year, 12, 31)


_NUMBER = rf"(?:{DIGITS_PATTERN}|{WORDS_PATTERN}|an?)"
_QUARTER_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_UNIT_GRANULARITY: dict[str, Granularity] = {"day": "day", "week": "week", "month": "month", "year": "year"}

CALENDAR_RE = CALENDAR_DATE_RE
WEEKDAY_RE = re.compile(
    rf"\b(?:(?P<part>late|early)\s+)?(?:(?P<mod>last|next|this|coming|on)\s+)?(?P<wd>{WEEKDAY_PATTERN})"
    r"(?:\s+(?:morning|afternoon|evening|night))?",
    re.IGNORECASE,
)
DEICTIC_RE = re.compile(r"\b(?:yesterday|today|tomorrow|tonight|last\s+night)\b", re.IGNORECASE)
CALENDAR_UNIT_RE = re.compile(
    r"\b(?P<mod>last|this|next|past|coming)\s+(?P<unit>week|month|year|quarter)\b", re.IGNORECASE
)
#: A year said in words right after a calendar date without one ("June 30 next year").
_RELATIVE_YEAR_RE = re.compile(r",?\s+(?P<mod>last|this|next)\s+year\b", re.IGNORECASE)
PARTIAL_RE = re.compile(r"\b(?P<mod>earlier|later)\s+this\s+(?P<unit>week|month|year)\b", re.IGNORECASE)
AGO_RE = re.compile(
    rf"\b(?:(?P<q>{QUALIFIER_PATTERN})\s+)?(?P<n>{_NUMBER})\s+(?P<unit>day|week|month|year)s?\s+ago\b",
    re.IGNORECASE,
)
SPAN_RE = re.compile(
    # "for two years" alone may be any stretch ("was jailed for two years"): it needs "the past".
    rf"\b(?:(?:in|within|over|during|for)\s+the\s+(?P<dir>past|last|next|coming)\s+|(?:in|within|over)\s+)"
    rf"(?:(?P<q>{QUALIFIER_PATTERN})\s+)?(?P<n>{_NUMBER})\s+(?P<unit>day|week|month|year)s?\b(?!\s+ago)",
    re.IGNORECASE,
)
YEAR_RE = re.compile(r"(?<![\w$€£¥₩.,-])\d{4}\b(?!-\d|,\d|\.\d)")
DECADE_RE = re.compile(r"\b(?:the\s+)?(?P<y>\d{3}0)s\b|(?<!\w)['’](?P<yy>\d0)s\b")
MONTH_RE = re.compile(
    # Month names stay capitalised ("may" is a verb); the cue words may open a sentence.
    r"\b(?i:(?P<cue>in|since|by|until|till|from|during|through|before|after|between|and|to|of|or)\s+|"
    rf"(?P<mod>last|next|this|early|late|mid)[\s-]+)(?P<m>{MONTH_PATTERN})(?!\s*\d)",
)
QUARTER_RE = re.compile(
    r"\bQ(?P<q>[1-4])\s*(?P<y>\d{4})\b"
    r"|\b(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(?P<y2>\d{4}))?\b",
    re.IGNORECASE,
)
# "for the first time in two years" looks back whatever the verb ("will win for the first time in...").
_FIRST_TIME_RE = re.compile(r"\b(?:first|last|only)\s+time\s+$", re.IGNORECASE)
# Kinds of a unit after a four-digit number that make it an amount, not a year ("2000 km").
_AMOUNT_KINDS = frozenset({"percent", "rate_change", "distance", "magnitude"})


def _calendar(match: re.Match[str], ctx: _Context) -> TimeRef | None:
    """ "Jan. 14", "3 March 2025", "2026-01-14", "March 2025"."""
    written = match.group(0)
    has_year = re.search(r"\d{4}", written) is not None
    month_year = re.fullmatch(rf"({MONTH_PATTERN})\s+(\d{{4}})", written)
    if month_year:
        month = MONTHS[month_year.group(1).rstrip(".").lower()]
        return _ref(ctx, match.span(), month_bounds(int(month_year.group(2)), month), "month", anchored=False)
    relative_year = None if has_year else _RELATIVE_YEAR_RE.match(ctx.text, match.end())
    if relative_year is not None:
        # "June 30 next year": the year is said in words; the longer reading wins over "next year".
        return _day_in_relative_year(written, relative_year, match.start(), ctx)
    day = parse_calendar_date(written, ctx.published, ctx.direction(*match.span()))
    if day is None and has_year:
        return None  # not a real date ("February 30, 2025")
    return _ref(ctx, match.span(), (day, day), "day", anchored=not has_year)


def _day_in_relative_year(
    written: str, year_words: re.Match[str], start: int, ctx: _Context
) -> TimeRef | None:
    """ "June 30 next year", "March 3 last year", "Dec. 1 this year"."""
    span = (start, year_words.end())
    if ctx.published is None:
        return _ref(ctx, span, (None, None), "day", anchored=True)
    offset = {"last": -1, "this": 0, "next": 1}[year_words.group("mod").lower()]
    day = parse_calendar_date(f"{written} {ctx.published.year + offset}", None)
    return None if day is None else _ref(ctx, span, (day, day), "day", anchored=True)


def _weekday(match: re.Match[str], ctx: _Context) -> TimeRef | None:
    """ "on Tuesday", "late on Friday", "next Friday", "Wednesday night"."""
    mod = (match.group("mod") or "").lower()
    start = match.start("wd") if mod == "on" and not match.group("part") else match.start()
    span = (start, match.end())
    if ctx.published is None:
        return _ref(ctx, span, (None, None), "day", anchored=True)
    direction: Direction = {"last": "past", "next": "future", "this": "future", "coming": "future"}.get(
        mod, ctx.direction(*match.span())
    )  # type: ignore[assignment]
    weekday = WEEKDAYS[match.group("wd").lower()]
    day = resolve_weekday(weekday, ctx.published, direction, strict=mod in ("last", "next"))
    return _ref(ctx, span, (day, day), "day", anchored=True)


def _deictic(match: re.Match[str], ctx: _Context) -> TimeRef:
    """ "yesterday", "today", "tomorrow", "tonight", "last night" (the evening before publication)."""
    offsets = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1}
    if ctx.published is None:
        return _ref(ctx, match.span(), (None, None), "day", anchored=True)
    day = ctx.published + timedelta(days=offsets[" ".join(match.group(0).lower().split())])
    return _ref(ctx, match.span(), (day, day), "day", anchored=True)


def _unit_interval(unit: str, offset: int, published: date) -> tuple[Interval, Granularity]:
    """The calendar week/month/quarter/year `offset` units from the one holding publication."""
    if unit == "week":
        monday, sunday = week_bounds(published + timedelta(weeks=offset))
        return (monday, sunday), "week"
    if unit == "month":
        shifted = add_months(published, offset)
        return month_bounds(shifted.year, shifted.month), "month"
    if unit == "quarter":
        shifted = add_months(published, 3 * offset)
        first, last = quarter_bounds(shifted.year, (shifted.month - 1) // 3 + 1)
        return (first, last), "quarter"
    return _year_bounds(published.year + offset), "year"


def _shift(published: date, unit: str, count: float) -> date:
    """Publication moved by `count` units (negative: back)."""
    if unit in ("month", "year"):
        return add_months(published, round(count * (12 if unit == "year" else 1)))
    return published + timedelta(days=count * (7 if unit == "week" else 1))


def _calendar_unit(match: re.Match[str], ctx: _Context) -> TimeRef:
    """ "last week", "this month", "next year", "the past year" (a span ending at publication)."""
    mod, unit = match.group("mod").lower(), match.group("unit").lower()
    granularity: Granularity = _UNIT_GRANULARITY.get(unit, "quarter")
    if ctx.published is None:
        return _ref(ctx, match.span(), (None, None), granularity, anchored=True)
    if mod == "past":
        back = _shift(ctx.published, "month", -3) if unit == "quarter" else _shift(ctx.published, unit, -1)
        return _ref(ctx, match.span(), (back, ctx.published), granularity, anchored=True, relation="span")
    interval, granularity = _unit_interval(unit, {"last": -1, "this": 0}.get(mod, 1), ctx.published)
    return _ref(ctx, match.span(), interval, granularity, anchored=True)


def _partial(match: re.Match[str], ctx: _Context) -> TimeRef:
    """ "earlier this year" (start of the year to publication), "later this month"."""
    unit = match.group("unit").lower()
    granularity = _UNIT_GRANULARITY[unit]
    if ctx.published is None:
        return _ref(ctx, match.span(), (None, None), granularity, anchored=True)
    first, last = _unit_interval(unit, 0, ctx.published)[0]
    interval = (first, ctx.published) if match.group("mod").lower() == "earlier" else (ctx.published, last)
    return _ref(ctx, match.span(), interval, granularity, anchored=True)


def _count(written: str) -> float | None:
    """Number of units in "two", "a", "3"."""
    lowered = written.lower()
    if lowered in ("a", "an"):
        return 1.0
    if lowered[0].isdigit():
        return float(lowered.replace(",", ""))
    return parse_number_words(lowered)


def _ago(match: re.Match[str], ctx: _Context) -> TimeRef | None:
    """ "two months ago": the day, week, month or year that far back from publication."""
    count, unit = _count(match.group("n")), match.group("unit").lower()
    granularity, hedged = _UNIT_GRANULARITY[unit], match.group("q") is not None
    if count is None:
        return None
    if ctx.published is None:
        return _ref(ctx, match.span(), (None, None), granularity, anchored=True, approximate=hedged)
    then = _shift(ctx.published, unit, -count)
    interval: Interval = (then, then)
    if unit != "day":
        interval = _unit_interval(unit, 0, then)[0]
    return _ref(ctx, match.span(), interval, granularity, anchored=True, approximate=hedged)


def _span(match: re.Match[str], ctx: _Context) -> TimeRef | None:
    """ "in just over two months", "over the past three weeks": a stretch ending at publication
    (starting there when the sentence looks ahead: "within two years")."""
    count, unit = _count(match.group("n")), match.group("unit").lower()
    if count is None:
        return None
    start = match.start("dir") - len("the ") if match.group("dir") else match.start("n")
    start = match.start("q") if match.group("q") and not match.group("dir") else start
    span, hedged = (start, match.end()), match.group("q") is not None
    granularity = _UNIT_GRANULARITY[unit]
    if ctx.published is None:
        return _ref(ctx, span, (None, None), granularity, anchored=True, approximate=hedged, relation="span")
    looks_back = _FIRST_TIME_RE.search(ctx.text, max(0, match.start() - 20), match.start()) is not None
    ahead = (match.group("dir") or "").lower() in ("next", "coming") or (
        not match.group("dir") and not looks_back and ctx.direction(*match.span()) == "future"
    )
    other = _shift(ctx.published, unit, count if ahead else -count)
    interval = (ctx.published, other) if ahead else (other, ctx.published)
    return _ref(ctx, span, interval, granularity, anchored=True, approximate=hedged, relation="span")


def _year(match: re.Match[str], ctx: _Context) -> TimeRef | None:
    """ "in 2013", "1942", "the 2011 Fukushima nuclear disaster"."""
    if not looks_like_year(ctx.text, *match.span()):
        return None
    unit = find_unit(ctx.text, match.end())
    if unit is not None and unit[0].kind in _AMOUNT_KINDS:
        return None
    return _ref(ctx, match.span(), _year_bounds(int(match.group(0))), "year", anchored=False)


def _decade(match: re.Match[str], ctx: _Context) -> TimeRef | None:
    """ "in the 1990s", "the '80s" (a two-digit decade is the latest one not after publication)."""
    if match.group("y"):
        first, anchored = int(match.group("y")), False
    else:
        short = int(match.group("yy"))
        latest = ctx.published.year if ctx.published else None
        first = 2000 + short if latest is not None and 2000 + short <= latest else 1900 + short
        anchored = True
    return _ref(ctx, match.span(), (date(first, 1, 1), date(first + 9, 12, 31)), "decade", anchored=anchored)


def _month(match: re.Match[str], ctx: _Context) -> TimeRef | None:
    """ "in March" (the latest March, or the next one when the sentence looks ahead), "last March"."""
    mod = (match.group("mod") or "").lower()
    month = MONTHS[match.group("m").rstrip(".").lower()]
    span = (match.start("mod") if mod else match.start("m"), match.end())
    if ctx.published is None:
        return _ref(ctx, span, (None, None), "month", anchored=True)
    if mod == "this":
        year = ctx.published.year
    else:
        direction: Direction = {"last": "past", "next": "future"}.get(mod, ctx.direction(*match.span()))  # type: ignore[assignment]
        year = resolve_month(month, ctx.published, direction, strict=mod in ("last", "next"))
    return _ref(ctx, span, month_bounds(year, month), "month", anchored=True)


def _quarter(match: re.Match[str], ctx: _Context) -> TimeRef | None:
    """ "Q3 2025", "the first quarter of 2026", "the third quarter" (the latest such quarter)."""
    number = int(match.group("q") or _QUARTER_ORDINALS[match.group("ord").lower()])
    year_text = match.group("y") or match.group("y2")
    if year_text:
        return _ref(ctx, match.span(), quarter_bounds(int(year_text), number), "quarter", anchored=False)
    if ctx.published is None:
        return _ref(ctx, match.span(), (None, None), "quarter", anchored=True)
    current = (ctx.published.month - 1) // 3 + 1
    year = ctx.published.year if number <= current else ctx.published.year - 1
    if ctx.direction(*match.span()) == "future":
        year = ctx.published.year if number >= current else ctx.published.year + 1
    return _ref(ctx, match.span(), quarter_bounds(year, number), "quarter", anchored=True)


Handler = Callable[[re.Match[str], _Context], TimeRef | None]
# (pattern, handler, a word the text must hold for the pattern to be tried: a cheap skip for rare,
# costly patterns).
GRAMMAR: tuple[tuple[re.Pattern[str], Handler, str], ...] = (
    (CALENDAR_RE, _calendar, ""), (WEEKDAY_RE, _weekday, "day"), (DEICTIC_RE, _deictic, ""),
    (CALENDAR_UNIT_RE, _calendar_unit, ""), (PARTIAL_RE, _partial, "this"), (AGO_RE, _ago, "ago"),
    (SPAN_RE, _span, ""), (YEAR_RE, _year, ""), (DECADE_RE, _decade, "0s"), (MONTH_RE, _month, ""),
    (QUARTER_RE, _quarter, "q"),
)  # fmt: skip


def _as_date(published: datetime | date | None) -> date | None:
    # The article's own (local) calendar day: "on Tuesday" is relative to where it was written.
    return published.date() if isinstance(published, datetime) else published


def _resolved(handler: Handler, match: re.Match[str], ctx: _Context) -> TimeRef | None:
    """The handler's reading, or None where it falls outside the calendar (years 1 to 9999).

    An article dated 0001-01-01 that says "on Friday", or 9999-12-31 that says "next year", has no
    such day: the expression is left unresolved rather than failing the article.
    """
    try:
        return handler(match, ctx)
    except (OverflowError, ValueError):
        return None


# Between a weekday and the date it names: "Saturday, May 18", "Tuesday 19 November".
_WEEKDAY_THEN_DATE = re.compile(r"\s*,?\s*(?:the\s+)?")


def _named_days_once(text: str, refs: list[TimeRef]) -> list[TimeRef]:
    """A weekday written right before a calendar date is that date's ("on Saturday, May 18" is May 18,
    not the Saturday before publication): one reference spanning both, in the year the two agree on."""
    ordered = sorted(refs, key=lambda r: r.start)
    dropped: set[int] = set()
    for weekday, day in itertools.pairwise(ordered):
        named = WEEKDAY_RE.fullmatch(weekday.text)
        if (
            named is not None
            and weekday.granularity == "day"
            and day.granularity == "day"
            and not WEEKDAY_RE.fullmatch(day.text)
            and _WEEKDAY_THEN_DATE.fullmatch(text, weekday.end, day.start)
        ):
            day.start, day.text = weekday.start, text[weekday.start : day.end]
            dropped.add(id(weekday))
            if not YEAR_RE.search(day.text):
                _year_of_weekday(day, WEEKDAYS[named.group("wd").casefold()])
    return [ref for ref in refs if id(ref) not in dropped]


def _year_of_weekday(day: TimeRef, weekday: int) -> None:
    """Move a date written without its year to the year before or after whose date falls on the weekday
    written with it: "Friday, Dec. 6" in a report of November 2019 is 6 December 2019 (a Friday), not
    2018's (a Thursday), whatever the tense of "go on sale"."""
    begin = day.begin
    if begin is None or begin.weekday() == weekday:
        return
    for shift in (1, -1):
        try:
            moved = begin.replace(year=begin.year + shift)
        except ValueError:  # 29 February
            continue
        if moved.weekday() == weekday:
            day.begin = day.end_date = moved
            return


def find_times(text: str, published: datetime | date | None, *, tense: Tense | None = None) -> list[TimeRef]:
    """All time expressions in `text`, in order, resolved against `published`.

    `tense` forces the direction of relative expressions; by default it is read from the verbs
    around each one ("will meet on Friday" looks ahead). Overlapping readings keep the longest.
    """
    ctx = _Context(text, _as_date(published), tense)
    lowered = text.lower()
    candidates = [
        ref for pattern, handler, needle in GRAMMAR if needle in lowered for match in pattern.finditer(text)
        if (ref := _resolved(handler, match, ctx)) is not None
    ]  # fmt: skip
    kept: list[TimeRef] = []
    for ref in sorted(candidates, key=lambda r: (-(r.end - r.start), r.start)):
        if not any(ref.start < other.end and other.start < ref.end for other in kept):
            kept.append(ref)
    kept = _named_days_once(text, kept)
    for ref in kept:
        relation, start = relation_before(text, ref.start)
        if relation is not None and ref.relation == "at":
            ref.relation, ref.start, ref.text = relation, start, text[start : ref.end]
    return sorted(kept, key=lambda r: r.start)
