"""Fixtures of the event tests: one analysed store of the seeds and the Korea–Japan reports (built once
per session: spaCy, the gazetteer and the encoder load once), and a parser for hand-written articles."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsweave.analysis.stage import Analyser, analyse_store
from newsweave.config import Config, load_config
from newsweave.data import Article
from newsweave.ingest.stage import ingest_inputs
from newsweave.readers.base import ReadOptions
from newsweave.store import Store, open_store
from newsweave.store.analysis_rows import ArticleAnalysis
from newsweave.stories.stage import assign_stories

DATA = Path(__file__).resolve().parents[1] / "data"
KOREA_JAPAN = DATA / "events" / "korea_japan.jsonl"
SEEDS_PUBLISHED = datetime(2026, 1, 14, tzinfo=UTC)

Parsed = tuple[Article, object, ArticleAnalysis]


@pytest.fixture(scope="session")
def events_config() -> Config:
    """The packaged configuration."""
    return load_config(None)


@pytest.fixture(scope="session")
def analyser(events_config: Config) -> Analyser:
    """One analyser (spaCy, gazetteer, event classifier) shared by the session."""
    return Analyser(events_config)


@pytest.fixture(scope="session")
def parse(analyser: Analyser) -> Callable[..., Parsed]:
    """Analyse one hand-written article: (article, spaCy Doc, analysis with its events)."""

    def run(text: str, published: datetime | None = SEEDS_PUBLISHED, title: str = "Test") -> Parsed:
        article = Article(title=title, text=text, published=published)
        (analysis,) = analyser.analyse([article])
        return article, analyser.nlp(text), analysis

    return run


@pytest.fixture(scope="session")
def events_store(tmp_path_factory: pytest.TempPathFactory, events_config: Config) -> Iterator[Store]:
    """The two seeds (published 2026-01-14) and five Korea–Japan reports, analysed and in stories."""
    path = tmp_path_factory.mktemp("events") / "events.db"
    with open_store(str(path)) as store:
        options = ReadOptions(
            published=SEEDS_PUBLISHED, ingest=events_config.ingest, fetch=events_config.fetch
        )
        report = ingest_inputs([str(DATA / "seeds"), str(KOREA_JAPAN)], store, options, events_config)
        assert report.counts["failed"] == 0
        analyse_store(store, events_config)
        assign_stories(store, events_config)
        yield store
