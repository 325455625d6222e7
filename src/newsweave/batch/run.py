"""A whole batch run: plan chunks, run the workers on an engine, then the single writer.

``newsweave batch`` calls ``run_batch``. A rerun over the same inputs and output skips the chunks
already done (each has a marker) and redoes the rest; the single writer's steps are idempotent, so a
run killed at any point and run again ends with the output one clean run makes.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.batch import layout, tables
from newsweave.batch.engines import ChunkOutcome, WorkerArgs, run_chunks
from newsweave.batch.load import LoadReport
from newsweave.batch.work import failed_chunk_rows
from newsweave.config import Config, load_config
from newsweave.errors import Errors, NewsweaveError
from newsweave.readers.base import ReadOptions

# Inputs per chunk: a chunk is the unit of work, of resume and of part files.
DEFAULT_CHUNK_SIZE = 32
# The store the single writer fills when no --store is named, inside the output folder.
DEFAULT_STORE_NAME = "newsweave.db"


@dataclass(slots=True)
class BatchReport:
    """What a batch run did, chunk by chunk and in all."""

    engine: str
    workers: int
    chunks: int = 0
    skipped: int = 0
    done: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    peak_rss_mib: float = 0.0
    """The largest peak resident memory any worker reported."""
    worker_cpu_s: float = 0.0
    """CPU the workers spent on this run's chunks, all together."""
    work_s: float = 0.0
    """Wall time of the workers' part (models loaded, chunks run)."""
    load_s: float = 0.0
    """Wall time of the single writer."""
    store: str | None = None
    load: LoadReport | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures (the CLI's ``--json``)."""
        load = self.load
        return {
            "engine": self.engine,
            "workers": self.workers,
            "chunks": self.chunks,
            "skipped_done": self.skipped,
            "done": self.done,
            "failed_chunks": self.failed,
            "counts": dict(self.counts),
            "peak_rss_mib": self.peak_rss_mib,
            "worker_cpu_s": round(self.worker_cpu_s, 3),
            "work_s": round(self.work_s, 3),
            "load_s": round(self.load_s, 3),
            "store": self.store,
            "load": None
            if load is None
            else {
                "ingest": load.ingest.as_dict(),
                "analysis": load.analysis.as_dict(),
                "stories": load.stories.as_dict(),
                "reused_analyses": load.reused_analyses,
                "reused_vectors": load.reused_vectors,
            },
        }


def default_workers() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_batch(
    inputs: Sequence[str],
    output: str | Path,
    *,
    engine: str = "local",
    workers: int | None = None,
    store_url: str | None = None,
    ray_address: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    options: ReadOptions | None = None,
    config: Config | None = None,
    load: bool = True,
) -> BatchReport:
    """Read, analyse and embed ``inputs`` on ``engine`` into Parquet under ``output``, then (with
    ``load``) load them into the store at ``store_url`` (default: an SQLite file in ``output``),
    assign stories and write the stories, mention-entity and entity tables."""
    from newsweave.readers import expand_inputs

    config = config or load_config()
    options = options or ReadOptions(ingest=config.ingest, fetch=config.fetch)
    folder = _output_folder(output)
    report = BatchReport(engine, workers or default_workers())
    chunks = layout.plan_chunks(expand_inputs(inputs), chunk_size)
    todo = [chunk for chunk in chunks if not layout.is_done(folder, chunk)]
    report.chunks, report.skipped = len(chunks), len(chunks) - len(todo)
    for chunk in todo:
        layout.clear_chunk(folder, chunk)  # what a killed run left half written
    args = WorkerArgs(config, options, str(folder))
    started = time.perf_counter()
    for outcome in run_chunks(engine, todo, args, report.workers, ray_address):
        _record(folder, outcome, report)
    report.work_s = time.perf_counter() - started
    if load:
        started = time.perf_counter()
        _load(folder, chunks, report, store_url, config)
        report.load_s = time.perf_counter() - started
    return report


def _output_folder(output: str | Path) -> Path:
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise NewsweaveError(Errors.BATCH_OUTPUT, path=str(folder), why="it is a file")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / layout.MARKERS).is_dir():
        raise NewsweaveError(Errors.BATCH_OUTPUT, path=str(folder), why="it holds files of no batch run")
    (folder / layout.MARKERS).mkdir(parents=True, exist_ok=True)
    return folder


def _record(folder: Path, outcome: ChunkOutcome, report: BatchReport) -> None:
    """Mark a finished chunk done, or write its inputs' errors (no marker: a rerun tries it again)."""
    chunk = outcome.chunk
    if outcome.summary is None:
        layout.clear_chunk(folder, chunk)
        rows = failed_chunk_rows(chunk, outcome.error or "unknown error")
        layout.write_part(folder, "errors", tables.UNDATED, chunk, tables.to_table("errors", rows))
        report.failed[chunk.id] = outcome.error or ""
        report.counts["failed"] += len(rows)
        return
    layout.write_marker(folder, chunk, outcome.summary)
    report.done += 1
    report.counts.update(outcome.summary["counts"])
    report.peak_rss_mib = max(report.peak_rss_mib, outcome.summary["peak_rss_mib"])
    report.worker_cpu_s += outcome.summary["cpu_s"]


def _load(
    folder: Path, chunks: Sequence[layout.Chunk], report: BatchReport, store_url: str | None, config: Config
) -> None:
    from newsweave.batch.export import export_store_tables
    from newsweave.batch.load import load_into_store, read_chunk
    from newsweave.store import open_store

    url = store_url or str(folder / DEFAULT_STORE_NAME)
    # Done chunks with their articles; failed ones for their errors (the store records them too).
    loadable = [c for c in chunks if layout.is_done(folder, c) or c.id in report.failed]
    with open_store(url) as store:
        report.load = load_into_store(folder, loadable, store, config)
        ids = [row["id"] for chunk in loadable for row in read_chunk(folder, "articles", chunk, ["id"])]
        export_store_tables(folder, ids, store)
    report.store = url
