"""`newsweave batch --store postgresql://...`: the single writer loads into a real PostgreSQL server and
ends with what it loads into SQLite (needs $NEWSWEAVE_TEST_PG, as every test in this folder)."""

from __future__ import annotations

from pathlib import Path

from newsweave.batch.run import run_batch
from newsweave.config import load_config
from newsweave.store import Store, open_store
from tests.conftest import DATA, SEEDS
from tests.store.conftest import DatabaseFactory


def _content(store: Store) -> dict[str, object]:
    articles = store.get_articles(sorted(store.stories.assigned()))
    entities = store.analysis.load_entities()
    return {
        "articles": sorted((a.id, a.text_hash, a.outlet, a.published) for a in articles.values()),
        "stories": sorted(store.stories.assigned().items()),
        "entities": sorted((e.id, e.name, e.type, e.mention_count) for e in entities),
        "mentions": {
            i: [(m.start, m.end, m.entity_id) for m in store.analysis.load(i).mentions] for i in articles
        },
    }


def test_batch_loads_into_postgres_as_into_sqlite(pg_databases: DatabaseFactory, tmp_path: Path) -> None:
    config = load_config(None)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for source in [*sorted(SEEDS.iterdir()), DATA / "pages" / "europa_plumes.html"]:
        (corpus / source.name).write_bytes(source.read_bytes())
    url = pg_databases("batch")
    on_pg = run_batch([str(corpus)], tmp_path / "pg", workers=1, store_url=url, config=config)
    on_sqlite = run_batch([str(corpus)], tmp_path / "sqlite", workers=1, config=config)
    assert on_pg.load is not None and on_pg.load.ingest.counts["new"] == 3
    assert on_pg.load.reused_analyses == 3
    with open_store(url) as pg, open_store(str(tmp_path / "sqlite" / "newsweave.db")) as sqlite:
        assert _content(pg) == _content(sqlite)
    assert on_sqlite.store != on_pg.store
