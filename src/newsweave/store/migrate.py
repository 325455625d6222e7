"""Bring a store's schema to the newest Alembic revision (run on every open; a no-op when current).

Processes that open a fresh store at once (the web app and an ingest, two workers) take turns: the
migration transaction holds the database's write lock from its first statement (SQLite ``BEGIN
IMMEDIATE``; a PostgreSQL transaction-scoped advisory lock), so the second reads the revision the
first wrote and finds nothing left to do instead of failing on a half-made schema.
"""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from newsweave.errors import Errors, StoreError
from newsweave.store import sqlite

#: Key of the PostgreSQL advisory lock that serialises migrations (any constant; "nwmigrat" in ASCII).
PG_MIGRATION_LOCK = 0x6E776D6967726174


def alembic_config() -> AlembicConfig:
    """An Alembic config pointing at the migrations shipped inside the package."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(resources.files("newsweave.store") / "migrations"))
    return config


def upgrade(engine: Engine, url: str) -> None:
    """Apply pending migrations; refuse a store written by a newer newsweave."""
    config = alembic_config()
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection = connection.execution_options(**{sqlite.BEGIN_OPTION: "IMMEDIATE"})
        with connection.begin():
            if engine.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_MIGRATION_LOCK})")
            _upgrade(connection, config, url)


def _upgrade(connection: Connection, config: AlembicConfig, url: str) -> None:
    """The migrations still to run, on ``connection`` inside the caller's locked transaction."""
    script = ScriptDirectory.from_config(config)
    current = MigrationContext.configure(connection).get_current_revision()
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise StoreError(Errors.STORE_SCHEMA, url=url, found=current)
    if current == script.get_current_head():
        return
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
