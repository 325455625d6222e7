"""The real-reporting brief benchmark's extra measures (benchmarks/brief_real.py) and its labels."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.benchmark_modules import load_benchmark

bench = load_benchmark("brief")
real = load_benchmark("brief_real")

A, B = "https://ecbplus.test/1_1ecb", "https://ecbplus.test/1_2ecb"
IDS = {A: "a", B: "b"}


def _story() -> Any:
    item = bench.GoldItem
    return bench.GoldStory(
        id="quake",
        title="A quake",
        articles=[A, B],
        syndicated=[],
        facts=[
            item("deaths: five vs one", {A: "five people were killed", B: "killed one person"}, "disputed"),
            item("magnitude", {A: "magnitude 6.1", B: "6.1-magnitude"}, "corroborated"),
        ],
        not_conflicts=[],
        naming=[],
    )


def test_repeats_are_equal_or_contained_texts() -> None:
    texts = ["The quake killed five", "the quake killed five.", "Aid arrived", "Aid arrived on Monday by air"]
    assert real.repeats(texts) == [("the quake killed five.", "the quake killed five")]


def test_a_discrepancy_mixing_other_values_is_not_strictly_true() -> None:
    pure = {"about": "deaths", "claims": [
        {"article_id": "a", "quote": "At least five people were killed", "value": "five"},
        {"article_id": "b", "quote": "It killed one person", "value": "one"}]}  # fmt: skip
    bag = {"about": "deaths", "claims": [
        *pure["claims"],
        {"article_id": "a", "quote": "The 2004 tsunami killed 168,000", "value": "168,000"},
        {"article_id": "b", "quote": "Some 220,000 died in 2004", "value": "220,000"},
        {"article_id": "b", "quote": "A 2002 quake killed eight", "value": "eight"}]}  # fmt: skip
    assert real.strict_discrepancies(_story(), {"discrepancies": [pure]}, IDS)[:3] == (1, 1, 1)
    true, predicted, gold, errors = real.strict_discrepancies(_story(), {"discrepancies": [bag]}, IDS)
    assert (true, predicted, gold) == (0, 1, 1) and "impure" in errors[0]


def test_a_corroboration_its_sources_do_not_state_is_wrong() -> None:
    stated = {"article_id": "a", "quote": "A magnitude 6.1 quake hit"}
    right = {
        "status": "corroborated",
        "sources": [stated, {"article_id": "b", "quote": "The 6.1-magnitude quake"}],
    }
    wrong = {"status": "corroborated", "sources": [stated, {"article_id": "b", "quote": "Aid arrived"}]}
    assert real.wrong_corroborations(_story(), {"facts": [right, wrong]}, IDS)[:2] == (1, 2)


def test_a_fact_is_matched_to_a_label_by_its_own_text() -> None:
    # A quote's side phrase ("killed one person") does not make "Aid arrived" a fact about the deaths.
    aside = {
        "status": "corroborated",
        "text": "Aid arrived",
        "sources": [
            {"article_id": "a", "quote": "Aid arrived"},
            {"article_id": "b", "quote": "killed one person"},
        ],
    }
    assert real.wrong_corroborations(_story(), {"facts": [aside]}, IDS)[:2] == (1, 1)
    assert real.wrong_corroborations_by_text(_story(), {"facts": [aside]}, IDS)[:2] == (0, 0)
    # A fact whose text states a label is judged by that label.
    stated = {"article_id": "a", "quote": "A magnitude 6.1 quake hit"}
    alone = {"status": "corroborated", "text": "A magnitude 6.1 quake hit", "sources": [stated]}
    assert real.wrong_corroborations_by_text(_story(), {"facts": [alone]}, IDS)[:2] == (1, 1)
    both = {**alone, "sources": [stated, {"article_id": "b", "quote": "The 6.1-magnitude quake"}]}
    assert real.wrong_corroborations_by_text(_story(), {"facts": [both]}, IDS)[:2] == (0, 1)


@pytest.mark.parametrize("split", ["calibration", "test"])
def test_the_real_labels_load_and_quote_their_documents(split: str) -> None:
    stories = bench.load_labels(real.LABELS[split])
    assert len(stories) >= 5
    docs = real.DOCS
    if not docs.exists():
        pytest.skip(f"{docs} is not here (../shared/data): the quotes cannot be checked")
    texts: dict[str, str] = {}
    wanted = {url.removeprefix(real.URL_PREFIX) for story in stories for url in story.articles}
    for line in docs.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc["id"] in wanted:
            texts[real.URL_PREFIX + doc["id"]] = bench.normalise(doc["text"])
    for story in stories:
        for item in [*story.facts, *story.not_conflicts]:
            for url in item.quotes:
                for phrase in item.phrases(url):
                    assert bench.normalise(phrase) in texts[url], (story.id, item.about, url)


def test_labels_are_kept_in_the_repository() -> None:
    assert all(Path(path).is_file() for path in real.LABELS.values())
