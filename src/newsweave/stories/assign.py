"""Online, time-aware story assignment (DESIGN.md §2 "cluster"): each new article joins a story or opens one.

Pure: features in, story ids out; the store and the CLI call it. :class:`StoryAssigner` keeps one
:class:`~newsweave.stories.features.StoryProfile` per story and a
:class:`~newsweave.stories.centroid_index.CentroidIndex` of story centroids. For a new article it
retrieves the stories closest by centroid cosine within the time window (:meth:`candidates`: exact up to
the index's ``EXACT_MAX_CANDIDATES`` stories in the window, HNSW beyond), scores each with
:func:`~newsweave.stories.features.score`, and joins the best if its score clears ``join_threshold``;
otherwise the article opens a story whose id is its own.
A near-duplicate joins its original's story and changes nothing the story is scored by.
When articles carry multilingual vectors, a second index holds the stories' multilingual centroids: an
article in another language is retrieved against it, an English one against both (there, only stories
with no English member), and :func:`~newsweave.stories.features.score` picks the space per pair.

Online assignment depends on arrival order (an early article can seed a story a later one would have
split). :meth:`StoryAssigner.refine` reduces that: it re-assigns every article to its best story and merges
stories whose profiles score as one; :func:`recluster` rebuilds from scratch in a fixed order and refines,
so its result does not depend on input order at all.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

import numpy as np
from numpy.typing import NDArray

from newsweave.stories.centroid_index import CentroidIndex
from newsweave.stories.features import (
    Score,
    StoryFeatures,
    StoryMembers,
    StoryParams,
    StoryProfile,
    profile_features,
    score,
)

__all__ = ["Score", "StoryAssigner", "StoryFeatures", "StoryParams", "recluster"]

# A story with no publication dates is always inside the time window: it "starts" before any article
# and is "last seen" after any (the index stores None as +inf).
_NO_FIRST_DAY = -math.inf


class StoryAssigner:
    """Assigns articles to stories one at a time; story ids are the id of the article that opened them.

    ``document_frequency`` (with ``article_count``) fixes the IDF of entity and place keys, as a rebuild
    does; without it the frequencies are counted as articles arrive.
    """

    def __init__(self, params: StoryParams | None = None, *,
                 document_frequency: Mapping[str, int] | None = None, article_count: int = 0) -> None:
        self.params = params or StoryParams()
        self.stories: dict[str, StoryProfile] = {}
        self._features: dict[str, StoryFeatures] = {}
        self._story_of: dict[str, str] = {}
        self._copies: dict[str, list[str]] = {}
        self._frequency: Counter[str] = Counter(document_frequency or {})
        self._count = article_count
        self._counting = document_frequency is None
        # The index wants int ids: each opened story gets the next key, never reused, so ordering ties
        # by key is ordering them by when the story was opened (as the brute-force matrix rows did).
        self._index: CentroidIndex | None = None  # created on the first story (its dimension)
        self._multi_index: CentroidIndex | None = None  # created on the first multilingual vector
        self._key_of: dict[str, int] = {}
        self._story_at: dict[int, str] = {}
        self._next_key = 0
        # The index filters on last_seen only; a story's first day is kept here for the window's other side,
        # and its last day for the stories no index holds.
        self._first_day: dict[int, float] = {}
        self._last_day: dict[int, float] = {}
        # Stories no index can hold (their vectors cancelled out, or none in either space); cosine 0.
        self._flat: set[int] = set()

    # -- public API -------------------------------------------------------------------------------------

    def assign(self, features: StoryFeatures) -> str:
        """Place one new article in its best story, or open one; return the story id."""
        if features.article_id in self._story_of:
            return self._story_of[features.article_id]  # re-ingest is a no-op
        original = self._story_of.get(features.duplicate_of) if features.duplicate_of else None
        if original is not None:
            self._features[features.article_id] = features
            self._add_copy(features.article_id, features.duplicate_of or "", original)
            return original
        self._features[features.article_id] = features
        if self._counting:
            self._frequency.update(features.entities | features.places)
            self._count += 1
        best = self.best(features)
        if best is not None and best[1].total >= self.params.join_threshold:
            self._join(features, best[0])
            return best[0]
        return self._open(features)

    def restore(self, features: StoryFeatures, story_id: str) -> None:
        """Put a stored article back into its stored story (rebuilding the assigner from the store).

        Restore originals before their copies; a copy whose original is in the same story joins it as
        a copy, exactly as ``assign`` would have placed it.
        """
        self._features[features.article_id] = features
        original = features.duplicate_of
        if original is not None and self._story_of.get(original) == story_id:
            self._add_copy(features.article_id, original, story_id)
            return
        if self._counting:
            self._frequency.update(features.entities | features.places)
            self._count += 1
        if story_id in self.stories:
            self._join(features, story_id)
        else:
            self._open(features, story_id)

    def story_of(self, article_id: str) -> str | None:
        """The story an article is in, or None if it has not been assigned."""
        return self._story_of.get(article_id)

    def partition(self) -> dict[str, str]:
        """Every assigned article's story id."""
        return dict(self._story_of)

    def candidates(self, features: StoryFeatures, limit: int | None = None) -> list[str]:
        """Ids of the stories closest to ``features`` by centroid cosine, inside the time window, best first.

        Ties go to the story opened first. A story is inside the window unless all its publication dates lie
        more than ``time_window_days`` before or after the article's.
        """
        wanted = limit or self.params.candidates
        if not self._key_of:
            return []
        since: float | None = None
        latest = math.inf
        if features.published is not None:
            day, window = features.published.toordinal(), self.params.time_window_days
            since, latest = day - window, day + window
        found: list[str] = []
        if features.english:
            if not np.any(features.vector):  # every cosine is 0: opening order decides
                hits = self._unranked(self._story_at, since, latest)
            else:
                hits = self._search(self._index, features.vector, wanted, since, latest)
                if self._flat:
                    hits += self._unranked(self._flat, since, latest)
                    hits.sort(key=lambda hit: (-hit[1], hit[0]))
            found = [self._story_at[key] for key, _ in hits[:wanted]]
        if features.multi is not None and self._multi_index is not None:
            # An English article meets a story in the multilingual space only when it has no English
            # member (score's rule); the others were retrieved above.
            keep = self._without_english if features.english else None
            hits = self._search(self._multi_index, features.multi, wanted, since, latest, keep)
            found += [story for key, _ in hits if (story := self._story_at[key]) not in found]
        return found

    def _without_english(self, key: int) -> bool:
        return self.stories[self._story_at[key]].english == 0

    def explain(self, features: StoryFeatures, story_id: str) -> Score:
        """The score terms of an article against one story (for debugging and briefs)."""
        profile = self.stories[story_id]
        return score(features, profile, self._members(profile), self.params, self._idf)

    def best(self, features: StoryFeatures) -> tuple[str, Score] | None:
        """The best-scoring candidate story and its score (ties go to the smaller id), or None.

        An English article takes a story scored across languages only when no story scored in English
        reaches the join threshold: a cross-lingual score rests on one cosine, an English one on the
        English encoder and the names both sides share. Without this, an English report that left a
        story in refinement was pulled back to the reports in other languages it had gathered, away
        from the English reports of its event (the South Dakota campaign in
        benchmarks/stories_multilingual.py).
        """
        scored = [(story, self.explain(features, story)) for story in self.candidates(features)]
        if not scored:
            return None
        if features.english:
            english = [item for item in scored if not item[1].cross_lingual]
            if any(item[1].total >= self.params.join_threshold for item in english):
                scored = english
        return min(scored, key=lambda item: (-item[1].total, item[0]))

    def refine(self, scope: Iterable[str] | None = None) -> int:
        """Re-assign each article to its best story, then merge look-alike stories; return the moves made.

        With ``scope`` (story ids), only the articles of those stories are re-assigned and only those
        stories are merged into others; a story an article moves into or merges with joins the scope
        for the next round. An incremental batch refines the stories its articles went to, not every
        story it restored: stories it did not touch were refined when they were built.
        Articles are visited in (publication date, id) order, so refining one set of stories is
        deterministic whatever order they were built in.
        """
        moves = 0
        scoped = None if scope is None else set(scope)
        for _ in range(self.params.refine_rounds):
            moved = 0
            for article in self._core_order(scoped):
                if self._reassign(article):
                    moved += 1
                    if scoped is not None:
                        scoped.add(self._story_of[article])
            merged = self._merge_close(scoped)
            moves += moved + merged
            if moved == 0 and merged == 0:
                break
        return moves

    # -- internals --------------------------------------------------------------------------------------

    def _idf(self, key: str) -> float:
        # Smoothed IDF: a key every article has still weighs log 2 > 0.
        return math.log(1.0 + (self._count + 1) / (self._frequency[key] + 1))

    def _members(self, profile: StoryProfile) -> StoryMembers:
        none = np.zeros((0, profile.dim), dtype=np.float32)
        if self.params.max_member_share == 0:
            return StoryMembers(none, none)
        core = [self._features[member] for member in profile.core]
        english = [features.vector for features in core if features.english]
        multi = [features.multi for features in core if features.multi is not None]
        return StoryMembers(np.stack(english) if english else none, np.stack(multi) if multi else none)

    def _core_order(self, scope: set[str] | None = None) -> list[str]:
        wanted = self.stories.keys() if scope is None else scope & self.stories.keys()
        stories = [self.stories[story_id] for story_id in wanted]
        core = (self._features[a] for story in stories for a in story.core)
        return [features.article_id for features in sorted(core, key=lambda f: f.sort_key)]

    def _new_id(self, article_id: str) -> str:
        story_id, suffix = article_id, 1
        while story_id in self.stories:  # only after refinement moved the opener out of its story
            suffix += 1
            story_id = f"{article_id}~{suffix}"
        return story_id

    def _open(self, features: StoryFeatures, story_id: str | None = None) -> str:
        if not story_id or story_id in self.stories:
            story_id = self._new_id(features.article_id)
        self.stories[story_id] = StoryProfile(story_id, features.vector.shape[0])
        self._join(features, story_id)
        return story_id

    def _join(self, features: StoryFeatures, story_id: str) -> None:
        self.stories[story_id].add(features)
        self._story_of[features.article_id] = story_id
        for copy in self._copies.get(features.article_id, []):
            self.stories[story_id].add_duplicate(copy)
            self._story_of[copy] = story_id
        self._sync_row(story_id)

    def _add_copy(self, article_id: str, original: str, story_id: str) -> None:
        root = original
        while (parent := self._features[root].duplicate_of) and parent in self._story_of:
            root = parent  # a copy of a copy follows the article that shapes the story
        self._copies.setdefault(root, []).append(article_id)
        self.stories[story_id].add_duplicate(article_id)
        self._story_of[article_id] = story_id

    def _leave(self, article_id: str) -> None:
        """Take an article (and its copies) out of its story; drop the story if it is left empty."""
        story_id = self._story_of.pop(article_id)
        profile = self.stories[story_id]
        profile.remove(self._features[article_id])
        for copy in self._copies.get(article_id, []):
            profile.members.remove(copy)
            del self._story_of[copy]
        if profile.core:
            self._sync_row(story_id)
            return
        del self.stories[story_id]
        self._drop_row(story_id)

    def _reassign(self, article_id: str) -> bool:
        features, before = self._features[article_id], self._story_of[article_id]
        self._leave(article_id)
        best = self.best(features)
        if best is not None and best[1].total >= self.params.join_threshold:
            self._join(features, best[0])
            return best[0] != before
        return self._open(features, before) != before

    def _search(self, index: CentroidIndex | None, vector: NDArray[np.float32], wanted: int,
                since: float | None, latest: float,
                keep: Callable[[int], bool] | None = None) -> list[tuple[int, float]]:
        """The ``wanted`` nearest stories (key, cosine) of ``index`` in the window ``since`` .. ``latest``
        (and, with ``keep``, among the keys it keeps)."""
        if index is None or len(index) == 0:
            return []
        fetch = wanted
        while True:
            hits = index.search(vector, fetch, since=since)
            kept = [hit for hit in hits
                    if self._first_day[hit[0]] <= latest and (keep is None or keep(hit[0]))]
            if len(kept) >= wanted or len(hits) < fetch:
                return kept[:wanted]
            fetch *= 2  # stories that start after the window took places: look further down

    def _unranked(self, keys: Iterable[int], since: float | None, latest: float) -> list[tuple[int, float]]:
        """Those of ``keys`` in the window as (key, cosine 0), for when the index cannot rank them."""
        inside = []
        for key in keys:
            last = self._last_day[key]
            if (since is None or last >= since) and self._first_day[key] <= latest:
                inside.append((key, 0.0))
        return sorted(inside)

    def _drop_row(self, story_id: str) -> None:
        """Take a story that no longer exists out of the candidate index."""
        key = self._key_of.pop(story_id)
        del self._story_at[key], self._first_day[key], self._last_day[key]
        self._flat.discard(key)
        for index in (self._index, self._multi_index):
            if index is not None and key in index:
                index.remove(key)

    def _sync_row(self, story_id: str) -> None:
        """Write the story's centroid and date range into the candidate index."""
        profile = self.stories[story_id]
        key = self._key_of.get(story_id)
        if key is None:
            key = self._key_of[story_id] = self._next_key
            self._story_at[key] = story_id
            self._next_key += 1
        days = [day.toordinal() for day in profile.published]
        first, last = (min(days), max(days)) if days else (_NO_FIRST_DAY, math.inf)
        self._first_day[key] = first
        if self._index is None or self._index.dim != profile.dim:
            self._index = CentroidIndex(profile.dim)
        multi = profile.multi_centroid
        if multi is not None and self._multi_index is None:
            self._multi_index = CentroidIndex(multi.shape[0])
        # A story found by neither index (its vectors cancelled out, or no English member and no
        # multilingual vector) is a candidate for every English article, with cosine 0.
        out_of_english = _put(self._index, key, profile.centroid, last)
        out_of_multi = self._multi_index is None or _put(self._multi_index, key, multi, last)
        self._last_day[key] = last
        if out_of_english and out_of_multi:
            self._flat.add(key)
        else:
            self._flat.discard(key)

    def _merge_close(self, scope: set[str] | None = None) -> int:
        """Merge each story (of ``scope``, if given) into the best other story its profile scores above
        ``merge_threshold``; the story kept joins the scope."""
        merged = 0
        probes = self.stories if scope is None else [s for s in scope if s in self.stories]
        for story_id in sorted(probes, key=lambda s: (-len(self.stories[s].core), s)):
            if story_id not in self.stories:
                continue
            probe = profile_features(self.stories[story_id], self._features)
            others = [other for other in self.candidates(probe) if other != story_id]
            scored = [(other, s) for other in others
                      if (s := self.explain(probe, other)).total >= self.params.merge_threshold]
            if not scored:
                continue
            target = min(scored, key=lambda item: (-item[1].total, item[0]))[0]
            keep, drop = sorted((story_id, target), key=lambda s: (-len(self.stories[s].core), s))
            for article in list(self.stories[drop].core):
                self._leave(article)
                self._join(self._features[article], keep)
            merged += 1
            if scope is not None:
                scope.add(keep)
        return merged


def _put(index: CentroidIndex, key: int, centroid: NDArray[np.float32] | None, last: float) -> bool:
    """Write a story's centroid into ``index``, or take the story out when it has none; True if out."""
    indexed = key in index
    if centroid is None or not np.any(centroid):
        if indexed:
            index.remove(key)
        return True
    if indexed:
        index.update(key, centroid, last)
    else:
        index.add([key], centroid[None, :], [last])
    return False


def recluster(features_list: Iterable[StoryFeatures], params: StoryParams | None = None) -> dict[str, str]:
    """Rebuild all stories from scratch: article id -> story id, the same whatever the input order.

    Articles arrive sorted by (publication date, id) with IDF fixed over the whole set, then the stories
    are refined; each story is named after its earliest core member.
    """
    # Copies come after the articles they copy, so that each finds its original's story.
    ordered = sorted(features_list, key=lambda f: (f.duplicate_of is not None, f.sort_key))
    frequency: Counter[str] = Counter()
    for features in ordered:
        if features.duplicate_of is None:
            frequency.update(features.entities | features.places)
    assigner = StoryAssigner(params, document_frequency=frequency,
                             article_count=sum(f.duplicate_of is None for f in ordered))
    for features in ordered:
        assigner.assign(features)
    assigner.refine()
    rank = {features.article_id: index for index, features in enumerate(ordered)}
    names = {story: min(profile.core, key=rank.__getitem__) for story, profile in assigner.stories.items()}
    return {article: names[story] for article, story in assigner.partition().items()}
