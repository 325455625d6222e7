"""The ordered worker pool: results in input order, a bounded look-ahead, and a dead worker's items
handed back with the error instead of lost."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool

import pytest

from newsweave.pipeline.pool import OrderedPool, per_core, usable_cores


def _nothing() -> None:
    """The initializer: these tasks load no models."""


def _square(n: int) -> int:
    return n * n


def _square_unless_two(n: int) -> int:
    if n == 2:
        os._exit(3)  # what the out-of-memory killer leaves: no exception, no result
    return n * n


def test_results_come_back_in_input_order() -> None:
    with OrderedPool(2, _square, _nothing) as pool:
        assert list(pool.map(range(20))) == [(n, n * n) for n in range(20)]


def test_only_ahead_items_are_taken_before_the_first_result() -> None:
    taken: list[int] = []

    def items() -> Iterator[int]:
        for n in range(10):
            taken.append(n)
            yield n

    with OrderedPool(2, _square, _nothing, ahead=3) as pool:
        results = pool.map(items())
        assert next(results) == (0, 0)
        assert taken == [0, 1, 2]
        assert [n for n, _ in results] == list(range(1, 10))


def test_a_dead_worker_hands_its_items_back_with_the_error() -> None:
    with OrderedPool(1, _square_unless_two, _nothing, ahead=2) as pool:
        results = list(pool.map(range(6)))
    assert [n for n, _ in results] == list(range(6))
    assert [result for _, result in results[:2]] == [0, 1]
    assert all(isinstance(result, BrokenProcessPool) for _, result in results[2:])


def test_zero_means_one_per_core_and_a_count_is_taken_as_given() -> None:
    assert per_core(0) == min(usable_cores(), 4)
    assert per_core(3) == 3
    with pytest.raises(ValueError, match="at least 1"):
        OrderedPool(0, _square, _nothing)
