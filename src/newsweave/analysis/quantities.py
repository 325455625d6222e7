"""Quantities in article text, normalised to value + unit + kind so that equal amounts compare equal.

"50 basis points" and "half a percentage point" are both 0.5 "pp"; "10-kilometre" and "10 km" are
10 "km"; "$75 billion" is 7.5e10 "USD"; "72-hour" is 72 "h". Approximation words ("about", "some",
"more than") are kept as a qualifier. Years, dates, times of day and phone numbers are not
quantities: years belong to times.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.analysis.dates import CALENDAR_DATE_RE
from newsweave.analysis.numbers import (
    NUMBER_RE,
    ORDINAL_RE,
    WORDS_PATTERN,
    looks_like_year,
    number_value,
    ordinal_value,
    parse_number_words,
    word_set,
)
from newsweave.analysis.units import (
    CLOCK_AFTER_RE,
    CLOCK_BEFORE_RE,
    CURRENCY_PREFIX_RE,
    CURRENCY_PREFIXES,
    FRACTION_POINT_RE,
    FRACTIONS,
    MAGNITUDE_PREFIX_RE,
    MEASURING_PREFIX_RE,
    METRE_BEFORE_RE,
    METRE_CONTEXT_RE,
    PAIRED_MAGNITUDE_RE,
    QUAKE_NOUN_RE,
    Kind,
    UnitRule,
    find_unit,
    normalise,
)

__all__ = ["Kind", "Quantity", "find_quantities", "normalise", "parse_quantity", "same_amount"]

# Relative tolerance for "the same amount": covers unit conversion and the rounding reporters do
# when converting ("about 6 miles" = 9.656 km vs "9.7 km" differ by 0.45%), while "3,000" vs
# "3,100" (3.2%) stay different.
DEFAULT_REL_TOL = 0.01
# When either side is hedged ("about", "some", "nearly"), a looser match: "about 6 miles" and
# "10 km" (3.4% apart) are one claim; "about 3,000" vs "some 3,600" (18%) are not.
APPROX_REL_TOL = 0.05
APPROXIMATE_QUALIFIERS = frozenset(
    ["about", "around", "roughly", "approximately", "some", "nearly", "almost", "estimated", "close to",
     "just over", "just under"]
)

_QUALIFIER_RE = re.compile(
    r"\b(?P<q>about|around|roughly|approximately|approx\.|some|nearly|almost|more\s+than|over|"
    r"at\s+least|up\s+to|less\s+than|fewer\s+than|under|close\s+to|as\s+many\s+as|as\s+much\s+as|"
    r"at\s+most|just\s+over|just\s+under|an\s+estimated|estimated|upwards\s+of|no\s+fewer\s+than|"
    r"no\s+more\s+than|exactly|only|below|above)\s+$",
    re.IGNORECASE,
)
_SCORE_BEFORE_RE = re.compile(r"\d-$")
_SCORE_AFTER_RE = re.compile(r"-\d")
_RANGE_RE = re.compile(r"\s*(?:-|–|to)\s*")
_BETWEEN_RE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_AND_RE = re.compile(r"\s+and\s+")
# Text that looks numeric but is not an amount: times of day, phone numbers, decades. Times of day as
# tokenised copy spaces them too ("10: 30 a. m.", ECB+): "around 10 a. m." is no count of 10.
_NOT_AMOUNT_RE = re.compile(
    r"\b\d{1,2}:\s?\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?"
    r"|\b\d{1,2}\s*(?:a\.\s?m\.|p\.\s?m\.|am\b|pm\b)"
    r"|\b\d{4}\s*(?:GMT|UTC|ET|EST|BST|CET|JST|KST|local\s+time)\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\b\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}\b"
    r"|'?\b\d{2,4}s\b"
    r"|\b(?:\d+\s+)?\d+/\d+\b"  # fractions and scores written with a slash ("3 1/2-inch", "24/7")
)
# Words after a number that say nothing about what was counted.
_STOP_WORDS = word_set(
    "of the a an and or in on at to for with from by per that which who whom were was are is be been "
    "have has had will would said says as than more less each his her its their our your my this these "
    "those when where while whose"
)
# "one" is a count only when a noun follows; these followers make it a pronoun or idiom.
_ONE_IDIOMS = word_set("of another day time way hand side")
# Plural nouns that do not end in "s".
_IRREGULAR_PLURALS = word_set("people children men women police staff personnel cattle")
_WORD_RE = re.compile(r"\s*([A-Za-z][\w'’-]*)")
# A number-led modifier between an ordinal and its noun: "the first 7.6-magnitude quake".
_NUMBER_MODIFIER_RE = re.compile(r"\s+\d[\d.,]*-[A-Za-z]+")
_CAPITALISED_WORD_BEFORE_RE = re.compile(r"\b([A-Z][\w]*)\s$")
_CAPITALISED_OK = word_set(
    "in on at by the a an and but or of for to about some nearly almost around over only just "
    "roughly approximately more less up at fewer as with from since after before under"
)
# How many words after a count may name what was counted ("13 fully loaded magazines").
_MAX_WHAT_WORDS = 4
_AMOUNT_KINDS = frozenset({"percent", "rate_change", "distance", "magnitude"})
# A person's age, in the ways news writes it: "60-year-old" (tokenised copy: "32 - year - old"), "32
# years old", "aged 60", "age 61", "ages 47 and 48", and the appositive "Sharron Smith, 61, of ...".
_AGE_WORD_RE = re.compile(
    rf"\b(?P<n>\d{{1,3}}|{WORDS_PATTERN})(?:\s*-\s*years?\s*-\s*|\s+years?\s+)old\b", re.IGNORECASE
)
_AGE_AFTER_RE = re.compile(
    r"\b(?:aged|ages?)\s+(?P<n>\d{1,3})(?P<more>(?:\s*(?:,|and|&)\s*\d{1,3}\b)*)", re.IGNORECASE
)
_AGE_APPOSITIVE_RE = re.compile(r"\b[A-Z][\w'’.-]*\s?,\s(?P<n>\d{1,3})(?=\s?,|\s?\)|\s+of\s)")
_DIGITS_RE = re.compile(r"\d{1,3}")
# Older than this is not a person's age ("Smith, 300, of ..." is no age).
MAX_AGE = 120


@dataclass(slots=True)
class Quantity:
    """An amount in the text: offsets into it, the normalised value and unit, and its hedging.

    For a range ("3,000 to 4,000") `low`/`high` hold the ends and `value` their midpoint.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    kind: Kind
    qualifier: str | None = None
    low: float | None = None
    high: float | None = None
    what: str | None = None


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    """Hedge word right before `start` ("about", "more than"), normalised, and where it begins."""
    match = _QUALIFIER_RE.search(text[max(0, start - 30) : start])
    if not match:
        return None, start
    word = " ".join(match.group("q").lower().split())
    word = {"approx.": "approximately", "an estimated": "estimated"}.get(word, word)
    return word, start - (len(text[max(0, start - 30) : start]) - match.start())


def _what(text: str, pos: int) -> str | None:
    """The counted noun after a count: "183 individuals" -> "individuals", "eight Japanese prefectures"."""
    words: list[str] = []
    while len(words) < _MAX_WHAT_WORDS:
        match = _WORD_RE.match(text, pos)
        if not match or match.group(1).lower() in _STOP_WORDS:
            break
        words.append(match.group(1))
        pos = match.end()
    common = [word for word in words if not word[0].isupper()]
    if not common:
        return None
    for word in common[:_MAX_WHAT_WORDS - 1]:
        if word.lower() in _IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith("ss")):
            return word
    return common[0]


def _is_identifier(text: str, start: int) -> bool:
    """A number right after a capitalised word is a name or model ("Boeing 737", "Article 9")."""
    match = _CAPITALISED_WORD_BEFORE_RE.search(text[max(0, start - 30) : start])
    return match is not None and match.group(1).lower() not in _CAPITALISED_OK


def _masked(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < mask_end and mask_start < end for mask_start, mask_end in spans)


def _range_end(text: str, number: re.Match[str], lead_start: int) -> tuple[float, int] | None:
    """Second number of a range after `number` ("3,000 to 4,000", "between 10 and 15")."""
    joiner = _AND_RE if _BETWEEN_RE.search(text[max(0, lead_start - 10) : lead_start]) else _RANGE_RE
    link = joiner.match(text, number.end())
    if not link:
        return None
    second = NUMBER_RE.match(text, link.end())
    if not second or looks_like_year(text, second.start(), second.end()):
        return None
    value, first = number_value(second), number_value(number)
    # A range rises; "52-3" or "14-13-2" is a score or a record.
    if value is None or first is None or value <= first or _SCORE_AFTER_RE.match(text, second.end()):
        return None
    return value, second.end()


def _unit_at(text: str, number: re.Match[str], pos: int) -> tuple[UnitRule | None, int, float]:
    """Unit after the number (with end and a factor undoing a misread "m" scale), if any."""
    scale = (number.group("scale") or "").strip().lower() if number.group("digits") else ""
    before = max(0, number.start() - 40), number.start()
    if scale == "m" and (METRE_CONTEXT_RE.match(text, pos) or METRE_BEFORE_RE.search(text, *before)):
        # "5m deep" is metres, not five million.
        return UnitRule("distance", "km", 0.001, "m"), pos, 1e-6
    found = find_unit(text, pos)
    return (found[0], found[1], 1.0) if found else (None, pos, 1.0)


def _build(text: str, span: tuple[int, int], value: float, unit: str, kind: Kind,
           bounds: tuple[float, float] | None = None, what: str | None = None) -> Quantity:
    qualifier, start = _qualifier(text, span[0])
    low, high = bounds if bounds else (None, None)
    return Quantity(start, span[1], text[start : span[1]], value, unit, kind, qualifier, low, high, what)


def _from_number(text: str, number: re.Match[str]) -> Quantity | None:
    """Read one number match with what surrounds it; None when it is not an amount."""
    value = number_value(number)
    start, pos = number.start(), number.end()
    # Inside a chain of hyphenated digits ("45-7-2", "14-13-2"): a score or code, not an amount.
    if value is None or _SCORE_BEFORE_RE.search(text, max(0, start - 2), start):
        return None
    second = _range_end(text, number, start)
    bounds = (min(value, second[0]), max(value, second[0])) if second else None
    if second:
        pos = second[1]
    rule, end, fix = _unit_at(text, number, pos)
    currency = CURRENCY_PREFIX_RE.search(text[max(0, start - 6) : start])
    bare = not currency and not number.group("scale")
    # A year with a unit is an amount only for units a year never precedes as a word ("in 2013 won").
    year_unit_ok = rule is not None and rule.kind in _AMOUNT_KINDS
    if bare and looks_like_year(text, start, number.end()) and not year_unit_ok:
        return None
    point = (bounds[0] + bounds[1]) / 2 if bounds else value
    if currency and (rule is None or rule.kind == "money"):
        code = CURRENCY_PREFIXES[currency.group(0).strip()]
        lead = start - len(currency.group(0))
        return _build(text, (lead, end if rule else pos), point, code, "money", bounds)
    if rule is not None:
        factor = rule.factor * fix
        scaled = (bounds[0] * factor, bounds[1] * factor) if bounds else None
        return _build(text, (start, end), point * factor, rule.unit, rule.kind, scaled)
    return _special(text, number, point, pos, bounds)


def _special(text: str, number: re.Match[str], value: float, pos: int,
             bounds: tuple[float, float] | None) -> Quantity | None:
    """Magnitudes written around the number, else a plain count."""
    start = number.start()
    is_decimal = "." in (number.group("digits") or "")
    magnitude = MAGNITUDE_PREFIX_RE.search(text[max(0, start - 12) : start])
    if magnitude:
        return _build(text, (start - len(magnitude.group(0)), pos), value, "magnitude", "magnitude")
    measuring = MEASURING_PREFIX_RE.search(text[max(0, start - 60) : start])
    if is_decimal and (QUAKE_NOUN_RE.match(text, pos) or PAIRED_MAGNITUDE_RE.match(text, pos) or measuring):
        return _build(text, (start, pos), value, "magnitude", "magnitude")
    following = text[pos : pos + 1]
    if following.isalnum() or (following == "-" and text[pos + 1 : pos + 2].isalnum()):
        return None  # "1990s", "3D", "5-year-old", "one-off", "52-3": not a count
    clock = CLOCK_AFTER_RE.match(text, pos) or CLOCK_BEFORE_RE.search(text[max(0, start - 3) : start])
    if clock or (is_decimal and not number.group("scale")):
        return None  # "7: 48 am" is a time; "7.6" or "5.0" of something with no unit is no count of it
    if value < 1 or _is_identifier(text, start):
        return None
    what = _what(text, pos)
    if number.group("words") and number.group("words").lower() == "one":
        next_word = _WORD_RE.match(text, pos)
        if not next_word or next_word.group(1).lower() in _STOP_WORDS | _ONE_IDIOMS:
            return None
    return _build(text, (start, pos), value, "", "count", bounds, what)


def _fraction_points(text: str) -> list[Quantity]:
    """Rate changes without digits: "half a percentage point", "a percentage point", "quarter-point"."""
    found = []
    for match in FRACTION_POINT_RE.finditer(text):
        fraction = match.group("frac") or match.group("frac2")
        key = " ".join(fraction.lower().replace("-", " ").split()) if fraction else None
        value = FRACTIONS[key] if key else 1.0
        found.append(_build(text, match.span(), value, "pp", "rate_change"))
    return found


def _ordinals(text: str, masks: list[tuple[int, int]]) -> list[Quantity]:
    """Ordinals that qualify a noun: "second meeting" -> 2, "the first 7.6-magnitude quake" -> 1; "at
    first," is no ordinal."""
    found = []
    for match in ORDINAL_RE.finditer(text):
        modifier = _NUMBER_MODIFIER_RE.match(text, match.end())
        noun = _WORD_RE.match(text, modifier.end() if modifier else match.end())
        if _masked(masks, *match.span()) or not noun or noun.group(1).lower() in _STOP_WORDS:
            continue
        found.append(Quantity(match.start(), match.end(), match.group(0), float(ordinal_value(match)), "",
                              "ordinal", what=noun.group(1)))
    return found


# A toll of none: "there were no casualties", "no immediate injuries", "no deaths were reported". Against
# another report's "12 killed" it is a rival answer, not a missing one.
_NONE_RE = re.compile(
    r"\bno\s+(?:(?:immediate|reported|known|serious|further)\s+)?"
    r"(?P<what>casualties|deaths|fatalities|injuries|dead|victims)\b",
    re.IGNORECASE,
)


def _nones(text: str) -> list[Quantity]:
    """Tolls of none ("no casualties"): counts of 0, with the word for what was counted as ``what``."""
    return [Quantity(match.start(), match.end(), match.group(0), 0.0, "", "count", what=match.group("what"))
            for match in _NONE_RE.finditer(text)]  # fmt: skip


def _ages(text: str) -> list[Quantity]:
    """People's ages (``_AGE_*_RE``), in years; each age is kind "age" so it is never read as a count."""
    found = []
    for match in _AGE_WORD_RE.finditer(text):
        number = match.group("n")
        value = float(number) if number.isdigit() else parse_number_words(number)
        if value is not None:
            found.append(_build(text, match.span(), value, "years", "age"))
    for match in _AGE_AFTER_RE.finditer(text):
        found.append(_build(text, (match.start(), match.end("n")), float(match.group("n")), "years", "age"))
        offset = match.start("more")
        for more in _DIGITS_RE.finditer(match.group("more")):
            span = (offset + more.start(), offset + more.end())
            found.append(_build(text, span, float(more.group()), "years", "age"))
    for match in _AGE_APPOSITIVE_RE.finditer(text):
        found.append(_build(text, match.span("n"), float(match.group("n")), "years", "age"))
    return [quantity for quantity in found if 0 < quantity.value <= MAX_AGE]


def find_quantities(text: str) -> list[Quantity]:
    """All quantities in `text`, in order, with offsets into it; overlapping readings keep the longest."""
    masks = [match.span() for match in CALENDAR_DATE_RE.finditer(text)]
    masks += [match.span() for match in _NOT_AMOUNT_RE.finditer(text)]
    ages = _ages(text)
    # An age is read whole: its number is no count, and "32 years" in "32 years old" no duration.
    masks += [(age.start, age.end) for age in ages]
    candidates = _fraction_points(text) + _ordinals(text, masks) + ages + _nones(text)
    for number in NUMBER_RE.finditer(text):
        if _masked(masks, *number.span()):
            continue
        quantity = _from_number(text, number)
        if quantity is not None:
            candidates.append(quantity)
    kept: list[Quantity] = []
    for quantity in sorted(candidates, key=lambda q: (-(q.end - q.start), q.start)):
        if not any(quantity.start < other.end and other.start < quantity.end for other in kept):
            kept.append(quantity)
    return _compound_durations(text, sorted(kept, key=lambda q: q.start))


# Between the parts of one duration: "4 minutes 48 seconds", "12 minutes, 31 seconds", "2 hours and 30
# minutes".
_DURATION_JOIN_RE = re.compile(r"\s*,?\s*(?:and\s+)?")


def _compound_durations(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """A duration told in two units is one amount: "4 minutes 48 seconds" is 4.8 minutes, not 4 minutes
    and 48 seconds (which met "48 seconds left" of another play as the same value)."""
    merged: list[Quantity] = []
    for quantity in quantities:
        last = merged[-1] if merged else None
        if (
            last is not None and last.kind == quantity.kind == "duration" and last.unit == quantity.unit
            and last.low is None and quantity.low is None and quantity.qualifier is None
            and quantity.value < last.value and _unit_word(last.text) != _unit_word(quantity.text)
            and _DURATION_JOIN_RE.fullmatch(text, last.end, quantity.start)
        ):
            merged[-1] = Quantity(last.start, quantity.end, text[last.start : quantity.end],
                                  last.value + quantity.value, last.unit, "duration", last.qualifier)
            continue
        merged.append(quantity)
    return merged


def _unit_word(text: str) -> str:
    # "10 minutes and 5 minutes later" are two durations: a compound names a smaller unit second.
    words = re.findall(r"[A-Za-z]+", text)
    return words[-1].lower().rstrip("s") if words else ""


def parse_quantity(text: str) -> Quantity | None:
    """The first quantity in a short phrase ("about 6 miles"), or None."""
    found = find_quantities(text)
    return found[0] if found else None


def _bounds(quantity: Quantity) -> tuple[float, float]:
    if quantity.low is not None and quantity.high is not None:
        return quantity.low, quantity.high
    return quantity.value, quantity.value


def same_amount(a: Quantity, b: Quantity, rel_tol: float = DEFAULT_REL_TOL,
                approx_rel_tol: float = APPROX_REL_TOL) -> bool:
    """True when two quantities state the same amount: same kind and unit, values within tolerance.

    Hedged amounts ("about", "some") use the looser `approx_rel_tol`; ranges match when they overlap.
    """
    if a.kind != b.kind or a.unit != b.unit:
        return False
    hedged = a.qualifier in APPROXIMATE_QUALIFIERS or b.qualifier in APPROXIMATE_QUALIFIERS
    tolerance = approx_rel_tol if hedged else rel_tol
    (a_low, a_high), (b_low, b_high) = _bounds(a), _bounds(b)
    if a_low <= b_high and b_low <= a_high:
        return True
    gap = b_low - a_high if a_high < b_low else a_low - b_high
    return gap <= tolerance * max(abs(a_low), abs(a_high), abs(b_low), abs(b_high))
