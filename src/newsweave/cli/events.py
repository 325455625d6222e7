"""`newsweave events` and `newsweave relations`: PLOVER-coded events and actor-pair timelines."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from newsweave.cli.common import cli_store, db_option, echo_json, echo_table, known_errors


def country_option_value(value: str | None, option: str) -> str | None:
    """An ISO-3 code from a code or a country name ("JPN", "Japan", "South Korea")."""
    if value is None:
        return None
    from newsweave.analysis.countries import country_code

    code = country_code(value.upper() if len(value) == 3 else value)
    if code is None:
        raise click.BadParameter(
            f"{value!r} is not a country name or ISO 3166-1 alpha-3 code", param_hint=option
        )
    return code


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 date (YYYY-MM-DD)", param_hint=option
        ) from exc


@click.command()
@db_option
@click.option("--story", "story_id", metavar="ID", help="Only this story's events (an id or its prefix).")
@click.option("--actor", metavar="ISO3", help="Only events with this country as source or target.")
@click.option("--since", metavar="DATE", help="Only events dated on or after this day (YYYY-MM-DD).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv", "tsv"]),
    default=None,
    help="tsv: GDELT-like columns (see newsweave.events.export) [default: table on a terminal, else json].",
)
@click.pass_context
def events(
    ctx: click.Context,
    db: str | None,
    story_id: str | None,
    actor: str | None,
    since: str | None,
    output_format: str | None,
) -> None:
    """PLOVER-coded events, one per real-world event of each story, with every supporting source."""
    from newsweave.events.export import events_csv, events_tsv
    from newsweave.events.query import list_events

    country, first_day = country_option_value(actor, "--actor"), _day(since, "--since")
    with cli_store(ctx, db) as store, known_errors():
        found = list_events(store, story_id=story_id, actor=country, since=first_day)
    output_format = output_format or _default_format()
    if output_format == "table":
        echo_table(
            ("date", "category", "cameo", "source", "target", "place", "sources", "story"),
            [
                (
                    event["date"],
                    event["category"] + (f" ({event['mode']})" if event["mode"] else ""),
                    event["cameo"],
                    _actor(event["source"]),
                    _actor(event["target"]),
                    (event["place"] or {}).get("name"),
                    len({source["article_id"] for source in event["sources"]}),
                    event["story_id"],
                )
                for event in found
            ],
        )
    elif output_format == "json":
        echo_json(found)
    else:
        click.echo(events_csv(found) if output_format == "csv" else events_tsv(found), nl=False)


def _default_format() -> str:
    """A table for a person at a terminal, JSON for a pipe or a file."""
    return "table" if sys.stdout.isatty() else "json"


def _actor(actor: dict[str, Any] | None) -> str | None:
    if actor is None:
        return None
    return f"{actor['name']} ({actor['country']})" if actor.get("country") else str(actor["name"])


@click.command()
@click.argument("country_a", metavar="A")
@click.argument("country_b", metavar="B")
@db_option
@click.option(
    "--format", "output_format", type=click.Choice(["table", "json", "csv"]), default=None,
    help="table and csv: the series only [default: table on a terminal, else json; with --plot, none].",
)  # fmt: skip
@click.option("--period", type=click.Choice(["day", "week"]), default="day", show_default=True)
@click.option(
    "--plot", type=click.Path(dir_okay=False, path_type=Path), help="Also draw the series to this PNG."
)
@click.pass_context
def relations(
    ctx: click.Context,
    country_a: str,
    country_b: str,
    db: str | None,
    output_format: str | None,
    period: str,
    plot: Path | None,
) -> None:
    """Events between countries A and B over time, with the Goldstein sum per day or week.

    A and B are ISO-3 codes or country names. The sum is a cooperation (> 0) / conflict (< 0) index.
    """
    from newsweave.events.export import series_csv
    from newsweave.events.relations import plot_relations
    from newsweave.events.relations import relations as relations_between

    a, b = country_option_value(country_a, "A"), country_option_value(country_b, "B")
    assert a is not None and b is not None  # both arguments are required
    with cli_store(ctx, db) as store, known_errors():
        data = relations_between(store, a, b, "week" if period == "week" else "day")
    if plot is not None:
        plot_relations(data, plot)
        click.echo(f"plot written to {plot}", err=True)
        if output_format is None:
            return  # the plot was asked for, not the data
    output_format = output_format or _default_format()
    if output_format == "table":
        echo_table(
            ("period", "events", "goldstein", "cooperation", "conflict"),
            [
                (row["period_start"], row["events"], row["goldstein"], row["cooperation"], row["conflict"])
                for row in data["series"]
            ],
        )
    elif output_format == "json":
        echo_json(data)
    else:
        click.echo(series_csv(data["series"]), nl=False)
