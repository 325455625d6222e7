"""Real inputs of every kind ingest identically into SQLite and PostgreSQL (articles, stories, briefs).

The inputs carry what the PostgreSQL schema once refused: an outlet on every article (its recurring lines
are stored per outlet), URLs, a record id of 100,000 characters, a real page read as a file and from a
WARC archive, and the two seed reports.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsweave.analysis.stage import analyse_store
from newsweave.brief import build_brief
from newsweave.config import Config, load_config
from newsweave.ingest.stage import IngestReport, ingest_inputs
from newsweave.readers.base import ReadOptions
from newsweave.store import Store, open_store
from newsweave.stories.stage import assign_stories
from tests.readers.conftest import WarcRecord, warc_bytes
from tests.store.conftest import DatabaseFactory

DATA = Path(__file__).parents[1] / "data"
SAMPLE = Path(__file__).parents[2] / "src" / "newsweave" / "sample" / "ecbplus_sample.jsonl"
PUBLISHED = datetime(2026, 1, 14, tzinfo=UTC)
OUTLET = "Example Wire"
# Two real reports each of two ECB+ events (a boxing fight, an earthquake): two stories of two.
SAMPLE_IDS = ("ecbplus-7_1ecb", "ecbplus-7_3ecb")
LONG_ID = "r" * 100_000


def _sample_records() -> list[dict[str, Any]]:
    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line]
    chosen = [record for record in records if record["id"] in SAMPLE_IDS]
    assert len(chosen) == len(SAMPLE_IDS)
    for number, record in enumerate(chosen):
        record["url"] = f"https://news.example.org/boxing/{number}"
    chosen[0]["id"] = LONG_ID
    return chosen


def _corpus(folder: Path) -> Path:
    """The inputs, written under ``folder``: seeds (.txt), a page (.html), a WARC and JSONL records."""
    page = (DATA / "pages" / "europa_plumes.html").read_bytes()
    for seed in sorted((DATA / "seeds").glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "europa.html").write_bytes(page)
    archive = warc_bytes([WarcRecord("https://archive.example.net/europa-plumes", page)], gzip=True)
    (folder / "crawl.warc.gz").write_bytes(archive)
    records = _sample_records()
    (folder / "records.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return folder


@dataclass
class Ingested:
    """The same corpus ingested, analysed and clustered into both backends."""

    sqlite: Store
    postgres: Store
    reports: dict[str, IngestReport]
    corpus: Path


def _ingest(store: Store, corpus: Path, config: Config) -> IngestReport:
    options = ReadOptions(ingest=config.ingest, fetch=config.fetch, published=PUBLISHED, outlet=OUTLET)
    report = ingest_inputs([str(corpus)], store, options, config)
    analyse_store(store, config)
    assign_stories(store, config)
    return report


@pytest.fixture(scope="module")
def ingested(pg_databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ingested]:
    """Both stores after one ingest of the corpus."""
    config = load_config(None)
    corpus = _corpus(tmp_path_factory.mktemp("corpus"))
    with (
        open_store(str(tmp_path_factory.mktemp("sqlite") / "s.db")) as sqlite,
        open_store(pg_databases("real_inputs")) as postgres,
    ):
        reports = {"sqlite": _ingest(sqlite, corpus, config), "postgres": _ingest(postgres, corpus, config)}
        yield Ingested(sqlite, postgres, reports, corpus)


def _contents(store: Store) -> dict[str, Any]:
    """What ingest, analysis and clustering wrote, and every story's brief, comparable across backends."""
    ids = sorted(article.id for article in store.list_articles())
    records = store.stories.records()
    return {
        "articles": [store.get_article(article_id) for article_id in ids],
        "analysis": [store.analysis.load(article_id) for article_id in ids],
        "entities": store.analysis.load_entities(),
        "stories": records,
        "briefs": [
            json.dumps(build_brief(store, record.id), sort_keys=True, default=str) for record in records
        ],
    }


def test_every_input_is_stored_on_postgresql_as_on_sqlite(ingested: Ingested) -> None:
    for backend, report in ingested.reports.items():
        assert report.counts["failed"] == 0, (backend, report.failures)
        # 2 seeds + the page + its WARC copy + 2 records; the WARC copy is the page's duplicate.
        assert report.counts["read"] == 6, backend
        assert report.counts["new"] == 6, backend
    articles = ingested.postgres.list_articles()
    assert {article.outlet for article in articles} >= {OUTLET}
    assert any(article.source.endswith(f"#{LONG_ID}") for article in articles)


def test_postgresql_holds_the_same_articles_stories_and_briefs_as_sqlite(ingested: Ingested) -> None:
    on_postgres, on_sqlite = _contents(ingested.postgres), _contents(ingested.sqlite)
    assert len(on_postgres["stories"]) >= 2
    assert on_postgres == on_sqlite


def test_ingesting_again_adds_nothing_on_either_backend(ingested: Ingested) -> None:
    config = load_config(None)
    for store in (ingested.sqlite, ingested.postgres):
        report = _ingest(store, ingested.corpus, config)
        assert (report.counts["new"], report.counts["failed"]) == (0, 0)
