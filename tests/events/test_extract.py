"""Event extraction on hand-written articles: categories, actors, reciprocity, place, date, rejections."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from newsweave.config import Config
from newsweave.data import Event
from newsweave.errors import NewsweaveError
from newsweave.events.extract import TRIGGER_CONFIDENCE, EventExtractor
from newsweave.events.sentences import trigger_of


def _events(parse: Callable[..., tuple], text: str, **kwargs: object) -> list[Event]:
    _article, _doc, analysis = parse(text, **kwargs)
    return analysis.events


def _only(events: list[Event]) -> Event:
    assert len(events) == 1, [(e.category, e.quote) for e in events]
    return events[0]


def test_meeting_of_two_named_leaders_is_one_reciprocal_consult(parse: Callable[..., tuple]) -> None:
    event = _only(_events(parse, "South Korean President Lee Jae Myung and Japanese Prime Minister Sanae "
                                 "Takaichi held summit talks in Nara on Tuesday."))  # fmt: skip
    assert (event.category, event.cameo, event.reciprocal) == ("CONSULT", "040", True)
    assert (event.source.name, event.source.country, event.source.sector) == ("Lee Jae Myung", "KOR", "GOV")
    assert event.target is not None
    assert (event.target.name, event.target.country, event.target.sector) == ("Sanae Takaichi", "JPN", "GOV")
    assert (event.place_name, event.place_country) == ("Nara", "JPN")
    assert (event.date, event.date_from_published) == ("2026-01-13", False)
    assert event.quote.startswith("South Korean President") and event.goldstein == pytest.approx(1.0)


def test_directed_event_keeps_source_and_target(parse: Callable[..., tuple]) -> None:
    event = _only(_events(parse, "Japan imposed export restrictions on South Korea on Monday."))
    assert (event.category, event.mode, event.cameo, event.reciprocal) == ("COERCE", "restrict", "163", False)
    assert (event.source.country, event.target and event.target.country) == ("JPN", "KOR")
    assert event.goldstein < 0 and event.quad_class == "material conflict"


def test_nominal_actors_are_coded_by_sector_and_nationality(parse: Callable[..., tuple]) -> None:
    event = _only(_events(parse, "Thousands of South Korean protesters rallied against the Japanese "
                                 "government outside its embassy in Seoul on Saturday."))  # fmt: skip
    assert event.category == "PROTEST"
    assert (event.source.country, event.source.sector) == ("KOR", "CVL")
    assert event.target is not None and (event.target.country, event.target.sector) == ("JPN", "GOV")
    assert event.place_country == "KOR" and event.date == "2026-01-10"


def test_anaphoric_subject_is_the_pair_named_before(parse: Callable[..., tuple]) -> None:
    text = ("Japanese Prime Minister Sanae Takaichi met South Korean President Lee Jae Myung in Tokyo. "
            "The two sides agreed to resume shuttle diplomacy.")  # fmt: skip
    consult, agree = _events(parse, text)
    assert consult.category == "CONSULT" and agree.category == "AGREE"
    assert agree.reciprocal and agree.sentence == 1
    assert {agree.source.country, agree.target and agree.target.country} == {"JPN", "KOR"}


def test_undated_event_falls_back_to_publication_with_a_flag(parse: Callable[..., tuple]) -> None:
    event = _only(_events(parse, "Egyptian police arrested twelve Islamist demonstrators in Cairo."))
    assert (event.category, event.source.country, event.source.sector) == ("COERCE", "EGY", "COP")
    assert (event.date, event.date_from_published) == ("2026-01-14", True)
    no_date = _only(_events(parse, "Egyptian police arrested twelve demonstrators.", published=None))
    assert (no_date.date, no_date.date_from_published) == (None, False)


def test_event_noun_elsewhere_dates_the_event(parse: Callable[..., tuple]) -> None:
    text = ("Chinese President Xi Jinping and Russian President Vladimir Putin held talks on trade. "
            "The talks on Thursday lasted three hours.")  # fmt: skip
    event = _only(_events(parse, text))
    assert (event.date, event.date_from_published) == ("2026-01-08", False)


@pytest.mark.parametrize(
    "text",
    [
        "Lee and Takaichi did not meet in Tokyo.",  # negated
        "Lee could meet Takaichi in Tokyo next month.",  # hypothetical
        "The Nara summit represents a strategic effort by Seoul and Tokyo.",  # description
        "Lee emphasized the need for trilateral cooperation among Seoul, Tokyo and Beijing.",  # statement
        "In 2013, South Korea banned seafood imports from eight Japanese prefectures.",  # background
        "Focus on Trade Barriers",  # heading
        "The temple houses the world's oldest surviving wooden structures.",  # no actor
        "South Korean lawmakers visited the disputed islets.",  # a visit with no counterpart
        "Police released dramatic video showing the rescue of the girl.",  # published, not freed
    ],
)
def test_no_event(parse: Callable[..., tuple], text: str) -> None:
    assert _events(parse, text) == []


def test_triggers_from_verbs_and_objects(parse: Callable[..., tuple]) -> None:
    cases = {
        "Japan lifted the ban on South Korean seafood.": ("RETREAT", "ease"),
        "Japan lodged a protest with South Korea.": ("ACCUSE", "allege"),
        "The ministers signed an agreement on fisheries.": ("AGREE", None),
        "The rebels called for a ceasefire.": ("REQUEST", None),
        "The premier thanked the volunteers.": ("SUPPORT", None),
        "The rebels released two hostages.": ("RETREAT", "release"),
    }
    for text, expected in cases.items():
        _article, doc, _analysis = parse(text)
        found = trigger_of(doc[:].root)
        assert found is not None and found[0] == expected, text


def test_min_confidence_above_trigger_confidence_drops_trigger_events(
    parse: Callable[..., tuple], events_config: Config
) -> None:
    article, doc, analysis = parse("Japan imposed export restrictions on South Korea.")
    strict = dataclasses.replace(
        events_config,
        events=dataclasses.replace(events_config.events, min_confidence=TRIGGER_CONFIDENCE + 0.05),
    )
    assert EventExtractor(strict).extract([(article, doc, analysis)]) == [[]]
    assert len(EventExtractor(events_config).extract([(article, doc, analysis)])[0]) == 1


def test_missing_classifier_model_is_e603(parse: Callable[..., tuple], events_config: Config) -> None:
    bad = dataclasses.replace(
        events_config,
        events=dataclasses.replace(events_config.events, classifier_model="/nonexistent/model.npz"),
    )
    parsed = parse("Egyptian police opened an inquiry into the governor of Cairo yesterday.")
    with pytest.raises(NewsweaveError) as caught:
        EventExtractor(bad).extract([parsed])
    assert caught.value.code == "E603"


def test_batch_keeps_input_order(parse: Callable[..., tuple], events_config: Config) -> None:
    first = parse("Japan imposed export restrictions on South Korea.")
    second = parse("The temple houses wooden structures.")
    third = parse(
        "South Korea and Japan signed an agreement in Tokyo.", published=datetime(2025, 11, 18, tzinfo=UTC)
    )
    found = EventExtractor(events_config).extract([first, second, third])
    assert [[e.category for e in events] for events in found] == [["COERCE"], [], ["AGREE"]]
    assert found[2][0].article_id == third[0].id


def test_reported_speech_pronoun_is_the_reporter(parse: Callable[..., tuple]) -> None:
    event = _only(_events(parse, "Syria said on Monday that it would withdraw its troops from Lebanon."))
    assert (event.category, event.source.country) == ("RETREAT", "SYR")
    assert event.target is not None and event.target.country == "LBN"


def test_lemmatizer_slips_do_not_hide_triggers(parse: Callable[..., tuple]) -> None:
    event = _only(_events(parse, "Angry South Korean activists staged rallies in Seoul against Japan."))
    assert (event.category, event.source.country, event.source.sector) == ("PROTEST", "KOR", "CVL")
