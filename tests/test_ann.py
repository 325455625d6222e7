"""CentroidIndex: exact agreement with brute force, the time window, update and remove, the graph path."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.typing import NDArray

import newsweave.stories.centroid_index as ann
from newsweave.stories.centroid_index import CentroidIndex

DIM = 16


def unit(rng: np.random.Generator, count: int, dim: int = DIM) -> NDArray[np.float32]:
    rows = rng.standard_normal((count, dim)).astype(np.float32)
    unit_rows: NDArray[np.float32] = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return unit_rows


def brute(vectors: NDArray[np.float32], ids: list[int], query: NDArray[np.float32], k: int) -> list[int]:
    scores = vectors @ (query / np.linalg.norm(query))
    order = sorted(range(len(ids)), key=lambda row: (-scores[row], ids[row]))
    return [ids[row] for row in order[:k]]


def test_exact_agreement_with_brute_force() -> None:
    rng = np.random.default_rng(1)
    vectors = unit(rng, 300)
    ids = list(range(1000, 1300))
    index = CentroidIndex.build(ids, vectors, np.zeros(300))
    assert len(index) == 300 and not index.uses_graph
    for query in unit(rng, 20):
        found = index.search(query, 10)
        assert [story for story, _ in found] == brute(vectors, ids, query, 10)
        scores = [score for _, score in found]
        assert scores == sorted(scores, reverse=True)
        np.testing.assert_allclose(scores[0], float(vectors[ids.index(found[0][0])] @ query), atol=1e-5)


def test_time_window_filters_candidates() -> None:
    rng = np.random.default_rng(2)
    vectors = unit(rng, 100)
    days = np.arange(100, dtype=np.float64)  # story i last seen on day i
    index = CentroidIndex.build(range(100), vectors, days)
    query = vectors[10]  # the best match is outside the window
    assert index.search(query, 1)[0][0] == 10
    found = index.search(query, 5, since=50.0)
    assert len(found) == 5 and all(story >= 50 for story, _ in found)
    assert [story for story, _ in found] == brute(vectors[50:], list(range(50, 100)), query, 5)
    assert index.search(query, 5, since=1000.0) == []
    assert len(index.search(query, 50, since=95.0)) == 5


def test_update_moves_a_centroid_and_its_time() -> None:
    rng = np.random.default_rng(3)
    vectors = unit(rng, 50)
    index = CentroidIndex.build(range(50), vectors, np.zeros(50))
    index.update(7, vectors[20] * 3.0, last_seen=9.0)  # scale does not matter: cosine
    found = index.search(vectors[20], 2)
    assert {story for story, _ in found} == {7, 20}
    assert found[0][1] == pytest.approx(1.0, abs=1e-5)
    [(story, score)] = index.search(vectors[20], 3, since=5.0)
    assert story == 7 and score == pytest.approx(1.0, abs=1e-5)
    assert index.last_seen(7) == 9.0
    index.update(7, vectors[7])  # the time stays
    assert index.last_seen(7) == 9.0


def test_remove_and_re_add() -> None:
    rng = np.random.default_rng(4)
    vectors = unit(rng, 40)
    index = CentroidIndex.build(range(40), vectors, np.zeros(40))
    index.remove(39)  # the last row
    index.remove(0)  # a row the last one moves into
    assert len(index) == 38 and 0 not in index and 39 not in index
    assert index.search(vectors[0], 1)[0][0] != 0
    assert index.search(vectors[5], 1)[0][0] == 5
    expected = brute(vectors[1:39], list(range(1, 39)), vectors[12], 38)
    assert [story for story, _ in index.search(vectors[12], 38)] == expected
    index.add([0], vectors[:1], 3.0)
    assert index.search(vectors[0], 1)[0][0] == 0
    with pytest.raises(KeyError):
        index.remove(39)


def test_rejects_bad_input() -> None:
    index = CentroidIndex(DIM)
    assert index.search(np.ones(DIM), 3) == []
    with pytest.raises(ValueError):
        index.add([1], np.zeros((1, DIM)))  # a zero vector has no direction
    with pytest.raises(ValueError):
        index.add([1], np.ones((1, DIM + 1)))
    with pytest.raises(ValueError):
        index.add([1, 1], np.ones((2, DIM)))
    with pytest.raises(ValueError):
        index.add([-1], np.ones((1, DIM)))
    index.add([1], np.ones((1, DIM)))
    with pytest.raises(ValueError):
        index.add([1], np.ones((1, DIM)))
    [(story, score)] = index.search(np.ones(DIM), 3)
    assert story == 1 and score == pytest.approx(1.0)
    assert index.last_seen(1) == float("inf")  # no time: always in the window


def test_graph_path_agrees_with_exact_and_filters(monkeypatch: pytest.MonkeyPatch) -> None:
    # Lower the threshold so a small index builds a graph and searches it.
    monkeypatch.setattr(ann, "EXACT_MAX_CANDIDATES", 50)
    rng = np.random.default_rng(5)
    count = 600
    vectors = unit(rng, count)
    days = rng.uniform(0, 100, count)
    index = CentroidIndex.build(range(count), vectors, days)
    assert not index.uses_graph  # built on the first search that needs it
    index.search(vectors[0], 10, since=99.5)  # few candidates: exact, no graph
    assert not index.uses_graph
    assert index.search(vectors[0], 1)[0][0] == 0
    assert index.uses_graph
    hits = total = 0
    for query in unit(rng, 30):
        expected = brute(vectors, list(range(count)), query, 10)
        hits += len({story for story, _ in index.search(query, 10)} & set(expected))
        total += 10
        windowed = index.search(query, 10, since=50.0)
        assert all(days[story] >= 50.0 for story, _ in windowed) and len(windowed) == 10
    assert hits / total >= 0.95
    index.update(3, vectors[400], last_seen=99.0)
    assert {story for story, _ in index.search(vectors[400], 2)} == {3, 400}
    index.remove(400)
    assert index.search(vectors[400], 1)[0][0] == 3
    index.add([400], vectors[400:401], 99.0)  # a removed id comes back (hnswlib un-deletes the label)
    assert {story for story, _ in index.search(vectors[400], 2)} == {3, 400}
    index.remove(400)
    for story in range(count):
        if story != 400 and story not in (0, 1, 2, 3):
            index.remove(story)
    assert not index.uses_graph  # dropped below half the threshold
    assert {story for story, _ in index.search(vectors[1], 4)} == {0, 1, 2, 3}
    assert index.memory_bytes() > 0
