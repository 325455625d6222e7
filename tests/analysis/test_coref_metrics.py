"""Coreference metrics (benchmarks/coref_metrics.py) on examples with known values."""

from __future__ import annotations

import pytest

from tests.benchmark_modules import load_benchmark

metrics = load_benchmark("coref_metrics")


def clusters(*groups: str) -> list[frozenset[str]]:
    return [frozenset(group) for group in groups]


# (key, response, (MUC R, P), (B3 R, P), (CEAF-e R, P)). The third case is Pradhan et al. (2014), §3:
# MUC 0.40/0.40, B3 (5/3 + 6/4)/7 and 4.5/8, CEAF-e 1.3/2 and 1.3/3.
CASES = [
    (clusters("abc", "de", "f"), clusters("abc", "de", "f"), (1, 1), (1, 1), (1, 1)),
    (clusters("abc"), clusters("a", "b", "c"), (0, 0), (1 / 3, 1), (0.5, 0.5 / 3)),
    (clusters("a", "b", "c"), clusters("abc"), (0, 0), (1, 1 / 3), (0.5 / 3, 0.5)),
    (clusters("abc", "defg"), clusters("ab", "cd", "fghi"), (0.4, 0.4), ((5 / 3 + 6 / 4) / 7, 4.5 / 8),
     (1.3 / 2, 1.3 / 3)),
    (clusters("ab", "cd"), clusters("abcd"), (1, 2 / 3), (1, 0.5), ((4 / 6) / 2, 4 / 6)),
]  # fmt: skip


@pytest.mark.parametrize(("key", "response", "muc", "b3", "ceaf"), CASES)
def test_known_values(
    key: list[frozenset[str]], response: list[frozenset[str]],
    muc: tuple[float, float], b3: tuple[float, float], ceaf: tuple[float, float],
) -> None:  # fmt: skip
    report = metrics.evaluate(key, response)
    for score, (recall, precision) in ((report.muc, muc), (report.b_cubed, b3), (report.ceaf_e, ceaf)):
        assert score.recall == pytest.approx(recall)
        assert score.precision == pytest.approx(precision)
    expected = sum(2 * r * p / (r + p) if r + p else 0.0 for r, p in (muc, b3, ceaf)) / 3
    assert report.conll == pytest.approx(expected)


def test_ceaf_chooses_the_best_alignment() -> None:
    # One component of three clusters a side: abc-ab, de-cde, fg-fgx (0.8 each) beats abc-cde (1/3).
    key = clusters("abc", "de", "fg")
    response = clusters("ab", "cde", "fgx")
    phi = [2 * 2 / 5, 2 * 2 / 5, 2 * 2 / 5]
    assert metrics.ceaf_e(key, response).recall == pytest.approx(sum(phi) / 3)


def test_assignment_matches_brute_force() -> None:
    from itertools import permutations

    weights = [[0.1, 0.9, 0.3], [0.8, 0.7, 0.2], [0.4, 0.6, 0.5], [0.2, 0.3, 0.9]]
    best = max(sum(weights[i][j] for i, j in zip(rows, range(3), strict=False))
               for rows in permutations(range(4), 3))  # fmt: skip
    assert metrics._assignment(weights) == pytest.approx(best)


def test_singletons_can_be_dropped() -> None:
    report = metrics.evaluate(clusters("ab", "c"), clusters("ab", "c"), drop_singletons=True)
    assert report.conll == pytest.approx(1.0)
    empty = metrics.evaluate(clusters("a"), clusters("a"), drop_singletons=True)
    assert empty.conll == 0.0


def test_missing_mentions_count_as_singletons() -> None:
    report = metrics.evaluate(clusters("abc"), clusters("ab"))
    assert report.muc.recall == pytest.approx(0.5) and report.muc.precision == pytest.approx(1.0)
    assert report.b_cubed.recall == pytest.approx((4 / 3 + 1 / 3) / 3)
