"""Rounds of polling: every due source fetched (several hosts at once, one request at a time per
host), what is new stored, analysed and assigned to stories by the functions `newsweave ingest`
calls, and each source's outcome recorded; ``watch`` repeats rounds until told to stop.

Only this thread touches the store: workers fetch and read, the results are stored here as each
source's poll completes. A source's validators are recorded after its articles are stored, so a
process killed between the two fetches that source again next time, and ingest's ids make that a
no-op: nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from newsweave.config import Config
from newsweave.readers.base import ReadOptions
from newsweave.store.follow_rows import Alert
from newsweave.store.source_rows import PollOutcome, Source
from newsweave.watch.alerts import alert_json, check_follows
from newsweave.watch.poll import HostGate, Polled, host_of, poll_source
from newsweave.watch.schedule import next_poll, retry_after_seconds
from newsweave.watch.webhook import deliver

if TYPE_CHECKING:
    from newsweave.store import Store

# The longest a watch sleeps between looking for due sources (so a source added meanwhile waits at
# most this long, and a stop is noticed at once: the sleep is an Event wait).
MAX_SLEEP_S = 60.0


@dataclass(slots=True)
class RoundReport:
    """What one round did."""

    polled: int = 0
    not_modified: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, error)
    new_articles: int = 0
    stories: dict[str, int] | None = None  # the story stage's counts, when there was anything new
    seconds: float = 0.0
    analysis_seconds: float = 0.0  # of ``seconds``: analysing the new articles and assigning stories
    alerts: list[Alert] = field(default_factory=list)  # raised by the follows after this round
    delivered: int = 0  # alerts POSTed to the webhook
    webhook_error: str | None = None
    stopped: bool = False  # a stop came before every due source was polled

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready values."""
        return {
            "polled": self.polled,
            "not_modified": self.not_modified,
            "failed": [{"url": url, "error": error} for url, error in self.failed],
            "new_articles": self.new_articles,
            "stories": self.stories,
            "seconds": round(self.seconds, 3),
            "analysis_seconds": round(self.analysis_seconds, 3),
            "alerts": [alert_json(alert) for alert in self.alerts],
            "delivered": self.delivered,
            "webhook_error": self.webhook_error,
            "stopped": self.stopped,
        }


def _by_host(due: list[Source]) -> list[list[Source]]:
    """Due sources grouped by host, each group polled in turn by one worker (no two requests to one
    host at once), groups in the order of their first due source."""
    groups: dict[str, list[Source]] = defaultdict(list)
    for source in due:
        groups[host_of(source.url)].append(source)
    return list(groups.values())


def _poll_group(
    group: list[Source], options: ReadOptions, gate: HostGate, stop: threading.Event
) -> list[Polled]:
    polled = []
    for source in group:
        if stop.is_set():
            break
        polled.append(poll_source(source, options, gate))
    return polled


def run_round(
    store: Store,
    config: Config,
    options: ReadOptions,
    *,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    stop: threading.Event | None = None,
    gate: HostGate | None = None,
    pool: ThreadPoolExecutor | None = None,
) -> RoundReport:
    """Poll every source due now; store, analyse and assign what is new; record each outcome.

    ``pool`` (``config.watch.max_concurrent`` workers) is the fetching threads, kept across rounds by
    ``watch``: fresh threads each round would each get a fresh malloc arena, and the process would grow
    by the arenas they leave behind (benchmarks/watch_soak.py).
    """
    from newsweave.analysis.stage import analyse_store
    from newsweave.ingest.stage import ingest_results
    from newsweave.stories.stage import assign_stories

    started = time.monotonic()
    stop = stop or threading.Event()
    gate = gate or HostGate(config.watch.host_delay_s)
    report = RoundReport()
    groups = _by_host(store.sources.due(now()))
    with contextlib.ExitStack() as stack:
        if pool is None:
            pool = stack.enter_context(fetch_pool(config))
        futures = [pool.submit(_poll_group, group, options, gate, stop) for group in groups]
        for future in as_completed(futures):
            for polled in future.result():
                report.polled += 1
                stored = 0
                if polled.error is None and polled.results:
                    ingested = ingest_results(polled.results, [polled.source.url], store, config)
                    stored = ingested.counts["new"]
                    report.new_articles += stored
                _record(store, config, polled, stored, now())
                if polled.error is not None:
                    report.failed.append((polled.source.url, polled.error))
                elif polled.not_modified:
                    report.not_modified += 1
    report.stopped = stop.is_set() and report.polled < sum(map(len, groups))
    # Articles an earlier run stored but did not get to analyse (it was killed) are taken up too.
    if report.new_articles or store.analysis.pending_ids(limit=1):
        analysis_started = time.monotonic()
        analyse_store(store, config)
        report.stories = assign_stories(store, config).counts
        report.analysis_seconds = time.monotonic() - analysis_started
        report.alerts = check_follows(store, config)
    report.delivered, report.webhook_error = deliver(store, config, options)
    report.seconds = time.monotonic() - started
    return report


def fetch_pool(config: Config) -> ThreadPoolExecutor:
    """The threads a round fetches on (``[watch] max_concurrent``)."""
    return ThreadPoolExecutor(
        max_workers=max(1, config.watch.max_concurrent), thread_name_prefix="newsweave-watch"
    )


def _record(store: Store, config: Config, polled: Polled, stored: int, when: datetime) -> None:
    source = polled.source
    failures = source.failures + 1 if polled.error is not None else 0
    wait = retry_after_seconds(polled.retry_after, when)
    outcome = PollOutcome(
        checked=when,
        next_check=next_poll(source.interval_s, failures, when, config.watch, retry_after=wait),
        error=polled.error,
        etag=polled.etag,
        last_modified=polled.last_modified,
        stored=stored,
    )
    store.sources.record(source, outcome)


def watch(
    store: Store,
    config: Config,
    options: ReadOptions,
    *,
    stop: threading.Event,
    on_round: Callable[[RoundReport], None],
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> None:
    """Run rounds until ``stop`` is set: a round whenever a source is due, else sleep until the next
    one is (at most MAX_SLEEP_S). A stop during a round lets the sources being polled finish and
    records them; the others wait for the next run."""
    gate = HostGate(config.watch.host_delay_s)
    with fetch_pool(config) as pool:
        while not stop.is_set():
            if store.sources.due(now()):
                on_round(run_round(store, config, options, now=now, stop=stop, gate=gate, pool=pool))
                continue
            upcoming = [s.next_check for s in store.sources.all() if s.next_check is not None]
            wait = min((min(upcoming) - now()).total_seconds(), MAX_SLEEP_S) if upcoming else MAX_SLEEP_S
            stop.wait(max(0.05, wait))
