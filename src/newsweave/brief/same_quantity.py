"""Whether two values of one slot can be one quantity at all, before they are compared.

A slot word ("pirates", "the distance") is not enough: a part is no rival of its whole ("two of the
vessels" / "23 pirates"), a cap none of what happened ("faces a maximum of 175 years" / "sentenced to 50
weeks"), counts tenfold apart count different things ("23 arrested" / "an estimated 1,500"), and a slot
that caught only a unit, a direction or a name says nothing of what is counted. ``compare.slot_conflict``
skips every pair these rules set apart; the holders of values are ``brief.holders``'.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Protocol

from newsweave.brief.slot_words import CLASS_WORDS, NOT_A_THING
from newsweave.data import Claim, ClaimValue


class Reading(Protocol):
    """A value as one claim gives it (``compare.Reading``)."""

    @property
    def value(self) -> ClaimValue: ...

    @property
    def claim(self) -> Claim: ...


# Case-blind itself ("One Australian and one English climber") inside patterns that read capitals.
_SMALL_NUMBER = r"(?:\d[\d,]*|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten))"
# A count that is a part of a larger whole: "two of the pirate vessels", "12 Somali and 11 Yemeni
# pirates" (each a share of the 23 arrested), "landed 28 of his 68 punches", "178 of 369 punches thrown".
# Compared with a total it is no rival; so is "three out of four lines".
_PARTITIVE_AFTER = re.compile(
    r"\s+(?:out\s+)?of\s+(?:the|those|these|them|its|their|our|his|her|whom|which|\d[\d,.]*"
    r"|two|three|four|five|six|seven|eight|nine|ten)(?![\w-])"
    # The wins of a record that came one way: "his 58th victory, 51 by KO" (of the 58).
    r"|\s+(?:by|via)\s+(?:t?ko|knock-?outs?|stoppages?|decisions?|submissions?)\b",
    re.IGNORECASE,
)
# The whole of a proportion: "four" of "lost three out of four lines" counts all the lines, no rival of
# "three lines were cut"; "41" of "completed 28 of 41 passes" counts the passes thrown, no rival of
# "completed 28 passes", nor "369" of "landing 178 of 369 punches" of "landed 178 punches".
_WHOLE_BEFORE = re.compile(rf"\b{_SMALL_NUMBER}\s+(?:out\s+)?of\s+$", re.IGNORECASE)
# The words a total is split by: a qualifier of one noun ("12 Somali and 11 Yemeni pirates") or kinds of
# people ("two women and a man"). Not any two nouns: "1,200 firefighters and 10 aircraft" are two counts.
_SPLIT_WORD = (
    r"(?:[A-Z][\w-]*|(?:wo)?m[ae]n|children|child|boys?|girls?|adults?|teenagers?|infants?|babies|baby)"
)
_SPLIT_AFTER = re.compile(rf"\s+{_SPLIT_WORD}\s+and\s+{_SMALL_NUMBER}\s+{_SPLIT_WORD}\b")
_SPLIT_BEFORE = re.compile(rf"\b{_SMALL_NUMBER}\s+{_SPLIT_WORD}\s+and\s+$")
# A count of the rest or of an increment, not of the whole: "the two other victims", "three other automatic
# rifles", "two more bodies", "another three people".
_REST_AFTER = re.compile(r"\s+(?:other|more|additional|further)\b", re.IGNORECASE)
_REST_BEFORE = re.compile(r"\b(?:another|an additional|a further)\s+$", re.IGNORECASE)
# A count of the first or last few is a run within a total, not the total: "completed his first 17 passes"
# (of 34), "the last two games", "the final three laps".
_RUN_BEFORE = re.compile(r"\b(?:first|last|final|next|previous|past|opening|closing)\s+$", re.IGNORECASE)
# And the last few named after the count: "The Jaguars had one final chance to win" (of the "two chances
# to tie" they had).
_RUN_AFTER = re.compile(r"\s+(?:final|last)(?![\w-])", re.IGNORECASE)


# Words that make a value what could be, not what is: "faces a maximum sentence of 175 years" is no rival
# of "sentenced to 50 weeks".
_POTENTIAL_BEFORE = re.compile(
    r"\b(?:maximum|minimum|faces?|facing|could face|would face)\b[^.;]{0,30}$"
    # What would or might happen: "would probably give an effort before being stopped in a round or two".
    r"|\b(?:would|could|might)\b[^.;,]{0,60}$"
    # What there was time for: "12 seconds left, still time for two passes in the end zone".
    r"|\btime\s+for\s+$",
    re.IGNORECASE,
)


# Two counts of tens or more that lie this far apart count different things: "23 pirates arrested" and "an
# estimated 1,500 pirates" (in all Somalia). Reports of one event differ by less; small counts (one dead,
# then 24) may grow that much as a toll is updated, so they are still compared.
SCOPE_RATIO = 10.0
SCOPE_MIN_COUNT = 10.0


# Groups of people a toll is broken down by: "killed six children" counts some of the "24 people killed".
# Two counts of one group ("six children" / "five children") still compare.
PEOPLE_GROUPS = frozenset({
    "child", "children", "kid", "kids", "woman", "women", "man", "men", "boy", "boys", "girl", "girls",
    "student", "students", "pupil", "pupils", "soldier", "soldiers", "troops", "policeman", "policemen",
    "officer", "officers", "foreigner", "foreigners", "tourist", "tourists", "civilian", "civilians",
    "militant", "militants", "rebel", "rebels", "firefighter", "firefighters", "miner", "miners",
    "passenger", "passengers", "crew",
})  # fmt: skip
# Words read after a count for the names that qualify what it counts ("384 Intel Atom processors").
_QUALIFIER_WORDS = 3
_WORD_AFTER = re.compile(r"[\w'-]+")


def _words_after(reading: Reading) -> list[str]:
    around = _around(reading)
    return _WORD_AFTER.findall(around[1])[:_QUALIFIER_WORDS] if around is not None else []


def counts_other_things(x: Reading, y: Reading) -> bool:
    """Whether two counts of one slot count different things by the words that follow them: a group of
    people against others ("killed six children" / "24 people were killed"), or differently named kinds
    ("384 Intel Atom dual-core processors" / "64 Intel Xeon processors": each names a kind the other
    does not)."""
    if x.value.kind != "count" or y.value.kind != "count":
        return False
    after_x, after_y = _words_after(x), _words_after(y)
    if after_x and after_y:
        noun_x, noun_y = after_x[0].lower(), after_y[0].lower()
        if noun_x != noun_y and (noun_x in PEOPLE_GROUPS or noun_y in PEOPLE_GROUPS):
            return True
    names_x, names_y = set(_leading_names(after_x)), set(_leading_names(after_y))
    if names_x - names_y and names_y - names_x:
        return True
    # Words between the count and the thing counted that share nothing: "12 AK 47 guns" / "three
    # machine guns", "seven AK-47 assault rifles" / "three other rifles" are two kinds.
    kinds_x, kinds_y = _kind_words(after_x, x.value.slot), _kind_words(after_y, y.value.slot)
    return bool(kinds_x and kinds_y) and kinds_x.isdisjoint(kinds_y)


def _kind_words(after: Sequence[str], slot: str) -> set[str]:
    """The words between a count and the noun it counts (``slot``), lower-cased; none when the noun is
    not among the words read."""
    words = [word.lower() for word in after]
    noun = slot.lower().rstrip("s")
    head = next((i for i, word in enumerate(words) if word.rstrip("s") == noun), None)
    return set(words[:head]) if head else set()


def _leading_names(words: Sequence[str]) -> list[str]:
    """The capitalised words right after a count: "Intel Atom" of "384 Intel Atom dual-core processors"."""
    names = []
    for word in words:
        if not word[:1].isupper():
            break
        names.append(word)
    return names


def other_scope(a: ClaimValue, b: ClaimValue) -> bool:
    """Whether two counts are too far apart to be one quantity (``SCOPE_RATIO``)."""
    if a.kind != "count" or b.kind != "count":
        return False
    low, high = sorted((float(a.value), float(b.value)))
    return low >= SCOPE_MIN_COUNT and high > SCOPE_RATIO * low


# A count said of one district or village of a wider event: "In neighbouring Central Aceh district, 10
# people were killed", "Twelve people were killed ... in Bener Meriah district", "In a village in Bener
# Meriah district, one man was killed", "injured in Takengon, the capital of Central Aceh district". Not
# a province or a country: stories are told at that scale.
_LOCAL_SCOPE = re.compile(
    r"\b(?:[Ii]n|of)\s+(?:(?:the\s+)?[Nn]eighbou?ring\s+|a\s+village\s+in\s+|the\s+)?"
    r"(?P<name>(?:[A-Z][\w'-]*\s+){1,3})(?:district|sub-district|regency|village|county|municipality)\b"
)


# One named before: "He said at least 22 houses were badly damaged in the district", "in the village".
_UNNAMED_LOCAL_SCOPE = re.compile(r"\b(?:[Ii]n|of)\s+the\s+(?P<unit>district|sub-district|regency|village)\b")


def local_scope(reading: Reading) -> str | None:
    """The district or village a count's claim is said of ("Bener Meriah", or "the district" when the
    claim does not name it), or None."""
    if reading.value.kind != "count":
        return None
    found = _LOCAL_SCOPE.search(reading.claim.text)
    if found is not None:
        return " ".join(found.group("name").split()).casefold()
    unnamed = _UNNAMED_LOCAL_SCOPE.search(reading.claim.text)
    return f"the {unnamed.group('unit')}" if unnamed is not None else None


def breakdowns(readings: Sequence[Reading], source_of: Mapping[str, str]) -> set[int]:
    """Ids of the readings that break a source's own total down by place: a count said of one district
    or village (``local_scope``) by a source that also gives the slot's count for no one place ("24
    dead" in all, "Twelve ... in Bener Meriah district", "10 ... in Central Aceh district"). A source
    that gives only a local count may be telling the whole event: its count is still compared."""
    wide = {source_of.get(r.claim.article_id, r.claim.article_id) for r in readings if local_scope(r) is None}
    return {
        id(r)
        for r in readings
        if local_scope(r) is not None and source_of.get(r.claim.article_id, r.claim.article_id) in wide
    }


def _around(reading: Reading) -> tuple[str, str] | None:
    """The claim's text before and after the value; None when the value lies outside the claim or the
    claim's text there is not the value as written."""
    value, claim = reading.value, reading.claim
    start, end = value.start - claim.start, value.end - claim.start
    if not 0 <= start <= end <= len(claim.text) or claim.text[start:end].casefold() != value.text.casefold():
        return None  # outside the claim, or offsets that do not fall on the value as written
    return claim.text[:start], claim.text[end:]


def is_potential(reading: Reading) -> bool:
    """Whether the value is a cap or a prospect ("faces a maximum sentence of 175 years")."""
    around = _around(reading)
    return around is not None and bool(_POTENTIAL_BEFORE.search(around[0]))


def is_part(reading: Reading) -> bool:
    """Whether a count is a part of a whole the claim does not give ("two of the vessels", a split by
    kind: "12 Somali and 11 Yemeni pirates", "two women and a man"; the rest: "the two other victims"; a
    run: "his first 17 passes"), or the whole of a proportion ("four" in "three out of four lines"):
    either counts something else than the slot's plain count."""
    around = _around(reading) if reading.value.kind == "count" else None
    if around is None:
        return False
    before, after = around
    return bool(
        _PARTITIVE_AFTER.match(after)
        or _SPLIT_AFTER.match(after)
        or _SPLIT_BEFORE.search(before)
        or _REST_AFTER.match(after)
        or _REST_BEFORE.search(before)
        or _WHOLE_BEFORE.search(before)
        or _RUN_BEFORE.search(before)
        or _RUN_AFTER.match(after)
    )


def names_what_it_measures(reading: Reading) -> bool:
    """Whether a value's slot says what it counts or measures ("killed", "rifles", "the depth"), not only
    its unit, a direction or a name ("km", "south", "Australian"; a capital that opens the claim is no
    name: "Inflation slowed to 1.8%"). Two values with nothing named are not set against each other:
    "one Australian climber" and "three climbers who were with him", or "50 miles north of Detroit" (a
    sighting) and "15 miles north" (the office), are not one quantity."""
    value = reading.value
    if (value.kind, value.slot) in CLASS_WORDS or value.kind == "bearing":
        return True  # a bearing's slot is the place it is taken from
    word = value.slot_text.strip()
    if not word or word.lower() in NOT_A_THING:
        return False
    opening = reading.claim.text.lstrip("\"'“‘(` ")
    return not word[:1].isupper() or opening.startswith(word)
