"""Storylines link stories of one matter over time: shared core actors, similar subject, close in time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from newsweave.stories.storylines import MAX_GAP_DAYS, StorySummary, build_storylines, core_actors

NOV = datetime(2025, 11, 10, tzinfo=UTC)
JAN = datetime(2026, 1, 13, tzinfo=UTC)
NAMES = {
    "kor": "South Korea",
    "jpn": "Japan",
    "lee": "Lee Jae Myung",
    "tak": "Sanae Takaichi",
    "xi": "Xi Jinping",
}


def _vector(*weights: float) -> np.ndarray:
    vector = np.zeros(8, dtype=np.float32)
    vector[: len(weights)] = weights
    return vector / np.linalg.norm(vector)


def _story(
    story_id: str, when: datetime, actors: dict[str, int], vector: np.ndarray, articles: int = 4
) -> StorySummary:
    return StorySummary(story_id, vector, actors, articles, when, when + timedelta(days=1))


def test_ministers_meeting_and_the_summit_it_prepares_are_one_storyline() -> None:
    ministers = _story("s1", NOV, {"kor": 4, "jpn": 4, "lee": 1}, _vector(1, 0.6, 0))
    summit = _story("s2", JAN, {"kor": 3, "jpn": 4, "lee": 4, "tak": 4}, _vector(1, 0.5, 0.1))
    members, titles = build_storylines([summit, ministers], NAMES)
    assert list(members.values()) == [["s1", "s2"]]  # in date order
    assert "Japan" in next(iter(titles.values())) and "South Korea" in next(iter(titles.values()))


def test_one_shared_actor_or_another_subject_or_a_long_gap_is_not_a_storyline() -> None:
    summit = _story("s1", JAN, {"kor": 4, "jpn": 4, "lee": 4}, _vector(1, 0.5, 0))
    china = _story("s2", JAN, {"kor": 4, "xi": 4}, _vector(1, 0.5, 0))  # one shared actor only
    football = _story("s3", JAN, {"kor": 4, "jpn": 4}, _vector(0, 0, 1))  # same actors, other subject
    later = _story("s4", JAN + timedelta(days=MAX_GAP_DAYS + 30), {"kor": 4, "jpn": 4}, _vector(1, 0.5, 0))
    members, _ = build_storylines([summit, china, football, later], NAMES)
    assert members == {}


def test_core_actors_are_those_most_articles_name() -> None:
    story = _story("s1", JAN, {"kor": 4, "jpn": 2, "xi": 1}, _vector(1), articles=4)
    assert core_actors(story) == {"kor", "jpn"}
