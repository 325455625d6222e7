"""Stored events read back per story: the seeds' summit is one event supported by both reports."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from newsweave.errors import NewsweaveError
from newsweave.events.query import list_events, story_events
from newsweave.store import Store

SHAPE = {"category", "cameo", "goldstein", "source", "target", "place", "date", "article_id", "quote"}


def _seed_story(store: Store) -> tuple[str, list[str]]:
    for story in store.stories.records():
        if any(article.title.startswith("South Korean and Japanese leaders") for article in story.articles):
            return story.id, [article.id for article in story.articles]
    raise AssertionError("the seeds are not in one story")


@pytest.fixture(scope="module")
def seed_events(events_store: Store) -> list[dict[str, Any]]:
    _story, article_ids = _seed_story(events_store)
    assert len(article_ids) == 2
    return story_events(events_store, article_ids)


def test_the_summit_is_one_consult_event_with_both_sources(
    events_store: Store, seed_events: list[dict[str, Any]]
) -> None:
    _story, article_ids = _seed_story(events_store)
    consults = [e for e in seed_events if e["category"] == "CONSULT"]
    assert len(consults) == 1
    (summit,) = consults
    assert set(summit) >= SHAPE and summit["cameo"].startswith("04") and summit["reciprocal"]
    pair = {(summit["source"]["country"], summit["source"]["sector"]),
            (summit["target"]["country"], summit["target"]["sector"])}  # fmt: skip
    assert pair == {("KOR", "GOV"), ("JPN", "GOV")}
    assert summit["place"]["name"] == "Nara" and summit["place"]["country"] == "JPN"
    assert (summit["date"], summit["date_from_published"]) == ("2026-01-13", False)
    assert {source["article_id"] for source in summit["sources"]} == set(article_ids)
    quotes = " ".join(source["quote"] for source in summit["sources"])
    assert (
        "held summit talks" in quotes and "discussions with Prime Minister Sanae Takaichi in Nara" in quotes
    )
    assert summit["quote"] in {source["quote"] for source in summit["sources"]}


def test_the_dna_agreement_is_an_agree_event_with_its_quote(seed_events: list[dict[str, Any]]) -> None:
    agreements = [e for e in seed_events if e["category"] == "AGREE"]
    dna = [
        e
        for e in agreements
        if any("DNA analysis" in s["quote"] and "Chosei" in s["quote"] for s in e["sources"])
    ]
    assert len(dna) == 1
    assert {dna[0]["source"]["country"], dna[0]["target"]["country"]} == {"KOR", "JPN"}
    assert dna[0]["goldstein"] > 0


def test_every_event_is_tied_to_a_sentence_of_its_article(
    events_store: Store, seed_events: list[dict[str, Any]]
) -> None:
    for event in seed_events:
        for source in event["sources"]:
            assert source["quote"] in events_store.get_article(source["article_id"]).text


def test_no_background_or_descriptive_events_in_the_seeds(seed_events: list[dict[str, Any]]) -> None:
    quotes = " ".join(s["quote"] for e in seed_events for s in e["sources"])
    assert "1965" not in quotes and "represents a strategic effort" not in quotes
    assert "UNESCO" not in quotes and "Comments you share" not in quotes


def test_list_events_filters_by_story_actor_and_date(events_store: Store) -> None:
    everything = list_events(events_store)
    assert len({e["story_id"] for e in everything}) >= 4
    assert [e["date"] for e in everything] == sorted(e["date"] for e in everything)
    story_id, _ = _seed_story(events_store)
    in_story = list_events(events_store, story_id=story_id[:8])
    assert in_story and {e["story_id"] for e in in_story} == {story_id}
    japan = list_events(events_store, actor="JPN")
    assert japan and all("JPN" in {e["source"]["country"], (e["target"] or {}).get("country")} for e in japan)
    assert not list_events(events_store, actor="FRA")
    recent = list_events(events_store, since=date(2026, 1, 1))
    assert recent and all(e["date"] >= "2026-01-01" for e in recent)
    assert len(recent) < len(everything)


def test_unknown_story_is_an_error(events_store: Store) -> None:
    with pytest.raises(NewsweaveError) as caught:
        list_events(events_store, story_id="zzzz")
    assert caught.value.code == "E305"


def test_empty_story() -> None:
    assert story_events(None, []) == []  # type: ignore[arg-type]
