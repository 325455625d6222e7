"""`newsweave brief` (a story's brief as Markdown, HTML or JSON) and `newsweave search`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from newsweave.cli.common import cli_config, cli_store, db_option, echo_json, json_option, known_errors

FORMATS = ("md", "html", "json")


@click.command()
@click.argument("story_id")
@db_option
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file.")
@click.option(
    "--max-facts", type=click.IntRange(min=1), default=None, help="Markdown: at most N facts per group."
)
@click.option(
    "--all",
    "all_facts",
    is_flag=True,
    help="List every fact, not only the most salient ([brief] max_facts) and the disputed ones.",
)
@click.pass_context
def brief(
    ctx: click.Context,
    story_id: str,
    db: str | None,
    output_format: str,
    output: str | None,
    max_facts: int | None,
    all_facts: bool,
) -> None:
    """The brief of one story (id or unique prefix): facts, agreement, discrepancies, timeline."""
    from newsweave.brief import render_brief
    from newsweave.brief.saved import saved_brief
    from newsweave.brief.view import limit_facts

    config = cli_config(ctx)
    with cli_store(ctx, db) as store, known_errors():
        # The whole brief is kept in the store (facts searchable with `newsweave facts`) and built
        # again only when the story changes.
        whole = saved_brief(store, story_id, config)
        built = whole if all_facts else limit_facts(whole, config.brief.max_facts)
        text = render_brief(store, built, output_format, max_facts=max_facts)
    if output is None:
        if output_format == "md" and sys.stdout.isatty():
            from newsweave.brief.md_text import terminal_text

            text = terminal_text(text)  # a person reads it here: no Markdown escapes
        click.echo(text, nl=not text.endswith("\n"))
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc}") from exc
    click.echo(f"Wrote the {output_format} brief of story {built['story']['id']} to {output}", err=True)


@click.command()
@click.argument("query")
@db_option
@click.option("--semantic", is_flag=True, help="Rank by meaning (MiniLM embeddings) instead of words (FTS).")
@click.option("--outlet", help="Only this outlet's articles.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@json_option
@click.pass_context
def search(
    ctx: click.Context,
    query: str,
    db: str | None,
    semantic: bool,
    outlet: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Articles matching QUERY, best first, each with its story."""
    from newsweave.web.search import Searcher
    from newsweave.web.search_terms import SearchFilters

    config = cli_config(ctx)
    with cli_store(ctx, db) as store, known_errors():
        hits = Searcher(store, config).search(
            query, mode="semantic" if semantic else "text", filters=SearchFilters(outlet=outlet), limit=limit
        )
    if as_json:
        echo_json([hit.as_json() for hit in hits])
        return
    for hit in hits:
        snippet = " ".join("".join(text for text, _ in hit.snippet).split())
        click.echo(
            f"{hit.article.id}  story {hit.story_id or '-'}  {hit.article.outlet or '-'}: {hit.article.title}"
        )
        if snippet:
            click.echo(f"    {snippet[:200]}")
    if not hits:
        click.echo("No matching articles.")
