"""Actor finding and coding: country (ISO-3) and PLOVER sector from titles, nouns, names and places."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsweave.data import Actor
from newsweave.events.actors import ArticleActors, actor_key
from newsweave.events.coding import is_international, nationality_country, office_sector, organisation_sector


@pytest.mark.parametrize(
    ("words", "sector"),
    [
        ("President", "GOV"), ("Prime Minister", "GOV"), ("National Security Adviser", "GOV"),
        ("former President", "ELI"), ("opposition leader", "OPP"), ("military officials", "MIL"),
        ("police chief", "COP"), ("police minister", "GOV"), ("troops", "MIL"), ("lawmakers", "LEG"),
        ("Judge", "JUD"), ("protesters", "CVL"), ("rebels", "REB"), ("chipmakers", "BUS"),
        ("students", "EDU"), ("journalists", "JRN"), ("refugees", "REF"), ("Archbishop", "REL"),
        ("weather", None),
    ],
)  # fmt: skip
def test_office_sector(words: str, sector: str | None) -> None:
    assert office_sector(words.split()) == sector


def test_organisations() -> None:
    assert organisation_sector("Ministry of Foreign Affairs") == "GOV"
    assert organisation_sector("Samsung Electronics") == "BUS"
    assert organisation_sector("Korean Confederation of Trade Unions") == "LAB"
    assert organisation_sector("Bluebird") is None
    assert is_international("the United Nations") and is_international("U.N.") and is_international("EU")
    assert not is_international("Japan")


def test_actor_key_prefers_codes_then_entity_then_name() -> None:
    assert actor_key(Actor("Lee", "KOR", "GOV", entity_id="e1")) == ("KOR", "GOV")
    assert actor_key(Actor("Lee", None, "GOV", entity_id="e1")) == ("entity", "e1")
    assert actor_key(Actor("The  Group", None, None)) == ("name", "the group")


def _actor(parse: Callable[..., tuple], text: str, word: str, nth: int = 0) -> Actor | None:
    article, doc, analysis = parse(text)
    actors = ArticleActors(article.text, doc, analysis)
    token = [t for t in doc if t.text == word][nth]
    found = actors.actor_at(token)
    return found.actor if found else None


@pytest.mark.parametrize(
    ("text", "head", "expected"),
    [
        ("South Korean President Lee Jae Myung arrived.", "Myung", ("Lee Jae Myung", "KOR", "GOV")),
        ("South Korea's National Security Adviser Wi Sung-lac spoke.", "lac", ("Wi Sung-lac", "KOR", "GOV")),
        ("Egyptian police opened fire.", "police", ("Egyptian police", "EGY", "COP")),
        (
            "South Korea's foreign ministry protested.",
            "ministry",
            ("South Korea's foreign ministry", "KOR", "GOV"),
        ),
        ("Thousands of Iraqi Kurds marched.", "Thousands", ("Iraqi Kurds", "IRQ", "CVL")),
        ("Opposition groups in Zimbabwe demanded reforms.", "groups", (None, "ZWE", "OPP")),
        ("Japan protested.", "Japan", ("Japan", "JPN", "GOV")),
        ("Seoul protested.", "Seoul", ("Seoul", "KOR", "GOV")),
        ("The United Nations protested.", "Nations", ("United Nations", None, None)),
        ("Former President Moon Jae-in criticized the plan.", "in", (None, None, "ELI")),
        ("The weather worsened.", "weather", None),
    ],
)
def test_actor_at(parse: Callable[..., tuple], text: str, head: str, expected: tuple | None) -> None:
    actor = _actor(parse, text, head)
    if expected is None:
        assert actor is None
        return
    assert actor is not None
    name, country, sector = expected
    assert (actor.country, actor.sector) == (country, sector), actor
    if name is not None:
        assert actor.name == name


def test_a_person_named_again_keeps_title_and_country(parse: Callable[..., tuple]) -> None:
    text = "South Korean President Lee Jae Myung arrived in Tokyo. Later, Lee met Takaichi."
    actor = _actor(parse, text, "Lee", nth=1)
    assert actor is not None and (actor.country, actor.sector) == ("KOR", "GOV") and actor.mention is not None


def test_coordinated_actors_and_anaphors(parse: Callable[..., tuple]) -> None:
    article, doc, analysis = parse("Hungarian and Romanian officials met. The two sides agreed. They left.")
    actors = ArticleActors(article.text, doc, analysis)
    sides = next(t for t in doc if t.text == "sides")
    they = next(t for t in doc if t.text == "They")
    assert actors.anaphor(sides) is not None and actors.anaphor(they) is not None
    officials = next(t for t in doc if t.text == "officials")
    assert actors.anaphor(officials) is None


@pytest.mark.parametrize(
    ("word", "iso"),
    [
        ("Japanese", "JPN"), ("South Korean", "KOR"), ("Rwandan", "RWA"), ("Haitians", "HTI"),
        ("Jordanian", "JOR"), ("Senegalese", "SEN"), ("Kyrgyz", "KGZ"), ("Bosnian", "BIH"),
        ("Iraqi Kurds", "IRQ"), ("Christian", None), ("European", None), ("Roman", None), ("asian", None),
    ],
)  # fmt: skip
def test_nationality_country(word: str, iso: str | None) -> None:
    assert nationality_country(word) == iso
