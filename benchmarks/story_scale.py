"""Story assignment at scale: ``assign`` latency and process memory with 1k, 10k and 100k existing stories.

    .venv/bin/python benchmarks/story_scale.py [--sizes 1000 10000 100000] [--queries 200] [--no-leads]

Synthetic data, not news: each existing story is one restored article with a random 384-dim normalised
centroid, ENTITIES_PER_STORY random entities out of ENTITY_VOCABULARY, a random place, a publication date
uniform over SPAN_DAYS and a lead vector (a second random centroid; ``--no-leads``: none, as articles
stored before leads were kept). New articles are dated in the last NEW_ARTICLE_DAYS of that span (online
ingest assigns today's news); half are near an existing story (its vectors plus noise, its entities),
half random. Latency is one ``StoryAssigner.assign`` call: candidate retrieval through the CentroidIndex
plus scoring the candidates. Each size runs in a fresh process so its RSS is its own; "restore" is the
time to put every stored story back into a fresh assigner (``StoryAssigner.restore``), as the ingest
does before assigning.
With the window off at 100k the first search builds the HNSW graph; that one-off cost is shown apart.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import multiprocessing
import resource
import statistics
import sys
import time
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from newsweave.stories.assign import StoryAssigner, StoryFeatures, StoryParams

DIM = 384
SIZES = (1_000, 10_000, 100_000)
QUERIES = 200  # timed assign calls per size and window setting
WINDOW_DAYS = 30
WINDOW_OFF_DAYS = 10**6  # wider than any span: every story is a candidate
SPAN_DAYS = 365
NEW_ARTICLE_DAYS = 7
START = date(2024, 1, 1)
ENTITY_VOCABULARY = 20_000
ENTITIES_PER_STORY = 4
PLACES = 200
NEAR_NOISE = 0.5  # per-coordinate noise (x 1/sqrt(DIM)) of a new article near an existing story
SEED = 0


@dataclass(frozen=True, slots=True)
class Row:
    """One size's figures."""

    stories: int
    restore_s: float
    rss_restored_mib: float
    timings: dict[str, tuple[float, float, float]]  # window setting -> (p50 ms, p95 ms, first call ms)
    rss_peak_mib: float


def rss_mib() -> float:
    """Resident set size of this process now (Linux /proc)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def unit_rows(rng: np.random.Generator, count: int) -> NDArray[np.float32]:
    rows = rng.standard_normal((count, DIM), dtype=np.float32)
    unit: NDArray[np.float32] = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return unit


def entities(rng: np.random.Generator) -> frozenset[str]:
    return frozenset(f"entity:{e}" for e in rng.integers(0, ENTITY_VOCABULARY, ENTITIES_PER_STORY).tolist())


def stored_stories(rng: np.random.Generator, count: int, leads: bool) -> list[StoryFeatures]:
    vectors, lead_rows = unit_rows(rng, count), unit_rows(rng, count)
    days = rng.integers(0, SPAN_DAYS, count).tolist()
    places = rng.integers(0, PLACES, count).tolist()
    return [StoryFeatures(f"story-{i}", vectors[i], entities(rng), frozenset({f"place:{places[i]}"}),
                          START + timedelta(days=days[i]), lead=lead_rows[i] if leads else None)
            for i in range(count)]


def _near(rng: np.random.Generator, vector: NDArray[np.float32]) -> NDArray[np.float32]:
    noisy = vector + NEAR_NOISE / np.sqrt(DIM) * rng.standard_normal(DIM, dtype=np.float32)
    near: NDArray[np.float32] = noisy / np.linalg.norm(noisy)
    return near


def new_articles(rng: np.random.Generator, stored: list[StoryFeatures], count: int,
                 leads: bool) -> list[StoryFeatures]:
    articles = []
    for i in range(count):
        day = START + timedelta(days=SPAN_DAYS - 1 - int(rng.integers(0, NEW_ARTICLE_DAYS)))
        if i % 2:
            vector, lead = unit_rows(rng, 1)[0], unit_rows(rng, 1)[0]
            keys, places = entities(rng), frozenset[str]()
        else:
            near = stored[int(rng.integers(0, len(stored)))]
            vector, keys, places = _near(rng, near.vector), near.entities, near.places
            lead = _near(rng, near.lead) if near.lead is not None else unit_rows(rng, 1)[0]
        articles.append(StoryFeatures(f"new-{i}", vector, keys, places, day, lead=lead if leads else None))
    return articles


def measure(size: int, queries: int, leads: bool = True) -> Row:
    """Restore ``size`` stories into a fresh assigner, then time ``assign`` with the window on and off."""
    rng = np.random.default_rng(SEED)
    stored = stored_stories(rng, size, leads)
    assigner = StoryAssigner()
    started = time.perf_counter()
    for features in stored:
        assigner.restore(features, features.article_id)
    restore_s = time.perf_counter() - started
    rss_restored = rss_mib()
    timings: dict[str, tuple[float, float, float]] = {}
    for label, window in (("on", WINDOW_DAYS), ("off", WINDOW_OFF_DAYS)):
        assigner.params = replace(StoryParams(), time_window_days=window)
        fresh = new_articles(rng, stored, queries, leads)
        articles = [replace(a, article_id=f"{a.article_id}-{label}") for a in fresh]
        latencies = []
        for features in articles:
            started = time.perf_counter()
            assigner.assign(features)
            latencies.append((time.perf_counter() - started) * 1e3)
        first, rest = latencies[0], sorted(latencies[1:])  # the first call may build the HNSW graph
        timings[label] = (statistics.median(rest), rest[int(0.95 * (len(rest) - 1))], first)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return Row(size, restore_s, rss_restored, timings, peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--queries", type=int, default=QUERIES)
    parser.add_argument("--no-leads", action="store_true", help="articles without lead vectors")
    args = parser.parse_args()
    print("command: .venv/bin/python benchmarks/story_scale.py " + " ".join(sys.argv[1:]))
    print(f"synthetic stories: random {DIM}-dim normalised centroids, {ENTITIES_PER_STORY} random entities "
          f"of {ENTITY_VOCABULARY}, publication dates uniform over {SPAN_DAYS} days; new articles dated in "
          f"the last {NEW_ARTICLE_DAYS} days, half near a stored story; {args.queries} assign calls a cell; "
          f"window on = {WINDOW_DAYS} days; lead vectors: {not args.no_leads}")
    context = multiprocessing.get_context("spawn")  # a fresh process per size: its RSS is its own
    rows = []
    for size in args.sizes:
        with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            rows.append(pool.submit(measure, size, args.queries, not args.no_leads).result())
    print()
    print("| stories | window | assign p50 ms | assign p95 ms | first call ms | restore s | RSS restored MiB "
          "| peak RSS MiB |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        for label, (p50, p95, first) in row.timings.items():
            print(f"| {row.stories:,} | {label} | {p50:.2f} | {p95:.2f} | {first:.1f} | {row.restore_s:.1f} "
                  f"| {row.rss_restored_mib:.0f} | {row.rss_peak_mib:.0f} |")


if __name__ == "__main__":
    main()
