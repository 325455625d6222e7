"""Story rows read for a batch: the stories of its time window only, and no IN list past SQLite's limit."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import event

from newsweave.config import load_config
from newsweave.data import Article
from newsweave.store import Store, open_store
from newsweave.stories.features import StoryFeatures
from newsweave.stories.stage import StoryBuilder
from tests.store.conftest import BOTH_BACKENDS

MODEL = "test-model"
# SQLite's bound-parameter limit before 3.32 and in many distributions' builds: an unchunked IN list of
# more ids than this fails with "too many SQL variables".
OLD_SQLITE_LIMIT = 999


def _article(n: int, published: datetime | None) -> Article:
    return Article(title=f"Report {n}", text=f"Report number {n} on the harbour.", outlet="Test",
                   published=published)  # fmt: skip


def _stored(store: Store, *articles: Article) -> list[str]:
    with store.atomic():
        for article in articles:
            store.add_article(article)
    return [article.id for article in articles]


@pytest.mark.parametrize("backend_store", BOTH_BACKENDS, indirect=True)
def test_a_batch_reads_the_stories_of_its_window_and_of_its_copies_originals(backend_store: Store) -> None:
    store = backend_store
    old, recent, undated, original = _stored(
        store,
        _article(1, datetime(2020, 1, 1, tzinfo=UTC)),
        _article(2, datetime(2024, 6, 1, tzinfo=UTC)),
        _article(3, None),
        _article(4, datetime(2020, 1, 3, tzinfo=UTC)),
    )
    store.stories.save({old: "s-old", recent: "s-recent", undated: "s-undated", original: "s-original"}, {})
    june = [(datetime(2024, 5, 1, tzinfo=UTC), datetime(2024, 7, 1, tzinfo=UTC))]

    assert store.stories.assigned(within=june) == {recent: "s-recent", undated: "s-undated"}
    assert store.stories.assigned(within=june, stories_of=[original]) == {
        recent: "s-recent", undated: "s-undated", original: "s-original"
    }  # fmt: skip
    assert len(store.stories.assigned()) == 4
    two_months = [june[0], (datetime(2019, 12, 20, tzinfo=UTC), datetime(2020, 1, 2, tzinfo=UTC))]
    assert set(store.stories.assigned(within=two_months)) == {recent, undated, old}


def test_an_undated_article_makes_every_story_a_candidate(store: Store) -> None:
    builder = StoryBuilder(store, load_config(None))
    vector = np.zeros(4, dtype=np.float32)
    dated = StoryFeatures("a", vector, published=date(2024, 6, 1))
    undated = StoryFeatures("b", vector)

    assert builder._windows([dated, undated]) is None
    ((start, end),) = builder._windows([dated]) or []
    assert start < datetime(2024, 5, 2, tzinfo=UTC) and end > datetime(2024, 7, 1, tzinfo=UTC)
    # Reports two years apart read two windows, not the two years between them.
    earlier = StoryFeatures("d", vector, published=date(2022, 6, 1))
    assert len(builder._windows([dated, earlier]) or []) == 2
    # A report dated at the calendar's end has a window held at its end, not an overflow.
    assert builder._windows([StoryFeatures("c", vector, published=date(9999, 12, 31))]) is not None


def test_reads_by_many_ids_stay_under_sqlites_variable_limit(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s.db")) as store:
        count = OLD_SQLITE_LIMIT + 201
        ids = _stored(store, *(_article(n, datetime(2024, 6, 1, tzinfo=UTC)) for n in range(count)))
        store.stories.save_vectors(MODEL, {article_id: np.ones(4, dtype=np.float32) for article_id in ids})
        store.stories.save({article_id: f"s{n % 7}" for n, article_id in enumerate(ids)}, {})

        @event.listens_for(store.engine, "connect")
        def _lower_limit(connection: Any, _record: Any) -> None:
            if isinstance(connection, sqlite3.Connection):
                connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, OLD_SQLITE_LIMIT)

        store.engine.dispose()  # every connection from here on has the lower limit
        assert len(store.get_articles(ids)) == count
        assert len(store.stories.load_vectors(MODEL, ids)) == count
        assert len(store.analysis.load_story_inputs(ids)) == count
        assert store.analysis.load_entities(ids) == []
        within = [(datetime(2024, 5, 1, tzinfo=UTC), datetime(2024, 7, 1, tzinfo=UTC))]
        assert len(store.stories.assigned(within=within, stories_of=ids)) == count
        assert len(store.stories.story_of(ids)) == count
        assert sum(len(story.articles) for story in store.stories.records()) == count
