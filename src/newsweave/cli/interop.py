"""`newsweave export` (tables as Parquet, CSV or JSON Lines) and `newsweave facts` (facts in every
saved brief, filtered): what an analyst takes to pandas, DuckDB, R or a spreadsheet."""

from __future__ import annotations

from pathlib import Path

import click

from newsweave.cli.common import (
    cli_config,
    cli_store,
    db_option,
    echo_json,
    echo_table,
    json_option,
    known_errors,
    plural,
    progress,
)
from newsweave.export import FORMATS, TABLES

STATUSES = ("corroborated", "single_source", "disputed")


@click.command()
@click.argument("tables", nargs=-1, type=click.Choice(("all", *TABLES)))
@db_option
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="parquet", show_default=True)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write into (made if missing); files of the same tables are replaced.",
)
@json_option
@click.pass_context
def export(
    ctx: click.Context,
    tables: tuple[str, ...],
    db: str | None,
    output_format: str,
    output: Path,
    as_json: bool,
) -> None:
    """Write TABLES (default: all) as Parquet, CSV or JSON Lines files, one per table.

    Tables: articles, stories, entities, facts, discrepancies, events, relations. Columns and types
    are in docs/schema.md. CSV has no lists: each list column becomes a side table with one row per
    item (stories -> story_articles, entities -> entity_aliases, facts -> fact_sources, ...).
    Facts and discrepancies come from the stories' briefs, built first where missing or out of date.
    """
    from newsweave.export import export_tables

    names = TABLES if not tables or "all" in tables else tables
    config = cli_config(ctx)
    with (
        cli_store(ctx, db) as store,
        known_errors(),
        progress(store.stories.count(), config, "briefs") as bar,
    ):
        try:
            report = export_tables(store, names, output_format, output, config, on_story=bar)
        except OSError as exc:
            raise click.ClickException(f"cannot write to {output}: {exc}") from exc
    if as_json:
        echo_json(report.as_dict())
        return
    for name, count in report.rows.items():
        click.echo(f"{name}: {plural(count, 'row')}")
    built = f"; {plural(report.briefs_built, 'brief')} built first" if report.briefs_built else ""
    click.echo(f"wrote {plural(len(report.files), 'file')} to {output}{built}", err=True)


@click.command()
@db_option
@click.option("--status", type=click.Choice(STATUSES), help="Only facts of this status.")
@click.option("--since", metavar="DATE", help="Only facts reported on or after this date (ISO 8601).")
@click.option("--until", metavar="DATE", help="Only facts reported on or before this date (a day: its end).")
@click.option("--story", "story_id", metavar="ID", help="Only this story's facts (an id or its prefix).")
@click.option("--entity", metavar="NAME|ID", help="Only facts naming this entity (any of its spellings).")
@click.option("--outlet", help="Only facts this outlet states.")
@click.option("--search", "words", metavar="WORDS", help="Only facts whose text or a quote has every word.")
@click.option("--all", "all_facts", is_flag=True, help="Also facts the default brief leaves out.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@json_option
@click.pass_context
def facts(
    ctx: click.Context,
    db: str | None,
    status: str | None,
    since: str | None,
    until: str | None,
    story_id: str | None,
    entity: str | None,
    outlet: str | None,
    words: str | None,
    all_facts: bool,
    limit: int | None,
    as_json: bool,
) -> None:
    """Facts of every story's brief, newest first: search them across stories.

    Briefs missing or out of date (new reports, a new analysis) are built first and kept in the store
    (tables facts, fact_sources, fact_values, discrepancies; docs/schema.md), so SQL reaches them too.
    """
    from newsweave.library import FactFilters, find_facts
    from newsweave.web.queries import parse_bound

    config = cli_config(ctx)
    with known_errors():
        first, last = parse_bound(since, name="--since"), parse_bound(until, name="--until", end=True)
    filters = FactFilters(
        status=status,
        since=first,
        until=last,
        story=story_id,
        entity=entity,
        outlet=outlet,
        words=words,
        shown_only=not all_facts,
        limit=limit,
    )
    with (
        cli_store(ctx, db) as store,
        known_errors(),
        progress(store.stories.count(), config, "briefs") as bar,
    ):
        found = find_facts(store, filters, config, on_story=bar)
    if as_json:
        echo_json(found)
        return
    if not found:
        click.echo("No matching facts.")
        return
    echo_table(
        ("story", "status", "reports", "last reported", "fact"),
        [
            (
                fact["story_id"],
                fact["status"],
                fact["article_count"],
                fact["last_published"].date().isoformat() if fact["last_published"] else None,
                fact["text"],
            )
            for fact in found
        ],
    )
