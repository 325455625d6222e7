"""The store: where articles and everything derived from them live (SQLite by default, or PostgreSQL)."""

from __future__ import annotations

import os
from pathlib import Path

from newsweave.store.store import Store

DB_ENV = "NEWSWEAVE_DB"


def resolve_db_url(db: str | None = None, *, default: str = "newsweave.db") -> str:
    """A SQLAlchemy URL from ``--db``, else $NEWSWEAVE_DB, else the default path.

    A ``postgresql://`` URL selects PostgreSQL (through psycopg 3); anything else is a SQLite file path.
    """
    value = db or os.environ.get(DB_ENV) or default
    if value.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def open_store(db: str | None = None, *, default: str = "newsweave.db") -> Store:
    """Open (creating and migrating as needed) the store named by ``db`` (see ``resolve_db_url``)."""
    return Store(resolve_db_url(db, default=default))


__all__ = ["DB_ENV", "Store", "open_store", "resolve_db_url"]
