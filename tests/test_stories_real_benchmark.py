"""The dated real-news story benchmark (benchmarks/stories_real.py): labels, scoring, the baseline."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.benchmark_modules import load_benchmark

real = load_benchmark("stories_real")
metrics = load_benchmark("cluster_metrics")

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "article-extraction"


def _write(tmp_path: Path, raw: dict[str, Any]) -> Path:
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


def _raw(**extra: Any) -> dict[str, Any]:
    return {
        "groups": [
            {"event": "quake", "pages": ["a", "b", "c"]},
            {"event": "vote", "pages": ["d", "e"]},
        ],
        "unclear_pairs": [{"pages": ["e", "f"], "why": "a follow-up"}],
        "topic_lookalikes": [{"pages": ["a", "g"], "why": "two quakes"}],
        **extra,
    }


def test_labels_load_with_singletons_for_unlabelled_pages(tmp_path: Path) -> None:
    labels = real.load_labels(_write(tmp_path, _raw()), known="abcdefgh")
    assert labels.events == ["quake", "vote"]
    assert labels.unclear == {("e", "f")}
    key = labels.key(["a", "b", "c", "d", "e", "f", "h"])
    assert key["a"] == key["b"] == key["c"] != key["d"] == key["e"]
    assert (key["f"], key["h"]) == ("f", "h")
    assert labels.lookalike("g", "a") and not labels.lookalike("a", "b")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"groups": [{"event": "x", "pages": ["a"]}]}, "two pages"),
        ({"groups": [{"event": "x", "pages": ["a", "a"]}]}, "two pages"),
        ({"groups": [{"event": "x", "pages": ["a", "b"]}, {"event": "y", "pages": ["b", "c"]}]}, "shares"),
        ({"unclear_pairs": [{"pages": ["a", "a"], "why": ""}]}, "two different pages"),
        ({"unclear_pairs": [{"pages": ["a", "b", "c"], "why": ""}]}, "two different pages"),
        ({"topic_lookalikes": [{"pages": ["a"], "why": ""}]}, "look-alike"),
    ],
)
def test_bad_labels_are_refused(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        real.load_labels(_write(tmp_path, _raw(**change)))


def test_labels_naming_unknown_pages_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not in the data"):
        real.load_labels(_write(tmp_path, _raw()), known="abcde")


def test_pair_scores_agree_with_cluster_metrics_without_unclear_pairs() -> None:
    key = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 3}
    response = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "z", "f": "y"}
    got = real.score("s", key, response, set())
    assert (got.pair_precision, got.pair_recall, got.pair_f1) == pytest.approx(
        metrics.pairwise(key, response)
    )
    assert got.b3_f1 == pytest.approx(metrics.score_labels(key, response).b3_f1)
    assert got.multi_page == 2
    assert got.wrong_merges == [("c", "d"), ("c", "f"), ("d", "f")]
    assert got.missed == [("a", "c"), ("b", "c"), ("d", "e")]


def test_unclear_pairs_count_on_neither_side() -> None:
    # key: {a, b, c}, {d}; response: {a, b}, {c, d}
    key = {"a": 1, "b": 1, "c": 1, "d": 2}
    response = {"a": "x", "b": "x", "c": "y", "d": "y"}
    plain = real.score("s", key, response, set())
    assert (plain.pair_precision, plain.pair_recall) == pytest.approx((1 / 2, 1 / 3))
    # (c, d) merged wrongly and (a, c) missed, both unclear: left out of the predicted and labelled pairs
    ignored = real.score("s", key, response, {("c", "d"), ("a", "c")})
    assert (ignored.pair_precision, ignored.pair_recall) == pytest.approx((1.0, 1 / 2))
    assert ignored.wrong_merges == [] and ignored.missed == [("b", "c")]
    assert ignored.b3_f1 == pytest.approx(plain.b3_f1)  # B3 sees every page as labelled


def test_nothing_to_find_and_nothing_predicted_score_one() -> None:
    singletons = {"a": "a", "b": "b"}
    got = real.score("s", singletons, singletons, set())
    assert (got.pair_precision, got.pair_recall, got.multi_page) == (1.0, 1.0, 0)


def _unit(*rows: tuple[float, float]) -> Any:
    vectors = np.array(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_single_pass_joins_the_most_similar_centroid_above_the_threshold() -> None:
    vectors = _unit((1, 0), (0.9, 0.1), (0, 1), (0.1, 0.9), (1, 0.8))
    assert real.single_pass(vectors, 0.9) == [0, 0, 1, 1, 2]
    assert real.single_pass(vectors, 0.5) == [0, 0, 1, 1, 0]
    assert real.single_pass(vectors, 0.0) == [0, 0, 0, 0, 0]
    assert real.single_pass(vectors, 1.01) == [0, 1, 2, 3, 4]


def test_single_pass_compares_with_the_centroid_not_the_first_member() -> None:
    # (0.2, 0.98) is 0.2 from (1, 0) but 0.62 from the centroid of (1, 0) and (0.6, 0.8)
    vectors = _unit((1, 0), (0.6, 0.8), (0.2, 0.98))
    assert real.single_pass(vectors, 0.55) == [0, 0, 0]
    assert real.single_pass(vectors, 0.65) == [0, 1, 1]


def test_arrival_order_puts_dated_pages_first_then_file_order() -> None:
    day = datetime(2019, 11, 18, tzinfo=UTC)
    published = {"a": None, "b": day.replace(day=19), "c": day, "d": None, "e": day.replace(day=19)}
    assert real.arrival_order(["a", "b", "c", "d", "e"], published) == ["c", "b", "e", "a", "d"]


def test_baseline_leaves_unclustered_pages_alone() -> None:
    vectors = _unit((1, 0), (1, 0.1))
    response = real.baseline_response(["a", "b", "c"], ["b", "a"], vectors, 0.5)
    assert response["a"] == response["b"] and response["c"] == "c"


def test_page_id_is_the_file_name_before_its_suffixes() -> None:
    assert real.page_id("/x/html/06e5123e.html.gz") == "06e5123e"


@pytest.mark.skipif(
    not (DATA / "ground-truth.json").is_file(), reason="needs ../shared/data/article-extraction"
)
def test_the_real_labels_name_pages_of_the_ground_truth() -> None:
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    labels = real.load_labels(known=truth)
    assert len(labels.groups) >= 10 and labels.unclear
    assert labels.pages() <= {path.name.split(".", 1)[0] for path in (DATA / "html").glob("*.html.gz")}


def test_splits_keep_linked_pages_together_and_balance_labelled_pairs(tmp_path: Path) -> None:
    raw = {
        "groups": [
            {"event": "quake", "pages": ["a", "b", "c"]},
            {"event": "vote", "pages": ["d", "e"]},
            {"event": "match", "pages": ["h", "i"]},
            {"event": "fire", "pages": ["j", "k"]},
        ],
        "unclear_pairs": [{"pages": ["e", "f"], "why": "a follow-up"}],
        "topic_lookalikes": [{"pages": ["a", "g"], "why": "two quakes"}],
    }
    labels = real.load_labels(_write(tmp_path, raw))
    split = real.split_pages(labels, list("abcdefghijklm"))
    assert split["a"] == split["b"] == split["c"] == split["g"]  # a group with its look-alike
    assert split["d"] == split["e"] == split["f"]  # a group with its unclear pair
    pairs = {name: 0 for name in real.SPLITS}
    for group in labels.groups:
        pairs[split[group[0]]] += len(group) * (len(group) - 1) // 2
    assert pairs == {"calibration": 3, "test": 3}
    assert split == real.split_pages(labels, list("mlkjihgfedcba"))  # page order does not matter
