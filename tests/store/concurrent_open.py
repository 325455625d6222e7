"""Open one store from several processes released at the same moment (fresh-store migration races)."""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.synchronize import Barrier
from queue import Queue

#: Seconds a process may take to start, import newsweave and open the store.
TIMEOUT = 120

#: More processes than cores, so that some are descheduled while holding a lock, as on a busy machine
#: (capped so that a many-core machine does not start hundreds).
PROCESSES = min(2 * (os.cpu_count() or 1) + 2, 34)


def _open(url: str, barrier: Barrier, outcomes: Queue[str]) -> None:
    from newsweave.store import Store

    barrier.wait(TIMEOUT)
    try:
        Store(url).close()
        outcomes.put("ok")
    except Exception as error:  # reported to the test, which shows it
        outcomes.put(f"{type(error).__name__}: {error}")


def open_at_once(url: str, processes: int = PROCESSES) -> list[str]:
    """Each process's outcome ("ok", or its error) of opening ``url`` together with the others."""
    context = multiprocessing.get_context("spawn")  # a clean interpreter, as a second command would be
    barrier = context.Barrier(processes)
    outcomes = context.Queue()
    workers = [context.Process(target=_open, args=(url, barrier, outcomes)) for _ in range(processes)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(TIMEOUT)
    return sorted(outcomes.get(timeout=TIMEOUT) for _ in workers)
