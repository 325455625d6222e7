"""A named person's age compared across the whole story, whatever sentence states it."""

from __future__ import annotations

from newsweave.brief.facts import Fact
from newsweave.brief.person_ages import age_disputes
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
