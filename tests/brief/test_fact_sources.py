"""A fact's independent sources: reports that carry a sentence in the same words are one source for it."""

from __future__ import annotations

from newsweave.brief.independence import fact_sources
from newsweave.data import Claim

WIRE = "The Mysore, a 6,900-tonne destroyer, replaced the Tabar on patrol in the region about a fortnight ago"


def _claim(article: str, text: str) -> Claim:
    return Claim(article, 0, 0, len(text), text, "", "", "")


def test_a_sentence_copied_word_for_word_is_one_source() -> None:
    copied = [_claim("a", WIRE), _claim("b", WIRE.replace(",", " ,")), _claim("c", WIRE.upper())]
    assert fact_sources(copied, {"a": "Reuters", "b": "Hindu", "c": "Times"}) == {"Reuters"}


def test_own_words_and_short_sentences_stay_independent() -> None:
    rewritten = [_claim("a", WIRE), _claim("b", "INS Mysore took over from INS Tabar two weeks ago")]
    assert fact_sources(rewritten, {"a": "Reuters", "b": "Hindu"}) == {"Reuters", "Hindu"}
    short = [
        _claim("a", "The quake also triggered landslides"),
        _claim("b", "The quake also triggered landslides"),
    ]
    assert fact_sources(short, {"a": "AFP", "b": "AP"}) == {"AFP", "AP"}


def test_copies_join_through_a_shared_wording() -> None:
    other = "Two speedboats suspected to be carrying more pirates were approaching the Gibe that day"
    claims = [
        _claim("a", WIRE),
        _claim("b", WIRE),
        _claim("b", other),
        _claim("c", other),
        _claim("d", "x y"),
    ]
    sources = fact_sources(claims, {"a": "A", "b": "B", "c": "C", "d": "D"})
    assert sources == {"A", "D"}


def test_lightly_edited_wire_copy_is_one_source() -> None:
    # Two outlets carrying one Reuters paragraph, spelled their own way.
    reuters = (
        "then saw a crater about two metres ( 6.6 feet) wide, an unexploded bomb wedged in the side of a "
        "school building and a white aircraft flying north from the Yida"
    )
    edited = reuters.replace("metres", "meters").removesuffix(" from the Yida")
    outlets = {"a": "Reuters", "b": "VOA"}
    assert fact_sources([_claim("a", reuters), _claim("b", edited)], outlets) == {"Reuters"}
    # The same event told in a reporter's own words stays two sources.
    own = "A reporter saw a two-metre crater and an unexploded bomb lodged in a school wall at the camp"
    assert fact_sources([_claim("a", reuters), _claim("b", own)], outlets) == {"Reuters", "VOA"}


def test_one_spokesperson_quoted_by_two_outlets_is_two_sources() -> None:
    # Quoted words are the speaker's, the same in every report that quotes them: no sign of copying.
    quote = "we have received an inquiry from the office of the New York State Attorney General"
    first = _claim(
        "a", f"“{quote.capitalize()} and are cooperating in the matter,” said a WeWork spokesperson"
    )
    second = _claim("b", f"A company spokesperson said in an email that “{quote} and are cooperating")
    assert fact_sources([first, second], {"a": "VentureBeat", "b": "TechCrunch"}) == {
        "VentureBeat",
        "TechCrunch",
    }
    straight = _claim(
        "b", f'"{quote.capitalize()} and are cooperating in the matter," said a WeWork spokesperson'
    )
    assert fact_sources([first, straight], {"a": "VentureBeat", "b": "TechCrunch"}) == {
        "VentureBeat",
        "TechCrunch",
    }


def test_a_copied_sentence_with_an_outlet_s_words_added_is_one_source() -> None:
    wire = "One Australian and one English climber have fallen to their deaths in New Zealand"
    carried = wire.replace("One", "ONE") + ", police confirmed today"
    outlets = {"a": "Herald Sun", "b": "news.com.au"}
    assert fact_sources([_claim("a", wire), _claim("b", carried)], outlets) == {"Herald Sun"}
