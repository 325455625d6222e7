"""Engines that run ``ChunkWorker`` over chunks: a local process pool, or Ray Data's actor pool.

Both hand every chunk to a long-lived worker that loaded its models once, and both report each
chunk's summary, or the error that stopped it, as it finishes; the caller writes the done markers.
A chunk's failure (an exception in its worker) is reported, never raised: the run goes on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any

from newsweave.batch.layout import Chunk
from newsweave.batch.work import ChunkWorker
from newsweave.config import Config
from newsweave.errors import Errors, NewsweaveError
from newsweave.readers.base import ReadOptions

ENGINES = ("local", "ray")


@dataclass(frozen=True, slots=True)
class WorkerArgs:
    """What each worker is built from (sent to every process or actor once)."""

    config: Config
    options: ReadOptions
    output: str


@dataclass(frozen=True, slots=True)
class ChunkOutcome:
    """A finished chunk: its summary, or the error its worker raised."""

    chunk: Chunk
    summary: dict[str, Any] | None
    error: str | None = None


def run_chunks(
    engine: str, chunks: Sequence[Chunk], args: WorkerArgs, workers: int, ray_address: str | None = None
) -> Iterator[ChunkOutcome]:
    """Run the chunks on the named engine with ``workers`` workers; outcomes in the order they finish."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if not chunks:
        return iter(())
    if engine == "local":
        return _run_local(chunks, args, workers)
    if engine == "ray":
        return _run_ray(chunks, args, workers, ray_address)
    raise NewsweaveError(Errors.BATCH_ENGINE, engine=engine, why=f"engines are {', '.join(ENGINES)}")


def _safely(worker: ChunkWorker, chunk: Chunk) -> ChunkOutcome:
    try:
        return ChunkOutcome(chunk, worker(chunk))
    except Exception as exc:  # one chunk must not stop the run: it is reported and retried on a rerun
        return ChunkOutcome(chunk, None, f"{type(exc).__name__}: {exc}")


# -- local: this process, or a pool of spawned processes ---------------------------------------------

_POOL_WORKER: ChunkWorker | None = None


def _init_pool_worker(args: WorkerArgs) -> None:
    global _POOL_WORKER
    _POOL_WORKER = ChunkWorker(args.config, args.options, args.output)


def _pool_task(chunk: Chunk) -> ChunkOutcome:
    assert _POOL_WORKER is not None, "the pool's initializer builds the worker"
    return _safely(_POOL_WORKER, chunk)


def _run_local(chunks: Sequence[Chunk], args: WorkerArgs, workers: int) -> Iterator[ChunkOutcome]:
    if workers == 1:
        worker = ChunkWorker(args.config, args.options, args.output)
        for chunk in chunks:
            yield _safely(worker, chunk)
        return
    # Spawned, not forked: onnxruntime and spaCy start threads, which a fork does not carry over safely.
    with ProcessPoolExecutor(
        workers, mp_context=get_context("spawn"), initializer=_init_pool_worker, initargs=(args,)
    ) as pool:
        waiting: dict[Future[ChunkOutcome], Chunk] = {pool.submit(_pool_task, c): c for c in chunks}
        while waiting:
            done, _ = wait(waiting, return_when=FIRST_COMPLETED)
            for future in done:
                chunk = waiting.pop(future)
                error = future.exception()
                # A worker process that died (killed, out of memory) breaks the pool: every chunk
                # still waiting is reported failed, and a rerun takes them up again.
                yield (
                    future.result()
                    if error is None
                    else ChunkOutcome(chunk, None, f"{type(error).__name__}: {error}")
                )


# -- Ray Data: map_batches over an actor pool ----------------------------------------------------------


class _RayChunkWorker:
    """A Ray actor holding one ChunkWorker; takes batches of one chunk each."""

    def __init__(self, args: WorkerArgs) -> None:
        self.worker = ChunkWorker(args.config, args.options, args.output)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        outcomes = []
        for spec in batch["chunk"]:
            loaded = json.loads(str(spec))
            outcome = _safely(self.worker, Chunk(loaded["index"], tuple(loaded["items"])))
            outcomes.append(json.dumps({"summary": outcome.summary, "error": outcome.error}))
        return {"chunk": [str(spec) for spec in batch["chunk"]], "outcome": outcomes}


def _run_ray(
    chunks: Sequence[Chunk], args: WorkerArgs, workers: int, address: str | None
) -> Iterator[ChunkOutcome]:
    # Ray reads these when it starts: no usage report leaves the machine, no dashboard is served.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise NewsweaveError(Errors.BATCH_ENGINE, engine="ray", why=f"Ray is not installed ({exc})") from exc
    import logging

    # Ray Data logs each execution's plan at INFO and warns that progress bars are off: noise here.
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(
            address=address,
            num_cpus=None if address else workers,
            include_dashboard=False,
            logging_level=logging.ERROR,
            log_to_driver=False,
        )
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    by_spec = {json.dumps({"index": c.index, "items": list(c.items)}): c for c in chunks}
    try:
        dataset = ray.data.from_items([{"chunk": spec} for spec in by_spec], override_num_blocks=len(by_spec))
        mapped = dataset.map_batches(
            _RayChunkWorker,
            fn_constructor_kwargs={"args": args},
            batch_size=1,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=1,
        )
        for row in mapped.iter_rows():
            outcome = json.loads(row["outcome"])
            yield ChunkOutcome(by_spec[row["chunk"]], outcome["summary"], outcome["error"])
    finally:
        if started_here:
            ray.shutdown()
