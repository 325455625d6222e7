"""The store: where articles and everything derived from them live (SQLite by default, or PostgreSQL)."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import make_url

from newsweave.errors import Errors, StoreError
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


def open_store(db: str | None = None, *, default: str = "newsweave.db", create: bool = True) -> Store:
    """Open (migrating as needed) the store named by ``db`` (see ``resolve_db_url``).

    A SQLite file that does not exist is made, unless ``create`` is false: then it is an error (E309)
    naming the path, so that a command that only reads never leaves an empty store behind. A server
    store (PostgreSQL) is never created here: the server says whether the database exists.
    """
    url = resolve_db_url(db, default=default)
    if not create:
        path = sqlite_path(url)
        if path is not None and not path.exists():
            raise StoreError(Errors.NO_STORE, path=str(path))
    return Store(url)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for an in-memory SQLite database or another engine)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


__all__ = ["DB_ENV", "Store", "open_store", "resolve_db_url", "sqlite_path"]
