"""Unit tables for quantities: what follows or precedes a number, and how it normalises."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from newsweave.analysis.numbers import NUMBER_RE

Kind = Literal[
    "count", "money", "percent", "rate_change", "distance", "magnitude", "duration", "ordinal",
    "group_size", "year", "age",
]  # fmt: skip

KM_PER_MILE = 1.609344
KM_PER_NAUTICAL_MILE = 1.852
KM_PER_FOOT = 0.0003048
KM_PER_YARD = 0.0009144
KM_PER_INCH = 0.0000254
HOURS_PER_DAY = 24.0
HOURS_PER_WEEK = 7 * HOURS_PER_DAY
HOURS_PER_YEAR = 365.25 * HOURS_PER_DAY  # Julian year: a year-long duration, not a calendar year
HOURS_PER_MONTH = HOURS_PER_YEAR / 12
PP_PER_BASIS_POINT = 0.01


@dataclass(frozen=True, slots=True)
class UnitRule:
    """A unit as written (regex, matched right after the number) and its normalised form."""

    kind: Kind
    unit: str
    factor: float
    pattern: str


# Separators between a number and its unit: "10 km", "10km", "10-kilometre".
_SEP = r"(?:\s*-\s*|\s*)"
_SPACE = r"(?:\s*-\s*|\s+)"
# Order matters where one unit is a prefix of another ("nautical miles" before "miles").
UNIT_RULES: tuple[UnitRule, ...] = (
    UnitRule("rate_change", "pp", 1.0, rf"{_SPACE}percentage{_SPACE}points?"),
    UnitRule("rate_change", "pp", PP_PER_BASIS_POINT, rf"{_SPACE}basis{_SPACE}points?|{_SEP}bps?"),
    UnitRule("percent", "%", 1.0, r"\s*%|\s*per\s?cent|\s*percent|\s*pct|pc"),
    UnitRule("money", "USD", 1.0, r"\s+(?:US\s+|U\.S\.\s+)?dollars?|\s+USD"),
    UnitRule("money", "EUR", 1.0, r"\s+euros?|\s+EUR"),
    UnitRule("money", "GBP", 1.0, r"\s+pounds?(?:\s+sterling)?|\s+GBP"),
    UnitRule("money", "JPY", 1.0, r"\s+yen|\s+JPY"),
    UnitRule("money", "KRW", 1.0, r"\s+won|\s+KRW"),
    UnitRule("money", "CNY", 1.0, r"\s+(?:yuan|renminbi)|\s+CNY|\s+RMB"),
    UnitRule("money", "INR", 1.0, r"\s+rupees?|\s+INR"),
    UnitRule("money", "RUB", 1.0, r"\s+(?:roubles?|rubles?)|\s+RUB"),
    UnitRule("distance", "km", KM_PER_NAUTICAL_MILE, rf"{_SPACE}nautical{_SPACE}miles?"),
    UnitRule("distance", "km", 1.0, rf"{_SEP}(?:kilomet(?:re|er)s?|kms?)"),
    UnitRule("distance", "km", KM_PER_MILE, rf"{_SPACE}miles?"),
    UnitRule("distance", "km", 0.001, rf"{_SEP}met(?:re|er)s?"),
    UnitRule("distance", "km", KM_PER_FOOT, rf"{_SPACE}(?:feet|foot)|{_SEP}ft"),
    UnitRule("distance", "km", KM_PER_YARD, rf"{_SPACE}yards?"),
    UnitRule("distance", "km", KM_PER_INCH, rf"{_SPACE}inch(?:es)?"),
    UnitRule("magnitude", "magnitude", 1.0, rf"{_SPACE}magnitude|\s+on\s+the\s+Richter\s+scale"),
    # "-year-old" is an age, not a duration: the lookahead keeps it out.
    UnitRule("duration", "h", 1 / 3600, rf"{_SPACE}(?:seconds?|secs?)(?![\s-]old)"),
    UnitRule("duration", "h", 1 / 60, rf"{_SPACE}(?:minutes?|mins?)(?![\s-]old)"),
    UnitRule("duration", "h", 1.0, rf"{_SPACE}(?:hours?|hrs?)(?![\s-]old)"),
    UnitRule("duration", "h", HOURS_PER_DAY, rf"{_SPACE}days?(?![\s-]old)"),
    UnitRule("duration", "h", HOURS_PER_WEEK, rf"{_SPACE}weeks?(?![\s-]old)"),
    UnitRule("duration", "h", 2 * HOURS_PER_WEEK, rf"{_SPACE}fortnights?"),
    UnitRule("duration", "h", HOURS_PER_MONTH, rf"{_SPACE}months?(?![\s-]old)"),
    UnitRule("duration", "h", HOURS_PER_YEAR, rf"{_SPACE}years?(?![\s-]old)"),
    UnitRule("duration", "h", 10 * HOURS_PER_YEAR, rf"{_SPACE}decades?(?![\s-]old)"),
    UnitRule("duration", "h", 100 * HOURS_PER_YEAR, rf"{_SPACE}(?:century|centuries)"),
    # Group sizes are only the hyphenated adjective ("12-member bloc"); "12 members" is a count.
    UnitRule("group_size", "members", 1.0, r"-(?:member|strong)"),
    UnitRule("group_size", "nations", 1.0, r"-nation"),
    UnitRule("group_size", "countries", 1.0, r"-country"),
    UnitRule("group_size", "states", 1.0, r"-state"),
    UnitRule("group_size", "parties", 1.0, r"-party"),
    UnitRule("group_size", "seats", 1.0, r"-seat"),
)
# One compiled regex per rule, anchored where the number ends; units end on a word boundary
# except the percent sign.
UNIT_RES: tuple[tuple[UnitRule, re.Pattern[str]], ...] = tuple(
    (rule, re.compile(rf"(?:{rule.pattern})(?:\b|(?<=%))", re.IGNORECASE)) for rule in UNIT_RULES
)

# Currency written before the number: "$75 billion", "€5m", "US$3", "KRW 1.2 trillion".
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "$": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "NZ$": "NZD",
    "S$": "SGD", "R$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₹": "INR",
    "USD": "USD", "EUR": "EUR", "GBP": "GBP", "JPY": "JPY", "KRW": "KRW", "CNY": "CNY", "INR": "INR",
}  # fmt: skip
CURRENCY_PREFIX_RE = re.compile(
    "(?:"
    + "|".join(re.escape(prefix) for prefix in sorted(CURRENCY_PREFIXES, key=len, reverse=True))
    + r")\s?$"
)
MAGNITUDE_PREFIX_RE = re.compile(r"\bmagnitude[\s-]+$", re.IGNORECASE)
# "two quakes, measuring 7.6 and 7.4": a decimal without a unit that measures a quake is a magnitude.
MEASURING_PREFIX_RE = re.compile(
    r"\b(?:earthquake|quake|tremor|temblor|aftershock)s?,?\s+(?:\w+\s+){0,2}measuring\s+"
    r"(?:\d+\.\d+\s+(?:and|or|to)\s+)?$",
    re.IGNORECASE,
)
# "a 7.0 quake": a decimal number before a quake word is a magnitude.
QUAKE_NOUN_RE = re.compile(r"\s+(?:earthquake|quake|tremor|temblor|aftershock)s?\b", re.IGNORECASE)
# "7.6 and 7.5 magnitude quakes", "7.6 and 7.4-magnitude": the first of two magnitudes written as a pair.
PAIRED_MAGNITUDE_RE = re.compile(
    r"\s+(?:and|or|to)\s+\d+\.\d+(?:[\s-]+magnitude|\s+(?:earthquake|quake|tremor|temblor|aftershock)s?)\b",
    re.IGNORECASE,
)
# "7:48 am", "7: 48 a.m.": a clock time (the tokenizer of some corpora spaces the colon), not a count.
CLOCK_AFTER_RE = re.compile(r":\s?\d\d\b")
CLOCK_BEFORE_RE = re.compile(r"\d:\s?$")
# "5m deep": an "m" glued to digits means metres before these words, otherwise million.
METRE_CONTEXT_RE = re.compile(
    r"\s+(?:deep|high|tall|long|wide|below|above|underground|away|depth)\b", re.IGNORECASE
)
# "fell about 600m", "within 80m of": after these words an "m" glued to digits is metres too.
METRE_BEFORE_RE = re.compile(
    r"\b(?:fell|falls?|falling|plunged?|plunging|tumbled?|tumbling|slid|slipped|climbed|climbing|within|"
    r"altitude of|elevation of|height of|depth of)\s+(?:about\s+|some\s+|around\s+|nearly\s+|almost\s+|"
    r"more\s+than\s+|over\s+|roughly\s+)?$",
    re.IGNORECASE,
)
# Amounts of a rate change without a digit: "half a percentage point", "a quarter-point cut".
FRACTION_POINT_RE = re.compile(
    r"\b(?:(?P<frac>half|a\s+half|quarter|three[\s-]quarters)(?:\s+of)?(?:\s+an?)?[\s-]+)?"
    r"(?:an?\s+)?(?P<pp>percentage[\s-]+point)\b"
    r"|\b(?:an?\s+)?(?P<frac2>half|quarter)[\s-]point\b",
    re.IGNORECASE,
)
FRACTIONS: dict[str, float] = {"half": 0.5, "a half": 0.5, "quarter": 0.25, "three quarters": 0.75}


def find_unit(text: str, pos: int) -> tuple[UnitRule, int] | None:
    """The unit written at text[pos:], with where it ends; None when no known unit follows."""
    for rule, unit_re in UNIT_RES:
        match = unit_re.match(text, pos)
        if match:
            return rule, match.end()
    return None


def normalise(value: float, unit_text: str) -> tuple[float, str, Kind]:
    """Normalise an amount and a unit as written: (6, "miles") -> (9.656064, "km", "distance").

    Raises ValueError for a unit it does not know.
    """
    written = unit_text.strip()
    prefix = CURRENCY_PREFIXES.get(written)
    if prefix:
        return value, prefix, "money"
    for rule, unit_re in UNIT_RES:
        for candidate in (" " + written, written):
            match = unit_re.match(candidate)
            if match and match.end() == len(candidate):
                return value * rule.factor, rule.unit, rule.kind
    raise ValueError(f"unknown unit: {unit_text!r}")


# The system of each distance unit: two figures written in units of different systems are often one
# figure converted and rounded ("a 10-metre dhow" / "a 30-foot dhow"). Nautical miles belong to neither.
_SYSTEM_OF_FACTOR = {
    1.0: "metric", 0.001: "metric",
    KM_PER_MILE: "imperial", KM_PER_FOOT: "imperial", KM_PER_YARD: "imperial", KM_PER_INCH: "imperial",
}  # fmt: skip


def unit_system(text: str) -> str | None:
    """ "metric" or "imperial" for a distance as written ("10-metre", "six miles", "2,000ft"), else None."""
    number = NUMBER_RE.search(text)
    if number is None:
        return None
    for rule, pattern in UNIT_RES:
        if rule.kind == "distance" and pattern.match(text, number.end()):
            return _SYSTEM_OF_FACTOR.get(rule.factor)
    return None
