"""`newsweave sources` (the feeds and pages to watch) and `newsweave watch` (poll them until stopped)."""

from __future__ import annotations

import json
import re
import signal
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

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
)

if TYPE_CHECKING:
    from newsweave.watch.rounds import RoundReport

_DURATION = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$")
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def _interval(value: str | None) -> int | None:
    if value is None:
        return None
    found = _DURATION.match(value.lower())
    if not found or int(found.group(1)) == 0:
        raise click.BadParameter(
            f"{value!r} is not a duration such as 900, 90s, 15m, 2h or 1d", param_hint="--interval"
        )
    return int(found.group(1)) * _SECONDS[found.group(2)]


interval_option = click.option(
    "--interval", metavar="DURATION", help="Poll every DURATION (900, 15m, 2h) [default: [watch] interval_s]."
)


@click.group()
def sources() -> None:
    """The feeds and pages `newsweave watch` polls, kept in the store."""


@sources.command("add")
@click.argument("urls", nargs=-1, required=True)
@db_option
@interval_option
@click.pass_context
def sources_add(ctx: click.Context, urls: tuple[str, ...], db: str | None, interval: str | None) -> None:
    """Watch feed or page URLs (checked now; polled from the next `watch`)."""
    from newsweave.readers.web import check_url

    config = cli_config(ctx)
    with known_errors():
        for url in urls:
            check_url(url)  # a URL that can never be fetched is refused here, not at every poll
    _add(ctx, db, [(url, None) for url in urls], _interval(interval) or config.watch.interval_s)


@sources.command("import")
@click.argument("opml", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@interval_option
@click.pass_context
def sources_import(ctx: click.Context, opml: Path, db: str | None, interval: str | None) -> None:
    """Watch every feed of an OPML subscription list (as feed readers export them)."""
    from newsweave.readers.web import check_url
    from newsweave.watch.opml import read_opml

    config = cli_config(ctx)
    with known_errors():
        found = read_opml(opml)
    usable = []
    for url, title in found:
        try:
            check_url(url)
            usable.append((url, title))
        except Exception as exc:  # one bad outline is named and skipped, the others are added
            click.echo(f"skipped: {exc}", err=True)
    _add(ctx, db, usable, _interval(interval) or config.watch.interval_s)


def _add(ctx: click.Context, db: str | None, urls: list[tuple[str, str | None]], interval_s: int) -> None:
    with cli_store(ctx, db, create=True) as store, known_errors():
        added, existing = store.sources.add(urls, interval_s, datetime.now(UTC))
    click.echo(
        f"added {plural(len(added), 'source')} (every {interval_s} s); "
        f"{plural(len(existing), 'source')} already watched"
    )


@sources.command("list")
@db_option
@json_option
@click.pass_context
def sources_list(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """Every watched source: when it was last checked, next due, and how it has been failing."""
    config = cli_config(ctx)
    with cli_store(ctx, db) as store:
        found = store.sources.all()
    failing_after = config.watch.failing_after
    if as_json:
        echo_json(
            [
                {
                    "id": s.id,
                    "url": s.url,
                    "title": s.title,
                    "interval_s": s.interval_s,
                    "last_checked": s.last_checked,
                    "next_check": s.next_check,
                    "last_success": s.last_success,
                    "failures": s.failures,
                    "failing": s.failures >= failing_after,
                    "last_error": s.last_error,
                    "articles_stored": s.articles_stored,
                }
                for s in found
            ]
        )
        return
    if not found:
        click.echo("No sources: add some with `newsweave sources add URL...`.")
        return
    echo_table(
        ("id", "state", "stored", "last checked", "next due", "url", "last error"),
        [
            (
                s.id,
                f"failing ({s.failures})"
                if s.failures >= failing_after
                else "failed once"
                if s.failures
                else "ok",
                s.articles_stored,
                _when(s.last_checked),
                _when(s.next_check),
                s.url,
                s.last_error,
            )
            for s in found
        ],
    )


def _echo_round(done: RoundReport, *, as_json: bool, quiet: bool) -> None:
    """One round's failures and alerts, then its line (its JSON object with ``as_json``)."""
    for url, error in done.failed:
        click.echo(f"failed: {url}: {error}", err=True)
    if done.webhook_error:
        click.echo(
            f"webhook: {done.webhook_error} (the alerts are sent again after the next round)", err=True
        )
    if as_json:
        click.echo(json.dumps({"time": datetime.now(UTC).isoformat(), **done.as_dict()}))
    else:
        for alert in done.alerts:
            click.echo(f"alert: {alert.title}" + (f" ({alert.detail})" if alert.detail else ""))
        if not quiet:
            stories = f", {done.stories['new_stories']} new stories" if done.stories else ""
            click.echo(
                f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S}Z polled {done.polled} "
                f"({done.not_modified} not modified, {len(done.failed)} failed), "
                f"{plural(done.new_articles, 'new article')}{stories} in {done.seconds:.1f} s"
            )
    sys.stdout.flush()


def _when(value: datetime | None) -> str | None:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%SZ") if value else None


@sources.command("remove")
@click.argument("source", metavar="URL|ID")
@db_option
@click.pass_context
def sources_remove(ctx: click.Context, source: str, db: str | None) -> None:
    """Stop watching a source (its articles stay in the store)."""
    with cli_store(ctx, db) as store, known_errors():
        removed = store.sources.remove(source)
    click.echo(f"no longer watching {removed.url}")


@click.command()
@db_option
@click.option("--once", is_flag=True, help="One round over the due sources, then exit (for cron or a timer).")
@click.option("--all", "poll_all", is_flag=True, help="With --once: poll every source now, due or not.")
@click.option("--allow-private", is_flag=True, help="Allow fetching loopback and private-network URLs.")
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
@json_option
@click.pass_context
def watch(
    ctx: click.Context,
    db: str | None,
    once: bool,
    poll_all: bool,
    allow_private: bool,
    quiet: bool,
    as_json: bool,
) -> None:
    """Poll the watched sources (`newsweave sources`) and take in what is new, until stopped.

    Each round fetches the due sources (conditional requests; several hosts at once, one request at a
    time per host), then stores, analyses and assigns the new articles as `ingest` does, and prints one
    line (one JSON object with --json). SIGTERM or Ctrl-C finishes the sources being fetched and stops.
    """
    from newsweave.readers.base import ReadOptions
    from newsweave.watch.rounds import run_round
    from newsweave.watch.rounds import watch as watch_forever

    config = cli_config(ctx)
    options = ReadOptions(allow_private=allow_private, ingest=config.ingest, fetch=config.fetch)
    stop = threading.Event()
    failed_any = False

    def report(done: RoundReport) -> None:
        nonlocal failed_any
        failed_any = failed_any or bool(done.failed)
        _echo_round(done, as_json=as_json, quiet=quiet)

    def request_stop(_signal: int, _frame: object) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        with cli_store(ctx, db, create=True) as store, known_errors():
            if once:
                if poll_all:
                    store.sources.make_all_due(datetime.now(UTC))
                report(run_round(store, config, options, stop=stop))
            else:
                if not store.sources.all():
                    raise click.ClickException(
                        "no sources to watch: add some with `newsweave sources add URL...`"
                    )
                watch_forever(store, config, options, stop=stop, on_round=report)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if once and failed_any:
        ctx.exit(1)


@click.command()
@click.argument("kind", type=click.Choice(("entity", "search", "pair", "outlet", "story")))
@click.argument("value", nargs=-1, required=True)
@db_option
@click.option("--above", type=float, help="pair: alert when a day's Goldstein sum rises above this.")
@click.option("--below", type=float, help="pair: alert when a day's Goldstein sum falls below this.")
@click.pass_context
def follow(
    ctx: click.Context,
    kind: str,
    value: tuple[str, ...],
    db: str | None,
    above: float | None,
    below: float | None,
) -> None:
    """Follow an entity, a search, a country pair, an outlet or a story; `watch` then raises alerts.

    \b
      newsweave follow entity Takaichi
      newsweave follow search "seafood ban"
      newsweave follow pair KOR JPN           (ISO-3 codes or country names; every new event)
      newsweave follow pair KOR JPN --below -5   (a day's Goldstein sum past a bound)
      newsweave follow outlet "Yonhap"
      newsweave follow story 906aceef         (an id or its prefix)

    What the follow already matches is taken as seen; alerts come for what changes after.
    """
    from newsweave.cli.events import country_option_value
    from newsweave.watch.alerts import check_follows

    config = cli_config(ctx)
    if kind == "pair":
        if len(value) != 2:
            raise click.BadParameter("a pair is two countries: `follow pair KOR JPN`", param_hint="VALUE")
        codes = [country_option_value(name, "VALUE") for name in value]
        text = " ".join(sorted(code for code in codes if code))
        if above is not None and below is not None:
            raise click.BadParameter("give --above or --below, not both", param_hint="--above/--below")
        if above is not None or below is not None:
            text += f" above {above:g}" if above is not None else f" below {below:g}"
    elif above is not None or below is not None:
        raise click.BadParameter("only a pair follow takes a bound", param_hint="--above/--below")
    else:
        text = " ".join(value).strip()
    with cli_store(ctx, db, create=True) as store, known_errors():
        if kind == "story":
            text = store.stories.find(text).id
        made, new = store.follows.add(kind, text, datetime.now(UTC))
        baseline = check_follows(store, config, [made], baseline=True) if new else []
        seen = sum(1 for alert in baseline if alert.kind in ("new_story", "new_event", "relations"))
    state = (
        f"now following {made.label} (id {made.id})"
        if new
        else f"already following {made.label} (id {made.id})"
    )
    click.echo(state + (f"; {plural(seen, 'current match', 'current matches')} taken as seen" if new else ""))


@click.command()
@db_option
@json_option
@click.pass_context
def follows(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """What you follow, with unread alerts for each."""
    with cli_store(ctx, db) as store:
        found = store.follows.all()
        unread = store.follows.alerts(unread_only=True)
    counts = {f.id: sum(1 for a in unread if a.follow_id == f.id) for f in found}
    if as_json:
        echo_json([{"id": f.id, "kind": f.kind, "value": f.value, "unread": counts[f.id]} for f in found])
        return
    if not found:
        click.echo("Not following anything: `newsweave follow entity NAME` (or search, pair, outlet, story).")
        return
    echo_table(("id", "follow", "unread alerts"), [(f.id, f.label, counts[f.id]) for f in found])


@click.command()
@click.argument("follow_id", metavar="ID")
@db_option
@click.pass_context
def unfollow(ctx: click.Context, follow_id: str, db: str | None) -> None:
    """Stop following (its alerts are deleted)."""
    with cli_store(ctx, db) as store, known_errors():
        removed = store.follows.remove(follow_id)
    click.echo(f"no longer following {removed.label}")


@click.command()
@db_option
@click.option("--unread", is_flag=True, help="Only alerts not yet read.")
@click.option("--mark-read", is_flag=True, help="Mark the alerts listed as read.")
@click.option("--follow", "follow_id", metavar="ID", help="Only this follow's alerts.")
@json_option
@click.pass_context
def alerts(
    ctx: click.Context, db: str | None, unread: bool, mark_read: bool, follow_id: str | None, as_json: bool
) -> None:
    """Alerts your follows raised (newest first): new stories, new reports, events, discrepancies."""
    from newsweave.watch.alerts import alert_json

    with cli_store(ctx, db) as store, known_errors():
        wanted = store.follows.find(follow_id).id if follow_id else None
        found = store.follows.alerts(unread_only=unread, follow_id=wanted)
        if mark_read and found:
            store.follows.mark_read([alert.id for alert in found])
    if as_json:
        echo_json([alert_json(alert) for alert in found])
        return
    if not found:
        click.echo("No alerts." if not unread else "No unread alerts.")
        return
    echo_table(
        ("when", "kind", "read", "alert", "story"),
        [(_when(a.created_at), a.kind, "yes" if a.read else "", a.title, a.story_id) for a in found],
    )
