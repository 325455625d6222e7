"""`newsweave export` speed: the articles table of a store of synthetic articles, as Parquet, CSV and
JSON Lines, in rows per second, against a plain pyarrow write of the same rows in the same run.

    .venv/bin/python benchmarks/export_speed.py [--articles 100000] [--repeats 3]

The store gets ``--articles`` rows written straight into the ``articles`` table (the export reads
stored rows; analysing 100k articles would take hours and is not what is measured): made-up titles,
outlets, dates and ~1,500-character texts, half of them in a story of ten. Each format is exported
``--repeats`` times; the figure is the best run (the machine is shared). The baseline is what the
export cannot beat: ``pyarrow.parquet.write_table`` of the same rows already in memory, so the ratio
prices reading the store and building the rows.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

WORDS = [
    "minister",
    "summit",
    "talks",
    "trade",
    "agreement",
    "ban",
    "seafood",
    "prefecture",
    "visit",
    "leaders",
    "cooperation",
    "remains",
    "mine",
    "analysis",
    "forced",
    "labour",
    "economy",
    "tariff",
    "election",
    "court",
    "ruling",
    "storm",
    "power",
    "schools",
    "rate",
    "bank",
]
OUTLETS = ("Northwind Wire", "Coastal Times", "Harbour Chronicle", "Maple Daily", "Market Wire")
TEXT_WORDS = 220  # about 1,500 characters
STORY_SIZE = 10


def fill_store(db: Path, count: int) -> None:
    """``count`` synthetic articles, half of them in stories of STORY_SIZE, written in bulk."""
    from newsweave.store import open_store
    from newsweave.store.bulk import insert_rows
    from newsweave.store.schema import articles, stories, story_articles

    rng = random.Random(7)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    rows = []
    for index in range(count):
        text = " ".join(rng.choice(WORDS) for _ in range(TEXT_WORDS)) + "."
        rows.append(
            {
                "id": f"{index:016x}",
                "url": f"https://news.example/{index}",
                "outlet": OUTLETS[index % len(OUTLETS)],
                "published": start + timedelta(minutes=index),
                "title": " ".join(rng.choice(WORDS) for _ in range(8)).capitalize(),
                "text": text,
                "language": "en",
                "source": f"synthetic-{index}.txt",
                "source_kind": "txt",
                "text_hash": f"{index:064x}",
                "ingested_at": start,
                "analysed_at": start,
            }
        )
    in_stories = count // 2
    story_rows = [
        {
            "id": f"s{index // STORY_SIZE:015x}",
            "title": rows[index]["title"],
            "first_seen": start,
            "last_seen": start,
        }
        for index in range(0, in_stories, STORY_SIZE)
    ]
    members = [
        {"article_id": rows[i]["id"], "story_id": f"s{i // STORY_SIZE:015x}"} for i in range(in_stories)
    ]
    with open_store(str(db)) as store, store.atomic() as connection:
        insert_rows(connection, articles, rows)
        insert_rows(connection, stories, story_rows)
        insert_rows(connection, story_articles, members)


def main() -> None:
    """Print rows per second of each format and of the in-memory baseline."""
    import pyarrow.parquet as pq

    from newsweave.export.tables import read_table
    from newsweave.export.write import write_table
    from newsweave.store import open_store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="export-speed-") as tmp:
        folder = Path(tmp)
        db = folder / "store.db"
        began = time.perf_counter()
        fill_store(db, args.articles)
        print(f"store of {args.articles:,} articles filled in {time.perf_counter() - began:.1f} s")
        with open_store(str(db)) as store:
            table = read_table(store, "articles")
            best: dict[str, float] = {}
            for _ in range(args.repeats):
                began = time.perf_counter()
                pq.write_table(table, folder / "baseline.parquet")
                best["baseline"] = min(best.get("baseline", 1e9), time.perf_counter() - began)
                for output_format in ("parquet", "csv", "jsonl"):
                    began = time.perf_counter()
                    write_table(read_table(store, "articles"), "articles", output_format, folder / "out")
                    best[output_format] = min(best.get(output_format, 1e9), time.perf_counter() - began)
        print("| output | best of runs (s) | rows/s | time / in-memory Parquet write |")
        print("|---|---|---|---|")
        for name, seconds in best.items():
            ratio = seconds / best["baseline"]
            label = "pyarrow write of rows in memory (baseline)" if name == "baseline" else f"export {name}"
            print(f"| {label} | {seconds:.2f} | {args.articles / seconds:,.0f} | {ratio:.1f}x |")


if __name__ == "__main__":
    main()
