"""Number grammar shared by quantities and times: digits, number words, scales, ordinals, years."""

from __future__ import annotations

import math
import re

SMALL_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
MULTIPLIERS: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}  # fmt: skip
# Scale suffixes written after digits ("€5m", "£3.4bn", "$2tn").
SCALE_SUFFIXES: dict[str, float] = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
# Whole phrases that are numbers without a digit or a counting word.
FIXED_PHRASES: dict[str, float] = {
    "half a dozen": 6, "a dozen": 12, "dozen": 12, "a hundred": 100, "a thousand": 1e3,
    "a million": 1e6, "a billion": 1e9, "a trillion": 1e12, "half a": 0.5, "a half": 0.5,
    "a quarter of a": 0.25, "a quarter": 0.25, "three quarters of a": 0.75, "three-quarters of a": 0.75,
}  # fmt: skip

ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100,
}  # fmt: skip


def _alternation(words: list[str]) -> str:
    """Regex alternation, longest first so that "seventeen" wins over "seven"."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_NUMBER_WORD = _alternation([*SMALL_NUMBERS, *MULTIPLIERS])
# Words a number stands before in a decimal written with a space after its point ("a 6. 1 magnitude
# quake", "£1. 7m"): text tokenised and joined again (ECB+, some wire feeds) spaces every dot. Only
# before one of these is "6. 1" one number: elsewhere the dot may end a sentence ("in 2019. 5 died").
_SPACED_DECIMAL_BEFORE = (
    r"(?=\s?-?\s?(?:magnitude|per\s?cent|percent|%|(?:m|bn|mn|tn)\b|million|billion|trillion"
    r"|km\b|kilomet|metre|meter|mile|feet|foot|ft\b|degrees?\b|(?:earth)?quake|tremor|temblor))"
)
# Digits: "3,000", "2.75", "183", and the tokenised "230, 000" and "6. 1" (above). Not glued to a
# preceding letter, digit, dot or comma, nor to a letter-hyphen ("COVID-19", "G-20"): those are
# identifiers, not amounts.
DIGITS_PATTERN = (
    r"(?<![\w.,])(?<![A-Za-z]-)"
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:, \d{3})+(?![\d,])|\d{1,3}\. \d{1,2}"
    + _SPACED_DECIMAL_BEFORE
    + r"|\d+(?:\.\d+)?)(?![\d,]\d)"
)
WORDS_PATTERN = (
    rf"\b(?:{_alternation(list(FIXED_PHRASES))}|{_NUMBER_WORD})"
    rf"(?:(?:[\s-]+|\s+and\s+)(?:{_NUMBER_WORD}))*\b"
)
# "2.6 million", and hyphenated as an adjective: "a $10-million deal", "$2.6-million".
SCALE_WORD_PATTERN = r"(?:\s+|\s?-\s?)(?:million|billion|trillion|thousand)\b"
# Abbreviated scales glued to the digits; "m" is handled by the caller (million or metres).
SCALE_SUFFIX_PATTERN = rf"(?:{_alternation(list(SCALE_SUFFIXES))})\b"

NUMBER_RE = re.compile(
    rf"(?P<digits>{DIGITS_PATTERN})(?P<scale>{SCALE_WORD_PATTERN}|{SCALE_SUFFIX_PATTERN})?"
    rf"|(?P<words>{WORDS_PATTERN})",
    re.IGNORECASE,
)
ORDINAL_RE = re.compile(
    rf"\b(?:(?P<word>{_alternation(list(ORDINAL_WORDS))})|(?P<digits>\d+)(?:st|nd|rd|th))\b", re.IGNORECASE
)

# Bare four-digit numbers in this range are read as years, not counts.
YEAR_MIN, YEAR_MAX = 1000, 2100
# Inside this range a bare four-digit number is a year without further cue; outside it, only after
# a cue word ("in 1066", "since 1850"), so "1500 people" stays a count.
COMMON_YEAR_MIN, COMMON_YEAR_MAX = 1900, 2099


def word_set(words: str) -> frozenset[str]:
    """A frozen set of the space-separated words (for word lists kept readable in the source)."""
    return frozenset(words.split())


YEAR_CUES = word_set(
    "in since by until till from of the year circa c. between and to before after during early late"
)
_YEAR_SHAPE_RE = re.compile(r"\d{4}")
_PREVIOUS_WORD_RE = re.compile(r"([A-Za-z.]+)\s+$")


def parse_number_words(text: str) -> float | None:
    """Value of an English number phrase ("two million", "twenty-five", "a dozen"); None if not one."""
    phrase = " ".join(text.lower().replace("-", " ").split())
    fixed = FIXED_PHRASES.get(phrase) or FIXED_PHRASES.get(text.lower())
    if fixed is not None:
        return float(fixed)
    for lead in sorted(FIXED_PHRASES, key=len, reverse=True):
        # "a hundred billion", "half a million": a fixed phrase scaled by the multipliers after it.
        rest = phrase[len(lead) :].split() if phrase.startswith(lead + " ") else None
        if rest and all(word in MULTIPLIERS for word in rest):
            return FIXED_PHRASES[lead] * math.prod(MULTIPLIERS[word] for word in rest)
    if phrase.split()[0] in MULTIPLIERS:
        return None  # "billion dollars" alone names no amount
    total = 0.0
    current = 0.0
    seen = False
    for word in phrase.split():
        if word == "and":
            continue
        if word in SMALL_NUMBERS:
            current += SMALL_NUMBERS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in MULTIPLIERS:
            total += max(current, 1) * MULTIPLIERS[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_digits(text: str) -> float:
    """Value of a digit string with thousands commas ("3,000" -> 3000.0), spaced ones included ("230, 000",
    "6. 1": see DIGITS_PATTERN)."""
    return float(re.sub(r"[,\s]", "", text))


def scale_factor(scale: str | None) -> float:
    """Multiplier for a scale word or suffix (" billion" -> 1e9, "bn" -> 1e9); 1 when absent."""
    if not scale:
        return 1.0
    key = scale.strip(" -").lower()
    return MULTIPLIERS.get(key) or SCALE_SUFFIXES.get(key) or 1.0


def number_value(match: re.Match[str]) -> float | None:
    """Value of a NUMBER_RE match, scale included."""
    if match.group("digits"):
        return parse_digits(match.group("digits")) * scale_factor(match.group("scale"))
    return parse_number_words(match.group("words"))


def ordinal_value(match: re.Match[str]) -> int:
    """Value of an ORDINAL_RE match ("second" -> 2, "21st" -> 21)."""
    word = match.group("word")
    return ORDINAL_WORDS[word.lower()] if word else int(match.group("digits"))


def looks_like_year(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a bare four-digit number that reads as a year ("in 1942", "2011")."""
    token = text[start:end]
    if not _YEAR_SHAPE_RE.fullmatch(token) or not YEAR_MIN <= int(token) <= YEAR_MAX:
        return False
    if COMMON_YEAR_MIN <= int(token) <= COMMON_YEAR_MAX:
        return True
    previous = _PREVIOUS_WORD_RE.search(text[max(0, start - 20) : start])
    return previous is not None and previous.group(1).lower() in YEAR_CUES
