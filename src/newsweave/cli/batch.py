"""`newsweave batch`: many inputs on many workers (local processes or Ray), Parquet out, one writer."""

from __future__ import annotations

import click

from newsweave.cli.common import cli_config, echo_json, json_option, known_errors, parse_date_option


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--output", "-o", required=True, type=click.Path(file_okay=False), help="Folder for the Parquet tables."
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: a process pool on this machine; ray: Ray Data's actor pool (local, or --ray-address).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Workers, each holding its own models [default: one per core].",
)
@click.option(
    "--ray-address", help="A Ray cluster to join (e.g. ray://head:10001); default: start Ray on this machine."
)
@click.option(
    "--store",
    "store_url",
    metavar="PATH|URL",
    help="Load into this SQLite file or postgresql:// URL [default: OUTPUT/newsweave.db].",
)
@click.option("--load/--no-load", default=True, help="Run the single writer (store, stories) [default: yes].")
@click.option(
    "--chunk-size", type=click.IntRange(min=1), default=32, show_default=True, help="Inputs per chunk."
)
@click.option("--outlet", help="Outlet name for inputs that do not say (default: the URL's host).")
@click.option("--published", help="Publication date (ISO 8601) for inputs that do not say.")
@json_option
@click.pass_context
def batch(
    ctx: click.Context,
    inputs: tuple[str, ...],
    output: str,
    engine: str,
    workers: int | None,
    ray_address: str | None,
    store_url: str | None,
    load: bool,
    chunk_size: int,
    outlet: str | None,
    published: str | None,
    as_json: bool,
) -> None:
    """Read, analyse and embed INPUTS in parallel into Parquet tables under --output, then load them
    into a store and assign stories. Rerun the same command to resume: finished chunks are skipped."""
    from newsweave.batch.run import run_batch
    from newsweave.readers.base import ReadOptions

    config = cli_config(ctx)
    options = ReadOptions(
        outlet=outlet, published=parse_date_option(published), ingest=config.ingest, fetch=config.fetch
    )
    with known_errors():
        report = run_batch(
            inputs,
            output,
            engine=engine,
            workers=workers,
            store_url=store_url,
            ray_address=ray_address,
            chunk_size=chunk_size,
            options=options,
            config=config,
            load=load,
        )
    if as_json:
        echo_json(report.as_dict())
    else:
        counts = report.counts
        click.echo(
            f"chunks {report.chunks}: done {report.done}, already done {report.skipped}, "
            f"failed {len(report.failed)} ({report.engine}, {report.workers} workers, "
            f"peak memory per worker {report.peak_rss_mib:.0f} MiB)"
        )
        click.echo(
            f"read {counts['read']}, analysed {counts['analysed']}, dropped {counts['dropped']}, "
            f"failed {counts['failed']}"
        )
        for chunk_id, error in report.failed.items():
            click.echo(f"failed chunk {chunk_id}: {error} (rerun to try it again)", err=True)
        if report.load is not None:
            loaded = report.load
            click.echo(
                f"store {report.store}: new {loaded.ingest.counts['new']}, "
                f"already stored {loaded.ingest.counts['existing']}, "
                f"analyses reused {loaded.reused_analyses}, stories: "
                f"{loaded.stories.counts['assigned']} articles assigned, "
                f"{loaded.stories.counts['new_stories']} new stories"
            )
    if report.failed or report.counts["failed"]:
        ctx.exit(1)
