"""What every command shares: the store and config from the context, JSON output, error handling.

Command modules (``main.py``, ``stories.py``, ``brief.py``, ``events.py``, ``serve.py``) import these.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from newsweave.config import Config, load_config
from newsweave.errors import NewsweaveError

if TYPE_CHECKING:
    from newsweave.store import Store


def echo_json(value: Any) -> None:
    """Print a value as indented JSON (dates as ISO strings)."""
    from newsweave.shapes import json_default

    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=json_default))


@contextmanager
def known_errors() -> Iterator[None]:
    """Turn a ``NewsweaveError`` into click's one-line message and exit status 1."""
    try:
        yield
    except NewsweaveError as exc:
        raise click.ClickException(str(exc)) from exc


@contextmanager
def progress(
    total: int, config: Config, label: str, *, log: str = "text"
) -> Iterator[Callable[[Any], None] | None]:
    """Progress of a long batch on stderr: a bar on a terminal; off one (cron, ``| tee``, a log file),
    a line every PROGRESS_LINE_S seconds with the count, share and rate, and one at the end.
    ``log``: "quiet" shows nothing, "json" writes those lines as JSON objects, terminal or not."""
    if total < config.ingest.progress_bar_min_inputs or log == "quiet":
        yield None
        return
    if sys.stderr.isatty() and log != "json":
        with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
            yield lambda done: bar.update(done if isinstance(done, int) else 1)
        return
    lines = ProgressLines(total, label, as_json=log == "json")
    yield lines.advance
    lines.finish()


# Seconds between two progress lines off a terminal.
PROGRESS_LINE_S = 10.0


class ProgressLines:
    """Progress as log lines: "ingesting: 340/1000 (34%), 12.3 per second"."""

    def __init__(
        self, total: int, label: str, clock: Callable[[], float] = time.monotonic, *, as_json: bool = False
    ) -> None:
        self.total, self.label, self.clock, self.as_json = total, label, clock, as_json
        self.done = 0
        self.started = self.last = clock()

    def advance(self, done: Any) -> None:
        """Count ``done`` items (an int) or one item (anything else); print a line when one is due."""
        self.done += done if isinstance(done, int) else 1
        now = self.clock()
        if now - self.last >= PROGRESS_LINE_S:
            self._line(now)

    def finish(self) -> None:
        """The last line, when anything was counted."""
        if self.done:
            self._line(self.clock())

    def _line(self, now: float) -> None:
        self.last = now
        rate = self.done / max(now - self.started, 1e-9)
        share = f" ({100 * self.done // self.total}%)" if self.total else ""
        if self.as_json:
            line = {"stage": self.label, "done": self.done, "total": self.total, "per_second": round(rate, 1)}
            click.echo(json.dumps(line), err=True)
            return
        click.echo(f"{self.label}: {self.done}/{self.total}{share}, {rate:.1f} per second", err=True)


def cli_config(ctx: click.Context) -> Config:
    """The configuration named by ``--config`` (loaded once per invocation)."""
    config = ctx.obj.get("config") if ctx.obj else None
    if config is None:
        with known_errors():
            config = load_config(ctx.obj.get("config_path") if ctx.obj else None)
        ctx.ensure_object(dict)["config"] = config
    return config


@contextmanager
def cli_store(ctx: click.Context, db: str | None, *, create: bool = False) -> Iterator[Store]:
    """The store named by ``--db`` (or the environment / default), closed afterwards.

    Only commands that add articles pass ``create``: one that reads refuses a store that is not there
    (E309) rather than leave an empty one behind.
    """
    from newsweave.store import open_store

    with known_errors():
        store = open_store(db, default=cli_config(ctx).store.default_db, create=create)
        try:
            yield store
        finally:
            store.close()


db_option = click.option(
    "--db",
    metavar="PATH|URL",
    help="SQLite file or postgresql:// URL [env NEWSWEAVE_DB; default ./newsweave.db]",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def parse_date_option(value: str | None, option: str = "--published") -> datetime | None:
    """A date or time given on the command line (ISO 8601), or None; a clear error names the option."""
    from newsweave.readers.base import parse_published

    if value is None:
        return None
    with known_errors():
        return parse_published(value, source=option)


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and the word in the right number: "1 report", "2 reports", "1 entity", "3 entities"."""
    return f"{count} {word if count == 1 else many or word + 's'}"


# A table cell is cut to this many characters (titles, quotes): one row per line on a terminal.
MAX_CELL = 70


def echo_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Print rows as a plain-text table under a header line; ``None`` shows as "-"."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max([len(header)] + [len(row[i]) for row in cells]) for i, header in enumerate(headers)]
    for row in [list(headers), *cells]:
        click.echo("  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)).rstrip())


def _cell(value: Any) -> str:
    text = "-" if value is None or value == "" else " ".join(str(value).split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"
