"""When a source is next polled: its interval after a success, a doubling backoff after failures, and
what a server's Retry-After asks for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from newsweave.config import WatchConfig


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """A ``Retry-After`` header as seconds from ``now`` (delta seconds or an HTTP date); None if absent
    or unreadable."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def next_poll(
    interval_s: int,
    failures: int,
    now: datetime,
    config: WatchConfig,
    *,
    retry_after: float | None = None,
) -> datetime:
    """When to poll a source again: after its interval (at least ``min_interval_s``); after the
    ``failures``-th failure in a row, the interval times 2 ** (failures - 1); when the server said how
    long to wait, at least that. Never later than ``max_backoff_s``."""
    base = max(interval_s, config.min_interval_s)
    wait = float(base * 2 ** max(0, failures - 1)) if failures else float(base)
    if retry_after is not None:
        wait = max(wait, retry_after)
    return now + timedelta(seconds=min(wait, float(config.max_backoff_s)))
