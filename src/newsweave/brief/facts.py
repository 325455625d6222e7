"""Facts of a story: what aligned claims state, one fact per value slot, with a status.

A claim group (claims of several articles about one thing) gives one fact per *slot* that several
sources fill ("the death toll", "the depth", "the fee") and one more for its other claims. So an
earthquake's magnitude can be corroborated while its death toll is disputed, even when every report
packs both into one sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from newsweave.analysis.slots import SLOT_CLASS
from newsweave.brief.align import GENERIC_SLOTS, ClaimGroup
from newsweave.brief.compare import (
    Conflict,
    LookAlike,
    Reading,
    compatible,
    holder_groups,
    look_alikes,
    same_value,
    slot_conflict,
)
from newsweave.brief.conflict_notes import conflict_about, explain_conflict, explain_look_alike
from newsweave.brief.event_gate import SameEventCheck
from newsweave.brief.independence import fact_sources
from newsweave.brief.slot_words import describe_slot
from newsweave.data import Claim

Status = Literal["corroborated", "single_source", "disputed"]
STATUS_ORDER: dict[str, int] = {"corroborated": 0, "disputed": 1, "single_source": 2}
# Value kinds that make slot facts. Places are left to the claim text: a place beside a claim ("in
# Nara", "in Japan") is more often scene than answer, and ordinals ("second round") name things.
SLOT_FACT_KINDS = frozenset(
    {"count", "money", "percent", "distance", "magnitude", "duration", "date", "group_size", "speed", "area",
     "mass", "volume", "temperature", "energy", "power", "pp"}
)  # fmt: skip
# Value kinds compared across sources but made a fact only when sources disagree: a bearing agreed on
# ("55 km south of Bireun") is said by its claim as well as by a fact of its own.
CONFLICT_ONLY_KINDS = frozenset({"bearing"})


@dataclass(slots=True)
class Fact:
    """One fact of a story: the claims stating it, the values they give, and its status."""

    claims: list[Claim]
    status: Status
    sources: set[str]
    """The independent sources that state it (see ``independent_sources``)."""
    readings: list[Reading] = field(default_factory=list)
    conflict: Conflict | None = None
    look_alikes: list[LookAlike] = field(default_factory=list)
    text: str = ""
    """The statement shown for the fact (``brief.statements``); empty until chosen."""

    @property
    def article_ids(self) -> list[str]:
        """The articles that state the fact, in claim order."""
        return list(dict.fromkeys(claim.article_id for claim in self.claims))

    @property
    def first(self) -> tuple[int, int]:
        """Sort key: where the fact's first claim stands in its article."""
        return self.claims[0].sentence, self.claims[0].start


# Two values of one slot are rivals only when their claims state the same thing at least this strongly
# (``Aligner.score``). Groups are joined on a shared slot far lower (``align.SLOT_LINK_THRESHOLD``),
# which gathered "two catches" in a game with "59 catches" in a season. Below the alignment threshold
# (0.42) all the same: sources that disagree on a number word the rest differently too ("nine dead" /
# "11 killed" score 0.36). Set on the labelled sets (benchmarks/brief.py, benchmarks/brief_real.py).
CONFLICT_LINK_THRESHOLD = 0.32


def make_facts(
    group: ClaimGroup,
    source_of: Mapping[str, str],
    background: Callable[[Claim], bool] | None = None,
    same_event: SameEventCheck | None = None,
    same_holder: Callable[[Reading, Reading], bool] | None = None,
    copy_of: Mapping[str, str] | None = None,
    past_of: Callable[[Claim], frozenset[str]] | None = None,
) -> list[Fact]:
    """The facts of one claim group: one per amount slot, one per date slot that two or more sources
    fill, one per bearing from a place that sources dispute, and one for the rest.

    A date only one source gives stays with its claim: datelines and background years would otherwise
    split one source's sentence into single-source facts that say nothing the sentence does not.
    Amounts are what sources add most often ("58 injured"), so each has its own fact. ``same_event``
    keeps the values of two events from being rivals (``brief.event_gate``), ``same_holder`` those of
    two people (``brief.holders``); ``copy_of`` groups rewritten copies of one report (``fact_sources``).
    ``past_of`` gives the times a claim about the past names (``brief.background.past_times``): values
    of the past naming one time are rivals among themselves (a previous quake's dead: "at least seven" /
    "at least six", both "in September"), never of today's.
    """
    clusters = _slot_clusters(group.claims, background)

    def sources_today(readings: Sequence[Reading]) -> int:
        # A past date several sources recall ("Trump's July 25 call", in reports of a November hearing)
        # is context their sentences share, not a fact they state: those sentences say different things.
        today = [
            r for r in readings if r.value.kind != "date" or background is None or not background(r.claim)
        ]
        return len({source_of.get(r.article_id, r.article_id) for r in today})

    slots = [
        readings
        for readings in clusters
        if readings[0].value.kind not in ("date", *CONFLICT_ONLY_KINDS) or sources_today(readings) >= 2
    ]
    facts: list[Fact] = []
    if same_event is not None:
        same_event.prepare(slots)
    checks = [check for check in (same_event.one_event if same_event else None, same_holder) if check]

    def one_event(first: Reading, second: Reading) -> bool:
        return all(check(first, second) for check in checks)

    def dispute(part: Sequence[Reading], *, past: bool = False) -> Conflict | None:
        return slot_conflict(
            part, source_of, link=group.link, threshold=CONFLICT_LINK_THRESHOLD,
            background=None if past else background, one_event=one_event,
        )  # fmt: skip

    valued: set[int] = set()  # the claims whose values have facts of their own
    for readings in slots:
        # Two people's values, each disputed among their own sources ("Rait fell 60 m / 150 m", "Buckley
        # 600 m / 700 m"), are two disputes; else the slot has one at most, its rivals as holders allow.
        parts, held = holder_groups(readings, same_holder) if same_holder else ([readings], set())
        split = [
            (part, conflict)
            for part in parts
            if len(parts) > 1
            and (conflict := dispute(part)) is not None
            and sum(id(reading) in held for reading in conflict.readings) >= 2
        ]
        if len(split) < 2:
            conflict = dispute(readings)
            split = [(readings, conflict)] if conflict is not None else []
        if background is not None and past_of is not None:
            split.extend(_past_disputes(readings, background, past_of, dispute))
        made = _slot_facts(readings, split, source_of, background, copy_of)
        facts.extend(made)
        valued.update(id(claim) for fact in made for claim in fact.claims)
    # The group's own fact holds the claims no value fact covers: a claim whose values have facts of
    # their own would only repeat them (and its quote would make a disputed amount look agreed).
    plain = [claim for claim in group.claims if id(claim) not in valued]
    if plain:
        facts.append(_fact(plain, source_of, [], None, copy_of))
    _note_look_alikes(facts, clusters, source_of)
    return facts


def _past_disputes(
    readings: Sequence[Reading],
    background: Callable[[Claim], bool],
    past_of: Callable[[Claim], frozenset[str]],
    dispute: Callable[..., Conflict | None],
) -> list[tuple[list[Reading], Conflict]]:
    """Disputes among a slot's values of the past, each among the values whose sentences name one time."""
    past = [reading for reading in readings if background(reading.claim)]
    times = sorted({time for reading in past for time in past_of(reading.claim)})
    found: list[tuple[list[Reading], Conflict]] = []
    disputed: set[int] = set()
    for time in times:
        part = [reading for reading in past if time in past_of(reading.claim) and id(reading) not in disputed]
        conflict = dispute(part, past=True) if len(part) > 1 else None
        if conflict is not None:
            found.append((part, replace(conflict, past=time)))
            disputed.update(id(reading) for reading in part)
    return found


def _slot_facts(
    readings: Sequence[Reading],
    disputes: Sequence[tuple[Sequence[Reading], Conflict]],
    source_of: Mapping[str, str],
    background: Callable[[Claim], bool] | None,
    copy_of: Mapping[str, str] | None = None,
) -> list[Fact]:
    """The facts of one slot's readings: a fact per dispute (the readings it was found among) and a
    fact per set of agreeing values among the rest."""
    agreed = list(readings)
    facts: list[Fact] = []
    disputed: set[int] = set()
    for part, conflict in disputes:
        # The past's values are no part of today's dispute ("some 2 million died in the civil war"
        # beside "12 killed" / "no casualties"): they stay facts of their own.
        today = [r for r in part if background is None or not background(r.claim)] or list(part)
        # Only the rival values and their repeats: a district's toll or another group's count in the
        # slot ("Twelve people were killed ... in Bener Meriah district" beside totals of 5, 3 and 24)
        # is no side of the dispute, and stays a fact of its own sources.
        today = [r for r in today if any(same_value(r.value, rival.value) for rival in conflict.readings)]
        disputed.update(id(reading) for reading in today)
        claims = _unique([reading.claim for reading in today])
        facts.append(_fact(claims, source_of, today, conflict, copy_of))
    if disputes:
        agreed = [reading for reading in readings if id(reading) not in disputed]
    elif readings[0].value.kind in CONFLICT_ONLY_KINDS:
        return facts
    # Undisputed values that differ are about different things (a robbery in 2008 by three men,
    # today's by four): each value is a fact of the sources that give it, not one all confirm.
    for part in _agreeing(agreed):
        facts.append(_fact(_unique([reading.claim for reading in part]), source_of, part, None, copy_of))
    return facts


def _agreeing(readings: Sequence[Reading]) -> list[list[Reading]]:
    """Readings split into sets of compatible values (compatible with one of the set, not with all),
    each set in reading order, the sets in order of their first reading."""
    parts: list[list[int]] = []
    for index, reading in enumerate(readings):
        joined = [part for part in parts if any(compatible(reading.value, readings[i].value) for i in part)]
        parts = [part for part in parts if part not in joined]
        parts.append(sorted([index, *(i for part in joined for i in part)]))
    return [[readings[i] for i in part] for part in sorted(parts)]


def _note_look_alikes(facts: list[Fact], clusters: list[list[Reading]], source_of: Mapping[str, str]) -> None:
    """Tell of values that look alike but differ in slot, once: on the undisputed fact holding both
    of their claims, else on one giving one of the values, else on the first holding one of the claims
    (a claim may serve several facts of its group, and the note said four times over is noise)."""
    for index, first in enumerate(clusters):
        for second in clusters[index + 1 :]:
            for pair in look_alikes(first, second, source_of):
                claims = {id(pair.first.claim), id(pair.second.claim)}
                values = {id(pair.first.value), id(pair.second.value)}
                holding = [
                    (
                        len(claims & {id(claim) for claim in fact.claims}),
                        len(values & {id(reading.value) for reading in fact.readings}),
                        -position,
                        fact,
                    )
                    for position, fact in enumerate(facts)
                    if fact.conflict is None and claims & {id(claim) for claim in fact.claims}
                ]
                if holding:
                    max(holding, key=lambda item: item[:3])[3].look_alikes.append(pair)


def _unique(claims: Sequence[Claim]) -> list[Claim]:
    # Claims are unhashable records: one claim may give several readings of a slot.
    by_identity = {id(claim): claim for claim in reversed(claims)}
    return [claim for claim in claims if by_identity.pop(id(claim), None) is not None]


def _fact(
    claims: list[Claim],
    source_of: Mapping[str, str],
    readings: list[Reading],
    conflict: Conflict | None,
    copy_of: Mapping[str, str] | None = None,
) -> Fact:
    sources = fact_sources(claims, source_of, copy_of)
    status: Status = "disputed" if conflict else "corroborated" if len(sources) >= 2 else "single_source"
    return Fact(claims, status, sources, readings, conflict)


# Counts below this agree across slots by chance ("two boats", "two rifles"; "seven AK-47s", "seven
# boats"), so equal small counts do not make two slots one.
DISTINCTIVE_COUNT = 10


def _slot_clusters(
    claims: Sequence[Claim], background: Callable[[Claim], bool] | None = None
) -> list[list[Reading]]:
    """Readings grouped by slot; two slots of one kind whose values agree across articles are one.

    "12-member CPTPP" and "the 12-member Agreement" attach to different words but state one value;
    "12 dead" and "12 injured" are kept apart (both slots are named classes). Values of the past
    (``background``) are no evidence: "the 2004 tsunami that killed 170,000 people" told as a death
    toll by one report and as people by another joined today's deaths with Manokwari's 160,000 people.
    """
    clusters: dict[tuple[str, str, str | None, str | None], list[Reading]] = {}
    for claim in claims:
        # "the first round" and "the second round" are two rounds: their dates are not one slot.
        instance = {value.slot: value.value for value in claim.values if value.kind == "ordinal"}
        for value in claim.values:
            if value.kind not in SLOT_FACT_KINDS | CONFLICT_ONLY_KINDS or not value.slot:
                continue
            if value.kind == "date" and value.slot in GENERIC_SLOTS:
                continue  # when something was said or published: not a fact of the story
            unit = None if value.kind == "date" else value.unit
            key = (value.kind, value.slot, unit, instance.get(value.slot))
            clusters.setdefault(key, []).append(Reading(value, claim))
    past = {id(claim) for claim in claims if background is not None and background(claim)}

    def evidence(readings: list[Reading]) -> list[Reading]:
        # Today's values when the slot has any; a slot only the past fills is joined on its own values.
        return [reading for reading in readings if id(reading.claim) not in past] or readings

    merged: list[list[Reading]] = []
    for key, readings in clusters.items():
        for target in merged:
            if _joinable(key, evidence(target)[0], evidence(readings)):
                target.extend(readings)
                break
        else:
            merged.append(list(readings))
    return merged


def _joinable(
    key: tuple[str, str, str | None, str | None], anchor: Reading, readings: Sequence[Reading]
) -> bool:
    kind, slot, unit, _instance = key
    other = anchor.value
    if other.kind != kind or (kind != "date" and other.unit != unit) or kind in CONFLICT_ONLY_KINDS:
        return False  # "west of" two towns are two bearings
    if kind == "date" and other.unit == "day" and not any(char.isdigit() for char in other.text):
        # Every report of the day names it: "fired tear gas on Tuesday", "marched on Tuesday". A date
        # written out ("On November 16, a third case ...") is as telling as an amount.
        return False
    if slot in SLOT_CLASS.values() and other.slot in SLOT_CLASS.values():
        return False
    if kind == "count" and float(other.value) < DISTINCTIVE_COUNT:
        return False  # "two boats" and "two other rifles" agree by chance, "the 12-member CPTPP" does not
    return any(
        reading.article_id != anchor.article_id and same_value(reading.value, other) for reading in readings
    )


def _gives(text: str, reading: Reading) -> bool:
    """Whether a fact's text gives a reading's value as written."""
    return reading.value.text.casefold() in text.casefold()


def fact_json(fact: Fact, outlet_of: Mapping[str, str]) -> dict[str, Any]:
    """A fact in the brief's shape (DESIGN.md §4), with the slot it answers when it has one."""
    text = fact.text or _headline(fact.claims, shortest=bool(fact.readings)).text
    # A note on values the fact's own words do not give reads as noise beside it: the pirates'
    # nationality told with a note on two dates of other claims of its group.
    told = [pair for pair in fact.look_alikes if _gives(text, pair.first) or _gives(text, pair.second)]
    notes = [explain_look_alike(pair, outlet_of) for pair in told[:1]]
    if fact.conflict is not None:
        notes = [explain_conflict(fact.conflict, outlet_of)]
    copies = len(fact.article_ids) - len(fact.sources)
    if copies > 0:
        notes.append(
            f"{copies} of its {len(fact.article_ids)} reports word it exactly as another does, or copy "
            "another whole: counted once."
        )
    slot = fact.readings[0].value if fact.readings else None
    return {
        "text": text,
        "status": fact.status,
        "sources": [{"article_id": claim.article_id, "quote": claim.text} for claim in fact.claims],
        "values": _values_json(fact.readings),
        "note": " ".join(notes) or None,
        "slot": describe_slot(slot.kind, slot.slot_text, slot.slot) if slot is not None else None,
    }


def _headline(claims: Sequence[Claim], *, shortest: bool = False) -> Claim:
    """The claim that states a fact best: one that reads as a sentence of its own (a clause that starts
    with a capital; "it had sunk a pirate ship" is a nested phrase), the first of them or, for a value's
    fact, the shortest (the one that says least besides the value)."""
    whole = [claim for claim in claims if claim.text[:1].isupper()] or list(claims)
    return min(whole, key=lambda claim: len(claim.text)) if shortest else whole[0]


def _values_json(readings: Sequence[Reading]) -> list[dict[str, Any]]:
    merged: list[dict[str, Any]] = []
    representatives: list[Reading] = []
    for reading in readings:
        for index, known in enumerate(representatives):
            if same_value(known.value, reading.value):
                entry = merged[index]
                if reading.article_id not in entry["article_ids"]:
                    entry["article_ids"].append(reading.article_id)
                if reading.value.text not in entry["texts"]:
                    entry["texts"].append(reading.value.text)
                break
        else:
            representatives.append(reading)
            merged.append(
                {
                    "value": reading.value.value,
                    "unit": reading.value.unit,
                    "kind": reading.value.kind,
                    "texts": [reading.value.text],
                    "article_ids": [reading.article_id],
                }
            )
    return merged


def discrepancy_json(conflict: Conflict, outlet_of: Mapping[str, str]) -> dict[str, Any]:
    """A value discrepancy: every value with its source and quote, and one sentence explaining it."""
    return {
        "about": conflict_about(conflict),
        "kind": "value",
        "soft": conflict.soft,
        "claims": [
            {"article_id": reading.article_id, "quote": reading.claim.text, "value": reading.value.text}
            for reading in conflict.readings
        ],
        "explanation": explain_conflict(conflict, outlet_of),
    }
