"""Everything SQLite-only: connection pragmas, transaction start, and the FTS5 index.

Kept here so that the rest of the store speaks portable SQLAlchemy Core and PostgreSQL can use
the same schema.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import Connection

# Milliseconds a writer waits for another writer's lock before failing: ingest while the web app
# reads must wait, not error.
BUSY_TIMEOUT_MS = 30_000

# Execution option naming how a transaction starts; the store's writer asks for IMMEDIATE so two
# writers queue on the lock instead of deadlocking on a read-to-write upgrade.
BEGIN_OPTION = "newsweave_begin"


def configure_engine(engine: Engine) -> None:
    """WAL mode, foreign keys, busy timeout, and SQLAlchemy-managed BEGIN (so SAVEPOINTs nest)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # pysqlite's own transaction handling breaks SAVEPOINT; let SQLAlchemy emit BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # The timeout first: switching a new file to WAL needs its lock, which another process
        # opening the same fresh store may hold for a moment.
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a crash loses no committed data
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(BEGIN_OPTION, "")
        connection.exec_driver_sql(f"BEGIN {mode}".strip())


FTS_DDL = (
    # External-content FTS5 table over articles' title and text, kept in sync by triggers.
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
)

FTS_DROP = (
    "DROP TRIGGER IF EXISTS articles_fts_update",
    "DROP TRIGGER IF EXISTS articles_fts_delete",
    "DROP TRIGGER IF EXISTS articles_fts_insert",
    "DROP TABLE IF EXISTS articles_fts",
)

FTS_SEARCH = (
    "SELECT a.id, bm25(articles_fts) AS rank FROM articles_fts "
    "JOIN articles a ON a.rowid = articles_fts.rowid "
    "WHERE articles_fts MATCH :query ORDER BY rank LIMIT :limit"
)


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query: each word quoted, so punctuation cannot break the syntax."""
    words = [word.replace('"', '""') for word in text.split()]
    return " ".join(f'"{word}"' for word in words if word)
