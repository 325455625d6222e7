"""What every command shares: the store and config from the context, JSON output, error handling.

Command modules (``main.py``, ``stories.py``, ``brief.py``, ``events.py``, ``serve.py``) import these.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from newsweave.config import Config, load_config
from newsweave.errors import NewsweaveError

if TYPE_CHECKING:
    from newsweave.store import Store


def echo_json(value: Any) -> None:
    """Print a value as indented JSON (dates as ISO strings)."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


@contextmanager
def known_errors() -> Iterator[None]:
    """Turn a ``NewsweaveError`` into click's one-line message and exit status 1."""
    try:
        yield
    except NewsweaveError as exc:
        raise click.ClickException(str(exc)) from exc


def cli_config(ctx: click.Context) -> Config:
    """The configuration named by ``--config`` (loaded once per invocation)."""
    config = ctx.obj.get("config") if ctx.obj else None
    if config is None:
        with known_errors():
            config = load_config(ctx.obj.get("config_path") if ctx.obj else None)
        ctx.ensure_object(dict)["config"] = config
    return config


@contextmanager
def cli_store(ctx: click.Context, db: str | None) -> Iterator[Store]:
    """The store named by ``--db`` (or the environment / default), closed afterwards."""
    from newsweave.store import open_store

    with known_errors():
        store = open_store(db, default=cli_config(ctx).store.default_db)
        try:
            yield store
        finally:
            store.close()


db_option = click.option(
    "--db",
    metavar="PATH|URL",
    help="SQLite file or postgresql:// URL [env NEWSWEAVE_DB; default ./newsweave.db]",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def parse_date_option(value: str | None, option: str = "--published") -> datetime | None:
    """A date or time given on the command line (ISO 8601), or None; a clear error names the option."""
    from newsweave.readers.base import parse_published

    if value is None:
        return None
    with known_errors():
        return parse_published(value, source=option)
