"""Korean and Japanese time expressions, resolved against the publication date like English ones.

News in these languages dates events by the day of the month alone ("13일", "13日": the 13th), with a
word for which month when it is not this one ("지난 20일" the past 20th, "오는 25일" the coming 25th,
"先月20日" the 20th of last month), or in full ("2026년 1월 13일", "2026年1月13日"), and by words for
the days, months and years around publication ("어제" / "昨日" yesterday, "지난해" / "昨年" last year).
Digits may be full-width ("１３日"). Counts of days ("13일간", "13日間", "3日目") are durations, not dates.

A bare day of the month is this month's when it is at most ``DAYS_AHEAD`` after publication (reports
announce what comes in the next days), else last month's. A month and day without a year is the coming
one within ``MONTHS_AHEAD_DAYS`` of publication, else the last one. Without a publication date,
relative expressions come back unresolved (``begin`` None, ``anchored`` True), as in ``analysis.times``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from newsweave.analysis.dates import add_months, month_bounds
from newsweave.analysis.times import Granularity, TimeRef

__all__ = ["CJK_LANGUAGES", "find_times_cjk"]

CJK_LANGUAGES = frozenset({"ko", "ja"})
# A bare "15일" / "15日" this many days after publication is still this month's (an announced event).
DAYS_AHEAD = 7
# A month and day without a year this many days after publication or fewer are the coming ones (a
# sentencing set for February in a November report); further ahead, they are last year's.
MONTHS_AHEAD_DAYS = 92

_D = "[0-9０-９]"
# Not a date when the number counts days: "13일간", "13日間", "3日目", "24일째", "5日ぶり", "17일 (밤) 동안".
_NOT_A_COUNT = r"(?![간째間目ぶ])(?!\s*(?:밤\s*)?동안)"
# A year of four digits, or of two before a month and day ("16年4月26日", "20년 6월 9일").
_YEAR = rf"(?<![0-9０-９])({_D}{{4}}|{_D}{{2}})"
# Where a sentence ends: a year given earlier in the sentence is the year of a month and day after it.
_SENTENCE_END = re.compile(r"[.!?。！？\n]")
_SPACE = r"\s*"

# (pattern, what it is); each needs a resolver below. Full dates first: the longest reading wins.
_KO_FULL = re.compile(rf"{_YEAR}년{_SPACE}({_D}{{1,2}})월{_SPACE}({_D}{{1,2}})일{_NOT_A_COUNT}")
_KO_MONTH_DAY = re.compile(rf"({_D}{{1,2}})월{_SPACE}({_D}{{1,2}})일{_NOT_A_COUNT}")
_KO_DAY = re.compile(
    rf"(?:(지난|오는|이번\s*달|지난\s*달|다음\s*달)\s*)?(?<![0-9０-９])({_D}{{1,2}})일{_NOT_A_COUNT}"
)
_KO_YEAR_MONTH = re.compile(rf"({_D}{{4}})년{_SPACE}({_D}{{1,2}})월(?!{_SPACE}{_D})")
_KO_YEAR = re.compile(rf"({_D}{{4}})년(?!{_SPACE}{_D}{{1,2}}월)(?!\s*(?:간|동안|째))")
# "지난해 10월 (30일)", "昨年10月(30日)": a month (or day) of the year before, this or the next.
_KO_YEAR_WORD_MONTH = re.compile(
    rf"(지난해|작년|올해|내년){_SPACE}({_D}{{1,2}})월(?:{_SPACE}({_D}{{1,2}})일{_NOT_A_COUNT})?"
)
_JA_YEAR_WORD_MONTH = re.compile(rf"(昨年|去年|今年|来年)({_D}{{1,2}})月(?:({_D}{{1,2}})日{_NOT_A_COUNT})?")
_YEAR_WORD = {"지난해": -1, "작년": -1, "올해": 0, "내년": 1, "昨年": -1, "去年": -1, "今年": 0, "来年": 1}
_JA_FULL = re.compile(rf"{_YEAR}年({_D}{{1,2}})月({_D}{{1,2}})日{_NOT_A_COUNT}")
_JA_MONTH_DAY = re.compile(rf"({_D}{{1,2}})月({_D}{{1,2}})日{_NOT_A_COUNT}")
_JA_DAY = re.compile(rf"(先月|今月|来月)?(?<![0-9０-９])({_D}{{1,2}})日{_NOT_A_COUNT}")
_JA_YEAR_MONTH = re.compile(rf"({_D}{{4}})年({_D}{{1,2}})月(?!{_D})")
_JA_YEAR = re.compile(rf"({_D}{{4}})年(?!{_D}{{1,2}}月)(?![間目ぶ])")

# Words for the days, weeks, months and years around publication: (granularity, offset).
_KO_WORDS: dict[str, tuple[Granularity, int]] = {
    "그저께": ("day", -2), "그제": ("day", -2), "어제": ("day", -1), "오늘": ("day", 0), "내일": ("day", 1),
    "모레": ("day", 2), "지난주": ("week", -1), "이번 주": ("week", 0), "다음 주": ("week", 1),
    "지난달": ("month", -1), "이번 달": ("month", 0), "다음 달": ("month", 1), "지난해": ("year", -1),
    "작년": ("year", -1), "올해": ("year", 0), "내년": ("year", 1),
}  # fmt: skip
_JA_WORDS: dict[str, tuple[Granularity, int]] = {
    "一昨日": ("day", -2), "おととい": ("day", -2), "昨日": ("day", -1), "きのう": ("day", -1),
    "今日": ("day", 0), "きょう": ("day", 0), "明日": ("day", 1), "あす": ("day", 1), "あした": ("day", 1),
    "先週": ("week", -1), "今週": ("week", 0), "来週": ("week", 1), "先月": ("month", -1),
    "今月": ("month", 0), "来月": ("month", 1), "昨年": ("year", -1), "去年": ("year", -1),
    "今年": ("year", 0), "来年": ("year", 1),
}  # fmt: skip
# Which month a day belongs to, by the word before it.
_MONTH_WORD = {"지난 달": -1, "지난달": -1, "이번 달": 0, "이번달": 0, "다음 달": 1, "다음달": 1,
               "先月": -1, "今月": 0, "来月": 1}  # fmt: skip


def find_times_cjk(text: str, published: datetime | date | None, language: str) -> list[TimeRef]:
    """The Korean (``ko``) or Japanese (``ja``) time expressions of ``text``, in order, resolved against
    ``published``; an empty list for other languages."""
    if language not in CJK_LANGUAGES:
        return []
    today = published.date() if isinstance(published, datetime) else published
    korean = language == "ko"
    found: list[TimeRef] = []
    for match in (_KO_YEAR_WORD_MONTH if korean else _JA_YEAR_WORD_MONTH).finditer(text):
        _add(found, _year_word_month(match, today))
    years: list[tuple[int, int]] = []  # (end, year) of each date that gives its year
    for match in (_KO_FULL if korean else _JA_FULL).finditer(text):
        written = _full_year(match[1], today)
        years.append((match.end(), written))
        _add(found, _day(match, written, _int(match[2]), _int(match[3]), anchored=False))
    # A year-month too ("2016년 2월부터 ... 4월 26일"), but not a year alone: "2013년부터 금지했고 ... 1월
    # 13일 회담" names a background year before today's date.
    years.extend(
        (match.end(), _int(match[1]))
        for match in (_KO_YEAR_MONTH if korean else _JA_YEAR_MONTH).finditer(text)
    )
    for match in (_KO_MONTH_DAY if korean else _JA_MONTH_DAY).finditer(text):
        month, day = _int(match[1]), _int(match[2])
        given = _year_before(text, match.start(), years)
        year = given if given is not None else _nearest_year(today, month, day) if today else None
        if today is not None and year is None:  # "2월 30일": no such day; its "30일" is no date either
            _add(found, _ref(match.start(), match.end(), text, (None, None), "day", False))
            continue
        _add(found, _day(match, year, month, day, anchored=given is None))
    for match in (_KO_DAY if korean else _JA_DAY).finditer(text):
        _add(found, _bare_day(match, today))
    for match in (_KO_YEAR_MONTH if korean else _JA_YEAR_MONTH).finditer(text):
        _add(found, _month(match, _int(match[1]), _int(match[2])))
    for match in (_KO_YEAR if korean else _JA_YEAR).finditer(text):
        year = _int(match[1])
        _add(
            found,
            _ref(match.start(), match.end(), text, (date(year, 1, 1), date(year, 12, 31)), "year", False),
        )
    for word, (grain, offset) in (_KO_WORDS if korean else _JA_WORDS).items():
        for match in re.finditer(re.escape(word), text):
            _add(found, _relative(match, today, grain, offset))
    return sorted((ref for ref in found if ref.begin is not None or today is None), key=lambda ref: ref.start)


def _int(digits: str) -> int:
    return int(digits)  # int() reads full-width digits too


def _add(found: list[TimeRef], ref: TimeRef | None) -> None:
    """Keep ``ref`` unless it overlaps one already found (patterns run longest first)."""
    if ref is not None and not any(ref.start < other.end and other.start < ref.end for other in found):
        found.append(ref)


def _ref(
    start: int,
    end: int,
    text: str,
    interval: tuple[date | None, date | None],
    grain: Granularity,
    anchored: bool,
) -> TimeRef:
    return TimeRef(start, end, text[start:end], interval[0], interval[1], grain, anchored)


def _safe_date(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day(match: re.Match[str], year: int | None, month: int, day: int, *, anchored: bool) -> TimeRef | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    when = _safe_date(year, month, day)
    if year is not None and when is None:
        return None  # "2월 30일": no such day
    return _ref(match.start(), match.end(), match.string, (when, when), "day", anchored)


def _full_year(digits: str, today: date | None) -> int:
    """A written year: four digits as they are; two ("16年") in the century that puts them at most ten
    years after publication (or after 2020 without one)."""
    year = _int(digits)
    if len(digits) == 4:
        return year
    latest = (today.year if today else 2020) + 10
    return 2000 + year if 2000 + year <= latest else 1900 + year


def _year_before(text: str, start: int, years: list[tuple[int, int]]) -> int | None:
    """The year an expression before ``start`` in the same sentence gave ("2020년 6월 9일 ... 10월
    10일": the tour ends in 2020 too), or None."""
    before = [(end, year) for end, year in years if end <= start]
    if not before:
        return None
    end, year = max(before)
    return None if _SENTENCE_END.search(text, end, start) else year


def _nearest_year(today: date, month: int, day: int) -> int | None:
    """The year of that month and day: the coming one when it is at most ``MONTHS_AHEAD_DAYS`` after
    ``today`` (a hearing set for "2월 14일"), else the last one ("5월 18일" in a November report)."""
    for year in (today.year, today.year + 1):
        when = _safe_date(year, month, day)
        if when is not None and 0 <= (when - today).days <= MONTHS_AHEAD_DAYS:
            return year
    for year in (today.year, today.year - 1):
        when = _safe_date(year, month, day)
        if when is not None and when <= today:
            return year
    return None


def _bare_day(match: re.Match[str], today: date | None) -> TimeRef | None:
    """A day of the month alone, placed by the word before it or by publication (module docstring)."""
    word, day = " ".join((match[1] or "").split()), _int(match[2])
    if not 1 <= day <= 31:
        return None
    start, end, text = match.start(), match.end(), match.string
    if today is None:
        return _ref(start, end, text, (None, None), "day", True)
    first = today.replace(day=1)
    if word in _MONTH_WORD:  # "지난달 20일", "先月20日"
        base = add_months(first, _MONTH_WORD[word])
        when = _safe_date(base.year, base.month, day)
    else:
        this = _safe_date(today.year, today.month, day)
        before, after = add_months(first, -1), add_months(first, 1)
        previous, following = (
            _safe_date(before.year, before.month, day),
            _safe_date(after.year, after.month, day),
        )
        if word == "지난":  # the past 20th: the latest such day before publication
            when = this if this is not None and this < today else previous
        elif word == "오는":  # the coming 25th: the first such day after publication
            when = this if this is not None and this > today else following
        else:
            when = this if this is not None and (this - today).days <= DAYS_AHEAD else previous
    return None if when is None else _ref(start, end, text, (when, when), "day", True)


def _year_word_month(match: re.Match[str], today: date | None) -> TimeRef | None:
    """A month (or day) of a year named by a word: "지난해 10월" (October of last year), "昨年10月30日"."""
    month = _int(match[2])
    year = today.year + _YEAR_WORD[match[1]] if today is not None else None
    if match[3] is not None:
        return _day(match, year, month, _int(match[3]), anchored=True)
    if not 1 <= month <= 12:
        return None
    bounds = month_bounds(year, month) if year is not None else (None, None)
    return _ref(match.start(), match.end(), match.string, bounds, "month", True)


def _month(match: re.Match[str], year: int, month: int) -> TimeRef | None:
    if not 1 <= month <= 12:
        return None
    return _ref(match.start(), match.end(), match.string, month_bounds(year, month), "month", False)


def _relative(match: re.Match[str], today: date | None, grain: Granularity, offset: int) -> TimeRef:
    start, end, text = match.start(), match.end(), match.string
    if today is None:
        return _ref(start, end, text, (None, None), grain, True)
    if grain == "day":
        when = today + timedelta(days=offset)
        return _ref(start, end, text, (when, when), grain, True)
    if grain == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
        return _ref(start, end, text, (monday, monday + timedelta(days=6)), grain, True)
    if grain == "month":
        first = add_months(today.replace(day=1), offset)
        return _ref(start, end, text, month_bounds(first.year, first.month), grain, True)
    year = today.year + offset
    return _ref(start, end, text, (date(year, 1, 1), date(year, 12, 31)), grain, True)
