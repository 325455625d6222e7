"""Compare the values of one fact across sources: agreement, conflict, and look-alikes that are not conflicts.

Values compare only when they fill the same slot (``ClaimValue.slot``: "imposed" in 2013 and "the 2011
disaster" fill different slots). Amounts compare after unit normalisation with the tolerances of
``analysis.quantities`` (hedged amounts get the looser one); dates compare as intervals (2013 and
"July 2013" agree); places agree when one contains the other (Nara is in Japan).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from newsweave.analysis.bearings import angle_between
from newsweave.analysis.numbers import NUMBER_RE, number_value, scale_factor
from newsweave.analysis.quantities import APPROX_REL_TOL, DEFAULT_REL_TOL
from newsweave.analysis.units import unit_system
from newsweave.brief.same_quantity import (
    breakdowns,
    counts_other_things,
    is_part,
    is_potential,
    local_scope,
    names_what_it_measures,
    other_scope,
)
from newsweave.data import Claim, ClaimValue

# Amounts compared at the precision written, not within a relative tolerance: shares of something
# (percent, percentage points) and ages (60 and 61 are 1.6% apart, and two different ages).
EXACT_KINDS = frozenset({"percent", "pp", "age"})
# Measures that reports convert between units and round ("10 km (six miles)"): two of them agree when
# they meet within the precision each is written at (``written_precision``). Not counts: 24 dead and
# 25 dead are two tolls.
MEASURED_KINDS = frozenset({"distance", "mass", "volume", "area", "speed", "temperature", "duration"})
# A written amount is within this share of its last digit's step from the true one: a little under half,
# so two different numbers in one unit ("600 m", "700 m"; "six", "seven") never meet.
ROUNDING_SHARE = 0.45
# Counted harms whose numbers are told apart in notes ("killed 4" vs "injured 12").
HARM_SLOTS = frozenset({"death", "injury", "missing", "evacuation", "arrest"})
# Place kinds broad enough to contain a city: a city in that country agrees with them.
BROAD_PLACES = frozenset({"country", "continent", "region", "state"})
# Values that are no amounts: not ranged, hedged or set apart by a percentage.
NOT_AMOUNTS = frozenset({"date", "place", "bearing"})
# Bearings from one place this close agree: one report's "south" is another's "southwest" when the
# truth lies between (an eight-point compass rounds by up to 22.5 degrees each way).
BEARING_TOLERANCE = 45.0


@dataclass(frozen=True, slots=True)
class Reading:
    """One value as one article states it, with the claim it comes from."""

    value: ClaimValue
    claim: Claim

    @property
    def article_id(self) -> str:
        """The article that states the value."""
        return self.claim.article_id


@dataclass(frozen=True, slots=True)
class Conflict:
    """Different values for one slot of one fact, from different sources."""

    kind: str
    slot: str
    slot_text: str
    readings: tuple[Reading, ...]
    soft: bool = False
    """Some figure is a bound ("at least six" vs "seven") or a round figure near an exact one ("12,000" vs
    "12,500"): a real conflict, but a soft one."""
    past: str = ""
    """For values of a past event, the time their sentences name ("September"); empty for today's."""


@dataclass(frozen=True, slots=True)
class LookAlike:
    """Values of one kind attached to different things within a fact: said so, not flagged."""

    first: Reading
    second: Reading


def same_value(a: ClaimValue, b: ClaimValue) -> bool:
    """True when two values of one kind state the same thing after normalisation."""
    if a.kind != b.kind:
        return False
    if a.kind == "date":
        a_begin, a_end = _interval(a.value)
        b_begin, b_end = _interval(b.value)
        return a_begin <= b_end and b_begin <= a_end
    if a.kind == "place":
        return _same_place(a, b)
    if a.kind == "bearing":
        return angle_between(float(a.value), float(b.value)) <= BEARING_TOLERANCE
    if a.unit != b.unit:
        return False
    x, y = float(a.value), float(b.value)
    hedged = a.approximate or b.approximate
    if a.kind in EXACT_KINDS:
        # Shares are rounded, not converted: 54% and 54.2% agree (54.2 rounds to 54), 53.8% and 54.2%
        # do not, although they are within 1% of each other.
        step = 10.0 ** -min(_decimals(a.value), _decimals(b.value))
        return abs(x - y) <= (step if hedged else step / 2) + 1e-9
    tolerance = APPROX_REL_TOL if hedged else DEFAULT_REL_TOL
    return abs(x - y) <= tolerance * max(abs(x), abs(y))


def _decimals(value: str) -> int:
    return len(value.partition(".")[2]) if "e" not in value else 0


def comparable(a: ClaimValue, b: ClaimValue) -> bool:
    """True when two values answer one question: same kind, same slot, and (for amounts) same unit."""
    if a.kind != b.kind or not a.slot or a.slot != b.slot:
        return False
    if a.kind == "place":
        # A broad place beside a city is a detail, not a rival answer.
        return a.unit not in BROAD_PLACES and b.unit not in BROAD_PLACES
    return a.kind in ("date", "bearing") or a.unit == b.unit


def _interval(value: str) -> tuple[str, str]:
    begin, _, end = value.partition("/")
    return begin, end or begin


def _same_place(a: ClaimValue, b: ClaimValue) -> bool:
    if a.value == b.value:
        return True
    country_a, _, _name_a = a.value.partition(":")
    country_b, _, _name_b = b.value.partition(":")
    broad = a.unit in BROAD_PLACES or b.unit in BROAD_PLACES
    return broad and bool(country_a) and country_a == country_b


# Words before an amount that make it a bound: "at least six" against "seven" is a soft conflict.
_AT_LEAST = re.compile(
    r"^(?:at least|more than|over|upwards of|in excess of|above|no fewer than|no less than|a minimum of|"
    r"some \d[\d,.]*\s*\+|\d[\d,.]*\s*\+|dozens?\b|scores of|hundreds|thousands|tens of)",
    re.IGNORECASE,
)
_AT_MOST = re.compile(
    r"^(?:less than|under|fewer than|below|up to|no more than|at most|a maximum of|as many as)\b",
    re.IGNORECASE,
)
_JUST_BELOW = re.compile(r"^(?:nearly|almost|just under|just below|just short of|close to)\b", re.IGNORECASE)

_RANGE = re.compile(r"^\D{0,12}?(\d[\d,]*(?:\.\d+)?)\s*(?:-\s*to|-|–|to)\s*(\d[\d,]*(?:\.\d+)?)\b")
# The first numeral written: "13" of "some 13 nautical miles".
_NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?")
# Values written with one numeral and units this close are one value with a loose unit word ("13
# miles" for 13 nautical miles, 15% apart), not two values.
SAME_NUMERAL_REL_TOL = 0.2

LinkScore = Callable[[Claim, Claim], float]
"""How strongly two claims state the same thing (``Aligner.score``), 0..1."""


def bounds(value: ClaimValue) -> tuple[float, float]:
    """The range an amount's wording allows: "5-10" the range, "nearly 100" just under 100, "about 7%"
    a hedged band around 7; a bare amount, or a bound ("at least 6"), the tolerance of
    ``analysis.quantities`` around it."""
    x = float(value.value)
    text = value.text.strip()
    span = _RANGE.match(text)
    if span is not None:  # "5-10", "24- to 30-foot": a range (or a win-loss record), not a point
        low, high = sorted(float(part.replace(",", "")) for part in span.groups())
        if low > 0:
            # ``x`` is one end, converted to the slot's unit; which end is not known: allow both.
            return x * low / high, x * high / low
        return min(low, x), max(high, x)
    if _JUST_BELOW.match(text):  # "nearly nine hours" is 8.5 or so, not anything up to nine
        return x * (1 - APPROX_REL_TOL), x * (1 + DEFAULT_REL_TOL)
    # "At least six" is read as six: against "seven" a real if soft conflict (``is_bound``), as an
    # analyst notes it, rather than anything from six up agreeing with it.
    tolerance = APPROX_REL_TOL if value.approximate else DEFAULT_REL_TOL
    if value.kind in MEASURED_KINDS:
        tolerance = max(tolerance, written_precision(text))
    return x - tolerance * abs(x), x + tolerance * abs(x)


def written_precision(text: str) -> float:
    """The share of an amount its last written digit leaves open: "six miles" +/- 7.5%, "10 km" 4.5%,
    "150 m" 0.3% (0 when no number is written). A measure converted from another unit is rounded
    there: "10 kilometers" and "six miles" (9.7 km) are one depth."""
    number = NUMBER_RE.search(text)
    value = number_value(number) if number is not None else None
    if number is None or not value:
        return 0.0
    digits = number.group("digits")
    step = 10.0 ** -_decimals(digits.replace(" ", "")) if digits else 1.0
    return ROUNDING_SHARE * step * scale_factor(number.group("scale")) / abs(value)


def _bounded(text: str) -> bool:
    return any(pattern.match(text) for pattern in (_AT_LEAST, _AT_MOST, _JUST_BELOW))


def is_bound(value: ClaimValue) -> bool:
    """True for an amount written as a bound ("at least six", "more than 800", "under 20")."""
    text = value.text.strip()
    return bool(_AT_LEAST.match(text) or _AT_MOST.match(text))


# Two measures written in units of different systems (metres and feet, kilometres and miles) agree this
# close: a reporter converting one rounds to a figure of the other system ("10-metre" / "30-foot", 9%
# apart; "55 kilometres" / "34 miles", 0.5%).
CONVERSION_REL_TOL = 0.1


def compatible(a: ClaimValue, b: ClaimValue) -> bool:
    """True when two values of one slot agree: equal within their hedges, or within a stated range."""
    if same_value(a, b):
        return True
    if a.kind in NOT_AMOUNTS or a.kind != b.kind or a.unit != b.unit:
        return False
    if a.kind in EXACT_KINDS and not any(_bounded(v.text.strip()) for v in (a, b)):
        return False  # shares compare at the precision written (``same_value``): 54.2% is not 53.8%
    low_a, high_a = bounds(a)
    low_b, high_b = bounds(b)
    if low_a <= high_b and low_b <= high_a:
        return True
    numeral_a, numeral_b = _NUMERAL.search(a.text), _NUMERAL.search(b.text)
    x, y = float(a.value), float(b.value)
    systems = {unit_system(a.text), unit_system(b.text)}
    if a.kind in MEASURED_KINDS and None not in systems and len(systems) == 2:
        # One figure is the other converted and rounded: "a 10-metre dhow" / "a 30-foot dhow" (9.1 m).
        return abs(x - y) <= CONVERSION_REL_TOL * max(abs(x), abs(y))
    return (
        numeral_a is not None
        and numeral_b is not None
        and numeral_a.group() == numeral_b.group()
        and abs(x - y) <= SAME_NUMERAL_REL_TOL * max(abs(x), abs(y))
    )


def slot_conflict(
    readings: Sequence[Reading],
    source_of: Mapping[str, str],
    *,
    link: LinkScore | None = None,
    threshold: float = 0.0,
    background: Callable[[Claim], bool] | None = None,
    one_event: Callable[[Reading, Reading], bool] | None = None,
) -> Conflict | None:
    """The conflict among values stated for one slot, if independent sources disagree.

    ``source_of`` maps an article id to its independent source (copies map to their original). Two
    sources disagree when none of one's values is compatible with any of the other's (hedges and
    ranges respected; a bound such as "at least 6" against 7 makes the conflict soft) and some pair
    of their claims states the same thing (``link`` score at ``threshold`` or more): a shared slot
    word alone ("catches" in one game and in a season) does not make two values rivals. Claims
    about the past (``background``: "a 2004 quake killed 168,000") are not compared with today's, nor
    are two values ``one_event`` says are about different events.
    The conflict holds the readings that disagree: those of a pair of rival values whose claims are
    linked, not every value a rival source gives for the slot.
    """
    # Dates too: the dates of past events recalled are no rivals of today's nor of each other ("On April
    # 6, an earthquake struck West Papua", "a quake also hit Aceh in May 2012", a 2004 tsunami).
    current = [r for r in readings if background is None or not background(r.claim)]
    local = breakdowns(current, source_of)
    current = [r for r in current if id(r) not in local]
    by_source: dict[str, list[Reading]] = {}
    for reading in current:
        by_source.setdefault(source_of.get(reading.article_id, reading.article_id), []).append(reading)
    if len(by_source) < 2:
        return None
    rivals: set[int] = set()  # ids of the readings in a linked pair of rival values
    for left, right in itertools.combinations(by_source.values(), 2):
        if any(compatible(x.value, y.value) for x in left for y in right):
            continue
        for x, y in itertools.product(left, right):
            if not (names_what_it_measures(x) and names_what_it_measures(y)):
                continue
            if any(is_part(r) or is_potential(r) for r in (x, y)) or other_scope(x.value, y.value):
                continue
            if counts_other_things(x, y) or local_scope(x) != local_scope(y):
                continue
            linked = link is None or link(x.claim, y.claim) >= threshold
            if linked and (one_event is None or one_event(x, y)):
                rivals |= {id(x), id(y)}
    if not rivals:
        return None
    kept = tuple(r for r in current if id(r) in rivals)
    first = kept[0].value
    soft = any(is_bound(r.value) for r in kept) or rounded_apart([r.value for r in kept])
    return Conflict(first.kind, first.slot, first.slot_text, kept, soft=soft)


def holder_groups(
    readings: Sequence[Reading], may_share: Callable[[Reading, Reading], bool]
) -> tuple[list[list[Reading]], set[int]]:
    """A slot's readings split by whose value they are, and the ids of the readings whose holder is
    known (set apart from some other reading).

    ``may_share`` says whether two readings may be one holder's (``brief.holders``). Readings it sets
    apart from some other reading ("Duncan Rait fell about 60 metres", "Robert Buckley fell about 600
    metres") form groups of mutually compatible holders; a reading that may be anyone's ("A British man
    ... falling around 2,000ft") joins the group one of whose values it agrees with, else every group.
    Without holders set apart, the slot is one group.
    """
    held = [r for r in readings if any(not may_share(r, other) for other in readings if other is not r)]
    if not held:
        return [list(readings)], set()
    groups: list[list[Reading]] = []
    for reading in held:
        fits = next((g for g in groups if all(may_share(reading, member) for member in g)), None)
        if fits is None:
            groups.append([reading])
        else:
            fits.append(reading)
    kept = {id(reading) for reading in held}
    for reading in readings:
        if id(reading) not in kept:
            agreeing = [g for g in groups if any(compatible(reading.value, member.value) for member in g)]
            for group in agreeing[:1] or groups:
                group.append(reading)
    order = {id(reading): index for index, reading in enumerate(readings)}
    return [sorted(group, key=lambda reading: order[id(reading)]) for group in groups], kept


# A figure written with this many trailing zeros or more is a round one ("12,000", "3 million").
ROUND_ZEROS = 3


def is_round(value: ClaimValue) -> bool:
    """True for a figure written round: "12,000" or "$3 billion", not "12,500" or "2,340"."""
    numeral = _NUMERAL.search(value.text)
    if numeral is None:
        return False
    digits = numeral.group().replace(",", "")
    if "." in digits:
        return False
    scaled = float(value.value) >= 1000 and float(digits) < 1000  # "3 million", "$1.5bn" read whole
    return scaled or (len(digits) > ROUND_ZEROS and digits.endswith("0" * ROUND_ZEROS))


def rounded_apart(values: Sequence[ClaimValue]) -> bool:
    """True when amounts differ only as a round figure differs from an exact one: a round value ("12,000
    employees") within the hedged tolerance of every other ("12,500"): a real conflict, but a soft one."""
    amounts = [v for v in values if v.kind not in NOT_AMOUNTS and v.kind != "age"]
    if len(amounts) < 2 or not any(is_round(v) for v in amounts):
        return False
    numbers = [float(v.value) for v in amounts]
    low, high = min(numbers), max(numbers)
    return low > 0 and (high - low) <= APPROX_REL_TOL * high


def look_alikes(
    first: Sequence[Reading], second: Sequence[Reading], source_of: Mapping[str, str]
) -> list[LookAlike]:
    """Values of one kind from different sources, for different slots, that differ: not a conflict.

    "imposed in 2013" and "the 2011 disaster" in two reports of one ban: both years, different things.
    """
    found: list[LookAlike] = []
    if not _look_alike_kind(first[0].value, second[0].value):
        return found
    for a in first:
        for b in second:
            if source_of.get(a.article_id, a.article_id) == source_of.get(b.article_id, b.article_id):
                continue
            if a.value.kind != b.value.kind or a.value.slot == b.value.slot:
                continue
            if a.value.unit != b.value.unit:
                continue  # "Sunday" and "2004", "November 2018" and "next year" are not taken for rivals
            if not same_value(a.value, b.value):
                found.append(LookAlike(a, b))
                return found
    return found


def _look_alike_kind(a: ClaimValue, b: ClaimValue) -> bool:
    # Years and dates of different things are what a reader takes for a contradiction ("2013" vs
    # "2011"); so are tolls of different harms ("killed 4" vs "injured 12"). Two unrelated lengths
    # ("150 nautical miles" off the coast, a "10-metre" boat) are not worth a note.
    if a.kind == "date" and b.kind == "date":
        return True
    return a.kind == b.kind == "count" and a.slot in HARM_SLOTS and b.slot in HARM_SLOTS
