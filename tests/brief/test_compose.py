"""Summary, coverage and naming rules of the brief."""

from __future__ import annotations

import numpy as np
import pytest

from newsweave.brief.align import Aligner, ClaimGroup, content_words
from newsweave.brief.compose import coverage, summary
from newsweave.brief.facts import Fact
from newsweave.brief.independence import independent_sources
from newsweave.brief.naming import naming_discrepancies
from newsweave.data import Article, Claim, Entity, Sentence


def _article(article_id: str, outlet: str, text: str, duplicate_of: str | None = None) -> Article:
    return Article(title=article_id, text=text, outlet=outlet, id=article_id, duplicate_of=duplicate_of)


def _claim(article: Article, sentence: int, text: str) -> Claim:
    start = article.text.index(text)
    return Claim(article.id, sentence, start, start + len(text), text, "", "", "")


def test_copies_and_one_outlet_count_as_one_source() -> None:
    original = _article("a1", "Wire", "x")
    copy = _article("b1", "Daily", "x", duplicate_of="a1")
    same_outlet = _article("a2", "Wire", "y")
    other = _article("c1", "Review", "z")
    sources = independent_sources(
        [original, copy, same_outlet, other], {"a1": "Wire", "b1": "Daily", "a2": "Wire", "c1": "Review"}
    )
    assert sources == {"a1": "Wire", "b1": "Wire", "a2": "Wire", "c1": "Review"}


def test_summary_sentences_are_quotes_backed_by_every_cited_article() -> None:
    a = _article("a", "A", "The storm killed four people. It also closed schools.")
    b = _article("b", "B", "Four people died in the storm. Ferries were cancelled.")
    sentences = {"a": [Sentence(0, 29), Sentence(30, 52)], "b": [Sentence(0, 29), Sentence(30, 53)]}
    stated = [_claim(a, 0, "The storm killed four people"), _claim(b, 0, "Four people died in the storm")]
    deaths = Fact(stated, "corroborated", {"A", "B"})
    schools = Fact([_claim(a, 1, "It also closed schools")], "single_source", {"A"})
    ferries = Fact([_claim(b, 1, "Ferries were cancelled")], "single_source", {"B"})
    items = summary([deaths, schools, ferries], sentences, {"a": a, "b": b}, ["a", "b"])
    assert items[0] == {"text": "The storm killed four people.", "sources": ["a", "b"]}
    for item in items:
        first = {"a": a, "b": b}[item["sources"][0]]
        assert item["text"] in first.text


def test_a_summary_line_is_not_cited_to_a_report_that_disputes_its_value() -> None:
    from newsweave.brief.compare import Conflict, Reading
    from newsweave.data import ClaimValue

    a = _article("a", "A", "The storm killed four people. It also closed schools.")
    b = _article("b", "B", "The storm killed six people. Ferries were cancelled.")
    c = _article("c", "C", "The storm killed 4 people. Roads were shut.")
    sentences = {key: [Sentence(0, 29), Sentence(30, 52)] for key in "abc"}
    claims = [_claim(article, 0, article.text.split(".")[0]) for article in (a, b, c)]
    values = [
        ClaimValue("count", number, None, number, 16, 20, "kill", "killed") for number in ("4", "6", "4")
    ]
    readings = tuple(Reading(value, claim) for value, claim in zip(values, claims, strict=True))
    deaths = Fact(
        claims, "disputed", {"A", "B", "C"}, list(readings), Conflict("count", "kill", "killed", readings)
    )
    storm = Fact(claims, "corroborated", {"A", "B", "C"})  # the storm itself, which all three report
    items = summary([storm, deaths], sentences, {"a": a, "b": b, "c": c}, ["a", "b", "c"])
    assert items[0] == {"text": "The storm killed four people.", "sources": ["a", "c"]}


def test_coverage_lists_what_only_one_outlet_reports() -> None:
    a = _article("a", "A", "one two")
    b = _article("b", "B", "one three")
    shared = Fact([_claim(a, 0, "one"), _claim(b, 0, "one")], "corroborated", {"A", "B"})
    only_b = Fact([_claim(b, 0, "three")], "single_source", {"B"})
    assert coverage([shared, only_b], [a, b], {"a": "A", "b": "B"}) == [
        {"outlet": "A", "article_ids": ["a"], "adds": []},
        {"outlet": "B", "article_ids": ["b"], "adds": [1]},
    ]


def test_a_variant_spelling_is_a_naming_discrepancy_but_a_short_form_is_not() -> None:
    a = _article("a", "A", "Adviser Wi Sung-lac said so. Lee spoke.")
    b = _article("b", "B", "Adviser Wi Sung-lack said so. Lee Jae Myung spoke.")
    wi = Entity("e1", "Wi Sung-lac", "PERSON", aliases={"Wi Sung-lac": {"a"}, "Wi Sung-lack": {"b"}})
    lee = Entity("e2", "Lee Jae Myung", "PERSON", aliases={"Lee": {"a"}, "Lee Jae Myung": {"b"}})
    sentences = {"a": [Sentence(0, 28)], "b": [Sentence(0, 29)]}
    found = naming_discrepancies([wi, lee], {"a": a, "b": b}, sentences, {"a": "A", "b": "B"})
    assert len(found) == 1
    assert found[0]["kind"] == "naming"
    assert {(c["article_id"], c["value"]) for c in found[0]["claims"]} == {
        ("a", "Wi Sung-lac"),
        ("b", "Wi Sung-lack"),
    }
    assert "“Wi Sung-lac” by A" in found[0]["explanation"]


def test_a_surname_spelled_two_ways_is_flagged_though_the_given_names_agree() -> None:
    a = _article("a", "A", "Duncan Rait died.")
    b = _article("b", "B", "Duncan Raite died.")
    rait = Entity("e1", "Duncan Rait", "PERSON", aliases={"Duncan Rait": {"a"}, "Duncan Raite": {"b"}})
    sentences = {"a": [Sentence(0, 17)], "b": [Sentence(0, 18)]}
    assert len(naming_discrepancies([rait], {"a": a, "b": b}, sentences, {"a": "A", "b": "B"})) == 1


def test_two_spellings_one_report_uses_alone_are_two_people_not_a_dispute() -> None:
    # ECB+ 18_10ecbplus names the victim's daughter and son, "Charlene Kafoury" and "Charlie Kafoury",
    # whom the resolver took for one person: the sources do not disagree.
    text = "Charlene Kafoury sobbed. Charlie Kafoury, her brother, spoke."
    a = _article("a", "A", text)
    kin = Entity(
        "e1", "Charlene Kafoury", "PERSON", aliases={"Charlene Kafoury": {"a"}, "Charlie Kafoury": {"a"}}
    )
    assert naming_discrepancies([kin], {"a": a}, {"a": [Sentence(0, len(text))]}, {"a": "A"}) == []


def _place(entity_id: str, name: str, *articles: str, kind: str = "GPE") -> Entity:
    return Entity(entity_id, name, kind, aliases={name: set(articles)})


def test_a_place_two_reports_spell_differently_is_flagged_though_resolved_as_two() -> None:
    a = _article("a", "A", "The quake struck near Dargahan.")
    b = _article("b", "B", "Villages near Dargahan were hit.")
    c = _article("c", "C", "Houses in the Dargehan area were damaged.")
    articles = {"a": a, "b": b, "c": c}
    sentences = {key: [Sentence(0, len(article.text))] for key, article in articles.items()}
    outlets = {"a": "A", "b": "B", "c": "C"}
    places = [_place("e1", "Dargahan", "a", "b"), _place("e2", "Dargehan", "c", kind="LOC")]
    (found,) = naming_discrepancies(places, articles, sentences, outlets)
    assert found["entity_id"] == "e1" and found["about"] == "the spelling of Dargahan"
    assert {(c["article_id"], c["value"]) for c in found["claims"]} == {
        ("a", "Dargahan"),
        ("b", "Dargahan"),
        ("c", "Dargehan"),
    }
    assert found["explanation"].startswith("One place named two ways: “Dargahan” by A, B; “Dargehan” by C")
    # Not two places one report names side by side, nor short or unlike names, nor countries.
    both = [_place("e1", "Dargahan", "a"), _place("e2", "Dargehan", "a")]
    assert naming_discrepancies(both, articles, sentences, outlets) == []
    for one, other in (
        ("Iran", "Iraq"),
        ("Colombia", "Columbia"),
        ("Salem", "Selma"),
        ("Austria", "Australia"),
        ("Springfield", "Springfield"),  # one name of two places is no spelling
    ):
        pair = [_place("e1", one, "a"), _place("e2", other, "c")]
        assert naming_discrepancies(pair, articles, sentences, outlets) == [], (one, other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("U.S. Geological Survey", "US Geological Survey"),
        ("A.J. Butler", "AJ Butler"),
        ("SeaMicro", "Sea Micro"),
        ("Verdane Corp", "Verdane Corporation"),
        ("Woodburn-area", "Woodburn"),
        ("José Ramos", "Jose Ramos"),
        # A familiar form of a given name is the same person ("Steven" in a press release, "Steve"
        # in the report quoting it: ECB+ 44_5 / 44_7ecbplus).
        ("Steven Einhorn", "Steve Einhorn"),
        # Two names joined by a hyphen are not a spelling of one (ECB+ 43_ecb: "the ATI-Nvidia duopoly").
        ("ATI-Nvidia", "Nvidia"),
    ],
)
def test_punctuation_accent_and_suffix_variants_are_one_name(one: str, other: str) -> None:
    a = _article("a", "A", f"{one} said so.")
    b = _article("b", "B", f"{other} said so.")
    entity = Entity("e1", one, "ORG", aliases={one: {"a"}, other: {"b"}})
    sentences = {"a": [Sentence(0, len(a.text))], "b": [Sentence(0, len(b.text))]}
    assert naming_discrepancies([entity], {"a": a, "b": b}, sentences, {"a": "A", "b": "B"}) == []


def test_alignment_never_joins_claims_below_the_threshold() -> None:
    a = _article("a", "A", "The leaders played drums together")
    b = _article("b", "B", "Inflation slowed in February")
    claims = [_claim(a, 0, a.text), _claim(b, 0, b.text)]
    vectors = np.eye(2, dtype=np.float32)  # orthogonal: nothing in common
    groups = Aligner(claims, vectors).groups(0.42)
    assert [len(group.claims) for group in groups] == [1, 1]
    same = np.ones((2, 2), dtype=np.float32) / np.sqrt(2)
    joined = Aligner(claims, same).groups(0.42)
    assert len(joined) == 1 and isinstance(joined[0], ClaimGroup)
    assert "drum" in content_words("drums") and "play" in content_words("played playing")


def test_a_past_date_two_claims_recall_does_not_join_them() -> None:
    from newsweave.data import ClaimValue

    texts = ("Morrison said he was not on the July 25 call", "Lawmakers grilled Vindman on the July 25 call")
    claims = []
    for article_id, text in zip("ab", texts, strict=True):
        at = text.find("July 25")
        date = ClaimValue("date", "2019-07-25", "day", "July 25", at, at + 7, "call", "call")
        claims.append(Claim(article_id, 0, 0, len(text), text, "x", "say", "", values=[date]))
    vectors = np.array([[1.0, 0.0], [0.6, 0.8]], dtype=np.float32)  # cosine 0.6: alike, not the same
    assert len(Aligner(claims, vectors).groups(0.42)) == 1  # joined on the shared date slot
    past = Aligner(claims, vectors, background=lambda claim: True).groups(0.42)
    assert [len(group.claims) for group in past] == [1, 1]
