"""Value comparison: agreement after normalisation, conflicts within one slot, look-alikes."""

from __future__ import annotations

import pytest

from newsweave.brief.compare import (
    Reading,
    comparable,
    compatible,
    look_alikes,
    same_value,
    slot_conflict,
)
from newsweave.brief.conflict_notes import explain_conflict
from newsweave.brief.same_quantity import is_part, is_potential, other_scope
from newsweave.brief.slot_words import describe_slot
from newsweave.data import Claim, ClaimValue


def value(
    kind: str, number: str, unit: str | None, slot: str = "s", *, approximate: bool = False
) -> ClaimValue:
    return ClaimValue(kind, number, unit, number, 0, 1, slot, slot, approximate)


def claim(article_id: str, *values: ClaimValue) -> Claim:
    return Claim(article_id, 0, 0, 10, "quote", "", "", "", values=list(values))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (value("pp", "0.5", "pp"), value("pp", "0.5", "pp"), True),  # 50 basis points = half a point
        (value("distance", "10", "km"), value("distance", "10", "km"), True),  # 10 km = 10 kilometres
        (
            value("count", "3000", None, approximate=True),
            value("count", "3600", None, approximate=True),
            False,
        ),
        (value("duration", "72", "h"), value("duration", "48", "h"), False),  # 72-hour vs two-day
        (value("count", "9", None), value("count", "11", None), False),
        (value("percent", "54", "%"), value("percent", "54.2", "%"), True),  # rounding
        (value("percent", "53.8", "%"), value("percent", "54.2", "%"), False),
        (value("money", "6.5e+07", "EUR"), value("money", "5.8e+07", "EUR"), False),
        (value("money", "6.5e+07", "EUR"), value("money", "6.5e+07", "USD"), False),
        (value("date", "2013-01-01/2013-12-31", "year"), value("date", "2013-07-04", "day"), True),
        (
            value("date", "2013-01-01/2013-12-31", "year"),
            value("date", "2011-01-01/2011-12-31", "year"),
            False,
        ),
    ],
)
def test_same_value_after_normalisation(a: ClaimValue, b: ClaimValue, same: bool) -> None:
    assert same_value(a, b) is same
    assert same_value(b, a) is same


def test_places_agree_when_one_contains_the_other() -> None:
    nara = ClaimValue("place", "JPN:Nara", "city", "Nara", 0, 4, "talk")
    japan = ClaimValue("place", "JPN:Japan", "country", "Japan", 0, 5, "talk")
    tokyo = ClaimValue("place", "JPN:Tokyo", "city", "Tokyo", 0, 5, "talk")
    assert same_value(nara, japan)
    assert not same_value(nara, tokyo)
    assert not comparable(nara, japan)  # a country beside a city is a detail, not a rival answer


def test_a_slot_is_disputed_only_between_independent_sources() -> None:
    nine = claim("a", value("count", "9", None, "death"))
    eleven = claim("b", value("count", "11", None, "death"))
    copy = claim("c", value("count", "11", None, "death"))
    readings = [Reading(v, c) for c in (nine, eleven) for v in c.values]
    conflict = slot_conflict(readings, {"a": "A", "b": "B"})
    assert conflict is not None and conflict.slot == "death"
    copies = [Reading(v, c) for c in (eleven, copy) for v in c.values]
    assert slot_conflict(copies, {"b": "B", "c": "B"}) is None  # a copy is the same source


def test_different_slots_are_look_alikes_not_conflicts() -> None:
    imposed = claim("a", value("date", "2013-01-01/2013-12-31", "year", "impose"))
    disaster = claim("b", value("date", "2011-01-01/2011-12-31", "year", "disaster"))
    first = [Reading(v, imposed) for v in imposed.values]
    second = [Reading(v, disaster) for v in disaster.values]
    pairs = look_alikes(first, second, {"a": "A", "b": "B"})
    assert len(pairs) == 1 and pairs[0].first.value.slot == "impose"


def test_dates_of_other_lengths_are_no_look_alikes() -> None:
    # "Sunday" (the quake) and "2004" (the tsunami) are not read as rival answers: no note.
    struck = claim("a", value("date", "2019-11-17", "day", "strike"))
    killed = claim("b", value("date", "2004-01-01/2004-12-31", "year", "kill"))
    first = [Reading(v, struck) for v in struck.values]
    assert look_alikes(first, [Reading(v, killed) for v in killed.values], {"a": "A", "b": "B"}) == []


def test_a_look_alike_is_noted_once_in_a_group() -> None:
    from newsweave.brief.align import ClaimGroup
    from newsweave.brief.facts import make_facts

    # Both claims give two agreed values (two facts): the 2013 / 2011 note is told on one of them.
    agreed = (value("count", "8", None, "prefecture"), value("distance", "5", "km", "coast"))
    ban_a = claim("a", value("date", "2013-01-01/2013-12-31", "year", "impose"), *agreed)
    ban_b = claim("b", value("date", "2011-01-01/2011-12-31", "year", "disaster"), *agreed)
    facts = make_facts(ClaimGroup([ban_a, ban_b]), {"a": "A", "b": "B"})
    assert len(facts) == 2 and sum(len(fact.look_alikes) for fact in facts) == 1


def test_facts_of_a_group_split_by_slot() -> None:
    from newsweave.brief.align import ClaimGroup
    from newsweave.brief.facts import make_facts

    quake_a = claim(
        "a", value("magnitude", "6.4", "magnitude", "magnitude"), value("count", "9", None, "death")
    )
    quake_b = claim(
        "b", value("magnitude", "6.4", "magnitude", "magnitude"), value("count", "11", None, "death")
    )
    ban_a = claim("a", value("date", "2013-01-01/2013-12-31", "year", "impose"))
    ban_b = claim("b", value("date", "2011-01-01/2011-12-31", "year", "disaster"))
    sources = {"a": "A", "b": "B"}
    statuses = {
        f.readings[0].value.slot: f.status for f in make_facts(ClaimGroup([quake_a, quake_b]), sources)
    }
    assert statuses == {"magnitude": "corroborated", "death": "disputed"}
    ban = make_facts(ClaimGroup([ban_a, ban_b]), sources)
    assert all(fact.conflict is None for fact in ban)
    assert any(fact.look_alikes for fact in ban)


def worded(number: str, text: str, slot: str = "death") -> ClaimValue:
    return ClaimValue("count", number, None, text, 0, len(text), slot, slot, approximate=False)


@pytest.mark.parametrize(
    ("a", "b", "fits"),
    [
        # A bound is read as its figure: a real if soft conflict (issue 13), not agreement.
        (worded("6", "at least six"), worded("7", "seven"), False),
        (worded("6", "at least six"), worded("7", "at least seven"), False),
        (worded("6", "at least six"), worded("6", "six"), True),
        (worded("100", "nearly 100"), worded("2", "two"), False),  # "nearly 100" is not "up to 100"
        (worded("9", "nearly nine"), worded("6", "six"), False),
        (worded("20", "under 20"), worded("12", "12"), False),
        (worded("5", "5-10"), worded("6", "2-6"), True),  # a range (or a record), not a point
        (worded("9", "nine"), worded("11", "11"), False),
    ],
)
def test_compatible_respects_bounds_and_hedges(a: ClaimValue, b: ClaimValue, fits: bool) -> None:
    assert compatible(a, b) is fits
    assert compatible(b, a) is fits


def test_values_are_rivals_only_when_their_claims_state_the_same_thing() -> None:
    game = Claim(
        "a", 0, 0, 10, "He made two catches in the game", "he", "make", "", values=[worded("2", "two")]
    )
    season = Claim(
        "b", 0, 0, 10, "He has 59 catches this season", "he", "have", "", values=[worded("59", "59")]
    )
    readings = [Reading(game.values[0], game), Reading(season.values[0], season)]
    sources = {"a": "a", "b": "b"}
    assert slot_conflict(readings, sources, link=lambda x, y: 0.2, threshold=0.32) is None
    assert slot_conflict(readings, sources, link=lambda x, y: 0.5, threshold=0.32) is not None
    # The past is background: a toll of 2004 is no rival to today's.
    assert slot_conflict(readings, sources, background=lambda c: c is season) is None


def test_a_conflict_with_a_bound_is_soft() -> None:
    five = Claim("a", 0, 0, 9, "At least five were killed", "", "", "", values=[worded("5", "At least five")])
    one = Claim("b", 0, 0, 9, "The quake killed one", "", "", "", values=[worded("1", "one")])
    nine = Claim("c", 0, 0, 9, "Nine died", "", "", "", values=[worded("9", "Nine")])
    sources = {"a": "a", "b": "b", "c": "c"}
    soft = slot_conflict([Reading(five.values[0], five), Reading(one.values[0], one)], sources)
    hard = slot_conflict([Reading(nine.values[0], nine), Reading(one.values[0], one)], sources)
    assert soft is not None and soft.soft and hard is not None and not hard.soft


def test_a_round_figure_against_an_exact_one_is_soft() -> None:
    exact = Claim("a", 0, 0, 9, "It had 12,500 employees", "", "", "", values=[worded("12500", "12,500")])
    rounded = Claim("b", 0, 0, 9, "Its 12,000 employees", "", "", "", values=[worded("12000", "12,000")])
    other = Claim("c", 0, 0, 9, "Its 15,000 employees", "", "", "", values=[worded("15000", "15,000")])
    sources = {"a": "a", "b": "b", "c": "c"}
    near = slot_conflict([Reading(exact.values[0], exact), Reading(rounded.values[0], rounded)], sources)
    far = slot_conflict([Reading(exact.values[0], exact), Reading(other.values[0], other)], sources)
    assert near is not None and near.soft and far is not None and not far.soft
    assert "round figure" in explain_conflict(near, {"a": "VentureBeat", "b": "The Real Deal"})


def test_slot_descriptions_are_plain_words() -> None:
    assert describe_slot("count", "killing", "death") == "the number of people killed"
    assert describe_slot("magnitude", "tremor", "magnitude") == "the magnitude"
    assert describe_slot("count", "boats", "boat") == "the number of boats"
    assert describe_slot("duration", "old", "old") == "the age"  # "32 years old"
    assert describe_slot("speed", "mph", "mph") == "the speed"
    assert describe_slot("count", "000", "000") == "the number"  # "230, 000" read apart


def test_one_numeral_with_a_loose_unit_word_is_one_value() -> None:
    nautical = ClaimValue("distance", "24.076", "km", "about 13 nautical miles", 0, 9, "away", "away", True)
    statute = ClaimValue("distance", "20.9215", "km", "some 13 miles", 0, 9, "away", "away", True)
    assert compatible(nautical, statute)
    metres = ClaimValue("distance", "0.01", "km", "10-metre", 0, 9, "dhow", "dhow")
    feet = ClaimValue("distance", "0.009144", "km", "24- to 30-foot", 0, 9, "dhow", "dhow")
    assert compatible(metres, feet)  # 10 m lies within 24 to 30 feet's neighbourhood


def test_a_slot_that_caught_a_unit_or_a_name_is_described_by_its_kind() -> None:
    assert describe_slot("distance", "km", "km") == "the distance"
    assert describe_slot("count", "Australian", "australian") == "the number"
    assert describe_slot("distance", "south", "south") == "the distance"


def test_a_discrepancy_holds_only_the_values_whose_claims_are_linked() -> None:
    def stating(article: str, text: str, number: str) -> Claim:
        return Claim(article, 0, 0, len(text), text, "x", "kill", "", values=[worded(number, number)])

    today_a = stating("a", "The quake killed five people", "5")
    past_a = stating("a", "A 2004 quake killed 168000 people", "168000")
    today_b = stating("b", "The quake killed one person", "1")
    readings = [Reading(claim.values[0], claim) for claim in (today_a, past_a, today_b)]
    linked = {(id(today_a), id(today_b)), (id(today_b), id(today_a))}
    conflict = slot_conflict(
        readings, {"a": "a", "b": "b"}, link=lambda x, y: 0.5 * ((id(x), id(y)) in linked), threshold=0.32
    )
    assert conflict is not None
    assert [reading.claim for reading in conflict.readings] == [today_a, today_b]  # not the 2004 toll


def test_values_whose_slot_names_no_thing_are_not_rivals() -> None:
    def counted(article: str, text: str, number: str, slot_text: str) -> Claim:
        found = ClaimValue("count", number, None, number, 0, 1, slot_text.lower(), slot_text)
        return Claim(article, 0, 0, len(text), text, "x", "be", "", values=[found])

    one = counted("a", "One Australian climber fell", "1", "Australian")
    three = counted("b", "Three climbers who were with him were rescued", "3", "climbers")
    seconds_a = counted("a", "with 12 seconds left", "12", "seconds")
    seconds_b = counted("b", "with 29 seconds remaining", "29", "seconds")
    sources = {"a": "a", "b": "b"}
    for pair in ((one, three), (seconds_a, seconds_b)):
        assert slot_conflict([Reading(c.values[0], c) for c in pair], sources) is None
    two = counted("a", "Two climbers died", "2", "climbers")
    assert slot_conflict([Reading(c.values[0], c) for c in (two, three)], sources) is not None


def test_a_part_of_a_whole_is_no_rival_of_the_whole() -> None:
    def counted(article: str, text: str, number: str, written: str) -> Claim:
        start = text.find(written)
        found = ClaimValue("count", number, None, written, start, start + len(written), "pirate", "pirates")
        return Claim(article, 0, 0, len(text), text, "x", "arrest", "", values=[found])

    whole = counted("a", "The navy arrested 23 pirates", "23", "23")
    sources = {"a": "a", "b": "b"}
    for text, number, written in (
        ("Commandos boarded two of the pirate boats", "2", "two"),
        ("They nabbed 12 Somali and 11 Yemeni pirates", "11", "11"),
        ("They nabbed 12 Somali and 11 Yemeni pirates", "12", "12"),
        ("A bomb killed two women and a man", "2", "two"),
    ):
        part = counted("b", text, number, written)
        assert (
            slot_conflict([Reading(whole.values[0], whole), Reading(part.values[0], part)], sources) is None
        )
    other = counted("b", "The navy arrested 26 pirates", "26", "26")
    assert (
        slot_conflict([Reading(whole.values[0], whole), Reading(other.values[0], other)], sources) is not None
    )


def test_equal_small_counts_do_not_make_two_slots_one() -> None:
    from newsweave.brief.align import ClaimGroup
    from newsweave.brief.facts import make_facts

    boats_a = claim("a", value("count", "2", None, "boat"))
    rifles_b = claim("b", value("count", "2", None, "rifle"), value("count", "7", None, "rifle"))
    boats_b = claim("b", value("count", "3", None, "boat"))
    slots = [
        {reading.value.slot for reading in fact.readings}
        for fact in make_facts(ClaimGroup([boats_a, rifles_b, boats_b]), {"a": "A", "b": "B"})
        if fact.readings
    ]
    assert {"boat"} in slots and {"rifle"} in slots  # "two boats" and "two other rifles" stay apart
    members_a = claim("a", value("count", "12", None, "member"))
    agreement_b = claim("b", value("count", "12", None, "agreement"))
    joined = make_facts(ClaimGroup([members_a, agreement_b]), {"a": "A", "b": "B"})
    assert [fact.status for fact in joined if fact.readings] == ["corroborated"]  # the 12-member CPTPP


def test_two_counts_of_different_things_are_not_parts() -> None:
    text = "Around 1,200 firefighters and 10 aircraft were deployed"
    start = text.find("10 aircraft")
    found = ClaimValue("count", "10", None, "10", start, start + 2, "aircraft", "aircraft")
    assert not is_part(Reading(found, Claim("a", 0, 0, len(text), text, "x", "deploy", "", values=[found])))


@pytest.mark.parametrize(
    ("text", "written", "part"),
    [
        ("The two other victims were being treated at Beaumont Hospital", "two", True),
        ("Seven AK-47s, three other automatic rifles and 13 magazines were seized", "three", True),
        ("Rescuers pulled two more bodies from the rubble", "two", True),
        ("Another three people were arrested", "three", True),
        ("The three victims were taken to the hospital", "three", False),
        ("Klitschko landed 28 of his 68 punches thrown during the round", "28", True),
        ("The final numbers showed Klitschko landing 178 of 369 punches thrown", "178", True),
        ("Klitschko landing 178 of 369 punches thrown", "369", True),  # the whole of a proportion
        ("Garrard completed 28 of 41 passes", "41", True),
        ("We've lost three out of four lines", "three", True),
        ("We've lost three out of four lines", "four", True),  # the whole of a proportion
        ("Manning completed his first 17 passes", "17", True),  # a run within the total
        ("One Australian and one English climber have fallen to their deaths", "one", True),
        ("The Colts lost the last two games", "two", True),
        ("The Jaguars had one final chance to win the game", "one", True),
        ("He scored two last-minute goals", "two", False),
        ("It was Klitschko's 58th victory, 51 by KO, for only three defeats", "51", True),  # of the 58
    ],
)
def test_a_count_of_the_rest_or_of_a_whole_is_a_part(text: str, written: str, part: bool) -> None:
    start = text.find(written)
    found = ClaimValue("count", "2", None, written, start, start + len(written), "victim", "victims")
    assert is_part(Reading(found, Claim("a", 0, 0, len(text), text, "x", "be", "", values=[found]))) is part


def test_a_cap_or_prospect_is_no_rival_of_what_happened() -> None:
    def sentenced(article: str, text: str, number: str, written: str) -> Reading:
        start = text.find(written)
        found = ClaimValue(
            "duration", number, "h", written, start, start + len(written), "sentence", "sentence"
        )
        return Reading(found, Claim(article, 0, 0, len(text), text, "he", "sentence", "", values=[found]))

    served = sentenced("a", "He was sentenced to 50 weeks in jail", "8400", "50 weeks")
    cap = sentenced("b", "He faces a maximum sentence of 175 years in prison", "1533000", "175 years")
    assert is_potential(cap) and not is_potential(served)
    assert slot_conflict([served, cap], {"a": "a", "b": "b"}) is None
    guess = sentenced("c", "He would probably be stopped in a round or two", "2", "two")
    assert is_potential(guess)
    said = sentenced("d", "He could not be reached, and was jailed for 50 weeks", "8400", "50 weeks")
    assert not is_potential(said)  # the modal is another clause's
    left = sentenced("e", "12 seconds left, still time for two passes in the end zone", "2", "two")
    assert is_potential(left)


def test_counts_of_tens_far_apart_count_different_things() -> None:
    assert other_scope(value("count", "23", None), value("count", "1500", None))  # arrested vs all pirates
    assert not other_scope(value("count", "1", None), value("count", "24", None))  # a toll that grew
    assert not other_scope(value("count", "160000", None), value("count", "167000", None))


def test_undisputed_values_that_differ_are_separate_facts() -> None:
    from newsweave.brief.align import ClaimGroup
    from newsweave.brief.facts import make_facts

    # Three men in 2008 and four today are not one fact that both reports confirm (no link between the
    # two claims: no dispute either).
    old = claim("a", value("count", "3", None, "man"))
    today = claim("b", value("count", "4", None, "man"))
    also_today = claim("c", value("count", "4", None, "man"))
    group = ClaimGroup([old, today, also_today], link=lambda first, second: 0.0)
    facts = [fact for fact in make_facts(group, {"a": "A", "b": "B", "c": "C"}) if fact.readings]
    assert [(fact.status, sorted(fact.article_ids)) for fact in facts] == [
        ("single_source", ["a"]),
        ("corroborated", ["b", "c"]),
    ]


def test_measures_agree_within_the_precision_they_are_written_at() -> None:
    from newsweave.brief.compare import written_precision

    def depth(number: str, text: str) -> ClaimValue:
        return ClaimValue("distance", number, "km", text, 0, len(text), "depth", "depth", approximate=False)

    # "10 kilometers ( six miles)": six miles is 9.66 km, rounded in the unit it is written in.
    assert compatible(depth("10", "10 kilometers"), depth("9.656", "six miles"))
    assert not compatible(depth("0.6", "600 m"), depth("0.7", "700 m"))  # two numbers of one unit
    assert not compatible(depth("0.06", "60m"), depth("0.15", "150 meters"))
    assert written_precision("six miles") == pytest.approx(0.075)
    assert written_precision("1.5 km") == pytest.approx(0.03)
    assert written_precision("no number") == 0.0
    # Counts are not measures: 24 dead and 25 dead are two tolls.
    assert not compatible(value("count", "24", None), value("count", "25", None))


def _bearing(degrees: str, text: str) -> ClaimValue:
    return ClaimValue("bearing", degrees, "degree", text, 0, len(text), "IDN:Bireun", "Bireun")


def test_bearings_from_one_place_conflict_only_a_quarter_turn_apart() -> None:
    south = _bearing("180", "55 kilometres south of Bireun")
    west = _bearing("270", "55 kilometers (34 miles) west of the town of Bireun")
    southwest = _bearing("225", "55 km southwest of Bireun")
    assert comparable(south, west)
    assert not compatible(south, west)
    assert compatible(south, southwest)  # one rounds south-southwest down, the other up
    conflict = slot_conflict([Reading(south, claim("a", south)), Reading(west, claim("b", west))], {})
    assert conflict is not None
    explanation = explain_conflict(conflict, {"a": "Reuters", "b": "AP"})
    assert explanation.startswith("Sources differ on the direction from Bireun: “55 kilometres south of")
    assert explanation.endswith("The directions are 90 degrees apart.")
    assert "%" not in explanation


def test_an_agreed_bearing_makes_no_fact_of_its_own() -> None:
    from newsweave.brief.align import ClaimGroup
    from newsweave.brief.facts import make_facts

    south = claim("a", _bearing("180", "south of Bireun"))
    also_south = claim("b", _bearing("180", "south of Bireun"))
    facts = make_facts(ClaimGroup([south, also_south], link=lambda first, second: 1.0), {"a": "A", "b": "B"})
    assert [(fact.status, fact.readings) for fact in facts] == [("corroborated", [])]
    west = claim("b", _bearing("270", "west of Bireun"))
    facts = make_facts(ClaimGroup([south, west], link=lambda first, second: 1.0), {"a": "A", "b": "B"})
    assert [fact.status for fact in facts] == ["disputed"]


def test_the_same_day_does_not_make_two_slots_one() -> None:
    from newsweave.brief.align import ClaimGroup
    from newsweave.brief.facts import make_facts

    # "Police fired tear gas on Tuesday as about 3,000 protesters marched" / "Some 3,600 protesters
    # marched on Tuesday": every report of the day names it, so the two dates are no shared fact (one
    # made the 3,600 sentence a fact "corroborated" by the report that says 3,000).
    def tuesday(slot: str) -> ClaimValue:
        return ClaimValue("date", "2026-05-19", "day", "Tuesday", 0, 7, slot, slot)

    fired = claim("a", tuesday("fire"))
    marched = claim("b", tuesday("march"))
    facts = make_facts(ClaimGroup([fired, marched], link=lambda first, second: 1.0), {"a": "A", "b": "B"})
    assert [fact for fact in facts if fact.readings] == []

    # A date written out is as telling as an amount: the two slots are one.
    def november(slot: str) -> ClaimValue:
        return ClaimValue("date", "2019-11-16", "day", "November 16", 0, 11, slot, slot)

    reported = claim("a", november("case"))
    contracted = claim("b", november("contract"))
    group = ClaimGroup([reported, contracted], link=lambda first, second: 1.0)
    facts = make_facts(group, {"a": "A", "b": "B"})
    assert [(fact.status, len(fact.readings)) for fact in facts if fact.readings] == [("corroborated", 2)]
    # One slot dated alike by two sources is still a fact they share.
    also_marched = claim("a", tuesday("march"))
    group = ClaimGroup([also_marched, marched], link=lambda first, second: 1.0)
    facts = make_facts(group, {"a": "A", "b": "B"})
    assert [(fact.status, len(fact.readings)) for fact in facts if fact.readings] == [("corroborated", 2)]


def _toll(article_id: str, text: str, written: str, number: str) -> Reading:
    start = text.index(written)
    found = ClaimValue("count", number, None, written, start, start + len(written), "death", "killed")
    return Reading(found, Claim(article_id, 0, 0, len(text), text, "x", "kill", "", values=[found]))


def test_a_sources_count_for_one_district_breaks_its_own_total_down() -> None:
    from newsweave.brief.same_quantity import breakdowns, local_scope

    total = _toll("a", "At least 24 people were killed by the quake", "At least 24", "24")
    district = _toll("a", "In neighbouring Central Aceh district, 10 people were killed", "10", "10")
    town = _toll("a", "Five were killed in Takengon, the capital of Central Aceh district", "Five", "5")
    other = _toll("b", "Eleven people were killed in the quake", "Eleven", "11")
    assert local_scope(district) == local_scope(town) == "central aceh"
    assert local_scope(total) is None
    province = _toll("a", "Two were killed in Aceh province", "Two", "2")
    assert local_scope(province) is None  # the scale stories are told at
    assert breakdowns([total, district, town, other], {}) == {id(district), id(town)}
    conflict = slot_conflict([total, district, other], {})
    assert conflict is not None
    assert sorted(r.value.value for r in conflict.readings) == ["11", "24"]
    # A source that gives only a district's count is no breakdown of its own total, and it is no rival
    # of another source's count for no one place (the demo's "injured in Takengon" against Aceh's
    # 249); two counts for one district still compare.
    only_local = _toll("c", "Nine people were killed in Bener Meriah district", "Nine", "9")
    assert breakdowns([only_local, other], {}) == set()
    assert slot_conflict([only_local, other], {}) is None
    same_district = _toll("d", "Twelve people were killed in Bener Meriah district", "Twelve", "12")
    assert slot_conflict([only_local, same_district], {}) is not None
    # A district named in the sentence before is still one district: "He said at least 22 houses were
    # badly damaged in the district" (the demo) is no rival of "more than 300 houses in Aceh".
    unnamed = _toll("e", "He said at least 22 people were killed in the district", "at least 22", "22")
    assert local_scope(unnamed) == "the district"
    assert slot_conflict([unnamed, other], {}) is None


def test_the_pasts_agreeing_values_do_not_join_todays_slots() -> None:
    from newsweave.brief.align import ClaimGroup
    from newsweave.brief.facts import make_facts

    # One report tells the 2004 tsunami's toll as deaths, another as people; joined on it, Manokwari's
    # 160,000 people became rivals of today's five and four dead.
    tsunami_deaths = claim("a", value("count", "170000", None, "death"))
    deaths_a = claim("a", value("count", "5", None, "death"))
    tsunami_people = claim("b", value("count", "170000", None, "people"))
    city = claim("b", value("count", "160000", None, "people"))
    deaths_b = claim("b", value("count", "4", None, "death"))
    claims = [tsunami_deaths, deaths_a, tsunami_people, city, deaths_b]
    past = {id(tsunami_deaths), id(tsunami_people)}
    facts = make_facts(
        ClaimGroup(claims, link=lambda first, second: 1.0),
        {"a": "A", "b": "B"},
        background=lambda c: id(c) in past,
    )
    disputes = [sorted(r.value.value for r in fact.conflict.readings) for fact in facts if fact.conflict]
    assert disputes == [["4", "5"]]


def test_the_pasts_values_stay_facts_of_their_own_beside_a_dispute() -> None:
    from newsweave.brief.align import ClaimGroup
    from newsweave.brief.facts import make_facts

    none = claim("a", value("count", "0", None, "death"))
    twelve = claim("b", value("count", "12", None, "death"))
    war_a = claim("a", value("count", "2e+06", None, "death"))
    war_b = claim("b", value("count", "2e+06", None, "death"))
    past = {id(war_a), id(war_b)}
    facts = make_facts(
        ClaimGroup([none, twelve, war_a, war_b], link=lambda first, second: 1.0),
        {"a": "A", "b": "B"},
        background=lambda c: id(c) in past,
    )
    valued = [(fact.status, sorted(r.value.value for r in fact.readings)) for fact in facts if fact.readings]
    assert valued == [("disputed", ["0", "12"]), ("corroborated", ["2e+06", "2e+06"])]


def test_two_people_s_values_each_disputed_are_two_disputes() -> None:
    from newsweave.brief.align import ClaimGroup
    from newsweave.brief.compare import holder_groups
    from newsweave.brief.facts import make_facts

    def fall(article: str, metres: str, who: str) -> Claim:
        found = claim(article, value("distance", metres, "m", "fall"))
        found.subject = who
        return found

    rait_a, rait_b = fall("a", "60", "Rait"), fall("b", "150", "Rait")
    buckley_a, buckley_b = fall("a", "600", "Buckley"), fall("b", "700", "Buckley")
    unnamed = fall("c", "609", "A British man")  # "around 2,000ft": Buckley's, by agreeing with his 600 m

    def same(first: Reading, second: Reading) -> bool:
        people = {first.claim.subject, second.claim.subject} - {"A British man"}
        return len(people) < 2

    readings = [Reading(c.values[0], c) for c in (rait_a, buckley_a, rait_b, buckley_b, unnamed)]
    groups, held = holder_groups(readings, same)
    assert [[r.value.value for r in group] for group in groups] == [["60", "150"], ["600", "700", "609"]]
    assert len(held) == 4
    group = ClaimGroup([rait_a, buckley_a, rait_b, buckley_b, unnamed], link=lambda first, second: 1.0)
    sources = {"a": "A", "b": "B", "c": "C"}
    disputed = [fact for fact in make_facts(group, sources, same_holder=same) if fact.conflict]
    assert sorted(sorted(r.value.value for r in fact.conflict.readings) for fact in disputed) == [
        ["150", "60"],
        ["600", "609", "700"],
    ]
    # Without holders the slot's values are one dispute, as before.
    (whole,) = [fact for fact in make_facts(group, sources) if fact.conflict]
    assert len(whole.conflict.readings) == 5


def test_a_past_date_several_sources_recall_makes_no_fact_of_its_own() -> None:
    from newsweave.brief.align import ClaimGroup
    from newsweave.brief.facts import make_facts

    # "I was not on the July 25 phone call" / "lawmakers grilled Vindman on Trump's July 25 call": the
    # call's date is context both sentences share, not what either states.
    first = claim("a", value("date", "2019-07-25", "day", "call"))
    second = claim("b", value("date", "2019-07-25", "day", "call"))
    group = ClaimGroup([first, second], link=lambda one, other: 1.0)
    sources = {"a": "A", "b": "B"}
    assert [fact.readings for fact in make_facts(group, sources) if fact.readings]  # today's: a fact
    past = make_facts(group, sources, background=lambda found: True)
    assert not [fact for fact in past if fact.readings]


def _count(article: str, text: str, written: str, number: str, slot: str) -> Reading:
    start = text.find(written)
    found = ClaimValue("count", number, None, written, start, start + len(written), slot, slot)
    return Reading(found, Claim(article, 0, 0, len(text), text, "x", "be", "", values=[found]))


@pytest.mark.parametrize(
    ("first", "second", "other"),
    [
        # A group of people is a part of a toll ...
        (("AN EARTHQUAKE killed six children", "six", "6"), ("24 people were killed", "24", "24"), True),
        # ... but two counts of one group still compare, and so do two plain tolls.
        (("It killed six children", "six", "6"), ("It killed five children", "five", "5"), False),
        (("It killed at least one person", "one", "1"), ("24 people were killed", "24", "24"), False),
        # Kinds named apart ("Atom" / "Xeon") count different things; one named, one not, may be one.
        (
            ("SeaMicro put 384 Intel Atom dual-core processors in a system", "384", "384"),
            ("a server powered by 64 Intel Xeon processors", "64", "64"),
            True,
        ),
        (("They held 23 Somali pirates", "23", "23"), ("The navy arrested 26 pirates", "26", "26"), False),
    ],
)
def test_counts_of_other_groups_or_kinds_are_not_rivals(
    first: tuple[str, str, str], second: tuple[str, str, str], other: bool
) -> None:
    from newsweave.brief.same_quantity import counts_other_things

    x, y = _count("a", *first, "kill"), _count("b", *second, "kill")
    assert counts_other_things(x, y) is other
    assert (slot_conflict([x, y], {"a": "a", "b": "b"}) is None) is other


@pytest.mark.parametrize(
    ("first", "second", "slot", "other"),
    [
        # ECB+ 12_ecb: AK-47s and machine guns, AK-47 rifles and other rifles, are two kinds ...
        (
            ("recovered 12 AK 47 guns", "12"),
            ("seven AK-47 assault rifles, three machine guns", "three"),
            "guns",
            True,
        ),
        (("seven AK-47 assault rifles", "seven"), ("and three other rifles", "three"), "rifles", True),
        # ... words that share one ("fully loaded" / "loaded"), or a plain count, may count one thing.
        (("13 fully loaded magazines", "13"), ("12 loaded magazines", "12"), "magazines", False),
        (("Nine assault rifles", "Nine"), ("seven AK-47 assault rifles", "seven"), "rifles", False),
        (("two pirate boats", "two"), ("three boats", "three"), "boats", False),
    ],
)
def test_counts_whose_words_before_the_noun_share_nothing_count_two_kinds(
    first: tuple[str, str], second: tuple[str, str], slot: str, other: bool
) -> None:
    from newsweave.brief.same_quantity import counts_other_things

    numbers = {"12": "12", "seven": "7", "three": "3", "13": "13", "Nine": "9", "two": "2"}
    x = _count("a", first[0], first[1], numbers[first[1]], slot)
    y = _count("b", second[0], second[1], numbers[second[1]], slot)
    assert counts_other_things(x, y) is other


def test_a_measure_converted_to_another_system_agrees_within_its_rounding() -> None:
    def length(number: str, written: str) -> ClaimValue:
        return ClaimValue("distance", number, "km", written, 0, len(written), "dhow", "dhow")

    # ECB+ 12_ecb: "a 10-metre dhow" / "a 30-foot dhow" (9.1 m): one length, converted and rounded.
    assert compatible(length("0.01", "10-metre"), length("0.009144", "30-foot"))
    assert not compatible(length("0.01", "10-metre"), length("0.012192", "40-foot"))  # 22% apart
    # In one system there is no such slack: "10 metres" and "11 metres" are two lengths.
    assert not compatible(length("0.01", "10 metres"), length("0.011", "11 metres"))
