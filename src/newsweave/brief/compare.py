"""Compare the values of one fact across sources: agreement, conflict, and look-alikes that are not conflicts.

Values compare only when they fill the same slot (``ClaimValue.slot``: "imposed" in 2013 and "the 2011
disaster" fill different slots). Amounts compare after unit normalisation with the tolerances of
``analysis.quantities`` (hedged amounts get the looser one); dates compare as intervals (2013 and
"July 2013" agree); places agree when one contains the other (Nara is in Japan).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsweave.analysis.quantities import APPROX_REL_TOL, DEFAULT_REL_TOL
from newsweave.data import Claim, ClaimValue

# Amounts that are shares of something (percent, percentage points): compared at the precision written.
SHARE_KINDS = frozenset({"percent", "pp"})
# Outlets named per value in a discrepancy's explanation before "and N more".
NAMED_OUTLETS = 3
# Counted harms whose numbers are told apart in notes ("killed 4" vs "injured 12").
HARM_SLOTS = frozenset({"death", "injury", "missing", "evacuation", "arrest"})
# Place kinds broad enough to contain a city: a city in that country agrees with them.
BROAD_PLACES = frozenset({"country", "continent", "region", "state"})


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
    if a.unit != b.unit:
        return False
    x, y = float(a.value), float(b.value)
    hedged = a.approximate or b.approximate
    if a.kind in SHARE_KINDS:
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
    return a.kind == "date" or a.unit == b.unit


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


def slot_conflict(readings: Sequence[Reading], source_of: Mapping[str, str]) -> Conflict | None:
    """The conflict among values stated for one slot, if independent sources disagree.

    ``source_of`` maps an article id to its independent source (copies map to their original). The
    slot is in conflict when two sources each state values for it and none of one's values agrees
    with any of the other's.
    """
    by_source: dict[str, list[Reading]] = {}
    for reading in readings:
        by_source.setdefault(source_of.get(reading.article_id, reading.article_id), []).append(reading)
    if len(by_source) < 2:
        return None
    disagree = any(
        not any(same_value(x.value, y.value) for x in left for y in right)
        for left, right in itertools.combinations(by_source.values(), 2)
    )
    if not disagree:
        return None
    first = readings[0].value
    return Conflict(first.kind, first.slot, first.slot_text, tuple(readings))


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
            if a.value.kind != "date" and a.value.unit != b.value.unit:
                continue
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


def describe_slot(kind: str, slot_text: str) -> str:
    """What a slot is about, in words: "the number of protesters", "the date of the ban's imposition"."""
    word = slot_text.lower() or "it"
    if kind == "date":
        return f"when ({word})"
    if kind == "place":
        return f"where ({word})"
    if kind == "count":
        return f"the number of {word}"
    if kind == "money":
        return f"the amount ({word})"
    if kind == "duration":
        return f"how long ({word})"
    return f"the {kind} of {word}"


def explain_conflict(conflict: Conflict, outlet_of: Mapping[str, str]) -> str:
    """One sentence saying who gives which value for the slot, and how far apart they are."""
    outlets_by_value: dict[str, list[str]] = {}
    for reading in conflict.readings:
        # One entry per value, as the first source wrote it; each outlet named once per value.
        said = next((text for text in outlets_by_value if _said_alike(text, reading, conflict)), None)
        outlets = outlets_by_value.setdefault(said or reading.value.text, [])
        outlet = outlet_of.get(reading.article_id, reading.article_id)
        if outlet not in outlets:
            outlets.append(outlet)
    parts = [f"“{text}” ({_names(outlets)})" for text, outlets in outlets_by_value.items()]
    about = describe_slot(conflict.kind, conflict.slot_text)
    explanation = f"Sources differ on {about}: " + "; ".join(parts) + "."
    amounts = sorted(
        {float(r.value.value) for r in conflict.readings if conflict.kind not in ("date", "place")}
    )
    if len(amounts) >= 2 and amounts[0] > 0:
        spread = (amounts[-1] - amounts[0]) / amounts[0]
        hedged = any(r.value.approximate for r in conflict.readings)
        explanation += f" The highest is {spread:.0%} above the lowest" + (
            ", more than hedging (“about”, “some”) covers." if hedged else "."
        )
    return explanation


def _said_alike(text: str, reading: Reading, conflict: Conflict) -> bool:
    first = next(r for r in conflict.readings if r.value.text == text)
    return same_value(first.value, reading.value)


def _names(outlets: Sequence[str]) -> str:
    # A long list of outlets is cut: the discrepancy's claims list every one.
    if len(outlets) <= NAMED_OUTLETS:
        return ", ".join(outlets)
    return ", ".join(outlets[:NAMED_OUTLETS]) + f" and {len(outlets) - NAMED_OUTLETS} more"


def explain_look_alike(pair: LookAlike, outlet_of: Mapping[str, str]) -> str:
    """One sentence saying that two different-looking values belong to different things."""
    a, b = pair.first, pair.second
    outlet_a = outlet_of.get(a.article_id, a.article_id)
    outlet_b = outlet_of.get(b.article_id, b.article_id)
    return (
        f"Not a conflict: “{a.value.text}” ({outlet_a}) is about “{a.value.slot_text}”, while "
        f"“{b.value.text}” ({outlet_b}) is about “{b.value.slot_text}”: different things."
    )
