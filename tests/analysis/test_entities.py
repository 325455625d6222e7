"""Entity resolution: within-article short forms, cross-article merges and non-merges, countries, ids."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from newsweave.analysis.coref_rules import blocking_keys, country_before, surface_form
from newsweave.analysis.entities import EntityResolver, entity_id
from newsweave.data import Entity, Mention

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
SEED0 = "seed000"
SEED4 = "seed004"

# (surface, label, title): every whole-word occurrence not inside a longer mention becomes a mention.
SEED0_MENTIONS = [
    ("Comprehensive and Progressive Agreement for Trans-Pacific Partnership", "LAW", None),
    ("Lee Jae Myung", "PERSON", "South Korean President"),
    ("Sanae Takaichi", "PERSON", "Japanese Prime Minister"),
    ("Wi Sung-lac", "PERSON", "National Security Adviser"),
    ("Prime Minister Takaichi", "PERSON", None),
    ("President Lee", "PERSON", None),
    ("Korean Peninsula", "LOC", None),
    ("South Korea", "GPE", None),
    ("Takaichi", "PERSON", None),
    ("Horyuji", "FAC", None),
    ("UNESCO", "ORG", None),
    ("CPTPP", "ORG", None),
    ("Seoul", "GPE", None),
    ("Japan", "GPE", None),
    ("Nara", "GPE", None),
    ("Asia", "LOC", None),
]
SEED4_MENTIONS = [
    ("Comprehensive and Progressive Agreement for Trans-Pacific Partnership", "ORG", None),
    ("Yamaguchi Prefecture", "GPE", None),
    ("Lee Jae Myung", "PERSON", "President"),
    ("Sanae Takaichi", "PERSON", "Prime Minister"),
    ("Wi Sung-lack", "PERSON", "National Security Adviser"),
    ("Xi Jinping", "PERSON", "Chinese President"),
    ("United States", "GPE", None),
    ("North Korea", "GPE", None),
    ("South Korea", "GPE", None),
    ("Takaichi", "PERSON", None),
    ("Beijing", "GPE", None),
    ("Chosei", "FAC", None),
    ("CPTPP", "ORG", None),
    ("Seoul", "GPE", None),
    ("Tokyo", "GPE", None),
    ("China", "GPE", None),
    ("Japan", "GPE", None),
    ("Nara", "GPE", None),
    ("Lee", "PERSON", None),
]


def make_mentions(text: str, specs: list[tuple[str, str, str | None]]) -> list[Mention]:
    """Mentions at every whole-word occurrence of each surface, longest specs first, no overlaps."""
    taken: list[tuple[int, int]] = []
    mentions: list[Mention] = []
    for surface, label, title in specs:
        for found in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
            start, end = found.span()
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            mentions.append(Mention(start, end, surface, label, 0, title=title))
    return sorted(mentions, key=lambda m: m.start)


def seed(name: str) -> str:
    prefix = "000" if name == SEED0 else "004"
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def resolve_seeds(split: bool = False) -> tuple[EntityResolver, list[Mention], list[Mention]]:
    """Resolve both seeds in one resolver, or (``split``) the second in a resolver built from copies."""
    text0, text4 = seed(SEED0), seed(SEED4)
    mentions0, mentions4 = make_mentions(text0, SEED0_MENTIONS), make_mentions(text4, SEED4_MENTIONS)
    resolver = EntityResolver()
    resolver.resolve_article(SEED0, text0, mentions0)
    if split:
        resolver = EntityResolver(copy.deepcopy(list(resolver.entities.values())))
    resolver.resolve_article(SEED4, text4, mentions4)
    return resolver, mentions0, mentions4


def by_name(resolver: EntityResolver, name: str) -> Entity:
    matches = [e for e in resolver.entities.values() if name in e.aliases]
    assert len(matches) == 1, (name, matches)
    return matches[0]


def resolve(
    *articles: list[tuple[str, str]], label: str = "PERSON"
) -> tuple[EntityResolver, list[list[Mention]]]:
    """Resolve articles given as lists of (text, surface) pairs joined into one text each."""
    resolver = EntityResolver()
    all_mentions = []
    for number, parts in enumerate(articles):
        text = " ".join(part for part, _ in parts)
        mentions = [Mention(text.find(s), text.find(s) + len(s), s, label, 0) for p, s in parts if s]
        resolver.resolve_article(f"a{number}", text, mentions)
        all_mentions.append(mentions)
    return resolver, all_mentions


def test_seed_entities() -> None:
    resolver, mentions0, mentions4 = resolve_seeds()
    wi = by_name(resolver, "Wi Sung-lac")
    assert wi.aliases == {"Wi Sung-lac": {SEED0}, "Wi Sung-lack": {SEED4}}
    assert wi.country == "KOR"
    lee = by_name(resolver, "Lee Jae Myung")
    assert lee.aliases["Lee"] == {SEED0, SEED4} and lee.country == "KOR" and lee.name == "Lee Jae Myung"
    takaichi = by_name(resolver, "Sanae Takaichi")
    assert takaichi.country == "JPN" and takaichi.aliases["Takaichi"] == {SEED0, SEED4}
    assert by_name(resolver, "Xi Jinping").country == "CHN"
    cptpp = by_name(resolver, "CPTPP")
    assert "Comprehensive and Progressive Agreement for Trans-Pacific Partnership" in cptpp.aliases
    assert cptpp.articles() == {SEED0, SEED4}
    assert by_name(resolver, "Nara").articles() == {SEED0, SEED4}
    assert by_name(resolver, "Japan").country == "JPN"
    assert by_name(resolver, "Korean Peninsula").country is None
    assert all(m.entity_id for m in mentions0 + mentions4)
    assert lee.mention_count == sum(m.entity_id == lee.id for m in mentions0 + mentions4)


def test_persistence_round_trip_gives_same_result() -> None:
    one, mentions0, mentions4 = resolve_seeds()
    two, split0, split4 = resolve_seeds(split=True)
    assert one.entities == two.entities
    assert [m.entity_id for m in mentions0 + mentions4] == [m.entity_id for m in split0 + split4]


def test_changed_ids_are_those_touched() -> None:
    resolver = EntityResolver()
    text = "Lee Jae Myung met Sanae Takaichi."
    first = [Mention(0, 13, "Lee Jae Myung", "PERSON", 0), Mention(18, 32, "Sanae Takaichi", "PERSON", 0)]
    assert len(resolver.resolve_article("a", text, first)) == 2
    changed = resolver.resolve_article("b", "Takaichi spoke.", [Mention(0, 8, "Takaichi", "PERSON", 0)])
    assert changed == {first[1].entity_id}


def test_entity_ids_are_stable() -> None:
    resolver, _ = resolve([("Volodymyr Zelensky spoke.", "Volodymyr Zelensky")])
    (entity,) = resolver.entities.values()
    assert entity.id == entity_id("PERSON", "Volodymyr Zelensky")
    assert re.fullmatch(r"e[0-9a-f]{12}", entity.id)


MERGES = [  # (first article's name, second article's name, label)
    ("Volodymyr Zelensky", "Zelenskyy", "PERSON"),
    ("Recep Tayyip Erdoğan", "Erdogan", "PERSON"),
    ("José Mujica", "Jose Mujica", "PERSON"),
    ("José", "Jose", "PERSON"),
    ("European Central Bank", "ECB", "ORG"),
    ("ECB", "European Central Bank", "ORG"),
    ("Wi Sung-lac", "Wi Sung-lack", "PERSON"),
    ("Lee Jae-myung", "Lee Jae Myung", "PERSON"),
    ("Sanae Takaichi", "Takaichi", "PERSON"),
]


@pytest.mark.parametrize(("first", "second", "label"), MERGES)
def test_cross_article_merges(first: str, second: str, label: str) -> None:
    resolver, (m1, m2) = resolve([(f"{first} said.", first)], [(f"{second} said.", second)], label=label)
    assert m1[0].entity_id == m2[0].entity_id
    assert len(resolver.entities) == 1


NO_MERGES = [  # articles as lists of (text, mention); the two named mentions must differ
    ([("Kim Jong Un spoke.", "Kim Jong Un")], [("Kim Yo Jong spoke.", "Kim Yo Jong")]),
    ([("George Bush spoke.", "George Bush")], [("Jeb Bush spoke.", "Jeb Bush")]),
    ([("President Lee Jae Myung spoke.", "Lee Jae Myung"), ("President Lee left.", "President Lee")],
     [("Samsung Chairman Lee Jae-yong spoke.", "Lee Jae-yong")]),
    ([("President Xi and", "President Xi"), ("President Lee met.", "President Lee")],),
]  # fmt: skip


@pytest.mark.parametrize("articles", NO_MERGES)
def test_no_merges(articles: tuple[list[tuple[str, str]], ...]) -> None:
    _, mentions = resolve(*articles)
    first, last = mentions[0][0], mentions[-1][-1]
    assert first.entity_id != last.entity_id


def test_bare_surname_attaches_only_when_unambiguous() -> None:
    resolver, mentions = resolve(
        [("George Bush spoke.", "George Bush")], [("Bush spoke.", "Bush")],
        [("Jeb Bush spoke.", "Jeb Bush")], [("Bush replied.", "Bush")],
    )  # fmt: skip
    george, bush1, jeb, bush2 = (m[0].entity_id or "" for m in mentions)
    assert bush1 == george  # one known Bush
    assert bush2 not in (george, jeb)  # two known Bushes: the bare surname goes to a "Bush" bucket
    assert resolver.entities[bush2].name == "Bush"
    marvin = EntityResolver(resolver.entities.values())
    new = [Mention(0, 11, "Marvin Bush", "PERSON", 0)]
    marvin.resolve_article("a4", "Marvin Bush spoke.", new)
    assert new[0].entity_id not in (george, jeb, bush2)  # an ambiguous bucket is not promoted


def test_first_seen_short_form_becomes_the_full_name() -> None:
    resolver, mentions = resolve(
        [("Colts won.", "Colts")], [("Indianapolis Colts won.", "Indianapolis Colts")], label="ORG"
    )
    assert mentions[0][0].entity_id == mentions[1][0].entity_id
    (entity,) = resolver.entities.values()
    assert entity.name == "Indianapolis Colts"


WITHIN_ARTICLE = [  # (parts of one article, mention index pairs that must share / not share an entity)
    ([("Lee Jae Myung and", "Lee Jae Myung"), ("Lee Jae-yong met;", "Lee Jae-yong"), ("Lee spoke.", "Lee")],
     [], [(0, 2), (1, 2), (0, 1)]),
    ([("Samsung Chairman Lee Jae-yong met", "Lee Jae-yong"), ("President Lee.", "President Lee")],
     [], [(0, 1)]),
    ([("Prime Minister Sanae Takaichi and", "Sanae Takaichi"), ("Takaichi's aides.", "Takaichi's")],
     [(0, 1)], []),
    ([("Kim Jong Un and", "Kim Jong Un"), ("Kim Yo Jong met.", "Kim Yo Jong"), ("Kim spoke.", "Kim")],
     [], [(0, 1), (0, 2), (1, 2)]),
]  # fmt: skip


@pytest.mark.parametrize(("parts", "same", "different"), WITHIN_ARTICLE)
def test_within_article(
    parts: list[tuple[str, str]], same: list[tuple[int, int]], different: list[tuple[int, int]]
) -> None:
    _, (mentions,) = resolve(parts)
    for i, j in same:
        assert mentions[i].entity_id == mentions[j].entity_id
    for i, j in different:
        assert mentions[i].entity_id != mentions[j].entity_id


def test_defined_acronym_merges_across_labels() -> None:
    text = "the European Central Bank (ECB) said the ECB would act"
    mentions = [Mention(4, 25, "European Central Bank", "LAW", 0), Mention(27, 30, "ECB", "ORG", 0),
                Mention(40, 43, "ECB", "ORG", 0)]  # fmt: skip
    resolver = EntityResolver()
    resolver.resolve_article("a", text, mentions)
    assert len({m.entity_id for m in mentions}) == 1 and len(resolver.entities) == 1


def test_unresolvable_labels_are_left_alone() -> None:
    mentions = [Mention(0, 8, "Japanese", "NORP", 0), Mention(9, 16, "Tuesday", "DATE", 0)]
    assert EntityResolver().resolve_article("a", "Japanese Tuesday", mentions) == set()
    assert all(m.entity_id is None for m in mentions)


COUNTRIES = [  # (text, name, title, expected)
    ("South Korean President Lee Jae Myung", "Lee Jae Myung", None, "KOR"),
    ("and Japanese Prime Minister Sanae Takaichi", "Sanae Takaichi", None, "JPN"),
    ("talks with Chinese President Xi Jinping", "Xi Jinping", None, "CHN"),
    ("According to South Korea's National Security Adviser Wi Sung-lac", "Wi Sung-lac", None, "KOR"),
    ("The U.S. Secretary of State Marco Rubio", "Marco Rubio", None, "USA"),
    ("Chinese officials met, and Lee", "Lee", None, None),
    ("Adviser Wi Sung-lack", "Wi Sung-lack", "National Security Adviser", None),
    ("He met Lee", "Lee", "South Korean President", "KOR"),
]


@pytest.mark.parametrize(("text", "name", "title", "expected"), COUNTRIES)
def test_country_before(text: str, name: str, title: str | None, expected: str | None) -> None:
    assert country_before(text, text.find(name), title) == expected


SURFACES = [  # (mention text, label, title, alias)
    ("President Lee", "PERSON", None, "Lee"),
    ("Lee’s", "PERSON", None, "Lee"),
    ("National Security Adviser Wi Sung-lac", "PERSON", "National Security Adviser", "Wi Sung-lac"),
    ("General Motors", "ORG", None, "General Motors"),
    ("“Nara”", "GPE", None, "Nara"),
]


@pytest.mark.parametrize(("text", "label", "title", "alias"), SURFACES)
def test_surface_form(text: str, label: str, title: str | None, alias: str) -> None:
    assert surface_form(Mention(0, len(text), text, label, 0, title=title)) == alias


def test_blocking_keys_link_variants() -> None:
    assert blocking_keys("Volodymyr Zelensky", "PERSON") & blocking_keys("Zelenskyy", "PERSON")
    assert blocking_keys("European Central Bank", "ORG") & blocking_keys("ECB", "ORG")
    assert not blocking_keys("Xi Jinping", "PERSON") & blocking_keys("Lee Jae Myung", "PERSON")


def test_a_lone_word_that_opens_a_known_name_needs_more_than_the_word() -> None:
    resolver = EntityResolver()
    text = "South Korean President Moon Jae-in met Shinzo Abe."
    first = [Mention(23, 34, "Moon Jae-in", "PERSON", 0), Mention(39, 49, "Shinzo Abe", "PERSON", 0)]
    resolver.resolve_article("a", text, first)
    # The parser took the Moon for a person in a report on lunar landers: not Moon Jae-in.
    lunar = [Mention(30, 34, "Moon", "PERSON", 0)]
    resolver.resolve_article("b", "NASA picked companies for the Moon landers.", lunar)
    assert lunar[0].entity_id != first[0].entity_id
    # An office says who: "President Moon" is him; so is a surname that ends the name ("Abe").
    titled = [Mention(10, 14, "Moon", "PERSON", 0)]
    resolver.resolve_article("c", "President Moon spoke.", titled)
    abe = [Mention(0, 3, "Abe", "PERSON", 0)]
    resolver.resolve_article("d", "Abe spoke.", abe)
    assert titled[0].entity_id == first[0].entity_id and abe[0].entity_id == first[1].entity_id


def test_a_lone_word_seen_first_does_not_become_a_name_it_only_opens() -> None:
    resolver = EntityResolver()
    lunar = [Mention(30, 34, "Moon", "PERSON", 0)]
    resolver.resolve_article("a", "NASA picked companies for the Moon landers.", lunar)
    president = [Mention(23, 34, "Moon Jae-in", "PERSON", 0)]
    resolver.resolve_article("b", "South Korean President Moon Jae-in spoke.", president)
    assert president[0].entity_id != lunar[0].entity_id
