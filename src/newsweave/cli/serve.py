"""`newsweave serve`: the web app and HTTP API."""

from __future__ import annotations

import ipaddress

import click

from newsweave.cli.common import cli_config, db_option, known_errors

INGEST_TOKEN_ENV = "NEWSWEAVE_INGEST_TOKEN"
#: Shortest ingest token accepted: 16 characters of a random token (e.g. `openssl rand -hex 16` gives 32)
#: cannot be guessed by trying, at any rate a web server answers.
MIN_TOKEN_CHARS = 16


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on."
)
@click.option(
    "--ingest-token",
    envvar=INGEST_TOKEN_ENV,
    help=f"Turn on POST /api/ingest for callers sending 'Authorization: Bearer TOKEN' "
    f"[env {INGEST_TOKEN_ENV}].",
)
@click.option("--log-level", default="info", show_default=True, help="uvicorn's log level.")
@click.pass_context
def serve(
    ctx: click.Context, db: str | None, host: str, port: int, ingest_token: str | None, log_level: str
) -> None:
    """Serve the web app and the HTTP API over the store (read-only unless given an ingest token)."""
    import uvicorn

    from newsweave.web.app import create_app

    if ingest_token is not None and len(ingest_token) < MIN_TOKEN_CHARS:
        raise click.BadParameter(f"use at least {MIN_TOKEN_CHARS} characters", param_hint="--ingest-token")
    config = cli_config(ctx)
    with known_errors():
        # Only a server that takes ingest may start from no store at all.
        app = create_app(db, config=config, ingest_token=ingest_token, create=ingest_token is not None)
    if not _is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach it can read the store", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"newsweave: serving on http://{shown}:{port}/ (ingest {'on' if ingest_token else 'off'})", err=True
    )
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
