"""The store wrapper: migrations, nested transactions, FTS5, id lookups."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from newsweave.data import Article
from newsweave.errors import StoreError
from newsweave.store import Store, open_store, resolve_db_url
from newsweave.store.schema import metadata
from tests.store.concurrent_open import PROCESSES, open_at_once


def _article(n: int) -> Article:
    return Article(title=f"Title {n}", text=f"Body text number {n} about the harbour bridge.", outlet="Test")


def test_migrated_schema_matches_the_tables_the_code_queries(store: Store) -> None:
    inspector = inspect(store.engine)
    for table in metadata.sorted_tables:
        columns = {column["name"] for column in inspector.get_columns(table.name)}
        assert columns == set(table.columns.keys()), table.name


def test_reopening_a_store_keeps_its_articles(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    with open_store(path) as store, store.atomic():
        store.add_article(_article(1))
    with open_store(path) as store:
        assert store.count_articles() == 1


def test_sqlite_store_runs_in_wal_mode(store: Store) -> None:
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_inner_failure_rolls_back_only_the_inner_savepoint(store: Store) -> None:
    with store.atomic():
        store.add_article(_article(1))
        with pytest.raises(RuntimeError), store.atomic():
            store.add_article(_article(2))
            raise RuntimeError("boom")
        store.add_article(_article(3))
    titles = sorted(article.title for article in store.list_articles())
    assert titles == ["Title 1", "Title 3"]


def test_outer_failure_rolls_back_everything(store: Store) -> None:
    with pytest.raises(RuntimeError), store.atomic():
        store.add_article(_article(1))
        with store.atomic():
            store.add_article(_article(2))
        raise RuntimeError("boom")
    assert store.count_articles() == 0


def test_full_text_search_finds_title_and_body_words_and_follows_updates(store: Store) -> None:
    article = _article(1)
    with store.atomic():
        store.add_article(article)
    assert store.search_articles("harbour") == [article.id]
    assert store.search_articles('title "1') == [article.id]  # quotes in a query cannot break FTS syntax
    article.text = "Now about a lighthouse."
    store.replace_text(article, [])
    assert store.search_articles("harbour") == []
    assert store.search_articles("lighthouse") == [article.id]


def test_id_prefix_lookup_and_its_errors(store: Store) -> None:
    first, second = _article(1), _article(2)
    with store.atomic():
        store.add_article(first)
        store.add_article(second)
    assert store.get_article(first.id[:6]).id == first.id
    with pytest.raises(StoreError, match="E303"):
        store.get_article("zzzz")
    with pytest.raises(StoreError, match="E304"):
        store.get_article("")


def test_db_url_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NEWSWEAVE_DB", raising=False)
    assert resolve_db_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"
    assert resolve_db_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("NEWSWEAVE_DB", str(tmp_path / "env.db"))
    assert resolve_db_url(None).endswith("env.db")


def test_unopenable_store_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "not-a-db").write_bytes(b"\x00garbage" * 100)
    with pytest.raises(StoreError, match="E301"):
        open_store(str(tmp_path / "not-a-db"))


def test_upgrade_from_the_first_revision_keeps_articles_and_search(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from newsweave.store import migrate, sqlite

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    sqlite.configure_engine(engine)
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.exec_driver_sql(
            "INSERT INTO articles (id, title, text, source, source_kind, text_hash, ingested_at) "
            "VALUES ('a1', 'Old', 'kept lighthouse text', 'x', 'txt', 'h', '2026-01-01 00:00:00')"
        )
    engine.dispose()
    with Store(url) as store:
        assert store.get_article("a1").title == "Old"
        assert store.search_articles("lighthouse") == ["a1"]
        with store.atomic():
            store.add_article(_article(9))
        assert store.search_articles("harbour") == [_article(9).id]


@pytest.mark.parametrize("trial", range(3))
def test_processes_opening_a_fresh_store_at_once_all_succeed(tmp_path: Path, trial: int) -> None:
    # Each used to read "no schema yet" and migrate; all but one then failed with "database is locked".
    url = f"sqlite:///{tmp_path / f'fresh{trial}.db'}"
    assert open_at_once(url) == ["ok"] * PROCESSES
    with Store(url) as store, store.engine.connect() as connection:
        versions = connection.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    assert len(versions) == 1


def test_outlet_lines_stored_whole_by_an_older_store_become_digests(tmp_path: Path) -> None:
    # Before revision 0005 a line was stored whole (PostgreSQL refused those over 32 characters).
    from alembic import command
    from sqlalchemy import create_engine

    from newsweave.store import migrate, sqlite
    from newsweave.store.schema import line_digest

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    sqlite.configure_engine(engine)
    config = migrate.alembic_config()
    line = "a relationship forged from a complex history"
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
        for article_id in ("a1", "a2"):
            connection.exec_driver_sql(
                "INSERT INTO articles (id, title, text, source, source_kind, text_hash, ingested_at) "
                f"VALUES ('{article_id}', 'Old', 'text', 'x', 'txt', 'h', '2026-01-01 00:00:00')"
            )
            connection.exec_driver_sql(f"INSERT INTO outlet_lines VALUES ('Wire', '{line}', '{article_id}')")
    engine.dispose()
    with Store(url) as store:
        assert store.outlet_line_articles("Wire", [line]) == {line: {"a1", "a2"}}
        with store.engine.connect() as connection:
            keys = connection.exec_driver_sql("SELECT DISTINCT line_key FROM outlet_lines").scalars().all()
    assert keys == [line_digest(line)]
