"""Whose value: two values are rivals only when they can be the same holder's.

A value's slot says what is measured ("passes", "falling", "the age") but not whose: "Garrard completed
28 passes" and "Manning completed his first 17 passes", "Duncan Rait fell about 60 metres" and "Robert
Buckley fell about 600 metres", "a 47-year-old man" (a victim) and "38-year-old Anthony LaCalamita" (the
suspect) are not one quantity. Three rules, read from the people and places the claims name:

- an age belongs to the person named beside it ("38-year-old Anthony LaCalamita", "Robert Buckley, 32");
  two ages are rivals only when both are named and are one person (the ages of unnamed people cannot be
  told apart: "a 47-year-old man and a 48-year-old man"). An unnamed subject with an age that one named
  person of the story alone has is that person ("a 36-year-old Australian man", "36-year-old Duncan Rait");
- any other value belongs to its claim's subject: two values whose claims' subjects name people, none of
  them the same, are not rivals ("Police said five died" names no person as subject, so it is not held;
  nor does "Nugroho said 10 houses were damaged": who says a value does not hold it);
  "who" stands for the person named before it in the sentence, "he" / "she" with none there for the
  person named last before the sentence, and a clause with no subject ("after completing his first 17
  passes") has the subject of the claim around it;
- and to the countries its claim names: values of claims that name places in different countries, none
  in both, are not rivals ("two people diagnosed last week" in China / "up to a dozen people diagnosed
  annually" in the US). A clause that names no place has its sentence's ("Isolated cases often also
  spring up in the US, with *up to a dozen people diagnosed annually*"); a value with a place of its
  own right after it is that place's ("55 percent of voice traffic in Saudi Arabia, 52 percent in Egypt
  and 82 percent in India" / "65% of traffic with India"; "90 percent of all the data traffic between
  Europe and the Middle East").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from newsweave.brief.compare import Reading, compatible
from newsweave.brief.slot_words import AGE_WORDS
from newsweave.data import Claim, ClaimValue, Mention

# A person's name this close to an age (characters after the age's end, or before its start) is the
# person it belongs to: "38-year-old Englishman Robert Buckley" (11 between), "Robert Buckley, 32" (2).
AGE_AFTER = 24
AGE_BEFORE = 4
PERSON = "PERSON"
# Subjects that stand for a person named before them in the sentence: "Garrard, who completed 28 passes".
PRONOUNS = frozenset({"who", "he", "she"})
# Of those, the ones that may stand for a person named in an earlier sentence: "Dennis Northcutt ...
# continued to make a big difference. He caught five passes for 68 yards in the first half".
PERSONAL_PRONOUNS = frozenset({"he", "she"})


def people(mentions: Iterable[Mention]) -> list[Mention]:
    """The mentions of people that are resolved to an entity."""
    return [mention for mention in mentions if mention.label == PERSON and mention.entity_id]


# Verbs whose subject tells a value rather than holds it: "Sutopo Purwo Nugroho said 10 houses were
# damaged", "disaster agency official Fauzi said around 40 houses ...".
REPORTING_VERBS = frozenset(
    {"say", "tell", "report", "add", "announce", "confirm", "state", "estimate", "explain", "note", "claim"}
)


def _subject_people(claim: Claim, mentions: Sequence[Mention]) -> frozenset[str]:
    """Entity ids of the people named in the claim's subject (its words as they stand in the claim), or
    for a pronoun the person named last before the claim in its sentence ("he" / "she": before it in
    the article, when the sentence names no one before it)."""
    if claim.predicate.casefold() in REPORTING_VERBS:
        return frozenset()  # a speaker, not whose value it is
    pronoun = claim.subject.strip().casefold()
    if pronoun in PRONOUNS:
        before = [m for m in mentions if m.sentence == claim.sentence and m.end <= claim.start]
        if not before and pronoun in PERSONAL_PRONOUNS:
            # The person named last before it: the plain reading a reader gives "He" opening a sentence.
            before = [m for m in mentions if m.sentence < claim.sentence]
        return frozenset({str(max(before, key=lambda m: m.start).entity_id)}) if before else frozenset()
    span = _subject_span(claim)
    if span is None:
        return frozenset()
    start, end = claim.start + span[0], claim.start + span[1]
    return frozenset(str(m.entity_id) for m in mentions if start <= m.start and m.end <= end)


_EDGE_PUNCTUATION = ".,;:"


def _subject_span(claim: Claim) -> tuple[int, int] | None:
    """Where the claim's subject stands in its text. The subject is kept as its tokens joined by spaces
    (". Garrard , who completed 28 passes ,"), so it is found token by token, whatever the spacing."""
    tokens = claim.subject.strip(_EDGE_PUNCTUATION + " ").split()
    if not tokens:
        return None
    found = re.search(r"\s*".join(re.escape(token) for token in tokens), claim.text)
    return found.span() if found else None


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


# A place named this soon after an amount, before any other amount, is whose amount it is: "55 percent
# of voice traffic in Saudi Arabia, 52 percent in Egypt and 82 percent in India" (19 characters between).
OWN_PLACE_AFTER = 40


def _own_place(reading: Reading) -> ClaimValue | None:
    """The place named right after the value, before any other amount, if any."""
    value = reading.value
    following = sorted(
        (other for other in reading.claim.values if other.start >= value.end and other is not value),
        key=lambda other: other.start,
    )
    for other in following:
        if other.start - value.end > OWN_PLACE_AFTER:
            return None
        if other.kind == "place":
            return other
        if other.kind not in ("date", "ordinal"):
            return None  # another amount comes first: the place is its
    return None


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
    sentence_claims: dict[tuple[str, int], list[Claim]] = {}
    for claim in claims:
        key = (claim.article_id, claim.sentence)
        in_sentence[key] = in_sentence.get(key, frozenset()) | _countries(claim)
        sentence_claims.setdefault(key, []).append(claim)

    def countries(claim: Claim) -> frozenset[str]:
        return _countries(claim) or in_sentence.get((claim.article_id, claim.sentence), frozenset())

    aged: dict[str, set[str]] = {}  # an age -> the named people the story gives it
    for claim in claims:
        for value in claim.values:
            reading = Reading(value, claim)
            holder = _age_holder(reading, named.get(claim.article_id, [])) if is_age(reading) else None
            if holder is not None:
                aged.setdefault(value.value, set()).add(holder)
    subjects: dict[int, frozenset[str]] = {}

    def subject(claim: Claim) -> frozenset[str]:
        if id(claim) not in subjects:
            named_subject = _subject_people(claim, named.get(claim.article_id, []))
            subjects[id(claim)] = named_subject or _aged_subject(claim, aged)
            if not claim.subject.strip():
                # A clause with no subject of its own ("after completing his first 17 passes") is its
                # sentence's subject's doing: the smallest claim around it that has one.
                around = _around(claim, sentence_claims.get((claim.article_id, claim.sentence), []))
                subjects[id(claim)] = subject(around) if around is not None else frozenset()
        return subjects[id(claim)]

    def same_holder(first: Reading, second: Reading) -> bool:
        if is_age(first) or is_age(second):
            holder = _age_holder(first, named.get(first.article_id, []))
            return holder is not None and holder == _age_holder(second, named.get(second.article_id, []))
        a, b = subject(first.claim), subject(second.claim)
        if a and b and not a & b:
            return False
        own, other_own = _own_place(first), _own_place(second)
        if own is not None and other_own is not None:
            return compatible(own, other_own)
        here, there = countries(first.claim), countries(second.claim)
        return not (here and there and not here & there)

    return same_holder


def _aged_subject(claim: Claim, aged: Mapping[str, set[str]]) -> frozenset[str]:
    """The one named person of the story given the age that the claim's unnamed subject has: "A
    36-year-old Australian man died after falling 150 meters" is Duncan Rait where another sentence
    says "36-year-old Duncan Rait" and no one else is 36."""
    span = _subject_span(claim)
    if span is None:
        return frozenset()
    start, end = claim.start + span[0], claim.start + span[1]
    for value in claim.values:
        of_age = aged.get(value.value, set())
        if len(of_age) == 1 and start <= value.start and value.end <= end and is_age(Reading(value, claim)):
            return frozenset(of_age)
    return frozenset()


def _around(claim: Claim, others: Sequence[Claim]) -> Claim | None:
    """The smallest of ``others`` that holds ``claim`` and has a subject."""
    holding = [
        other
        for other in others
        if other is not claim
        and other.subject.strip()
        and other.start <= claim.start
        and claim.end <= other.end
        and other.end - other.start > claim.end - claim.start
    ]
    return min(holding, key=lambda other: other.end - other.start) if holding else None
