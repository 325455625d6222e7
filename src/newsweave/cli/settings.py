"""`newsweave config`: the effective configuration, and where each value came from."""

from __future__ import annotations

import json
import os

import click

from newsweave.cli.common import db_option, echo_json, json_option, known_errors


@click.command("config")
@db_option
@json_option
@click.pass_context
def config_command(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """Print every setting with its value and origin (the packaged defaults or your file), as TOML.

    The output is a valid configuration file: copy the lines you want to change into your own
    (``--config FILE``, ``$NEWSWEAVE_CONFIG`` or ``~/.config/newsweave/config.toml``).
    """
    from newsweave.config import config_origin, effective_settings, user_config_path
    from newsweave.store import DB_ENV, resolve_db_url

    config_path = ctx.obj.get("config_path") if ctx.obj else None
    with known_errors():
        settings = effective_settings(config_path)
    user_file = user_config_path(config_path)
    origin = config_origin(config_path)
    file_line = f"{user_file} (from {origin})" if user_file else "none (packaged defaults)"
    defaults = {(section, key): value for section, key, value, _ in settings}
    store_origin = "--db" if db else f"${DB_ENV}" if os.environ.get(DB_ENV) else "[store] default_db"
    store_url = resolve_db_url(db, default=str(defaults[("store", "default_db")]))
    if as_json:
        echo_json(
            {
                "config_file": {
                    "path": str(user_file) if user_file else None,
                    "from": config_origin(config_path),
                },
                "store": {"url": store_url, "from": store_origin},
                "settings": [
                    {"section": section, "key": key, "value": value, "from": origin}
                    for section, key, value, origin in settings
                ],
            }
        )
        return
    click.echo(f"# configuration file: {file_line}")
    click.echo(f"# store: {store_url} (from {store_origin})")
    section = None
    for name, key, value, origin in settings:
        if name != section:
            click.echo(f"\n[{name}]")
            section = name
        # JSON literals are TOML literals for the strings, numbers, booleans and lists used here.
        click.echo(f"{key} = {json.dumps(value, ensure_ascii=False)}  # {origin}")


@click.command("datasette-metadata")
@db_option
@click.pass_context
def datasette_metadata(ctx: click.Context, db: str | None) -> None:
    """Print datasette metadata for the store (table descriptions, canned queries such as disputed facts).

    datasette names a database after its file: ``newsweave datasette-metadata --db news.db > meta.json``
    then ``datasette -i news.db --metadata meta.json``.
    """
    from importlib import resources

    from newsweave.store import resolve_db_url, sqlite_path

    config_path = ctx.obj.get("config_path") if ctx.obj else None
    with known_errors():
        from newsweave.config import load_config

        default = load_config(config_path).store.default_db
    path = sqlite_path(resolve_db_url(db, default=default))
    if path is None:
        raise click.ClickException("datasette opens SQLite files only; give --db a SQLite path")
    shipped = json.loads(resources.files("newsweave.store").joinpath("datasette.json").read_text("utf-8"))
    shipped["databases"] = {path.stem: shipped["databases"]["newsweave"]}
    echo_json(shipped)
