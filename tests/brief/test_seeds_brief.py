"""Acceptance tests of the brief on the two real seed reports of the Lee–Takaichi summit (issue 7).

Each seed is ingested under its own outlet ("outlet-a" for 000, "outlet-b" for 004), published on
2026-01-14, then analysed and assigned to stories, as ``newsweave ingest`` does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsweave.analysis.stage import analyse_store
from newsweave.brief import build_brief
from newsweave.config import load_config
from newsweave.ingest.stage import ingest_inputs
from newsweave.readers.base import ReadOptions
from newsweave.store import Store, open_store
from newsweave.store.story_rows import StoryRecord
from newsweave.stories.stage import assign_stories
from tests.benchmark_modules import load_benchmark

bench = load_benchmark("brief")

SEEDS = Path(__file__).parents[1] / "data" / "seeds"
PUBLISHED = datetime(2026, 1, 14, tzinfo=UTC)
OUTLETS = {"000": "outlet-a", "004": "outlet-b"}


@dataclass(frozen=True, slots=True)
class Seeded:
    store: Store
    stories: list[StoryRecord]
    ids: dict[str, str]
    """Article id by seed number ("000", "004")."""
    brief: dict[str, Any]
    """Every fact (``all_facts``)."""
    default: dict[str, Any]
    """The default brief: the most salient facts."""


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    """Both seeds under two outlets, analysed and clustered; the brief of the first story."""
    config = load_config(None)
    with open_store(str(tmp_path_factory.mktemp("seeds") / "seeds.db")) as store:
        for number, outlet in OUTLETS.items():
            options = ReadOptions(
                outlet=outlet, published=PUBLISHED, ingest=config.ingest, fetch=config.fetch
            )
            ingest_inputs([str(next(SEEDS.glob(f"{number}_*.txt")))], store, options, config)
        analyse_store(store, config)
        assign_stories(store, config)
        ids = {number: _article_of(store, outlet) for number, outlet in OUTLETS.items()}
        stories = store.stories.records()
        full = build_brief(store, stories[0].id, config=config, all_facts=True)
        yield Seeded(store, stories, ids, full, build_brief(store, stories[0].id, config=config))


def _article_of(store: Store, outlet: str) -> str:
    (article,) = store.list_articles(outlet=outlet)
    return article.id


def _quotes(fact: dict[str, Any], article_id: str) -> list[str]:
    return [source["quote"] for source in fact["sources"] if source["article_id"] == article_id]


def _states(fact: dict[str, Any], article_id: str, phrases: Sequence[str]) -> bool:
    """One of the fact's quotes from ``article_id`` holds every phrase (case-insensitive)."""
    return any(
        all(bench.normalise(phrase) in bench.normalise(quote) for phrase in phrases)
        for quote in _quotes(fact, article_id)
    )


def test_the_seeds_are_one_story_of_two_independent_sources(seeded: Seeded) -> None:
    assert len(seeded.stories) == 1
    story = seeded.brief["story"]
    assert story["id"] == seeded.stories[0].id
    assert {article["id"] for article in story["articles"]} == set(seeded.ids.values())
    assert all(article["duplicate_of"] is None for article in story["articles"])
    assert story["outlets"] == ["outlet-a", "outlet-b"]


@pytest.mark.parametrize(
    ("about", "phrase"),
    [
        ("the bid to join the 12-member CPTPP", "12-member"),
        ("the ban on seafood from eight prefectures", "eight Japanese prefectures"),
        ("the leaders played drums", "drums"),
    ],
)
def test_what_both_reports_state_is_corroborated(seeded: Seeded, about: str, phrase: str) -> None:
    both = [
        fact
        for fact in seeded.brief["facts"]
        if all(_states(fact, article_id, [phrase]) for article_id in seeded.ids.values())
    ]
    statuses = [fact["status"] for fact in both]
    assert "corroborated" in statuses, f"{about}: facts quoting both reports have statuses {statuses}"


def test_the_summit_in_nara_is_corroborated(seeded: Seeded) -> None:
    """The two reports word the meeting apart ("This visit included discussions with Prime Minister
    Sanae Takaichi in Nara" / "... held summit talks"): one meeting with Takaichi, stated by both."""
    wording = {"000": ["summit talks"], "004": ["discussions with Prime Minister Sanae Takaichi in Nara"]}
    summit = [
        fact
        for fact in seeded.brief["facts"]
        if all(_states(fact, seeded.ids[number], phrases) for number, phrases in wording.items())
    ]
    assert [fact["status"] for fact in summit] == ["corroborated"]


@pytest.mark.parametrize(
    ("number", "about", "alternatives"),
    [
        ("000", "bilateral trade of $75 billion", [["$75 billion"]]),
        ("000", "the visit to the Horyuji temple", [["Horyuji"]]),
        ("004", "DNA analysis at the Chosei mine", [["DNA", "Chosei"]]),
        ("004", "the 1942 flood: 183 dead, 136 Korean labourers", [["1942", "183", "136"]]),
        ("004", "China's export controls", [["China", "exports"], ["Beijing", "export controls"]]),
    ],
)
def test_each_outlet_adds_what_only_it_reports(
    seeded: Seeded, number: str, about: str, alternatives: list[list[str]]
) -> None:
    article_id = seeded.ids[number]
    (coverage,) = [item for item in seeded.brief["coverage"] if item["outlet"] == OUTLETS[number]]
    assert coverage["article_ids"] == [article_id]
    added = [seeded.brief["facts"][index] for index in coverage["adds"]]
    assert all({source["article_id"] for source in fact["sources"]} == {article_id} for fact in added), (
        "a fact the outlet adds is stated by another outlet too"
    )
    found = [fact for fact in added if any(_states(fact, article_id, phrases) for phrases in alternatives)]
    assert found, f"{OUTLETS[number]} adds no fact about {about}: {[fact['text'] for fact in added]}"


def test_wi_sung_lac_is_one_person_spelled_two_ways(seeded: Seeded) -> None:
    spellings = ("Wi Sung-lac", "Wi Sung-lack")
    naming = [d for d in seeded.brief["discrepancies"] if bench.is_naming(d)]
    attested = [bench.spelled(d, spellings) for d in naming]
    expected = {seeded.ids["000"]: {"Wi Sung-lac"}, seeded.ids["004"]: {"Wi Sung-lack"}}
    assert expected in attested, f"naming discrepancies: {naming}"


def test_the_2013_ban_and_the_2011_disaster_are_not_a_discrepancy(seeded: Seeded) -> None:
    for discrepancy in seeded.brief["discrepancies"]:
        if bench.is_naming(discrepancy):
            continue
        values = [str(claim.get("value") or claim.get("quote") or "") for claim in discrepancy["claims"]]
        assert not (any("2013" in v for v in values) and any("2011" in v for v in values)), discrepancy


def test_the_timeline_has_the_summit_and_the_history(seeded: Seeded) -> None:
    timeline = seeded.brief["timeline"]
    assert all(set(entry["article_ids"]) <= set(seeded.ids.values()) for entry in timeline)
    dates = [str(entry["date"]) for entry in timeline]
    assert any(
        str(entry["date"]) == "2026-01-13" and "summit" in entry["text"].casefold() for entry in timeline
    ), f"no entry for the Tuesday summit: {timeline}"
    for year in ("1942", "2011", "2013"):
        assert any(date.startswith(year) for date in dates), f"no timeline entry in {year}: {dates}"


@pytest.mark.parametrize(
    ("number", "phrases"),
    [
        ("000", ["$75 billion"]),
        ("000", ["Horyuji"]),
        ("004", ["DNA", "Chosei"]),
        ("004", ["183", "136"]),
    ],
)
def test_each_statement_is_one_fact(seeded: Seeded, number: str, phrases: list[str]) -> None:
    stating = [fact["text"] for fact in seeded.brief["facts"] if _states(fact, seeded.ids[number], phrases)]
    assert len(stating) == 1, stating


def test_facts_read_as_sentences(seeded: Seeded) -> None:
    # Sub-clauses ("to examine the remains of ...", "which highlighted ...") serve alignment only.
    for fact in seeded.brief["facts"]:
        text = fact["text"]
        assert text[:1].isupper(), text
        assert text.split()[0].casefold() not in {"to", "which", "that", "where", "and", "who"}, text
        assert len(text.split()) >= 4, text
    texts = [bench.normalise(fact["text"]) for fact in seeded.brief["facts"]]
    assert len(texts) == len(set(texts))


def test_the_default_brief_lists_the_most_salient_facts(seeded: Seeded) -> None:
    config = load_config(None)
    facts = seeded.default["facts"]
    disputed = [fact for fact in facts if fact["status"] == "disputed"]
    assert len(facts) - len(disputed) == config.brief.max_facts < len(seeded.brief["facts"])
    assert seeded.default["fact_count"] == seeded.brief["fact_count"] == len(seeded.brief["facts"])
    # Every corroborated fact outranks every single-source one.
    corroborated = [fact["text"] for fact in seeded.brief["facts"] if fact["status"] == "corroborated"]
    assert corroborated and set(corroborated) <= {fact["text"] for fact in facts}
    assert any(_states(fact, seeded.ids["004"], ["DNA", "Chosei"]) for fact in facts)
