"""How a brief's values are written as text: Markdown escaping and wrapping, citation markers, and
the readable forms of dates, numbers, fact values, event actors and places, and entity types.

The Markdown renderer uses all of it; the HTML renderer only the readable forms (Jinja escapes for
HTML). ``md_escape`` and ``wrap`` are what keep an article's text from adding Markdown to a brief.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from newsweave.analysis.units import HOURS_PER_DAY, HOURS_PER_MONTH, HOURS_PER_WEEK, HOURS_PER_YEAR

LINE_WIDTH = 99
"""Lines stay under 100 characters (terminals and diffs); only an unbreakable word or URL goes over."""

STATUS_LABELS: dict[str, str] = {
    "corroborated": "Corroborated",
    "disputed": "Disputed",
    "single_source": "Single source",
}
"""How each fact status is named to a reader, in the order a brief lists them."""

_SPACE = re.compile(r"\s+")
# Inline Markdown syntax: emphasis, code, links and images, raw HTML, tables, strikethrough.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# An HTML entity or character reference would be decoded by a Markdown renderer: "&amp;" must stay text.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What makes a line a block of its own when it starts it: list items, headings, setext underlines.
_BULLET_START = re.compile(r"^([-+*]|#{1,6})(?=\s|$)")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
# A setext heading's underline, or a thematic break made of hyphens ("---", "- - -", "--- -").
_RULE_LINE = re.compile(r"^(=+\s*|(-\s*)+)$")


def md_escape(text: str) -> str:
    """``text`` on one line, with every character Markdown would read as inline syntax escaped."""
    flat = _SPACE.sub(" ", text).strip()
    return _ENTITY.sub(r"\\&", _INLINE_SPECIAL.sub(r"\\\1", flat))


# A backslash escape of ASCII punctuation, as md_escape and _escape_line_start write them.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def terminal_text(markdown: str) -> str:
    """A rendered brief for reading on a terminal: the Markdown with its backslash escapes taken out
    ("ECB+ 12\\_19ecb" reads "ECB+ 12_19ecb"); headings and lists stay as they are."""
    return _ESCAPED.sub(r"\1", markdown)


def _escape_line_start(line: str) -> str:
    """Escape a block marker at the start of a line (after wrapping, any word can start one)."""
    if _RULE_LINE.match(line):
        return "\\" + line
    ordered = _ORDERED_START.match(line)
    if ordered:
        return f"{ordered.group(1)}\\{line[ordered.end(1) :]}"
    if _BULLET_START.match(line):
        return "\\" + line
    return line


def wrap(text: str, first: str = "", rest: str | None = None, *, escaped: bool = False) -> list[str]:
    """``text`` wrapped under ``LINE_WIDTH``: the first line after ``first``, the others after ``rest``.

    ``text`` is escaped with ``md_escape`` unless ``escaped`` says it already is (or is our own markup).
    Words are never split, hyphenated names included ("Wi Sung-lac").
    """
    rest = " " * len(first) if rest is None else rest
    body = text if escaped else md_escape(text)
    # One character kept free for the backslash ``_escape_line_start`` may add.
    width = max(LINE_WIDTH - 1 - max(len(first), len(rest)), 20)
    lines = textwrap.wrap(body, width=width, break_long_words=False, break_on_hyphens=False) or [""]
    return [(first if index == 0 else rest) + _escape_line_start(line) for index, line in enumerate(lines)]


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL without spaces or control characters, else None."""
    if not url or any(char.isspace() or ord(char) < 32 or char in "<>\"'`\\" for char in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def day(value: Any) -> str:
    """The date part of an ISO date or timestamp, as is for anything shorter ("1942", "2026-01")."""
    text = str(value or "")
    return text[:10] if len(text) >= 10 and text[4:5] == "-" else text


def cite(numbers: Iterable[int]) -> str:
    """Citation markers: ``[1][3]``."""
    return "".join(f"[{number}]" for number in numbers)


ENTITY_TYPES: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "facility",
    "NORP": "group",
    "EVENT": "event",
}
"""Readable names of spaCy's entity labels; any other label is shown in lower case."""


def entity_type(label: Any) -> str:
    """An entity type as a reader says it ("person" for PERSON)."""
    return ENTITY_TYPES.get(str(label), str(label).lower())


def actor_text(actor: Any) -> str:
    """An event actor as "Name (KOR, GOV)"; "someone" when the event has none."""
    if not isinstance(actor, Mapping) or not actor.get("name"):
        return "someone"
    codes = [str(actor[key]) for key in ("country", "sector") if actor.get(key)]
    return f"{actor['name']} ({', '.join(codes)})" if codes else str(actor["name"])


def place_text(place: Any) -> str:
    """An event place as "Nara (JPN)", or "" when the event gives none."""
    if not isinstance(place, Mapping) or not place.get("name"):
        return ""
    return f"{place['name']} ({place['country']})" if place.get("country") else str(place["name"])


def goldstein_text(value: Any) -> str:
    """A Goldstein value with its sign ("+1.9", "-8.0"), or as given when it is not a number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:+.1f}"
    return str(value)


def event_date(event: Mapping[str, Any]) -> str:
    """An event's date, saying when it stands in from the publication date."""
    if not event.get("date"):
        return "date unknown"
    return (
        f"{day(event['date'])} (publication date)" if event.get("date_from_published") else day(event["date"])
    )


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def number_text(raw: Any) -> str:
    """A normalised number as a reader writes it: "7.5e+10" is "75 billion", "36000.0" is "36,000",
    "9.656064" is "9.656".

    Anything that is not a plain number (a date, a place, "2013") comes back unchanged; years and
    other integers under 10,000 keep no separator.
    """
    text = str(raw)
    try:
        number = float(text)
    except ValueError:
        return text
    if number != number or number in (float("inf"), float("-inf")):
        return text
    for scale, word in _SCALES:
        if abs(number) >= scale:
            return f"{number / scale:,.3g} {word}"
    if number == int(number):
        return f"{int(number):,}" if abs(number) >= 10_000 else str(int(number))
    # Four significant digits: a figure converted from another unit ("six miles") is 9.656 km, not
    # 9.65606 km; no report writes a figure more exactly than that.
    if abs(number) >= 1000:
        whole = round(number)
        return f"{whole:,}" if abs(whole) >= 10_000 else str(whole)
    return f"{number:.4g}"


# Durations are stored in hours; shown in the largest unit that reads as a whole number of it.
_DURATION_UNITS = (
    ("years", HOURS_PER_YEAR), ("months", HOURS_PER_MONTH), ("weeks", HOURS_PER_WEEK),
    ("days", HOURS_PER_DAY), ("hours", 1.0), ("minutes", 1 / 60), ("seconds", 1 / 3600),
)  # fmt: skip
# A quotient this close to a whole number reads as one ("41.0 years" from 359,406 h).
_WHOLE_TOLERANCE = 0.01
# From this many of a unit on, fractions no longer matter to a reader ("12.5 years").
_MANY = 10


def _duration_text(hours: float) -> str:
    for word, factor in _DURATION_UNITS:
        count = hours / factor
        if count >= 1 and (count >= _MANY or abs(count - round(count)) <= _WHOLE_TOLERANCE * count):
            shown = round(count, 1) if count < _MANY else round(count)
            return f"{number_text(shown)} {word[:-1] if shown == 1 else word}"
    return f"{number_text(hours)} h"


def value_text(value: Mapping[str, Any]) -> str:
    """A normalised fact value with its unit, readable: "75 billion USD", "41 years" (not 359,406 h),
    "10 m" (not 0.01 km)."""
    unit = value.get("unit")
    if unit == "h" and value.get("kind", "duration") == "duration":
        try:
            return _duration_text(float(value.get("value") or 0))
        except ValueError:
            pass
    if unit == "km":
        try:
            metres = float(value.get("value") or 0) * 1000
        except ValueError:
            metres = None
        if metres is not None and 0 < metres < 1000:  # "a 10-metre dhow" is 10 m, not 0.01 km
            return f"{number_text(str(metres))} m"
    shown = number_text(value.get("value"))
    return f"{shown} {unit}" if unit else shown
