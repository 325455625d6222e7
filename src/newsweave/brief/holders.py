"""Whose value: two values are rivals only when they can be the same holder's.

A value's slot says what is measured ("passes", "falling", "the age") but not whose: "Garrard completed
28 passes" and "Manning completed his first 17 passes", "Duncan Rait fell about 60 metres" and "Robert
Buckley fell about 600 metres", "a 47-year-old man" (a victim) and "38-year-old Anthony LaCalamita" (the
suspect) are not one quantity. Three rules, read from the people and places the claims name:

- an age belongs to the person named beside it ("38-year-old Anthony LaCalamita", "Robert Buckley, 32");
  two ages are rivals only when both are named and are one person (the ages of unnamed people cannot be
  told apart: "a 47-year-old man and a 48-year-old man");
- any other value belongs to its claim's subject: two values whose claims' subjects name people, none of
  them the same, are not rivals ("Police said five died" names no person as subject, so it is not held);
- and to the countries its claim names: values of claims that name places in different countries, none
  in both, are not rivals ("two people diagnosed last week" in China / "up to a dozen people diagnosed
  annually" in the US). A clause that names no place has its sentence's ("Isolated cases often also
  spring up in the US, with *up to a dozen people diagnosed annually*").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from newsweave.brief.compare import Reading
from newsweave.brief.slot_words import AGE_WORDS
from newsweave.data import Claim, Mention

# A person's name this close to an age (characters after the age's end, or before its start) is the
# person it belongs to: "38-year-old Englishman Robert Buckley" (11 between), "Robert Buckley, 32" (2).
AGE_AFTER = 24
AGE_BEFORE = 4
PERSON = "PERSON"
# Subjects that stand for a person named before them in the sentence: "Garrard, who completed 28 passes".
PRONOUNS = frozenset({"who", "he", "she"})


def people(mentions: Iterable[Mention]) -> list[Mention]:
    """The mentions of people that are resolved to an entity."""
    return [mention for mention in mentions if mention.label == PERSON and mention.entity_id]


def _subject_people(claim: Claim, mentions: Sequence[Mention]) -> frozenset[str]:
    """Entity ids of the people named in the claim's subject (its words as they stand in the claim), or
    for a pronoun the person named last before the claim in its sentence."""
    if claim.subject.strip().casefold() in PRONOUNS:
        before = [m for m in mentions if m.sentence == claim.sentence and m.end <= claim.start]
        return frozenset({str(before[-1].entity_id)}) if before else frozenset()
    offset = claim.text.find(claim.subject) if claim.subject.strip() else -1
    if offset < 0:
        return frozenset()
    start = claim.start + offset
    end = start + len(claim.subject)
    return frozenset(str(m.entity_id) for m in mentions if start <= m.start and m.end <= end)


def age_holder(reading: Reading, mentions: Iterable[Mention]) -> Mention | None:
    """The mention of the person named nearest beside the age, if one is close enough."""
    value = reading.value
    near = [
        (m.start - value.end if m.start >= value.end else value.start - m.end, m.start, m)
        for m in mentions
        if value.end <= m.start <= value.end + AGE_AFTER or value.start - AGE_BEFORE <= m.end <= value.start
    ]
    return min(near, key=lambda item: item[:2])[2] if near else None


def _age_holder(reading: Reading, mentions: Iterable[Mention]) -> str | None:
    holder = age_holder(reading, mentions)
    return str(holder.entity_id) if holder is not None else None


def _countries(claim: Claim) -> frozenset[str]:
    """The countries of the places a claim names ("JPN:Nara" -> JPN); a region without one names none."""
    return frozenset(
        v.value.split(":", 1)[0]
        for v in claim.values
        if v.kind == "place" and len(v.value.split(":", 1)[0]) == 3
    )


def is_age(reading: Reading) -> bool:
    """Whether the reading's value is someone's age ("32 years old", "aged 60")."""
    value = reading.value
    return value.kind == "age" or (value.kind == "duration" and value.slot_text.strip().lower() in AGE_WORDS)


def holder_test(
    mentions_of: Mapping[str, list[Mention]], claims: Iterable[Claim] = ()
) -> Callable[[Reading, Reading], bool]:
    """A predicate: may two readings be the same holder's value (module docstring)? ``mentions_of``
    maps article ids to their mentions; ``claims`` are the articles' claims: a clause that names no
    place is placed by the places of its sentence's claims."""
    named = {article_id: people(mentions) for article_id, mentions in mentions_of.items()}
    in_sentence: dict[tuple[str, int], frozenset[str]] = {}
    for claim in claims:
        key = (claim.article_id, claim.sentence)
        in_sentence[key] = in_sentence.get(key, frozenset()) | _countries(claim)

    def countries(claim: Claim) -> frozenset[str]:
        return _countries(claim) or in_sentence.get((claim.article_id, claim.sentence), frozenset())

    subjects: dict[int, frozenset[str]] = {}

    def subject(reading: Reading) -> frozenset[str]:
        claim = reading.claim
        if id(claim) not in subjects:
            subjects[id(claim)] = _subject_people(claim, named.get(claim.article_id, []))
        return subjects[id(claim)]

    def same_holder(first: Reading, second: Reading) -> bool:
        if is_age(first) or is_age(second):
            holder = _age_holder(first, named.get(first.article_id, []))
            return holder is not None and holder == _age_holder(second, named.get(second.article_id, []))
        a, b = subject(first), subject(second)
        if a and b and not a & b:
            return False
        here, there = countries(first.claim), countries(second.claim)
        return not (here and there and not here & there)

    return same_holder
