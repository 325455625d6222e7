"""The command line: thin commands that open the store, call one library function and print.

Only this module prints. Known errors become a one-line message and exit status 1.
"""

from __future__ import annotations

import tempfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newsweave import __version__, shapes
from newsweave.cli.common import (
    cli_config,
    cli_store,
    db_option,
    echo_json,
    echo_table,
    json_option,
    known_errors,
    parse_date_option,
    plural,
    progress,
)
from newsweave.cli.stories import assign_stories_now
from newsweave.config import Config
from newsweave.data import ENTITY_TYPES

if TYPE_CHECKING:
    from newsweave.analysis.stage import AnalysisReport
    from newsweave.store import Store

SAMPLE_CORPUS = "ecbplus_sample.jsonl"
# The demo's closing brief lists this many facts per group; `newsweave brief` shows them all.
DEMO_FACTS_PER_GROUP = 6


@click.group()
@click.version_option(__version__, prog_name="newsweave")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    envvar="NEWSWEAVE_CONFIG",
    help="A TOML file laid over the defaults [env NEWSWEAVE_CONFIG].",
)
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """newsweave: which reports are one story, what each source says, where they agree and differ."""
    ctx.ensure_object(dict)["config_path"] = config_path


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--outlet", help="Outlet name for inputs that do not say (default: the URL's host).")
@click.option("--published", help="Publication date (ISO 8601) for inputs that do not say.")
@click.option("--allow-private", is_flag=True, help="Allow fetching loopback and private-network URLs.")
@click.option(
    "--analyse/--no-analyse", "run_analysis", default=True, help="Analyse the new articles [default: yes]."
)
@click.option("--quiet", is_flag=True, help="Print only failures: no progress, no summary.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON, and progress as JSON lines.")
@click.pass_context
def ingest(
    ctx: click.Context,
    inputs: tuple[str, ...],
    db: str | None,
    outlet: str | None,
    published: str | None,
    allow_private: bool,
    run_analysis: bool,
    quiet: bool,
    as_json: bool,
) -> None:
    """Read files, directories, feeds, WARC files and URLs into the store."""
    from newsweave.ingest.stage import ingest_inputs
    from newsweave.readers import expand_inputs
    from newsweave.readers.base import ReadOptions

    config = cli_config(ctx)
    options = ReadOptions(
        outlet=outlet,
        published=parse_date_option(published),
        allow_private=allow_private,
        ingest=config.ingest,
        fetch=config.fetch,
    )
    expanded = expand_inputs(inputs)
    log = "quiet" if quiet else "json" if as_json else "text"
    with cli_store(ctx, db, create=True) as store:
        with progress(len(expanded), config, "ingesting", log=log) as advance:
            report = ingest_inputs(expanded, store, options, config, on_input_done=advance)
        analysis = _analyse(store, config, redo=False, log=log) if run_analysis else None
        stories = assign_stories_now(store, config, rebuild=False, log=log) if run_analysis else None
    if as_json:
        echo_json(
            {
                **report.as_dict(),
                "analysis": analysis.as_dict() if analysis else None,
                "stories": stories.as_dict() if stories else None,
            }
        )
    elif quiet:
        for failure in report.failures:
            click.echo(f"failed: {failure}", err=True)
    else:
        counts = report.counts
        click.echo(
            f"read {counts['read']}, new {counts['new']}, already stored {counts['existing']}, "
            f"duplicate {counts['duplicate']}, near-duplicate {counts['near_duplicate']}, "
            f"dropped {counts['dropped']}, failed {counts['failed']}"
        )
        for failure in report.failures:
            click.echo(f"failed: {failure}", err=True)
        for dropped in report.dropped:
            click.echo(f"dropped: {dropped.source}: {dropped.reason}", err=True)
        if report.guessed_outlets:
            guessed = ", ".join(f"{name} ({n})" for name, n in sorted(report.guessed_outlets.items()))
            click.echo(f"outlets guessed from URL hosts and file names (--outlet names them): {guessed}")
        if analysis is not None:
            _echo_analysis(analysis)
        if stories is not None:
            click.echo(
                f"stories: {plural(stories.counts['assigned'], 'article')} assigned, "
                f"{plural(stories.counts['new_stories'], 'new story', 'new stories')}"
            )
    if report.failures:
        ctx.exit(1)


def _analyse(store: Store, config: Config, *, redo: bool, log: str = "text") -> AnalysisReport:
    from newsweave.analysis.stage import analyse_store

    pending = len(store.analysis.pending_ids(redo=redo))
    with known_errors(), progress(pending, config, "analysing", log=log) as advance:
        return analyse_store(store, config, redo=redo, on_batch=advance)


def _echo_analysis(report: AnalysisReport) -> None:
    counts = report.counts
    failed = f", failed {counts['failed']}" if counts["failed"] else ""
    workers = f" ({counts['workers']} workers)" if counts["workers"] > 1 else ""
    click.echo(f"analysed {counts['analysed']}, skipped {counts['skipped']}{failed}{workers}")
    for failure in report.failures:
        click.echo(f"failed: {failure.source}: {failure.reason}", err=True)
    for stage, figures in report.stages.items():
        for reason, count in figures["dropped"].items():
            click.echo(f"  {stage}: skipped {count} ({reason})")


@main.command()
@db_option
@click.option("--redo", is_flag=True, help="Analyse every article again and rebuild entities.")
@json_option
@click.pass_context
def analyse(ctx: click.Context, db: str | None, redo: bool, as_json: bool) -> None:
    """Analyse stored articles not yet analysed, then assign them to stories.

    With --redo every article is analysed again and the stories are rebuilt from the new analysis.
    """
    config = cli_config(ctx)
    with cli_store(ctx, db) as store:
        report = _analyse(store, config, redo=redo)
        stories = assign_stories_now(store, config, rebuild=redo)
    if as_json:
        echo_json({**report.as_dict(), "stories": stories.as_dict()})
    else:
        _echo_analysis(report)
        click.echo(f"stories: {plural(stories.counts['assigned'], 'article')} assigned")


@main.command()
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many, newest first.")
@click.option("--outlet", help="Only this outlet's articles.")
@click.option("--since", metavar="DATE", help="Only articles published on or after this date (ISO 8601).")
@json_option
@click.pass_context
def articles(
    ctx: click.Context,
    db: str | None,
    limit: int | None,
    outlet: str | None,
    since: str | None,
    as_json: bool,
) -> None:
    """List stored articles, newest first (undated ones last)."""
    first = parse_date_option(since, "--since")
    with cli_store(ctx, db) as store:
        listed = store.list_articles(limit=limit, outlet=outlet, since=first, newest_first=True)
    if as_json:
        echo_json([shapes.article_summary(article) for article in listed])
        return
    echo_table(
        ("id", "published", "outlet", "title"),
        [
            (
                article.id,
                article.published.date().isoformat() if article.published else None,
                (article.outlet or "")[:24],
                article.title + (f"  [copy of {article.duplicate_of}]" if article.duplicate_of else ""),
            )
            for article in listed
        ],
    )


def _echo_analysis_details(details: dict[str, Any]) -> None:
    click.echo(f"\nLanguage: {details['language'] or '-'}; {details['sentences']} sentences")
    if details["analysis_note"]:
        click.echo(details["analysis_note"])
    rows = {
        "Mentions": [
            f"{m['text']} [{m['label']}]" + (f" ({m['title']})" if m["title"] else "")
            for m in details["mentions"]
        ],
        "Quantities": [
            f"{q['text']} = {q['value']:g} {q['unit']} ({q['kind']})" for q in details["quantities"]
        ],
        "Times": [
            f"{t['text']} = {t['begin']}..{t['end_date']} ({t['granularity']})" for t in details["times"]
        ],
        "Places": [
            f"{p['text']} = {p['canonical']}, {p['country'] or '-'} ({p['kind']})" for p in details["places"]
        ],
    }
    for heading, lines in rows.items():
        if lines:
            click.echo(f"{heading}: " + "; ".join(lines))


@main.command()
@click.argument("article_id")
@db_option
@json_option
@click.pass_context
def show(ctx: click.Context, article_id: str, db: str | None, as_json: bool) -> None:
    """Show one article (id or unique id prefix): metadata, text, removed boilerplate, analysis."""
    with cli_store(ctx, db) as store, known_errors():
        article = store.get_article(article_id)
        analysis = shapes.analysis_details(store.analysis.load(article.id))
    if as_json:
        echo_json({**shapes.article_details(article), **analysis})
        return
    details = shapes.article_details(article)
    for key in ("id", "title", "outlet", "published", "url", "author", "language", "source"):
        if details[key]:
            click.echo(f"{key + ':':<12}{details[key]}")
    if article.duplicate_of:
        click.echo(
            f"{'copy of:':<12}{article.duplicate_of} ({article.duplicate_kind}, "
            f"similarity {article.similarity:.2f})"
        )
    click.echo("")
    click.echo(article.text)
    if article.removed:
        click.echo("\nRemoved as boilerplate:")
        for removed in article.removed:
            click.echo(f"  [{removed.reason}] {removed.text}")
    _echo_analysis_details(analysis)


@main.command()
@db_option
@click.option("--story", "story_id", help="Only entities the articles of this story (id or prefix) mention.")
@click.option("--article", "article_id", help="Only entities this article (id or prefix) mentions.")
@click.option(
    "--type",
    "entity_type",
    type=click.Choice(ENTITY_TYPES, case_sensitive=False),
    help="Only entities of this type.",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@json_option
@click.pass_context
def entities(
    ctx: click.Context,
    db: str | None,
    story_id: str | None,
    article_id: str | None,
    entity_type: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """List resolved entities, most mentioned first, with their spellings."""
    with cli_store(ctx, db) as store, known_errors():
        found = store.analysis.load_entities()
        wanted: set[str] | None = None
        if article_id is not None:
            wanted = {store.get_article(article_id).id}
        if story_id is not None:
            members = {a.id for a in store.stories.find(story_id).articles}
            wanted = members & wanted if wanted is not None else members
        if wanted is not None:
            found = [entity for entity in found if wanted & entity.articles()]
    if entity_type is not None:
        found = [entity for entity in found if entity.type == entity_type.upper()]
    found.sort(key=lambda entity: (-entity.mention_count, entity.name))
    found = found[:limit] if limit is not None else found
    if as_json:
        echo_json([shapes.entity_json(entity) for entity in found])
        return
    echo_table(
        ("id", "type", "country", "mentions", "articles", "name", "spellings [articles]"),
        [
            (
                entity.id,
                entity.type,
                entity.country,
                entity.mention_count,
                len(entity.articles()),
                entity.name,
                "; ".join(f"{alias} [{len(ids)}]" for alias, ids in sorted(entity.aliases.items())),
            )
            for entity in found
        ],
    )


@main.command()
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Ingest and analyse the bundled sample corpus in a temporary store and say what was found."""
    from newsweave.ingest.stage import ingest_inputs
    from newsweave.store import open_store

    config = cli_config(ctx)
    sample = resources.files("newsweave") / "sample" / SAMPLE_CORPUS
    with tempfile.TemporaryDirectory(prefix="newsweave-demo-") as tmp, resources.as_file(sample) as path:
        click.echo(f"Sample corpus: {path.name} (ECB+ subset, CC BY 3.0)")
        with known_errors(), open_store(str(Path(tmp) / "demo.db")) as store:
            report = ingest_inputs([str(path)], store, config=config)
            counts = report.counts
            click.echo(
                f"Ingested {plural(counts['read'], 'article')}: {counts['new']} new, "
                f"{counts['duplicate']} exact and {counts['near_duplicate']} near duplicates, "
                f"{counts['failed']} failed."
            )
            for article in store.list_articles():
                if article.duplicate_of:
                    click.echo(
                        f"  copy: {article.title[:70]!r} -> {article.duplicate_of} "
                        f"({article.duplicate_kind}, {article.similarity:.2f})"
                    )
            _echo_analysis(_analyse(store, config, redo=False))
            assign_stories_now(store, config, rebuild=False)
            found_stories = store.stories.records()
            click.echo(f"Stories ({len(found_stories)}), most reports first:")
            for story in sorted(found_stories, key=lambda s: (-len(s.articles), s.id)):
                click.echo(f"  {story.id}  {plural(len(story.articles), 'report'):>10}  {story.title[:90]}")
            for storyline_id, (title, members) in store.stories.storylines().items():
                click.echo(f"Storyline {storyline_id} ({title}): {plural(len(members), 'story', 'stories')}")
            found = sorted(store.analysis.load_entities(), key=lambda e: (-len(e.articles()), e.name))
            click.echo("Most reported entities (articles; spellings):")
            for entity in found[:12]:
                spellings = ", ".join(sorted(entity.aliases))
                click.echo(
                    f"  {entity.name} [{entity.type}, {entity.country or '-'}]: "
                    f"{plural(len(entity.articles()), 'article')}; {spellings}"
                )
            if found_stories:
                from newsweave.brief import build_brief, render_brief

                biggest = min(found_stories, key=lambda s: (-len(s.articles), s.id))
                click.echo(f"\nBrief of the biggest story ({biggest.id}):\n")
                built = build_brief(store, biggest.id, config)
                from newsweave.brief.md_text import terminal_text

                click.echo(terminal_text(render_brief(store, built, "md", max_facts=DEMO_FACTS_PER_GROUP)))
    if report.failures:
        ctx.exit(1)


def _register_command_modules() -> None:
    # Commands kept in their own modules, one per group of features.
    from newsweave.cli.batch import batch
    from newsweave.cli.brief import brief, search
    from newsweave.cli.events import events, relations
    from newsweave.cli.interop import export, facts
    from newsweave.cli.serve import serve
    from newsweave.cli.settings import config_command, datasette_metadata
    from newsweave.cli.stories import recluster, stories, storylines
    from newsweave.cli.watch import alerts, follow, follows, sources, unfollow, watch

    for command in (
        *(batch, stories, storylines, recluster, brief, search, events, relations, serve),
        *(config_command, datasette_metadata, export, facts, sources, watch),
        *(follow, follows, unfollow, alerts),
    ):
        main.add_command(command)


_register_command_modules()
