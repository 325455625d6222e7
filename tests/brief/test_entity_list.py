"""The brief's entity list: one entry per name when the tagger typed one name two ways."""

from __future__ import annotations

from collections import Counter

from newsweave.brief.entity_list import one_per_name
from newsweave.data import Entity


def test_a_name_typed_two_ways_is_listed_once_as_the_place_the_gazetteer_found() -> None:
    # 22_ecb: "Staunton police" tagged PERSON (4 reports), "a shop in Staunton" a place (5 reports).
    person = Entity("p", "Staunton", "PERSON", None, {"Staunton": {"a", "b", "c", "d"}}, 4)
    place = Entity("g", "Staunton", "GPE", "USA", {"Staunton": {"c", "e"}}, 2)
    shop = Entity("s", "High's Ice Cream Shop", "ORG", None, {"High's Ice Cream Shop": {"a"}}, 1)
    labels = {"p": Counter({"PERSON": 4}), "g": Counter({"GPE": 2}), "s": Counter({"ORG": 1})}
    listed, votes = one_per_name([person, shop, place], labels)
    assert [entity.id for entity in listed] == ["p", "s"]
    assert listed[0].aliases == {"Staunton": {"a", "b", "c", "d", "e"}} and listed[0].country == "USA"
    assert votes["p"] == Counter({"GPE": 1})
    assert person.aliases == {"Staunton": {"a", "b", "c", "d"}}  # the store's entities are not changed


def test_names_of_one_type_or_of_two_countries_stay_apart() -> None:
    state = Entity("us", "Georgia", "GPE", "USA", {"Georgia": {"a"}}, 1)
    country = Entity("ge", "Georgia", "GPE", "GEO", {"Georgia": {"b"}}, 1)
    region = Entity("r", "Georgia", "LOC", "GEO", {"Georgia": {"c"}}, 1)
    assert len(one_per_name([state, country], {})[0]) == 2
    assert [entity.id for entity in one_per_name([state, region], {})[0]] == ["us", "r"]
    # Unplaced, the mentions' labels decide the type: "Black Death" a work of art and a facility.
    art = Entity("w", "Black Death", "WORK_OF_ART", None, {"Black Death": {"a", "b"}}, 2)
    facility = Entity("f", "Black Death", "FAC", None, {"Black Death": {"a"}}, 1)
    listed, votes = one_per_name(
        [art, facility], {"w": Counter({"WORK_OF_ART": 2}), "f": Counter({"FAC": 1})}
    )
    assert len(listed) == 1 and votes["w"] == Counter({"WORK_OF_ART": 2, "FAC": 1})
