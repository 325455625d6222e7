"""`newsweave stories`, `storylines` and `recluster`: the story stage's commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from newsweave import shapes
from newsweave.brief.sources import outlets_phrase
from newsweave.cli.common import (
    cli_config,
    cli_store,
    db_option,
    echo_json,
    json_option,
    known_errors,
    plural,
    progress,
)
from newsweave.errors import Errors, StoreError

if TYPE_CHECKING:
    from newsweave.config import Config
    from newsweave.store import Store
    from newsweave.stories.stage import StoryReport


def assign_stories_now(store: Store, config: Config, *, rebuild: bool, log: str = "text") -> StoryReport:
    """Assign new articles to stories (``rebuild``: every article, from scratch), with progress;
    errors as messages."""
    from newsweave.stories.stage import assign_stories

    with known_errors():
        waiting = len(store.stories.analysed_ids() if rebuild else store.stories.unassigned_ids())
        with progress(waiting, config, "stories", log=log) as advance:
            return assign_stories(store, config, rebuild=rebuild, on_article=advance)


@click.command()
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many, newest first.")
@click.option("--since", help="Only stories seen on or after this date (ISO 8601).")
@click.option("--until", help="Only stories seen on or before this date (ISO 8601; a day: to its end).")
@click.option("--outlet", help="Only stories this outlet reported.")
@click.option(
    "--entity", metavar="NAME|ID", help="Only stories naming this entity (the most mentioned of that name)."
)
@json_option
@click.pass_context
def stories(
    ctx: click.Context,
    db: str | None,
    limit: int | None,
    since: str | None,
    until: str | None,
    outlet: str | None,
    entity: str | None,
    as_json: bool,
) -> None:
    """List stories: reports of one event grouped, most recently seen first (the web app's filters)."""
    from newsweave.web.queries import StoryFilters, list_stories, parse_bound

    with cli_store(ctx, db) as store, known_errors():
        entity_id = None
        if entity is not None:
            named = store.analysis.entities_named(entity)  # most mentioned first
            if not named:
                raise StoreError(Errors.NO_SUCH_ENTITY, entity=entity)
            entity_id = named[0].id
        filters = StoryFilters(
            since=parse_bound(since, name="--since"),
            until=parse_bound(until, name="--until", end=True),
            outlet=outlet,
            entity=entity_id,
        )
        found = list_stories(store, filters, limit=limit).stories
    if as_json:
        echo_json([shapes.story_json(story) for story in found])
        return
    for story in found:
        seen = story.last_seen.date().isoformat() if story.last_seen else "----------"
        originals = sum(1 for a in story.articles if not a.duplicate_of)
        copies = len(story.articles) - originals
        extra = f", {plural(copies, 'copy', 'copies')}" if copies else ""
        unnamed = sum(1 for a in story.articles if not a.duplicate_of and not a.outlet)
        counts = f"{plural(originals, 'report')}{extra}, {outlets_phrase(len(story.outlets), unnamed)}"
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
