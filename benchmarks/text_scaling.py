"""Is every text pass of ingest linear in its input? Double the input, report the time ratio (~2 is linear).

    .venv/bin/python benchmarks/text_scaling.py [--repeat 3]

Three inputs, each at doubling sizes, ingested into a fresh SQLite store in this process:
- hard-wrapped text: one .txt of N KB whose lines all start in lower case (boilerplate removal joins
  them into one paragraph; it was quadratic: 60 KB took 35 s);
- near-duplicate records: one .jsonl of N records, each the same report with two words changed (every
  one a near-copy of the first; the LSH lookups read every earlier copy: quadratic);
- analysis of one long article (spaCy in parts past ``nlp.max_length``), at smaller sizes.
Times are the best of ``--repeat`` runs; the ratio to the previous size is what counts on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from newsweave.analysis.stage import analyse_store
from newsweave.config import Config, load_config
from newsweave.ingest.stage import ingest_inputs
from newsweave.store import open_store

WORDS = tuple(
    [
        "the",
        "harbour",
        "authority",
        "said",
        "on",
        "monday",
        "that",
        "new",
        "ferry",
        "service",
        "would",
        "start",
        "next",
        "month",
    ]
)
REPORT = (
    "The harbour authority said on Monday that the new ferry service would start next month after a long "
    "delay over the depth of the channel and a dispute with the dredging contractor about the cost. "
) * 5


def _wrapped_text(kilobytes: int, rng: random.Random) -> str:
    lines, size = ["Ferry service delayed"], 0
    while size < kilobytes * 1024:
        line = " ".join(rng.choice(WORDS) for _ in range(10))
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)


def _near_copies(count: int, rng: random.Random) -> str:
    records = []
    for number in range(count):
        words = REPORT.split()
        words[rng.randrange(len(words))] = f"word{number}"
        words[rng.randrange(len(words))] = f"other{number}"
        records.append(json.dumps({"title": f"Ferry {number}", "text": " ".join(words)}))
    return "\n".join(records) + "\n"


def _time_ingest(name: str, content: str, config: Config, *, analyse: bool = False) -> float:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(content, encoding="utf-8")
        with open_store(str(Path(folder) / "s.db")) as store:
            started = time.perf_counter()
            report = ingest_inputs([str(path)], store, config=config)
            if analyse:
                analyse_store(store, config)
            elapsed = time.perf_counter() - started
    assert report.counts["failed"] == 0, report.failures
    return elapsed


def _series(label: str, sizes: list[int], make: Callable[[int], float], repeat: int) -> None:
    print(f"\n{label}")
    print("| size | seconds | ratio to previous |\n|---|---|---|")
    previous = None
    for size in sizes:
        seconds = min(make(size) for _ in range(repeat))
        ratio = f"{seconds / previous:.2f}" if previous else "-"
        print(f"| {size:,} | {seconds:.3f} | {ratio} |")
        previous = seconds


def main() -> None:
    """Print one table per input kind."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    config = load_config(None)
    rng = random.Random(7)
    print("command: .venv/bin/python benchmarks/text_scaling.py " + f"--repeat {args.repeat}")
    _series(
        "hard-wrapped text, ingest (KB)",
        [64, 128, 256, 512],
        lambda kb: _time_ingest("wrapped.txt", _wrapped_text(kb, rng), config),
        args.repeat,
    )
    _series(
        "near-duplicate records, ingest (records)",
        [1_000, 2_000, 4_000, 8_000],
        lambda count: _time_ingest("copies.jsonl", _near_copies(count, rng), config),
        args.repeat,
    )
    _series(
        "one long article, ingest and analysis (KB)",
        [32, 64, 128],
        lambda kb: _time_ingest(
            "long.txt", "Ferry report\n" + (REPORT + "\n") * (kb * 1024 // len(REPORT)), config, analyse=True
        ),
        1,
    )


if __name__ == "__main__":
    main()
