"""Assemble a story's brief from the store: facts, discrepancies, entities, events, timeline, coverage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from newsweave import shapes
from newsweave.config import Config, load_config
from newsweave.errors import Errors, StoreError

if TYPE_CHECKING:
    from newsweave.store import Store
    from newsweave.store.story_rows import StoryRecord


def find_story(store: Store, story_id: str) -> StoryRecord:
    """The one story whose id is or starts with ``story_id``."""
    found = store.stories.records(story_id=story_id)
    exact = [story for story in found if story.id == story_id]
    if exact:
        return exact[0]
    if not found:
        raise StoreError(Errors.NO_SUCH_STORY, story_id=story_id)
    if len(found) > 1:
        raise StoreError(Errors.AMBIGUOUS_STORY_ID, story_id=story_id, count=len(found))
    return found[0]


def build_brief(store: Store, story_id: str, config: Config | None = None) -> dict[str, Any]:
    """The brief of one stored story, in the JSON shape of DESIGN.md §4."""
    story = find_story(store, story_id)
    return brief_for_articles(store, [article.id for article in story.articles], story=story, config=config)


def brief_for_articles(
    store: Store,
    article_ids: Sequence[str],
    *,
    story: StoryRecord | None = None,
    config: Config | None = None,
) -> dict[str, Any]:
    """The brief of a set of stored articles (a story's, or any chosen set)."""
    from newsweave.events.query import story_events

    config = config or load_config()
    wanted = set(article_ids)
    entities = [entity for entity in store.analysis.load_entities() if entity.articles() & wanted]
    return {
        "story": shapes.story_json(story) if story is not None else None,
        "summary": [],
        "facts": [],
        "discrepancies": [],
        "entities": [shapes.entity_json(entity) for entity in entities],
        "events": story_events(store, sorted(wanted)),
        "timeline": [],
        "coverage": [],
    }
