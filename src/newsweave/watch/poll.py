"""Polling one source: a conditional request, then the articles of what came back.

Runs on the round's worker threads: it touches the network, never the store. ``HostGate`` spaces
requests to one host by ``[watch] host_delay_s`` across every thread, feed pages included.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from newsweave.data import Failure
from newsweave.errors import Errors, InputError, NewsweaveError
from newsweave.readers import finished, web, within_budget
from newsweave.readers.base import ReadOptions, ReadResult
from newsweave.store.source_rows import Source

# HTTP answers that ask the client to come back later: their Retry-After is honoured.
THROTTLED = ("429", "503")


class HostGate:
    """Spaces the requests to each host: a request waits until ``delay_s`` after the host's last one."""

    def __init__(self, delay_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.delay_s = delay_s
        self._clock = clock
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        """Block until a request to ``host`` may go, and book the slot after it."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self.delay_s
        if start > now:
            time.sleep(start - now)

    def hook(self, request: httpx.Request) -> None:
        """An httpx request hook: every request of a client (redirects and feed pages too) waits."""
        self.wait(request.url.host)


def host_of(url: str) -> str:
    """The host a URL names (lower case; "" when it names none)."""
    return (urlsplit(url).hostname or "").lower()


@dataclass(slots=True)
class Polled:
    """What polling one source gave: articles and failures read, or why the poll failed."""

    source: Source
    results: list[ReadResult] = field(default_factory=list)
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    retry_after: str | None = None
    seconds: float = 0.0


def poll_source(source: Source, options: ReadOptions, gate: HostGate) -> Polled:
    """Fetch ``source`` (conditionally, with its stored validators) and read what it serves: a feed's
    entries (their pages fetched when the feed has only summaries) or one page. Never raises: a
    failure is ``Polled.error``, named with its code."""
    started = time.monotonic()
    polled = Polled(source)
    try:
        with web.make_client(options) as client:
            client.event_hooks["request"].append(gate.hook)
            fetched = web.fetch(source.url, options, client, validators=(source.etag, source.last_modified))
            polled.etag, polled.last_modified = fetched.etag, fetched.last_modified
            if fetched.not_modified:
                polled.not_modified = True
                # A 304 may leave the validators out: the ones sent still hold.
                polled.etag = polled.etag or source.etag
                polled.last_modified = polled.last_modified or source.last_modified
            else:
                # As ingest reads a URL: outlets and dates filled in, within the input's time budget.
                read = finished(_read(fetched, source.url, options, client), options)
                polled.results = list(within_budget(read, source.url, options))
    except NewsweaveError as exc:
        polled.error = str(exc)
        status = str(exc.details.get("status", ""))
        if exc.code == Errors.HTTP_STATUS.code and status.startswith(THROTTLED):
            polled.retry_after = exc.details.get("retry_after")
    except Exception as exc:  # one source's surprise must not stop the round
        polled.error = f"unexpected {type(exc).__name__}: {exc}"
    polled.seconds = time.monotonic() - started
    return polled


def _read(fetched: web.Fetched, url: str, options: ReadOptions, client: httpx.Client) -> Iterator[ReadResult]:
    if not fetched.body.strip():
        raise InputError(Errors.EMPTY, source=url)
    kind = web.content_kind(fetched)
    if kind == "feed":
        from newsweave.readers import feed  # imported here: loads feedparser

        yield from feed.read_feed_bytes(fetched.body, url, options, client=client, base_url=fetched.final_url)
        return
    if kind == "html":
        try:
            yield web.html_page_article(fetched, source=url, options=options, source_kind="url")
        except InputError as exc:
            yield Failure(source=url, code=exc.code, reason=exc.reason)
        return
    raise InputError(Errors.NOT_ARTICLE_CONTENT, source=url, content_type=fetched.content_type or "no type")
