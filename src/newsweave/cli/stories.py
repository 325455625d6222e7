"""`newsweave stories`, `storylines` and `recluster`: the story stage's commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from newsweave import shapes
from newsweave.cli.common import (
    cli_config,
    cli_store,
    db_option,
    echo_json,
    json_option,
    known_errors,
    parse_date_option,
    plural,
)

if TYPE_CHECKING:
    from newsweave.config import Config
    from newsweave.store import Store
    from newsweave.stories.stage import StoryReport


def assign_stories_now(store: Store, config: Config, *, rebuild: bool) -> StoryReport:
    """Assign new articles to stories (``rebuild``: every article, from scratch); errors as messages."""
    from newsweave.stories.stage import assign_stories

    with known_errors():
        return assign_stories(store, config, rebuild=rebuild)


@click.command()
@db_option
@click.option("--limit", type=int, default=None, help="At most this many, most recent first.")
@click.option("--since", help="Only stories seen on or after this date (ISO 8601).")
@json_option
@click.pass_context
def stories(ctx: click.Context, db: str | None, limit: int | None, since: str | None, as_json: bool) -> None:
    """List stories: reports of one event grouped, most recently seen first."""
    with cli_store(ctx, db) as store:
        found = store.stories.records(limit=limit, since=parse_date_option(since, "--since"))
    if as_json:
        echo_json([shapes.story_json(story) for story in found])
        return
    for story in found:
        seen = story.last_seen.date().isoformat() if story.last_seen else "----------"
        originals = sum(1 for a in story.articles if not a.duplicate_of)
        copies = len(story.articles) - originals
        extra = f", {plural(copies, 'copy', 'copies')}" if copies else ""
        counts = f"{plural(originals, 'report')}{extra}, {plural(len(story.outlets), 'outlet')}"
        click.echo(f"{story.id}  {seen}  {counts}  {story.title[:80]}")


@click.command()
@db_option
@json_option
@click.pass_context
def storylines(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """List storylines: stories about one ongoing matter, in date order."""
    with cli_store(ctx, db) as store:
        found = store.stories.storylines()
    if as_json:
        echo_json([shapes.storyline_json(sid, title, members) for sid, (title, members) in found.items()])
        return
    for storyline_id, (title, members) in found.items():
        click.echo(f"{storyline_id}  {title}")
        for story in members:
            seen = story.first_seen.date().isoformat() if story.first_seen else "----------"
            click.echo(f"    {seen}  {story.id}  {story.title[:80]}")


@click.command()
@db_option
@json_option
@click.pass_context
def recluster(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """Rebuild every story and storyline from the stored articles."""
    config = cli_config(ctx)
    with cli_store(ctx, db) as store:
        report = assign_stories_now(store, config, rebuild=True)
    if as_json:
        echo_json(report.as_dict())
    else:
        counts = report.counts
        stories_made = plural(counts["stories"], "story", "stories")
        click.echo(f"{plural(counts['assigned'], 'article')} in {stories_made}")
