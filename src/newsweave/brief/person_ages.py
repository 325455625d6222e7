"""A named person's age, compared across the whole story: "32-year-old Robert Buckley" / "31-year-old
Robert Buckley".

Values are otherwise compared inside one group of aligned claims (``brief.facts``), because a number
means something only beside what it measures. An age beside a person's name is different: it belongs to
the person, whatever the sentence is about, so two sources giving one named person two ages disagree
even when the sentences that say so state different things ("Robert Buckley, 32, was climbing to a
small hut" / "an inexperienced climber with rental gear, 31-year-old Robert Buckley"). Ages of unnamed
people ("a 60-year-old woman") are never compared: they may be two people. Whose age it is comes from
``brief.holders.age_holder`` (the person named beside it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from newsweave.brief.compare import Conflict, Reading, compatible
from newsweave.brief.facts import Fact
from newsweave.brief.holders import age_holder, people
from newsweave.data import Claim, Mention


def age_disputes(
    facts: Sequence[Fact], mentions_of: Mapping[str, Sequence[Mention]], source_of: Mapping[str, str]
) -> list[Fact]:
    """One disputed fact per named person whose age independent sources give differently.
    ``mentions_of`` maps article ids to their mentions, ``source_of`` article ids to their
    independent source (copies to their original). Ages make no slot facts of their own
    (``brief.facts.SLOT_FACT_KINDS``): an age is said in passing, and is compared here only."""
    person_mentions = {article_id: people(mentions) for article_id, mentions in mentions_of.items()}
    by_holder: dict[str, list[tuple[Reading, Mention]]] = {}
    for fact in facts:
        for reading in _age_readings(fact.claims):
            persons = person_mentions.get(reading.article_id, [])
            holder = age_holder(reading, persons) or referred_holder(reading, persons)
            if holder is None or holder.entity_id is None:
                continue
            entries = by_holder.setdefault(holder.entity_id, [])
            if all(reading.value is not seen.value for seen, _ in entries):
                entries.append((reading, holder))
    found = []
    for entries in by_holder.values():
        rivals = _rivals([reading for reading, _ in entries], source_of)
        if rivals:
            name = max((holder.text for _, holder in entries), key=len)
            found.append(_fact(rivals, name, source_of))
    return found


# "The 48-year-old Australian was evicted in April": an age opening a sentence this way names no one; it
# is the person of the sentences just before, when they name one person only (an unnamed "A HUNTER" or a
# second person named there leaves it no one's).
REFERRED_SENTENCES = 2
_THE_BEFORE_AGE = re.compile(r"\W*The\s+")


def referred_holder(reading: Reading, persons: Sequence[Mention]) -> Mention | None:
    """The person a sentence-opening "The N-year-old ..." refers back to, or None."""
    claim, value = reading.claim, reading.value
    if not claim.start <= value.start or not _THE_BEFORE_AGE.fullmatch(
        claim.text[: value.start - claim.start]
    ):
        return None
    if any(mention.sentence == claim.sentence for mention in persons):
        return None
    before = [m for m in persons if claim.sentence - REFERRED_SENTENCES <= m.sentence < claim.sentence]
    if len({mention.entity_id for mention in before}) != 1:
        return None
    return max(before, key=lambda mention: mention.start)


def _age_readings(claims: Iterable[Claim]) -> list[Reading]:
    return [Reading(value, claim) for claim in claims for value in claim.values if value.kind == "age"]


def _rivals(readings: Sequence[Reading], source_of: Mapping[str, str]) -> list[Reading]:
    """The readings of sources that give an age no other source's readings agree with."""
    by_source: dict[str, list[Reading]] = {}
    for reading in readings:
        by_source.setdefault(source_of.get(reading.article_id, reading.article_id), []).append(reading)
    rival: dict[int, Reading] = {}
    groups = list(by_source.values())
    for index, left in enumerate(groups):
        for right in groups[index + 1 :]:
            if not any(compatible(x.value, y.value) for x in left for y in right):
                rival.update({id(r): r for r in (*left, *right)})
    return list(rival.values())


def _fact(readings: list[Reading], name: str, source_of: Mapping[str, str]) -> Fact:
    claims = list({id(reading.claim): reading.claim for reading in readings}.values())
    sources = {source_of.get(claim.article_id, claim.article_id) for claim in claims}
    # The slot's words name whose age it is: "Sources differ on the age of Robert Buckley".
    conflict = Conflict("age", "age", name, tuple(readings))
    return Fact(claims, "disputed", sources, list(readings), conflict)
