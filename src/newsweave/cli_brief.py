"""`newsweave brief`: one story's brief as Markdown (for the terminal), a standalone HTML page, or JSON."""

from __future__ import annotations

from pathlib import Path

import click

from newsweave.cli_common import cli_config, cli_store, db_option, known_errors

FORMATS = ("md", "html", "json")


@click.command()
@click.argument("story_id")
@db_option
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file.")
@click.option(
    "--max-facts", type=click.IntRange(min=1), default=None, help="Markdown: at most N facts per group."
)
@click.pass_context
def brief(
    ctx: click.Context,
    story_id: str,
    db: str | None,
    output_format: str,
    output: str | None,
    max_facts: int | None,
) -> None:
    """The brief of one story (id or unique prefix): facts, agreement, discrepancies, timeline."""
    from newsweave.brief import build_brief, render_brief

    config = cli_config(ctx)
    with cli_store(ctx, db) as store, known_errors():
        built = build_brief(store, story_id, config)
        text = render_brief(store, built, output_format, max_facts=max_facts)
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc}") from exc
    click.echo(f"Wrote the {output_format} brief of story {built['story']['id']} to {output}", err=True)
