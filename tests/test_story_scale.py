"""Candidate retrieval through the centroid index: identical to brute force, and the time window honoured."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from newsweave.stories.assign import StoryAssigner, StoryFeatures, StoryParams

DIM = 24
STORIES = 300
START = date(2024, 1, 1)
SPAN_DAYS = 200


def features(rng: np.random.Generator, article_id: str, published: date | None) -> StoryFeatures:
    vector = rng.standard_normal(DIM).astype(np.float32)
    return StoryFeatures(article_id, vector / np.linalg.norm(vector), published=published)


def restored(rng: np.random.Generator) -> StoryAssigner:
    """STORIES stories (a few undated, some with two reports days apart) restored into an assigner."""
    assigner = StoryAssigner()
    for story in range(STORIES):
        day = None if story % 29 == 0 else START + timedelta(days=int(rng.integers(0, SPAN_DAYS)))
        assigner.restore(features(rng, f"s{story}", day), f"s{story}")
        if day is not None and story % 5 == 0:  # a second report widens the story's date range
            later = day + timedelta(days=int(rng.integers(1, 20)))
            assigner.restore(features(rng, f"s{story}-b", later), f"s{story}")
    return assigner


def brute_force(assigner: StoryAssigner, probe: StoryFeatures, limit: int) -> list[str]:
    """The reference: every story's centroid cosine, window by its publication-date range, ties by opening."""
    window = assigner.params.time_window_days
    ranked = []
    for opened, (story_id, profile) in enumerate(assigner.stories.items()):
        days = [day.toordinal() for day in profile.published]
        if probe.published is not None and days:
            day = probe.published.toordinal()
            if day - max(days) > window or min(days) - day > window:
                continue
        ranked.append((-float(profile.centroid @ probe.vector), opened, story_id))
    return [story_id for _, _, story_id in sorted(ranked)[:limit]]


@pytest.mark.parametrize("limit", [1, 10, 50])
def test_candidates_match_brute_force(limit: int) -> None:
    rng = np.random.default_rng(7)
    assigner = restored(rng)
    for probe_number in range(40):
        offset = int(rng.integers(-40, SPAN_DAYS + 40))  # probes before, in and after the stories' span
        day = None if probe_number % 8 == 0 else START + timedelta(days=offset)
        probe = features(rng, f"probe{probe_number}", day)
        assert assigner.candidates(probe, limit) == brute_force(assigner, probe, limit)


def test_time_window_excludes_stories_before_and_after() -> None:
    rng = np.random.default_rng(3)
    assigner = StoryAssigner(StoryParams(time_window_days=10))
    shared = features(rng, "x", None).vector  # every story looks the same: only the window separates them
    for name, offset in (("early", -30), ("near", -5), ("late", 30), ("next", 8)):
        assigner.restore(StoryFeatures(name, shared, published=START + timedelta(days=offset)), name)
    assigner.restore(StoryFeatures("undated", shared), "undated")
    probe = StoryFeatures("probe", shared, published=START)
    assert assigner.candidates(probe, 10) == ["near", "next", "undated"]
    undated = StoryFeatures("probe", shared)  # an undated article sees every story
    assert assigner.candidates(undated, 10) == ["early", "near", "late", "next", "undated"]


def test_removed_stories_leave_the_index() -> None:
    rng = np.random.default_rng(5)
    assigner = restored(rng)
    assigner.refine()  # moves articles and may empty (and drop) stories
    for probe_number in range(20):
        probe = features(rng, f"probe{probe_number}", START + timedelta(days=int(rng.integers(0, SPAN_DAYS))))
        found = assigner.candidates(probe, 20)
        assert set(found) <= set(assigner.stories)
        assert found == brute_force(assigner, probe, 20)
