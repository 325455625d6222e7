"""Storylines over the store: each story's summary kept with it, and links updated per batch.

A story's summary (centroid, how many of its articles name each actor, article count) is computed
from its articles once, when the story changes, and stored (``stories`` columns, migration 0006). A
batch then recomputes only the storylines it can have changed: it summarises the stories it touched,
checks them against the stored summaries of the stories within ``MAX_GAP_DAYS`` that share a core
actor, and rebuilds the storylines of every story involved, whole. Links between two untouched stories
are what they were, so the other storylines stay as they are and the result is the one a full pass
over every story gives (``tests/test_storyline_update.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

import numpy as np

from newsweave.config import Config
from newsweave.stories.features import ENGLISH_SPACE
from newsweave.stories.storylines import (
    MAX_GAP_DAYS,
    StorySummary,
    build_storylines,
    core_actors,
    linked,
)
from newsweave.stories.timespans import Span, capped, merged_into, moved

if TYPE_CHECKING:
    from newsweave.store import Store

# Entities that can be a storyline's core actors: people, organisations and countries.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE"})
# Separate time spans the stories near a batch's stories are read by; more are read as one span.
MAX_SPANS = 50


class StorylineLinker:
    """Keeps story summaries and storylines in the store up to date."""

    def __init__(self, store: Store, config: Config) -> None:
        self.store = store
        self.config = config

    def relink_all(self) -> None:
        """Summarise every story again and recompute every storyline (after a rebuild)."""
        summaries = self.summarise(None)
        self._write(summaries, None)

    def update(self, touched: set[str], old_storylines: set[str]) -> None:
        """Recompute the storylines a batch can have changed: ``touched`` are the stories it changed,
        ``old_storylines`` the storylines they were in before (read before the batch was saved)."""
        if not touched and not old_storylines:
            return
        fresh = self.summarise(touched)
        near = self.store.stories.stories_within(_spans_around(fresh.values())) - fresh.keys()
        candidates = self.summaries(near)
        joined = _linked_to(fresh, candidates)
        affected = set(fresh) | joined | self.store.stories.storyline_stories(old_storylines)
        affected |= self.store.stories.storyline_stories(
            set(self.store.stories.storyline_of(affected).values())
        )
        rest = self.summaries(affected - fresh.keys() - candidates.keys())
        summaries = {
            s: found for s in affected if (found := fresh.get(s) or candidates.get(s) or rest.get(s))
        }
        self._write(summaries, affected)

    def summaries(self, story_ids: Iterable[str]) -> dict[str, StorySummary]:
        """The given stories' stored summaries; those not stored yet are computed and stored."""
        wanted = set(story_ids)
        stored = self.store.stories.load_summaries(wanted)
        spans = self.store.stories.spans(stored)
        found = {
            story_id: StorySummary(story_id, centroid, actors, count, *spans[story_id])
            for story_id, (centroid, actors, count) in stored.items()
            if story_id in spans
        }
        missing = wanted - found.keys()
        if missing:
            found.update(self.summarise(missing))
        return found

    def summarise(self, story_ids: Iterable[str] | None) -> dict[str, StorySummary]:
        """Compute the given stories' summaries (None: every story's) from their articles, and store them."""
        members = self.store.stories.members(story_ids)
        every = [article_id for ids in members.values() for article_id in ids]
        vectors = self.store.stories.load_vectors(self.config.stories.embedding_model, every)
        keys = self.store.analysis.load_story_keys(every)
        languages = self.store.analysis.languages(every)
        named_in = {article_id: {entity_id for entity_id, _ in k.entities} for article_id, k in keys.items()}
        mentioned = set().union(*named_in.values())
        types = {entity.id: entity.type for entity in self.store.analysis.load_entities(mentioned)}
        summaries: dict[str, StorySummary] = {}
        for story_id, (first_seen, last_seen) in self.store.stories.spans(members).items():
            ids = members[story_id]
            # The subject is what the English encoder reads: its vector of a Korean report is near
            # nothing, so a story's English reports alone make its centroid where it has any.
            english = [i for i in ids if i in vectors and languages.get(i) in ENGLISH_SPACE]
            found = [vectors[i] for i in english or ids if i in vectors]
            if not found:
                continue
            centroid = np.mean(found, axis=0)
            centroid = (centroid / (np.linalg.norm(centroid) or 1.0)).astype(np.float32)
            actors: Counter[str] = Counter()
            for article_id in ids:
                actors.update(e for e in named_in[article_id] if types.get(e) in ACTOR_LABELS)
            summaries[story_id] = StorySummary(story_id, centroid, actors, len(ids), first_seen, last_seen)
        self.store.stories.save_summaries(
            {
                s: (summary.centroid, dict(summary.actor_articles), summary.article_count)
                for s, summary in summaries.items()
            }
        )
        return summaries

    def _write(self, summaries: dict[str, StorySummary], replacing: set[str] | None) -> None:
        actors = {actor for summary in summaries.values() for actor in core_actors(summary)}
        names = {entity.id: entity.name for entity in self.store.analysis.load_entities(actors)}
        lines, titles = build_storylines(list(summaries.values()), names)
        self.store.stories.set_storylines(lines, titles, replacing=replacing)


def _linked_to(fresh: dict[str, StorySummary], candidates: dict[str, StorySummary]) -> set[str]:
    """The candidates linked to one of the fresh stories (only those sharing a core actor are checked)."""
    cores = {s.id: core_actors(s) for s in (*fresh.values(), *candidates.values())}
    by_actor: dict[str, list[StorySummary]] = {}
    for summary in candidates.values():
        for actor in cores[summary.id]:
            by_actor.setdefault(actor, []).append(summary)
    found: set[str] = set()
    for story in fresh.values():
        for actor in cores[story.id]:
            for other in by_actor.get(actor, []):
                if other.id not in found and linked(story, other, cores):
                    found.add(other.id)
    return found


def _spans_around(summaries: Iterable[StorySummary]) -> list[Span] | None:
    """The spans of time a story linked to one of ``summaries`` must touch (None: any, for an undated one)."""
    margin = timedelta(days=MAX_GAP_DAYS + 1)
    spans: list[Span] = []
    dated = []
    for summary in summaries:
        if summary.first_seen is None or summary.last_seen is None:
            return None
        dated.append((summary.first_seen, summary.last_seen))
    for first, last in sorted(dated):
        spans = merged_into(spans, (moved(first.date(), -margin), moved(last.date(), margin)))
    return capped(spans, MAX_SPANS)
