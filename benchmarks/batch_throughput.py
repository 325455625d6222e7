"""`newsweave batch` against `newsweave ingest` on the same pages: wall time, CPU, memory, projection.

Each run is a fresh process (models loaded in it, as a user's run would), one after the other in
rounds, so the machine's load falls on every mode alike:

- ``ingest``: ``newsweave ingest`` into a fresh SQLite store with the default settings (on this
  machine's cores: analysis workers and encoder threads, one per core);
- ``ingest-1``: the same in one process (``[analysis] workers = 1``, ``[stories] encoder_threads = 1``);
- ``local-1`` / ``local-2``: ``newsweave batch --engine local --workers 1 / 2``;
- ``ray-2``: ``newsweave batch --engine ray --workers 2`` (Ray started on this machine).

Printed per run: wall seconds, the workers' part and the single writer's part, the workers' CPU
seconds (summed over chunks), the largest peak RSS a worker reported, and the wall-time throughput
against ``local-1`` of the same round. Then a projection of hours per million articles on N cores
from the per-article rates: workers' CPU per article / N, plus the writer's wall time per article
(the writer is one process whatever N).

    .venv/bin/python benchmarks/batch_throughput.py --rounds 2
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT.parent / "shared" / "data" / "article-extraction" / "html"
NEWSWEAVE = [sys.executable, "-m", "newsweave"]
MODES = ("ingest-1", "ingest", "local-1", "local-2", "ray-2")
PEAK_WRAPPER = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[2:]); "
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
    "sys.exit(code)"
)
ONE_CORE = "[analysis]\nworkers = 1\n[stories]\nencoder_threads = 1\n"


def _command(mode: str, pages: Path, work: Path, chunk_size: int | None = None) -> list[str]:
    if mode.startswith("ingest"):
        return [*NEWSWEAVE, "ingest", str(pages), "--db", str(work / "ingest.db"), "--json"]
    engine, workers = mode.split("-")
    chunks = ["--chunk-size", str(chunk_size)] if chunk_size else []
    return [
        *NEWSWEAVE, "batch", str(pages), "--output", str(work / "out"),
        "--engine", engine, "--workers", workers, "--json", *chunks,
    ]  # fmt: skip


def run_mode(mode: str, pages: Path, chunk_size: int | None = None) -> dict[str, Any]:
    """One run in a fresh process and a fresh folder; its figures."""
    work = Path(tempfile.mkdtemp(prefix=f"nw-{mode}-"))
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        command = _command(mode, pages, work, chunk_size)
        environment = dict(os.environ)
        if mode == "ingest-1":
            (work / "one-core.toml").write_text(ONE_CORE, "utf-8")
            environment["NEWSWEAVE_CONFIG"] = str(work / "one-core.toml")
        # Run under a small wrapper whose own children are this run's processes alone: the largest of
        # them (`ingest` with workers: a worker) is the run's peak RSS, not the largest of every run so far.
        wrapped = [sys.executable, "-c", PEAK_WRAPPER, str(work / "peak_kib"), *command]
        done = subprocess.run(wrapped, capture_output=True, text=True, check=False, env=environment)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{mode} failed ({done.returncode}): {done.stderr[-2000:]}")
        report = json.loads(done.stdout)
        figures: dict[str, Any] = {"mode": mode, "wall_s": wall}
        children_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if mode.startswith("ingest"):
            figures.update(
                articles=report["new"],
                cpu_s=children_cpu,
                peak_rss_mib=int((work / "peak_kib").read_text()) / 1024,
                workers=report["analysis"]["counts"].get("workers", 1),
                store_digest=_store_digest(work / "ingest.db"),
            )
        else:
            figures.update(
                articles=report["counts"].get("read", 0),
                work_s=report["work_s"],
                load_s=report["load_s"],
                worker_cpu_s=report["worker_cpu_s"],
                peak_rss_mib=report["peak_rss_mib"],
                stories=report["load"]["stories"]["counts"].get("new_stories"),
            )
        return figures
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _store_digest(db: Path) -> str:
    """A digest of what the analysis and the stories wrote (not the times of the run): two runs over
    the same pages with the same digest made the same store."""
    queries = (
        "SELECT id, language, analysis_note FROM articles",
        "SELECT * FROM mentions",
        "SELECT * FROM claims",
        "SELECT * FROM events",
        "SELECT * FROM entities",
        "SELECT group_concat(article_id) FROM (SELECT * FROM story_articles ORDER BY article_id)"
        " GROUP BY story_id",
    )
    digest = hashlib.sha256()
    with sqlite3.connect(db) as connection:
        for query in queries:
            digest.update(repr(sorted(connection.execute(query).fetchall(), key=repr)).encode())
    return digest.hexdigest()[:12]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    parser.add_argument("--cores", type=int, nargs="+", default=[2, 8, 32, 128])
    parser.add_argument("--chunk-size", type=int, default=None, help="batch's --chunk-size (its default)")
    args = parser.parse_args()
    rows = []
    for round_no in range(1, args.rounds + 1):
        results = {mode: run_mode(mode, args.pages, args.chunk_size) for mode in args.modes}
        base, ingest_base = results.get("local-1"), results.get("ingest-1")
        for figures in results.values():
            figures["round"] = round_no
            if base is not None and not figures["mode"].startswith("ingest"):
                figures["throughput_vs_local_1"] = base["wall_s"] / figures["wall_s"]
            if ingest_base is not None and figures["mode"].startswith("ingest"):
                figures["throughput_vs_ingest_1"] = ingest_base["wall_s"] / figures["wall_s"]
            rows.append(figures)
            print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}))
    singles = [r for r in rows if r["mode"] == "local-1"]
    if singles:
        per_article_cpu = sum(r["worker_cpu_s"] for r in singles) / sum(r["articles"] for r in singles)
        per_article_writer = sum(r["load_s"] for r in singles) / sum(r["articles"] for r in singles)
        print(
            f"per article: workers {per_article_cpu * 1000:.0f} ms CPU, single writer "
            f"{per_article_writer * 1000:.0f} ms wall"
        )
        for cores in args.cores:
            hours = 1e6 * (per_article_cpu / cores + per_article_writer) / 3600
            print(f"projection: {hours:.1f} h per million articles on {cores} cores")


if __name__ == "__main__":
    main()
