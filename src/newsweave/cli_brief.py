"""`newsweave brief`: one story's brief as Markdown, HTML or JSON."""

from __future__ import annotations

import click


@click.command()
def brief() -> None:
    """The brief of one story (not yet available)."""
    raise click.ClickException("brief: not yet available")
