"""Time expressions resolved against publication, including where plain dateparser goes wrong."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from newsweave.analysis.dates import Direction, parse_calendar_date, resolve_weekday
from newsweave.analysis.times import TimeRef, find_times

# Seed 000 and 004 are dated Wednesday 2026-01-14.
PUBLISHED = date(2026, 1, 14)

SEED_000 = (
    "The leaders also tackled the sensitive issue of South Korea's import ban on seafood from eight Japanese "
    "prefectures, a restriction imposed in 2013 following the Fukushima nuclear disaster.\n"
    "The two-day visit, which included a summit on Tuesday, was marked by symbolic cultural gestures. On "
    "Wednesday, President Lee and Prime Minister Takaichi toured the Horyuji temple complex in Nara. The "
    "neighbors formally normalized ties in 1965. Since then, bilateral trade has flourished, reaching "
    "approximately $75 billion annually."
)
SEED_004 = (
    "President Lee Jae Myung concluded a two-day visit to Japan on Wednesday, which highlighted potential "
    "for enhanced economic cooperation. This visit included discussions with Prime Minister Sanae Takaichi "
    "in Nara and marked their second meeting in just over two months as both nations navigate complex "
    "geopolitical challenges. This site, where a flood in 1942 claimed the lives of 183 individuals, "
    "including 136 Korean laborers, was a focal point of their talks. Past efforts faced obstacles, notably "
    "due to a ban on seafood imports from eight Japanese prefectures following the 2011 Fukushima nuclear "
    "disaster. The leaders played drums to popular K-pop songs and discussed AI."
)


def only(text: str, published: date | None = PUBLISHED) -> TimeRef:
    found = find_times(text, published)
    assert len(found) == 1, found
    return found[0]


D = date


@pytest.mark.parametrize(
    ("text", "core", "begin", "end", "granularity"),
    [
        # weekdays: on or before publication, unless the sentence looks ahead
        ("a summit on Tuesday", "Tuesday", D(2026, 1, 13), D(2026, 1, 13), "day"),
        ("On Wednesday, the leaders toured the temple", "Wednesday", D(2026, 1, 14), D(2026, 1, 14), "day"),
        ("talks ended late on Friday", "late on Friday", D(2026, 1, 9), D(2026, 1, 9), "day"),
        ("They will meet on Friday", "Friday", D(2026, 1, 16), D(2026, 1, 16), "day"),
        ("The talks are due to end on Friday", "Friday", D(2026, 1, 16), D(2026, 1, 16), "day"),
        ("On Friday, the ministers will sign", "Friday", D(2026, 1, 16), D(2026, 1, 16), "day"),
        ("He said on Tuesday that they will meet again", "Tuesday", D(2026, 1, 13), D(2026, 1, 13), "day"),
        ("next Wednesday", "next Wednesday", D(2026, 1, 21), D(2026, 1, 21), "day"),
        ("last Wednesday", "last Wednesday", D(2026, 1, 7), D(2026, 1, 7), "day"),
        ("Wednesday night", "Wednesday night", D(2026, 1, 14), D(2026, 1, 14), "day"),
        # deictic words and calendar units
        ("yesterday", "yesterday", D(2026, 1, 13), D(2026, 1, 13), "day"),
        ("today", "today", D(2026, 1, 14), D(2026, 1, 14), "day"),
        ("last week", "last week", D(2026, 1, 5), D(2026, 1, 11), "week"),
        ("last month", "last month", D(2025, 12, 1), D(2025, 12, 31), "month"),
        ("next year", "next year", D(2027, 1, 1), D(2027, 12, 31), "year"),
        ("earlier this year", "earlier this year", D(2026, 1, 1), D(2026, 1, 14), "year"),
        # years, decades, months, quarters
        ("in 2013", "2013", D(2013, 1, 1), D(2013, 12, 31), "year"),
        ("in 1965", "1965", D(1965, 1, 1), D(1965, 12, 31), "year"),
        ("1942", "1942", D(1942, 1, 1), D(1942, 12, 31), "year"),
        ("in the 1990s", "the 1990s", D(1990, 1, 1), D(1999, 12, 31), "decade"),
        ("in March", "March", D(2025, 3, 1), D(2025, 3, 31), "month"),
        ("In March, prices rose", "March", D(2025, 3, 1), D(2025, 3, 31), "month"),
        ("which began in September.", "September", D(2025, 9, 1), D(2025, 9, 30), "month"),
        ("They will vote in March", "March", D(2026, 3, 1), D(2026, 3, 31), "month"),
        ("the third quarter", "the third quarter", D(2025, 7, 1), D(2025, 9, 30), "quarter"),
        ("Q3 2025", "Q3 2025", D(2025, 7, 1), D(2025, 9, 30), "quarter"),
        # calendar dates (parsed by dateparser behind the wrapper)
        ("March 3", "March 3", D(2025, 3, 3), D(2025, 3, 3), "day"),
        ("3 March 2025", "3 March 2025", D(2025, 3, 3), D(2025, 3, 3), "day"),
        ("Jan. 14", "Jan. 14", D(2026, 1, 14), D(2026, 1, 14), "day"),
        ("2026-01-14", "2026-01-14", D(2026, 1, 14), D(2026, 1, 14), "day"),
        ("March 2025", "March 2025", D(2025, 3, 1), D(2025, 3, 31), "month"),
        # a year said in words after the date: one reading, not a date this year plus "next year"
        ("June 30 next year", "June 30 next year", D(2027, 6, 30), D(2027, 6, 30), "day"),
        ("on March 3 last year", "March 3 last year", D(2025, 3, 3), D(2025, 3, 3), "day"),
        ("opens Dec. 1 this year", "Dec. 1 this year", D(2026, 12, 1), D(2026, 12, 1), "day"),
        # stretches back from publication
        ("two months ago", "two months ago", D(2025, 11, 1), D(2025, 11, 30), "month"),
        ("in just over two months", "just over two months", D(2025, 11, 14), D(2026, 1, 14), "month"),
        ("over the past three weeks", "the past three weeks", D(2025, 12, 24), D(2026, 1, 14), "week"),
    ],
)
def test_resolves(text: str, core: str, begin: date, end: date, granularity: str) -> None:
    ref = only(text)
    assert (ref.text, ref.begin, ref.end_date, ref.granularity) == (core, begin, end, granularity)
    assert text[ref.start : ref.end] == ref.text


@pytest.mark.parametrize(
    ("text", "relation", "begin", "end"),
    [
        ("by 2028", "by", D(2028, 1, 1), D(2028, 12, 31)),
        ("since 1965", "since", D(1965, 1, 1), D(1965, 12, 31)),
        ("until 2030", "until", D(2030, 1, 1), D(2030, 12, 31)),
        ("in just over two months", "span", D(2025, 11, 14), PUBLISHED),
        ("within two years, officials will", "span", PUBLISHED, D(2028, 1, 14)),
        ("Intel will lead for the first time in more than two years", "span", D(2024, 1, 14), PUBLISHED),
        ("in 2013", "at", D(2013, 1, 1), D(2013, 12, 31)),
    ],
)
def test_relation(text: str, relation: str, begin: date, end: date) -> None:
    ref = only(text)
    assert (ref.relation, ref.begin, ref.end_date) == (relation, begin, end)


@pytest.mark.parametrize(
    ("text", "anchored", "approximate"),
    [
        ("in 2013", False, False),
        ("on Tuesday", True, False),
        ("in just over two months", True, True),
        ("about three years ago", True, True),
        ("3 March 2025", False, False),
        ("March 3", True, False),
    ],
)
def test_flags(text: str, anchored: bool, approximate: bool) -> None:
    ref = only(text)
    assert (ref.anchored, ref.approximate) == (anchored, approximate)


@pytest.mark.parametrize(
    ("text", "resolved"),
    [
        ("on Tuesday", False),
        ("last week", False),
        ("in March", False),
        ("two months ago", False),
        ("March 3", False),
        ("in 2013", True),
        ("3 March 2025", True),
        ("in the 1990s", True),
    ],
)
def test_without_publication_relative_stays_open(text: str, resolved: bool) -> None:
    ref = only(text, published=None)
    assert (ref.begin is not None) == resolved
    assert (ref.end_date is not None) == resolved


def test_datetime_publication_uses_its_calendar_day() -> None:
    published = datetime(2026, 1, 14, 23, 30, tzinfo=UTC)
    assert only("on Wednesday", published).begin == PUBLISHED


def test_tense_override() -> None:
    [ref] = find_times("on Friday", PUBLISHED, tense="future")
    assert ref.begin == date(2026, 1, 16)


@pytest.mark.parametrize(
    "text",
    [
        "1,942 people",
        "2,000 km",
        "a 5-year-old",
        "K-pop songs",
        "discussed AI",
        "the Horyuji temple",
        "may be",
        "a long march",
        "for two years",
        "Boeing 737",
    ],
)
def test_not_a_time(text: str) -> None:
    assert find_times(text, PUBLISHED) == []


def test_wrapper_fixes_dateparser_weekday_jump() -> None:
    # dateparser.parse("Wednesday", RELATIVE_BASE=a Wednesday) gives the week before.
    assert resolve_weekday(2, PUBLISHED, "past") == PUBLISHED
    assert resolve_weekday(1, PUBLISHED, "past") == date(2026, 1, 13)
    assert resolve_weekday(2, PUBLISHED, "future") == PUBLISHED
    assert resolve_weekday(2, PUBLISHED, "future", strict=True) == date(2026, 1, 21)


@pytest.mark.parametrize(
    ("text", "published", "direction", "expected"),
    [
        ("Jan. 14", PUBLISHED, "past", date(2026, 1, 14)),
        ("Jan. 14", PUBLISHED, "future", date(2026, 1, 14)),
        ("Dec 31", PUBLISHED, "future", date(2026, 12, 31)),
        ("14th of January", PUBLISHED, "past", date(2026, 1, 14)),
        ("Feb 29, 2024", None, "past", date(2024, 2, 29)),
        ("February 30, 2025", PUBLISHED, "past", None),
        ("March 3", None, "past", None),
    ],
)
def test_parse_calendar_date(
    text: str, published: date | None, direction: Direction, expected: date | None
) -> None:
    assert parse_calendar_date(text, published, direction) == expected


def summary(text: str) -> list[tuple[str, date | None, date | None, str]]:
    return [(ref.text, ref.begin, ref.end_date, ref.granularity) for ref in find_times(text, PUBLISHED)]


def test_seed_000() -> None:
    assert summary(SEED_000) == [
        ("2013", D(2013, 1, 1), D(2013, 12, 31), "year"),
        ("Tuesday", D(2026, 1, 13), D(2026, 1, 13), "day"),
        ("Wednesday", D(2026, 1, 14), D(2026, 1, 14), "day"),
        ("1965", D(1965, 1, 1), D(1965, 12, 31), "year"),
    ]


def test_seed_004() -> None:
    assert summary(SEED_004) == [
        ("Wednesday", D(2026, 1, 14), D(2026, 1, 14), "day"),
        ("just over two months", D(2025, 11, 14), D(2026, 1, 14), "month"),
        ("1942", D(1942, 1, 1), D(1942, 12, 31), "year"),
        ("2011", D(2011, 1, 1), D(2011, 12, 31), "year"),
    ]


def test_a_weekday_before_a_date_is_that_date() -> None:
    # "on Saturday, May 18" (a trial report of November): May 18, not the Saturday before publication.
    ref = only("Webb grabbed the girl at 6:38 p.m. on Saturday, May 18.", date(2019, 11, 19))
    assert (ref.text, ref.begin, ref.granularity) == ("Saturday, May 18", D(2019, 5, 18), "day")
    assert only("on Tuesday 19 November", date(2019, 11, 19)).begin == D(2019, 11, 19)
    # The weekday picks the year of a date written without one: "go on sale ... Friday, Dec. 6" in a
    # report of 19 November 2019 is 6 December 2019 (a Friday; 2018's was a Thursday).
    ref = only("Tickets go on sale at 10 a.m. Friday, Dec. 6.", date(2019, 11, 19))
    assert (ref.begin, ref.end_date) == (D(2019, 12, 6), D(2019, 12, 6))
    assert only("on Friday, Dec. 6, 2018", date(2019, 11, 19)).begin == D(2018, 12, 6)  # a year written
    # Apart, they are two times.
    found = find_times("He left on Saturday. May 18 is the date.", date(2019, 11, 19))
    assert [ref.begin for ref in found] == [D(2019, 11, 16), D(2019, 5, 18)]
