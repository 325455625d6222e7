"""Whose value: ages belong to the person named beside them, other values to their claim's subject."""

from __future__ import annotations

from newsweave.brief.compare import Reading
from newsweave.brief.holders import holder_test
from newsweave.data import Claim, ClaimValue, Mention


def _reading(article: str, text: str, number: str, value_text: str, slot: str, subject: str) -> Reading:
    start = text.find(value_text)
    kind = "duration" if slot == "old" else "count"
    value = ClaimValue(kind, number, None, value_text, start, start + len(value_text), slot, slot)
    return Reading(value, Claim(article, 0, 0, len(text), text, subject, "be", "", values=[value]))


def _person(text: str, name: str, entity: str) -> Mention:
    start = text.find(name)
    return Mention(start, start + len(name), name, "PERSON", 0, entity_id=entity)


def test_ages_are_rivals_only_when_both_belong_to_one_named_person() -> None:
    suspect = "The suspect, 38-year-old Anthony LaCalamita, was arrested"
    victims = "Police identified the victims as a 47-year-old man and a 48-year-old man"
    buckley_a = "32-year-old Englishman Robert Buckley fell about 600 metres"
    buckley_b = "31-year-old Robert Buckley fell 700 meters"
    same = holder_test(
        {
            "a": [_person(suspect, "Anthony LaCalamita", "lacalamita")],
            "b": [_person(buckley_b, "Robert Buckley", "rb")],
            "c": [],
            "d": [_person(buckley_a, "Robert Buckley", "rb")],
        }
    )
    age_38 = _reading("a", suspect, "38", "38-year", "old", "The suspect")
    age_47 = _reading("c", victims, "47", "47-year", "old", "Police")
    assert not same(age_38, age_47)  # the suspect's age and an unnamed victim's
    assert same(
        _reading("d", buckley_a, "32", "32-year", "old", "x"),
        _reading("b", buckley_b, "31", "31-year", "old", "x"),
    )


def test_values_of_claims_whose_subjects_name_different_people_are_not_rivals() -> None:
    garrard = "Garrard, who completed 28 passes for 329 yards, ran for two yards"
    clause = "who completed 28 passes for 329 yards"
    manning = "Manning completed his first 17 passes"
    unnamed = "The quarterback completed 20 passes"
    same = holder_test(
        {
            "a": [_person(garrard, "Garrard", "garrard")],
            "b": [_person(manning, "Manning", "manning")],
            "c": [],
        }
    )
    inner = _reading("a", garrard, "28", "28", "passes", "who")
    inner.claim.start, inner.claim.text = garrard.find(clause), clause  # the relative clause after the name
    first = _reading("b", manning, "17", "17", "passes", "Manning")
    assert not same(inner, first)  # "who" stands for Garrard
    assert same(first, _reading("c", unnamed, "20", "20", "passes", "The quarterback"))  # not held: may rival


def test_values_of_claims_in_different_countries_are_not_rivals() -> None:
    def placed(article: str, text: str, number: str, country: str) -> Reading:
        count = ClaimValue("count", number, None, number, 0, 1, "people:diagnose", "people")
        place = ClaimValue("place", f"{country}:{country}", "country", country, 2, 4, "report", "reported")
        return Reading(count, Claim(article, 0, 0, len(text), text, "x", "report", "", values=[count, place]))

    same = holder_test({"a": [], "b": [], "c": []})
    china = placed("a", "Two people were diagnosed in China last week", "2", "CHN")
    america = placed("b", "Up to a dozen people are diagnosed in the US annually", "12", "USA")
    assert not same(china, america)
    assert same(china, placed("c", "Three people were diagnosed in China", "3", "CHN"))
    # A clause that names no place ("with up to a dozen people diagnosed annually") has its sentence's.
    text = "Cases spring up in the US, with up to a dozen people diagnosed annually"
    clause_count = ClaimValue("count", "12", None, "up to a dozen", 0, 1, "people:diagnose", "people")
    clause = Reading(
        clause_count, Claim("b", 0, 31, len(text), text[31:], "", "diagnose", "", values=[clause_count])
    )
    sentence = america.claim
    assert same(china, clause)  # not known to be elsewhere without the sentence
    assert not holder_test({"a": [], "b": []}, [china.claim, sentence, clause.claim])(china, clause)


def test_a_pronoun_opening_a_sentence_stands_for_the_person_named_last_before_it() -> None:
    article = "Dennis Northcutt continued to make a big difference. He caught five passes for 68 yards"
    caught = article.find("He caught")
    mentions = [_person(article, "Dennis Northcutt", "northcutt")]
    count = ClaimValue("count", "5", None, "five", caught + 11, caught + 15, "passes", "passes")
    he = Reading(
        count, Claim("a", 1, caught, len(article), article[caught:], "He", "catch", "", values=[count])
    )
    manning = "Manning completed 29 passes"
    same = holder_test({"a": mentions, "b": [_person(manning, "Manning", "manning")]})
    assert not same(he, _reading("b", manning, "29", "29", "passes", "Manning"))


def test_a_clause_without_a_subject_has_the_subject_of_the_claim_around_it() -> None:
    text = "Manning finished with 29-of-34 after completing his first 17 passes"
    clause = text[text.find("completing") :]
    count = ClaimValue("count", "17", None, "17", text.find("17"), text.find("17") + 2, "passes", "passes")
    inner = Reading(
        count, Claim("a", 0, text.find(clause), len(text), clause, "", "complete", "", values=[count])
    )
    whole = Claim("a", 0, 0, len(text), text, "Manning", "finish", "", values=[count])
    garrard = "Garrard completed 28 passes"
    mentions = {"a": [_person(text, "Manning", "manning")], "b": [_person(garrard, "Garrard", "garrard")]}
    rival = _reading("b", garrard, "28", "28", "passes", "Garrard")
    assert holder_test(mentions)(inner, rival)  # alone, the clause is no one's
    assert not holder_test(mentions, [whole, inner.claim, rival.claim])(inner, rival)


def test_a_value_with_a_place_right_after_it_is_that_country_s() -> None:
    def share(article: str, text: str, number: str, written: str) -> Reading:
        values = []
        at = text.find(written)
        amount = ClaimValue("percent", number, "%", written, at, at + len(written), "traffic", "traffic")
        values.append(amount)
        for name, code in (("Saudi Arabia", "SAU"), ("Egypt", "EGY"), ("India", "IND")):
            where = text.find(name)
            if where >= 0:
                values.append(
                    ClaimValue("place", f"{code}:{name}", "country", name, where, where + len(name), "x", "x")
                )
        return Reading(amount, Claim(article, 0, 0, len(text), text, "x", "be", "", values=values))

    listed = "55 percent of voice traffic in Saudi Arabia, 52 percent in Egypt and 82 percent in India"
    saudi = share("a", listed, "55", "55 percent")
    india = share("b", "At present 65 % of traffic with India is offline", "65", "65 %")
    same = holder_test({"a": [], "b": [], "c": []})
    assert not same(saudi, india)  # every country is named in the first sentence, but 55 % is Saudi Arabia's
    assert same(
        india, share("c", "Sixty-five per cent of traffic to India was down", "65", "Sixty-five per cent")
    )


def test_an_unnamed_subject_of_an_age_one_named_person_has_is_that_person() -> None:
    def fell(article: str, text: str, subject: str, age: str, metres: str) -> Reading:
        at = text.find(f"{age}-year-old")
        years = ClaimValue("age", age, "years", f"{age}-year-old", at, at + len(age) + 9, "age", "age")
        where = text.find(f"{metres} m")
        fall = ClaimValue("distance", metres, "m", f"{metres} m", where, where + len(metres) + 2, "fall", "f")
        return Reading(fall, Claim(article, 0, 0, len(text), text, subject, "fall", "", values=[years, fall]))

    rait_text, buckley_text = "36-year-old Duncan Rait fell 60 m", "32-year-old Robert Buckley fell 600 m"
    rait = fell("a", rait_text, "36-year-old Duncan Rait", "36", "60")
    buckley = fell("c", buckley_text, "32-year-old Robert Buckley", "32", "600")
    man = "A 36-year-old Australian man"
    unnamed = fell("b", f"{man} fell 150 m", man, "36", "150")
    mentions = {
        "a": [_person(rait_text, "Duncan Rait", "rait")],
        "b": [],
        "c": [_person(buckley_text, "Robert Buckley", "buckley")],
    }
    assert holder_test(mentions)(unnamed, buckley)  # alone, the man may be anyone
    same = holder_test(mentions, [rait.claim, buckley.claim, unnamed.claim])
    assert not same(unnamed, buckley)  # the story's one 36-year-old is Rait
    assert same(unnamed, rait)


def test_who_says_a_value_does_not_hold_it() -> None:
    first = "Sutopo Purwo Nugroho said 10 houses were damaged"
    second = "Disaster agency official Fauzi said around 40 houses were damaged"
    same = holder_test(
        {"a": [_person(first, "Sutopo Purwo Nugroho", "sutopo")], "b": [_person(second, "Fauzi", "fauzi")]}
    )
    said = _reading("a", first, "10", "10", "house", "Sutopo Purwo Nugroho")
    said.claim.predicate = "say"
    other = _reading("b", second, "40", "around 40", "house", "Disaster agency official Fauzi")
    other.claim.predicate = "say"
    assert same(said, other)
