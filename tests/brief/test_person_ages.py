"""A named person's age compared across the whole story, whatever sentence states it."""

from __future__ import annotations

from newsweave.brief.compare import Reading
from newsweave.brief.facts import Fact
from newsweave.brief.person_ages import age_disputes, referred_holder
from newsweave.brief.slot_words import describe_slot
from newsweave.data import Claim, ClaimValue, Mention

BUCKLEY_32 = "Robert Buckley, 32, was climbing to a small hut on Mount Sefton"
BUCKLEY_31 = "an inexperienced climber with rental gear, 31-year-old Robert Buckley of the UK"
WOMAN_60 = "Police arrested a 60-year-old, terminally ill woman in the 1967 killings"
WOMAN_61 = "A 61-year-old woman was released without bail"


def _fact(article: str, text: str, age: str, holder: str | None) -> tuple[Fact, list[Mention]]:
    written = f"{age}-year-old" if f"{age}-year-old" in text else age
    start = text.find(written)
    value = ClaimValue("age", age, "years", written, start, start + len(written), "age", "age")
    claim = Claim(article, 0, 0, len(text), text, "", "be", "", values=[value])
    mentions = []
    if holder:
        at = text.find(holder)
        mentions.append(Mention(at, at + len(holder), holder, "PERSON", 0, entity_id="buckley"))
    return Fact([claim], "single_source", {article}, [], None), mentions


def test_one_named_persons_two_ages_are_a_discrepancy_across_facts() -> None:
    first, first_mentions = _fact("a", BUCKLEY_32, "32", "Robert Buckley")
    second, second_mentions = _fact("b", BUCKLEY_31, "31", "Robert Buckley")
    mentions = {"a": first_mentions, "b": second_mentions}
    (found,) = age_disputes([first, second], mentions, {"a": "a", "b": "b"})
    assert found.status == "disputed" and found.conflict is not None
    assert {reading.value.value for reading in found.conflict.readings} == {"32", "31"}
    assert describe_slot(found.conflict.kind, found.conflict.slot_text) == "the age of Robert Buckley"


def test_copies_equal_ages_and_unnamed_people_are_no_discrepancy() -> None:
    first, first_mentions = _fact("a", BUCKLEY_32, "32", "Robert Buckley")
    second, second_mentions = _fact("b", BUCKLEY_31, "31", "Robert Buckley")
    mentions = {"a": first_mentions, "b": second_mentions}
    # "b" is a copy of "a": one source cannot disagree with itself.
    assert age_disputes([first, second], mentions, {"a": "a", "b": "a"}) == []
    same, same_mentions = _fact("c", BUCKLEY_32.replace("Mount", "Mt"), "32", "Robert Buckley")
    assert age_disputes([first, same], {"a": first_mentions, "c": same_mentions}, {"a": "a", "c": "c"}) == []
    # Unnamed: "a 60-year-old woman" and "a 61-year-old woman" may be two women.
    woman_a, _ = _fact("a", WOMAN_60, "60", None)
    woman_b, _ = _fact("b", WOMAN_61, "61", None)
    assert age_disputes([woman_a, woman_b], {"a": [], "b": []}, {"a": "a", "b": "b"}) == []


def test_an_age_opening_a_sentence_is_the_person_of_the_sentences_before() -> None:
    # BBC: "Assange, who denies the accusation, has avoided extradition ... / The 48-year-old Australian
    # was evicted in April"; Al Bawaba: "... extradite Assange, 47, over ...".
    text = "Assange, who denies it, stayed in the embassy. The 48-year-old Australian was evicted in April."
    start = text.find("The 48")
    value = ClaimValue("age", "48", "years", "48-year-old", start + 4, start + 15, "age", "age")
    claim = Claim("a", 1, start, len(text), text[start:], "Australian", "evict", "", values=[value])
    assange = Mention(0, 7, "Assange", "PERSON", 0, entity_id="assange")
    assert referred_holder(Reading(value, claim), [assange]) is assange
    other = Mention(20, 25, "Smith", "PERSON", 0, entity_id="smith")
    assert referred_holder(Reading(value, claim), [assange, other]) is None  # two people before: no one's
    far = Mention(0, 7, "Assange", "PERSON", -2, entity_id="assange")
    assert referred_holder(Reading(value, claim), [far]) is None  # named too far back
    inside = Mention(start + 40, start + 47, "Assange", "PERSON", 1, entity_id="assange")
    assert referred_holder(Reading(value, claim), [assange, inside]) is None  # its own sentence names one
    a_man = "A 48-year-old man was evicted in April."  # not "The": a new person
    value = ClaimValue("age", "48", "years", "48-year-old", 2, 13, "age", "age")
    claim = Claim("a", 1, 0, len(a_man), a_man, "man", "evict", "", values=[value])
    assert referred_holder(Reading(value, claim), [assange]) is None

    other_report = "The US wants the UK to extradite Assange, 47, over the leaks"
    fact_b, mentions_b = _fact("b", other_report, "47", None)
    at = other_report.find("Assange")
    mentions_b.append(Mention(at, at + 7, "Assange", "PERSON", 0, entity_id="assange"))
    value = ClaimValue("age", "48", "years", "48-year-old", start + 4, start + 15, "age", "age")
    claim = Claim("a", 1, start, len(text), text[start:], "Australian", "evict", "", values=[value])
    fact_a = Fact([claim], "single_source", {"a"}, [], None)
    (found,) = age_disputes([fact_a, fact_b], {"a": [assange], "b": mentions_b}, {"a": "a", "b": "b"})
    assert {reading.value.value for reading in found.conflict.readings} == {"48", "47"}  # type: ignore[union-attr]
