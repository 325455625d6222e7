"""`newsweave events` and `newsweave relations`: PLOVER-coded events and actor-pair timelines."""

from __future__ import annotations

import click


@click.command()
def events() -> None:
    """Events (not yet available)."""
    raise click.ClickException("events: not yet available")


@click.command()
def relations() -> None:
    """Relations between two countries (not yet available)."""
    raise click.ClickException("relations: not yet available")
