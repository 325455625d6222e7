"""The web app's caches: briefs built on one background thread, rendered pages, and timed values.

A brief of a big story takes seconds to build; pages wait a little for it and otherwise show the sources
alone. Entries are keyed by a version that changes when a story's articles or their analysis change.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from newsweave.config import Config
from newsweave.store import Store
from newsweave.web import queries

T = TypeVar("T")
#: Briefs kept in memory (least recently used dropped first). A brief of a 10-article story is tens of
#: KB, so 256 cost a few MB; a story's entry is rebuilt when its articles or their analysis change.
BRIEF_CACHE_SIZE = 256
#: Rendered story pages kept. The largest story page of the bundled sample (18 articles side by side,
#: 426 facts) is 0.8 MB of HTML and takes 0.1-0.3 s to render, against under 2 ms to send from memory;
#: 64 such pages cost ~50 MB.
STORY_PAGE_CACHE_SIZE = 64


class BriefCache:
    """Story briefs by story id, built on one background thread and rebuilt when the story changes.

    A brief takes from a second to over a minute to build (claims of every article aligned with
    embeddings), so pages never build one inline: a listing shows the counts of briefs already built
    and queues the others; a story page waits ``brief_wait_s`` for its brief, then shows the sources
    alone and reloads itself. One builder thread keeps brief building from starving request handlers.
    """

    def __init__(self, store: Store, config: Config, size: int = BRIEF_CACHE_SIZE) -> None:
        self.store = store
        self.config = config
        self.size = size
        self._items: OrderedDict[str, tuple[str, dict[str, Any]]] = OrderedDict()
        self._pending: dict[tuple[str, str], Future[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-briefs")

    def cached(self, story_id: str, version: str) -> dict[str, Any] | None:
        """The brief if it is built for this version of the story, else None (nothing is queued)."""
        with self._lock:
            item = self._items.get(story_id)
            if item is not None and item[0] == version:
                self._items.move_to_end(story_id)
                return item[1]
        return None

    def request(self, story_id: str, version: str | None = None) -> Future[dict[str, Any]]:
        """A future of the brief of a story (an exact id): done at once when cached, else queued once."""
        # An unknown id gets a version no story has: its build raises E305 (answered as a 404).
        version = version or queries.story_version(self.store, story_id) or "no-such-story"
        found = self.cached(story_id, version)
        if found is not None:
            done: Future[dict[str, Any]] = Future()
            done.set_result(found)
            return done
        with self._lock:
            key = (story_id, version)
            future = self._pending.get(key)
            if future is None:
                future = self._executor.submit(self._build, story_id, version)
                self._pending[key] = future
            return future

    def get(self, story_id: str, version: str | None = None, timeout: float | None = None) -> dict[str, Any]:
        """The brief, waiting for it to be built (``TimeoutError`` after ``timeout`` seconds)."""
        return self.request(story_id, version).result(timeout)

    def _build(self, story_id: str, version: str) -> dict[str, Any]:
        from newsweave.brief import build_brief

        try:
            # Whole: the default view is cut from it (``WebState.brief_view``), ``?all=1`` shows it.
            brief = build_brief(self.store, story_id, self.config, all_facts=True)
            with self._lock:
                self._items[story_id] = (version, brief)
                self._items.move_to_end(story_id)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return brief
        finally:
            with self._lock:
                self._pending.pop((story_id, version), None)

    def close(self) -> None:
        """Drop queued builds (one running finishes on its own) and forget every brief."""
        self._executor.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            self._items.clear()


class PageCache:
    """Rendered pages by key (least recently used dropped first), for pages costly to render."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, ...], str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...]) -> str | None:
        """The page rendered under this key, if kept."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[str, ...], html: str) -> None:
        """Keep a rendered page."""
        with self._lock:
            self._items[key] = html
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class TimedValue(Generic[T]):
    """A value recomputed when older than ``ttl_s`` seconds (for cheap-to-stale lists such as outlets)."""

    def __init__(self, compute: Callable[[], T], ttl_s: float) -> None:
        self._compute = compute
        self.ttl_s = ttl_s
        self._value: tuple[float, T] | None = None
        self._lock = threading.Lock()

    def get(self) -> T:
        """The value, recomputed if stale."""
        now = time.monotonic()
        with self._lock:
            if self._value is not None and now - self._value[0] < self.ttl_s:
                return self._value[1]
        value = self._compute()
        with self._lock:
            self._value = (now, value)
        return value
