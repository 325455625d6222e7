"""`newsweave serve`: the web app and HTTP API."""

from __future__ import annotations

import click


@click.command()
def serve() -> None:
    """The web app (not yet available)."""
    raise click.ClickException("serve: not yet available")
