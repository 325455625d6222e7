"""Fixtures of the web tests: one store built once per session (the seeds, a fire reported two ways, an
article carrying hostile markup), and apps over it or over a copy of it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsweave.analysis.stage import analyse_store
from newsweave.config import Config, load_config
from newsweave.data import Article
from newsweave.ingest.stage import ingest_articles, ingest_inputs
from newsweave.readers.base import ReadOptions
from newsweave.store import open_store
from newsweave.stories.stage import assign_stories
from newsweave.web.app import create_app

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
SEEDS_PUBLISHED = datetime(2026, 1, 14, tzinfo=UTC)
TOKEN = "test-ingest-token-0123456789"
#: How long test pages wait for a brief: far longer than any brief of this store takes.
BRIEF_WAIT_S = 300.0

HOSTILE_TITLE = "<script>alert('title')</script> Westport council approves bus lanes"
HOSTILE_TEXT = (
    "The city council of Westport approved three new bus lanes on Monday after a long debate. "
    "<script>alert(1)</script> Residents said the plan <img src=x onerror=alert(2)> would cut travel "
    "times in the centre. The lanes will open in June after a public consultation that drew 400 "
    "responses, the council said. </textarea><b>Not bold</b>"
)

FIRE_A = Article(
    title="Fire at Brenner textile plant in Oldbridge kills nine",
    text=(
        "OLDBRIDGE, Feb 3 (Valley Courier) - A fire tore through the Brenner textile plant in Oldbridge "
        "on Tuesday, leaving nine dead and 14 injured, the regional fire service said.\n\n"
        "The blaze broke out shortly after 6 a.m. in a storage hall and spread to the main workshop, fire "
        "chief Marta Lind told reporters. About 120 firefighters fought the flames for six hours.\n\n"
        "The plant employs 800 people and makes fabric for car seats. Police have opened an investigation "
        "into the cause of the fire.\n\nMayor Tomas Weber declared three days of mourning in the town."
    ),
    url="https://valley-courier.test/2026/02/03/oldbridge-fire",
    outlet="Valley Courier",
    published=datetime(2026, 2, 3, 9, 0, tzinfo=UTC),
    source="test:fire-a",
    source_kind="json",
)
FIRE_B = Article(
    title="Eleven killed in Oldbridge factory blaze",
    text=(
        "A fire at the Brenner textile factory in Oldbridge killed 11 people on Tuesday and injured 14 "
        "others, officials said.\n\nFire chief Marta Lind said the blaze started in a storage hall early in "
        "the morning before spreading to the main workshop. Around 120 firefighters battled the fire for "
        "six hours.\n\nThe factory, which employs 800 workers, supplies fabric to carmakers. Police said "
        "they were investigating what caused the fire.\n\nMayor Tomas Weber announced three days of mourning."
    ),
    url="https://northern-ledger.test/news/oldbridge-factory-blaze",
    outlet="Northern Ledger",
    published=datetime(2026, 2, 3, 11, 30, tzinfo=UTC),
    source="test:fire-b",
    source_kind="json",
)
HOSTILE = Article(
    title=HOSTILE_TITLE,
    text=HOSTILE_TEXT,
    url="javascript:alert(3)",
    outlet="Evil <b>Gazette</b>",
    published=datetime(2026, 3, 2, 8, 0, tzinfo=UTC),
    source="test:hostile",
    source_kind="json",
)


@dataclass(frozen=True, slots=True)
class WebData:
    """The session's store file and what the tests look up in it."""

    db: Path | str  # a SQLite file, or a PostgreSQL URL
    seeds_story: str
    fire_story: str
    hostile_article: str
    seed_ids: tuple[str, str]


def _build(db: Path | str, config: Config) -> WebData:
    with open_store(str(db)) as store:
        seeds = sorted(SEEDS.glob("*.txt"))
        for path, outlet in zip(seeds, ("outlet-a", "outlet-b"), strict=True):
            options = ReadOptions(outlet=outlet, published=SEEDS_PUBLISHED, ingest=config.ingest)
            ingest_inputs([str(path)], store, options, config)
        ingest_articles([FIRE_A, FIRE_B, HOSTILE], store, config)
        analyse_store(store, config)
        assign_stories(store, config)
        assigned = store.stories.assigned()
        seed_ids = tuple(a.id for a in store.list_articles() if a.outlet in ("outlet-a", "outlet-b"))
        assert len(seed_ids) == 2
        return WebData(
            db=db,
            seeds_story=assigned[seed_ids[0]],
            fire_story=assigned[FIRE_A.id],
            hostile_article=HOSTILE.id,
            seed_ids=(seed_ids[0], seed_ids[1]),
        )


@pytest.fixture(scope="session")
def web_config() -> Config:
    """The packaged defaults."""
    return load_config(None)


@pytest.fixture(scope="session")
def web_data(tmp_path_factory: pytest.TempPathFactory, web_config: Config) -> WebData:
    """A store holding the two seeds (outlet-a, outlet-b), the Oldbridge fire (two outlets) and a hostile
    article, analysed and grouped into stories. Read-only: tests that write use ``store_copy``."""
    return _build(tmp_path_factory.mktemp("web") / "web.db", web_config)


def copy_store(source: Path, target: Path) -> Path:
    """A consistent copy of a SQLite store (the backup API copies the WAL's committed pages too)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


@pytest.fixture
def store_copy(web_data: WebData, tmp_path: Path) -> Path:
    """A private copy of the session store, for tests that write."""
    return copy_store(web_data.db, tmp_path / "copy.db")


@pytest.fixture(scope="module")
def app(web_data: WebData, web_config: Config) -> Iterator[FastAPI]:
    """The read-only app over the session store (no ingest token)."""
    # Pages wait for briefs as long as they take: the tests check what a built brief shows.
    application = create_app(str(web_data.db), config=web_config, brief_wait_s=BRIEF_WAIT_S)
    yield application
    application.state.web.close()


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    """A test client of the read-only app."""
    with TestClient(app) as test_client:
        yield test_client
