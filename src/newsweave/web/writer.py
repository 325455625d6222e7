"""The web app's one writer: a single thread with a store of its own runs every write, in order.

Readers (request handlers) never write, so with SQLite in WAL mode they read the last committed state
while an ingest runs, and two writes never contend for the lock. The writer's store is separate from the
readers' because a ``Store`` remembers its open transaction: a reader sharing it would read through the
writer's connection from another thread.
"""

from __future__ import annotations

import dataclasses
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from newsweave.config import Config
    from newsweave.store import Store

T = TypeVar("T")


class Writer:
    """Runs write jobs one at a time on one thread, against a store opened (lazily) on that thread."""

    def __init__(self, open_store: Callable[[], Store]) -> None:
        self._open_store = open_store
        self._store: Store | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-writer")
        self._closed = False
        self._lock = threading.Lock()

    def submit(self, job: Callable[[Store], T]) -> Future[T]:
        """Queue ``job(store)``; the future holds its result or its exception."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the writer is closed")
            return self._executor.submit(self._run, job)

    def _run(self, job: Callable[[Store], T]) -> T:
        if self._store is None:
            self._store = self._open_store()
        return job(self._store)

    def close(self) -> None:
        """Finish queued jobs, then close the writer's store."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._executor.shutdown(wait=True)
        if self._store is not None:
            self._store.close()
            self._store = None


def ingest_job(
    inputs: Sequence[str],
    config: Config,
    *,
    outlet: str | None = None,
    published: datetime | None = None,
) -> Callable[[Store], dict[str, Any]]:
    """A writer job: ingest, analyse and assign stories, as ``newsweave ingest --json`` does.

    URLs are fetched with private-network targets refused whatever the configuration says: the request
    comes from the network, and fetching the server's own network for a caller is SSRF.
    """

    def job(store: Store) -> dict[str, Any]:
        from newsweave.analysis.stage import analyse_store
        from newsweave.ingest.stage import ingest_inputs
        from newsweave.readers.base import ReadOptions
        from newsweave.stories.stage import assign_stories

        # Private addresses are refused whatever the configuration says ([fetch] allow_private is for
        # the command line): the caller is remote, and the server's own network is not theirs to read.
        fetch = dataclasses.replace(config.fetch, allow_private=False)
        options = ReadOptions(
            outlet=outlet, published=published, allow_private=False, ingest=config.ingest, fetch=fetch
        )
        report = ingest_inputs(list(inputs), store, options, config)
        analysis = analyse_store(store, config)
        stories = assign_stories(store, config)
        return {**report.as_dict(), "analysis": analysis.as_dict(), "stories": stories.as_dict()}

    return job


class UploadDir:
    """A temporary folder for uploaded files, removed when the ingest that reads them is done."""

    def __init__(self) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="newsweave-upload-")
        self.path = Path(self._tmp.name)

    def cleanup(self) -> None:
        """Remove the folder and its files."""
        self._tmp.cleanup()
