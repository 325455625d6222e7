"""Clustering metrics of benchmarks/cluster_metrics.py against hand-computed values."""

from __future__ import annotations

import pytest

from tests.benchmark_modules import load_benchmark

metrics = load_benchmark("cluster_metrics")
adjusted_rand, pairwise, score_labels = metrics.adjusted_rand, metrics.pairwise, metrics.score_labels

KEY = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}


def test_perfect_response_scores_one() -> None:
    scores = score_labels(KEY, {item: f"s{label}" for item, label in KEY.items()})
    assert scores.b3_f1 == pytest.approx(1.0)
    assert scores.pair_f1 == pytest.approx(1.0)
    assert scores.ari == pytest.approx(1.0)


def test_pairwise_counts_pairs() -> None:
    # response merges everything: 10 pairs, of which the 3 + 1 key pairs are right
    precision, recall, f1 = pairwise(KEY, dict.fromkeys(KEY, 0))
    assert (precision, recall) == (pytest.approx(0.4), pytest.approx(1.0))
    assert f1 == pytest.approx(2 * 0.4 / 1.4)


def test_adjusted_rand_matches_sklearn_value() -> None:
    # sklearn.metrics.adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 2]) == 0.5714285714285715
    assert adjusted_rand({1: 0, 2: 0, 3: 1, 4: 1}, {1: 0, 2: 0, 3: 1, 4: 2}) == pytest.approx(4 / 7)


def test_b_cubed_of_a_split() -> None:
    # key {a,b,c}{d,e}; response {a,b}{c}{d,e}: precision 1, recall (2/3*2 + 1/3 + 1 + 1) / 5
    scores = score_labels(KEY, {"a": 0, "b": 0, "c": 1, "d": 2, "e": 2})
    assert scores.b3_precision == pytest.approx(1.0)
    assert scores.b3_recall == pytest.approx((4 / 3 + 1 / 3 + 2) / 5)


def test_different_items_are_refused() -> None:
    with pytest.raises(ValueError):
        pairwise(KEY, {"a": 1})
