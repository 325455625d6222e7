"""Storylines: stories about one ongoing matter, linked across time by shared core actors and subject.

A November ministers' meeting that prepares a January summit and the summit itself are two stories
(two events) and one storyline. Stories are linked when they share enough core actors, their
subjects are similar, and they are not too far apart in time; storylines are the connected groups,
so a story belongs to at most one.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt

# An actor is core to a story when at least this share of its articles mention it ("Lee Jae Myung" in
# a summit story), as opposed to someone named once in passing.
CORE_ACTOR_SHARE = 0.5
# Two stories must share at least this many core actors: one shared actor (a country, a president)
# links far too much of the news; two (both leaders, or a leader and a company) names a relation.
MIN_SHARED_ACTORS = 2
# And their centroids must be at least this similar (MiniLM cosine): the same pair of leaders also
# meets about unrelated things. Set between same-topic/different-event ECB+ stories (which belong
# together in a storyline, cosine ~0.5-0.8) and unrelated stories sharing a place (~0.1-0.3).
MIN_SUBJECT_COSINE = 0.45
# Stories further apart than this are separate matters even with the same actors and subject.
MAX_GAP_DAYS = 180


@dataclass(frozen=True, slots=True)
class StorySummary:
    """What storyline linking needs to know of a story."""

    id: str
    centroid: npt.NDArray[np.float32]
    actor_articles: Mapping[str, int]
    """Entity id -> how many of the story's articles mention it (people, organisations, countries)."""
    article_count: int
    first_seen: datetime | None
    last_seen: datetime | None


def core_actors(story: StorySummary) -> set[str]:
    """The entities that a good share of the story's articles mention."""
    needed = max(1, int(np.ceil(CORE_ACTOR_SHARE * story.article_count)))
    return {entity for entity, count in story.actor_articles.items() if count >= needed}


def _gap_days(a: StorySummary, b: StorySummary) -> float:
    if not (a.first_seen and a.last_seen and b.first_seen and b.last_seen):
        return 0.0  # undated stories are not kept apart by time
    if a.last_seen < b.first_seen:
        return (b.first_seen - a.last_seen).total_seconds() / 86400
    if b.last_seen < a.first_seen:
        return (a.first_seen - b.last_seen).total_seconds() / 86400
    return 0.0


def linked(a: StorySummary, b: StorySummary, cores: Mapping[str, set[str]] | None = None) -> bool:
    """Whether two stories belong to one storyline (``cores``: each story's core actors, if known)."""
    if _gap_days(a, b) > MAX_GAP_DAYS:
        return False
    core_a = cores[a.id] if cores is not None else core_actors(a)
    core_b = cores[b.id] if cores is not None else core_actors(b)
    if len(core_a & core_b) < MIN_SHARED_ACTORS:
        return False
    return float(np.dot(a.centroid, b.centroid)) >= MIN_SUBJECT_COSINE


def build_storylines(
    stories: Sequence[StorySummary], names: Mapping[str, str]
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Group linked stories into storylines: (storyline id -> story ids by date, storyline id -> title).

    Stories linked to no other story belong to no storyline. Titles name the actors the stories share.
    """
    parent = {story.id: story.id for story in stories}

    def root(story_id: str) -> str:
        while parent[story_id] != story_id:
            parent[story_id] = parent[parent[story_id]]
            story_id = parent[story_id]
        return story_id

    ordered = sorted(stories, key=lambda s: s.id)
    # Only stories that share a core actor can be linked: an inverted index keeps this near-linear.
    # Core actors once per story: recounting them per candidate pair was most of the time at 10k stories.
    cores = {story.id: core_actors(story) for story in ordered}
    by_actor: dict[str, list[int]] = {}
    for index, story in enumerate(ordered):
        for actor in cores[story.id]:
            by_actor.setdefault(actor, []).append(index)
    pairs = {(i, j) for indexes in by_actor.values() for i in indexes for j in indexes if i < j}
    for i, j in sorted(pairs):
        if linked(ordered[i], ordered[j], cores):
            parent[root(ordered[j].id)] = root(ordered[i].id)
    groups: dict[str, list[StorySummary]] = {}
    for story in ordered:
        groups.setdefault(root(story.id), []).append(story)
    members: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda s: (s.first_seen.timestamp() if s.first_seen else float("-inf"), s.id))
        storyline_id = "l" + hashlib.sha256(group[0].id.encode()).hexdigest()[:12]
        members[storyline_id] = [story.id for story in group]
        shared = Counter(actor for story in group for actor in cores[story.id])
        top = [actor for actor, _ in sorted(shared.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))]
        titles[storyline_id] = " – ".join(names.get(actor, actor) for actor in top[:3])
    return members, titles
