"""A store for the interop tests: the two seeds (one story, a naming discrepancy), five Korea–Japan
reports (events between two countries) and the Storm Orla and Bank of Canada reports of the labelled
brief set (stories with values), ingested through the library API."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

import newsweave
from newsweave.library import Newsweave

DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS = DATA / "seeds"
PUBLISHED = datetime(2026, 1, 14, tzinfo=UTC)
# The first six reports of tests/data/brief: Storm Orla (3) and the Bank of Canada's cut (3).
BRIEF_REPORTS = 6


@pytest.fixture(scope="session")
def interop_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store's path, built once; tests that write use ``db_copy``."""
    folder = tmp_path_factory.mktemp("interop")
    reports = folder / "brief_reports.jsonl"
    lines = (DATA / "brief" / "articles.jsonl").read_text("utf-8").splitlines()[:BRIEF_REPORTS]
    reports.write_text("\n".join(lines) + "\n", "utf-8")
    db = folder / "interop.db"
    with newsweave.open(db, create=True) as news:
        for name, outlet in (
            ("000_dc8acf547435bd15.txt", "outlet-a"),
            ("004_7611bd27aecda166.txt", "outlet-b"),
        ):
            news.ingest([SEEDS / name], outlet=outlet, published=PUBLISHED)
        news.ingest([DATA / "events" / "korea_japan.jsonl"], published=PUBLISHED)
        news.ingest([reports])
        assert news.store.count_articles() == 2 + 5 + BRIEF_REPORTS
    return db


@pytest.fixture
def db_copy(interop_db: Path, tmp_path: Path) -> Path:
    """A private copy of the session store (the backup API copies the WAL's committed pages too)."""
    target = tmp_path / "copy.db"
    with sqlite3.connect(interop_db) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


@pytest.fixture
def news(db_copy: Path) -> Iterator[Newsweave]:
    """The library API over a private copy of the store."""
    with newsweave.open(db_copy) as opened:
        yield opened
