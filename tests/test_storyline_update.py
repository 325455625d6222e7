"""Storylines updated for the stories a batch touched equal storylines recomputed over every story.

Stories are written straight into a real store (vectors, mentions resolved to entities, spans), so
the links are known: a chain A - B - C whose ends are more than ``MAX_GAP_DAYS`` apart, a story that
extends it, and a change that breaks the chain in the middle.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from newsweave.analysis.entities import index_keys
from newsweave.config import load_config
from newsweave.data import Article, Entity, Mention
from newsweave.store import Store
from newsweave.store.analysis_rows import ArticleAnalysis
from newsweave.stories.stage import StoryBuilder
from newsweave.stories.storyline_links import StorylineLinker

MODEL = load_config(None).stories.embedding_model
SUBJECT = np.array([1.0, 0.0, 0.0, 0.0], dtype=np.float32)
OTHER = np.array([0.0, 1.0, 0.0, 0.0], dtype=np.float32)
LEADERS = ("e-lee", "e-takaichi")
CLUBS = ("e-club-a", "e-club-b")


def _add(
    store: Store, story: str, day: datetime, actors: tuple[str, ...], vector: np.ndarray, n: int
) -> None:
    """Two articles of ``story`` published on ``day`` naming ``actors``."""
    for k in range(2):
        names = " and ".join(actors)
        article = Article(
            title=f"{story} {n} {k}", text=f"{names} met. Report {story} {n} {k}.", published=day
        )
        with store.atomic():
            store.add_article(article)
            mentions = [
                Mention(start=0, end=1, text=a, label="PERSON", sentence=0, entity_id=a) for a in actors
            ]
            store.analysis.save(ArticleAnalysis(article.id, language="en", mentions=mentions))
        store.stories.save_vectors(MODEL, {article.id: vector})
        store.stories.save({article.id: story}, {story: story})


def _storylines(store: Store) -> list[list[str]]:
    return sorted(sorted(story.id for story in stories) for _, stories in store.stories.storylines().values())


def _incremental_then_full(builder: StoryBuilder, touched: set[str], before: set[str]) -> list[list[str]]:
    StorylineLinker(builder.store, builder.config).update(touched, before)
    incremental = _storylines(builder.store)
    builder.link_storylines()
    assert _storylines(builder.store) == incremental
    return incremental


def test_updating_the_touched_storylines_equals_a_full_pass(store: Store) -> None:
    people = [Entity(id=e, name=e, type="PERSON") for e in (*LEADERS, *CLUBS)]
    store.analysis.save_entities(people, index_keys)
    builder = StoryBuilder(store, load_config(None))
    _add(store, "A", datetime(2025, 1, 10, tzinfo=UTC), LEADERS, SUBJECT, 0)
    _add(store, "B", datetime(2025, 5, 10, tzinfo=UTC), LEADERS, SUBJECT, 1)
    _add(store, "C", datetime(2025, 9, 10, tzinfo=UTC), LEADERS, SUBJECT, 2)
    for n in (3, 5, 6):  # a bigger story of other people, on another subject
        _add(store, "D", datetime(2025, 5, 12, tzinfo=UTC), CLUBS, OTHER, n)
    assert _incremental_then_full(builder, {"A", "B", "C", "D"}, set()) == [["A", "B", "C"]]

    # A later story extends the chain: only it was touched, and the whole storyline is recomputed.
    old = set(store.stories.storyline_of({"E"}).values())
    _add(store, "E", datetime(2026, 1, 5, tzinfo=UTC), LEADERS, SUBJECT, 4)
    assert _incremental_then_full(builder, {"E"}, old) == [["A", "B", "C", "E"]]

    # B's reports move to D (a refinement would), where they are a minority: A is now too far from C,
    # so the chain breaks.
    old = set(store.stories.storyline_of({"B", "D"}).values())
    store.stories.save({a: "D" for a in store.stories.members({"B"})["B"]}, {"D": "D"})
    assert _incremental_then_full(builder, {"B", "D"}, old) == [["C", "E"]]
    assert store.stories.storyline_of({"A", "D"}) == {}
