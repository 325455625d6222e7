"""Work on more than one core, results in input order: a pool of long-lived worker processes.

Each worker process runs ``initializer`` once (to load its models) and then ``task`` on item after
item; the caller gets ``(item, result)`` pairs in the order it gave the items, with at most
``ahead`` items handed out and not yet taken back, so a long input never sits in memory as pickled
work. What stays in the caller (the store, the single writer) never crosses into a worker.

A worker that dies (killed, out of memory) breaks the pool; the items it had and every item after
come back with the error in place of a result, and the caller does them itself: work is never lost.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from types import TracebackType
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


# What a setting of 0 ("one per core") comes to at most: each analysis worker holds its own models
# (~1.1 GB), so a many-core machine is not filled with them unasked; a setting above 0 is taken as given.
MAX_AUTO = 4


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says; else all)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def per_core(setting: int) -> int:
    """A worker or thread count from its setting: the setting itself, or for 0 one per usable core
    (at most ``MAX_AUTO``)."""
    return setting if setting > 0 else min(usable_cores(), MAX_AUTO)


class OrderedPool(Generic[Item, Result]):
    """``task`` over items in ``workers`` spawned processes; results in input order (a context manager)."""

    def __init__(
        self,
        workers: int,
        task: Callable[[Item], Result],
        initializer: Callable[..., None],
        initargs: tuple[Any, ...] = (),
        ahead: int | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.task = task
        self.workers = workers  # what the pool was asked for: a report says how the work was done
        # Two items per worker keep each busy while the caller takes the results of the one before.
        self.ahead = ahead or 2 * workers
        self._broken: BaseException | None = None
        # Spawned, not forked: onnxruntime and spaCy start threads, which a fork does not carry over safely.
        self._executor = ProcessPoolExecutor(
            workers, mp_context=get_context("spawn"), initializer=initializer, initargs=initargs
        )

    def __enter__(self) -> OrderedPool[Item, Result]:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers; items not yet started are dropped (the caller has not taken them)."""
        self._executor.shutdown(wait=True, cancel_futures=True)

    def map(self, items: Iterable[Item]) -> Iterator[tuple[Item, Result | BaseException]]:
        """Each item with its result, or with the error that kept a worker from giving one."""
        waiting: deque[tuple[Item, Future[Result] | BaseException]] = deque()
        source = iter(items)
        exhausted = False
        while True:
            while not exhausted and len(waiting) < self.ahead:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                waiting.append((item, self._submit(item)))
            if not waiting:
                return
            item, pending = waiting.popleft()
            if isinstance(pending, BaseException):
                yield item, pending
                continue
            error = pending.exception()
            if isinstance(error, BrokenProcessPool):
                self._broken = error
            yield item, (pending.result() if error is None else error)

    def _submit(self, item: Item) -> Future[Result] | BaseException:
        """The item's future, or the error that broke the pool (nothing more is sent to it then)."""
        if self._broken is None:
            try:
                return self._executor.submit(self.task, item)
            except BrokenProcessPool as exc:
                self._broken = exc
        return self._broken
