"""Bring a store's schema to the newest Alembic revision (run on every open; a no-op when current)."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from newsweave.errors import Errors, StoreError


def alembic_config() -> AlembicConfig:
    """An Alembic config pointing at the migrations shipped inside the package."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(resources.files("newsweave.store") / "migrations"))
    return config


def upgrade(engine: Engine, url: str) -> None:
    """Apply pending migrations; refuse a store written by a newer newsweave."""
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    with engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
            raise StoreError(Errors.STORE_SCHEMA, url=url, found=current)
        if current == script.get_current_head():
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
