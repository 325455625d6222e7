"""The brief benchmark's scoring (benchmarks/brief.py) on hand-made briefs, and the labels' consistency."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.benchmark_modules import load_benchmark

bench = load_benchmark("brief")

WIRE, COPY, OWN = "https://wire.test/a", "https://copy.test/a", "https://own.test/a"
IDS = {WIRE: "w", COPY: "c", OWN: "o"}
TEXTS = {
    "w": "The storm killed nine people. Gusts of 130 km/h were recorded. The ban was imposed in 2013.",
    "c": "The storm killed nine people. Gusts of 130 km/h were recorded. The ban was imposed in 2013.",
    "o": "Eleven people were killed by the storm. Power was cut. It followed the 2011 disaster.",
}


def _story() -> Any:
    item = bench.GoldItem
    return bench.GoldStory(
        id="storm",
        title="A storm",
        articles=[WIRE, COPY, OWN],
        syndicated=[[WIRE, COPY]],
        facts=[
            item("death toll", {WIRE: "killed nine", COPY: "killed nine", OWN: "Eleven people"}, "disputed"),
            item("gusts", {WIRE: "Gusts of 130 km/h", COPY: "Gusts of 130 km/h"}, "single_source"),
            item("power cut", {OWN: "Power was cut"}, "single_source"),
        ],
        not_conflicts=[item("ban year vs disaster year", {WIRE: "imposed in 2013", OWN: "2011 disaster"})],
        naming=[bench.GoldNaming("Wi", {WIRE: "Wi Sung-lac", OWN: "Wi Sung-lack"})],
    )


GUSTS = "Gusts of 130 km/h were recorded"
NINE, ELEVEN = "The storm killed nine people", "Eleven people were killed by the storm"


def _fact(status: str, *sources: tuple[str, str]) -> dict[str, Any]:
    return {
        "text": sources[0][1],
        "status": status,
        "sources": [{"article_id": a, "quote": q} for a, q in sources],
    }


def _claims(*sources: tuple[str, str, str]) -> list[dict[str, str]]:
    return [{"article_id": a, "quote": q, "value": v} for a, q, v in sources]


PERFECT: dict[str, Any] = {
    "facts": [
        _fact("disputed", ("w", NINE), ("o", ELEVEN)),
        _fact("single_source", ("w", GUSTS), ("c", GUSTS)),
        _fact("single_source", ("o", "Power was cut")),
        _fact("single_source", ("o", "It followed the 2011 disaster")),  # unlabelled: not scored
    ],
    "discrepancies": [
        {"kind": "value", "about": "deaths", "claims": _claims(("w", NINE, "9"), ("o", ELEVEN, "11"))},
        {
            "kind": "naming",
            "about": "Wi",
            "claims": _claims(
                ("w", "said Wi Sung-lac.", "Wi Sung-lac"), ("o", "Wi Sung-lack said", "Wi Sung-lack")
            ),
        },
    ],
}


def test_a_brief_that_agrees_with_the_labels_scores_one() -> None:
    score = bench.score_brief(_story(), PERFECT, IDS)
    totals = bench.total([score])
    assert totals.micro.f1 == 1.0 and totals.discrepancy.f1 == 1.0
    assert (totals.micro.tp, totals.micro.fp, totals.micro.fn) == (3, 0, 0)
    assert score.facts_unlabelled == 1
    assert (score.naming_gold, score.naming_found, score.naming_predicted) == (1, 1, 1)
    assert not score.errors


def test_a_wire_story_and_its_copy_do_not_corroborate() -> None:
    brief = {**PERFECT, "facts": [_fact("corroborated", ("w", GUSTS), ("c", GUSTS))]}
    score = bench.score_brief(_story(), brief, IDS)
    assert (score.status["corroborated"].fp, score.status["single_source"].fn) == (1, 2)
    assert score.confusion[("single_source", "corroborated")] == 1


def test_a_disputed_fact_needs_both_independent_sides() -> None:
    # The wire story and its copy give one value: that is not a dispute, whatever the prediction says.
    brief = {"facts": [_fact("disputed", ("w", "killed nine people"), ("c", "killed nine people"))]}
    score = bench.score_brief(_story(), brief, IDS)
    assert (score.status["disputed"].tp, score.status["disputed"].fp, score.status["disputed"].fn) == (
        0,
        1,
        1,
    )


def test_a_second_view_of_a_fact_it_agrees_with_is_redundant_not_wrong() -> None:
    brief = {**PERFECT, "facts": [*PERFECT["facts"], _fact("single_source", ("o", "Power was cut"))]}
    score = bench.score_brief(_story(), brief, IDS)
    assert (score.facts_redundant, score.status["single_source"].fp) == (1, 0)
    brief = {**PERFECT, "facts": [*PERFECT["facts"], _fact("corroborated", ("o", "Power was cut"))]}
    assert bench.score_brief(_story(), brief, IDS).status["corroborated"].fp == 1


def test_a_discrepancy_between_values_of_different_things_is_a_flagged_false_positive() -> None:
    wrong = {
        "kind": "value",
        "about": "year",
        "claims": _claims(("w", "The ban was imposed in 2013", "2013"), ("o", "the 2011 disaster", "2011")),
    }
    brief = {**PERFECT, "discrepancies": [*PERFECT["discrepancies"], wrong]}
    score = bench.score_brief(_story(), brief, IDS)
    assert (score.discrepancy.tp, score.discrepancy.fp, score.discrepancy.fn) == (1, 1, 0)
    assert score.not_conflicts_flagged == ["ban year vs disaster year"]
    assert bench.score_brief(_story(), {"discrepancies": []}, IDS).discrepancy.fn == 1


def test_a_spelling_is_attested_by_a_claims_value_not_by_its_quote() -> None:
    naming = bench.GoldNaming("Wi", {WIRE: "Wi Sung-lac", OWN: "Wi Sung-lack"})
    by_value = {"claims": _claims(("w", "said so.", "Wi Sung-lac"), ("o", "he said", "adviser Wi Sung-lack"))}
    assert bench.naming_found(naming, by_value, IDS)
    # A quote naming the spelling beside another name's discrepancy attests nothing ("the villages of
    # Zainabieh and Koohi" quoted for Zainabieh / Zinabieh is no discrepancy over Koohi).
    by_quote = {"claims": _claims(("w", "said Wi Sung-lac.", "Lee"), ("o", "Wi Sung-lack said", "Lee Jae"))}
    assert not bench.naming_found(naming, by_quote, IDS)
    # "Wi Sung-lac" is a prefix of "Wi Sung-lack": the longer spelling must not attest the shorter one.
    swapped = {"claims": _claims(("w", "", "Wi Sung-lack"), ("o", "", "Wi Sung-lack"))}
    assert not bench.naming_found(naming, swapped, IDS)


def test_clustering_counts_split_and_merged_stories() -> None:
    gold = [
        bench.GoldStory("a", "", ["a1", "a2"], [], [], [], []),
        bench.GoldStory("b", "", ["b1", "b2"], [], [], [], []),
        bench.GoldStory("c", "", ["c1"], [], [], [], []),
    ]
    result = bench.score_clustering(gold, {"a1": "s1", "a2": "s2", "b1": "s2", "b2": "s2", "c1": "s3"})
    assert (result.together, result.split, result.merged, result.apart) == (1, 1, 1, ["a", "b"])


def test_labels_that_count_a_syndicated_copy_as_corroboration_are_refused(tmp_path: Path) -> None:
    fact = {"about": "gusts", "status": "corroborated", "quotes": {WIRE: "Gusts", COPY: "Gusts"}}
    story = {"id": "s", "title": "", "articles": [WIRE, COPY], "syndicated": [[WIRE, COPY]], "facts": [fact]}
    path = tmp_path / "labels.json"
    path.write_text(json.dumps({"version": 1, "stories": [story]}), encoding="utf-8")
    with pytest.raises(ValueError, match="two independent sources"):
        bench.load_labels(path)


def test_the_labelled_set_is_consistent() -> None:
    gold = bench.load_labels()
    records = bench.read_articles()
    by_url = {record["url"]: record for record in records}
    assert len(by_url) == len(records) >= 24
    assert len(gold) >= 8
    assert sorted(url for story in gold for url in story.articles) == sorted(by_url)
    assert all(2 <= len(story.articles) <= 4 for story in gold)
    for story in gold:
        for item in [*story.facts, *story.not_conflicts]:
            for url in item.quotes:
                for phrase in item.phrases(url):
                    assert bench.normalise(phrase) in bench.normalise(by_url[url]["text"]), (story.id, phrase)
    statuses = {fact.status for story in gold for fact in story.facts}
    assert statuses == set(bench.STATUSES)
    assert any(story.syndicated for story in gold) and any(story.naming for story in gold)
