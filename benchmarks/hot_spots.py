"""Two hot spots of ingest on real pages: the encoder's batch size, and mention work on long documents.

    .venv/bin/python benchmarks/hot_spots.py encoder [--sizes 32 16 8 4 1]
    .venv/bin/python benchmarks/hot_spots.py mentions

Data: the article bodies of ``../shared/data/article-extraction/ground-truth.json`` (181 real pages).

``encoder``: for each batch size, in a fresh process (so that its peak RSS is its own), the CPU seconds
of embedding every page twice, and of 6,000 of their sentences once, with the default story encoder, and
the process's peak RSS. ``mentions``: CPU seconds of ``sentences_and_mentions`` on the three longest
pages (spaCy's parse not counted). Run a revision's code with ``PYTHONPATH=<worktree>/src`` to compare.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

GROUND_TRUTH = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction" / "ground-truth.json"
)
SENTENCES = 6000


def bodies() -> list[str]:
    """The real pages' article bodies."""
    return [str(page["articleBody"]) for page in json.loads(GROUND_TRUTH.read_text("utf-8")).values()]


def encoder_run(batch_size: int) -> dict[str, float]:
    """CPU seconds and peak RSS of the encoder at one batch size (call in a fresh process)."""
    from newsweave.embeddings import load_encoder

    pages = bodies()
    sentences = [s for page in pages for s in re.split(r"(?<=[.!?])\s+", page) if len(s) > 20][:SENTENCES]
    encoder = load_encoder()
    encoder.encode(pages[:2], batch_size=2)  # load and warm up outside the timing
    begin = time.process_time()
    for _ in range(2):
        encoder.encode(pages, batch_size=batch_size)
    pages_cpu = time.process_time() - begin
    begin = time.process_time()
    encoder.encode(sentences, batch_size=batch_size)
    return {
        "batch_size": batch_size,
        "pages_cpu": pages_cpu,
        "sentences_cpu": time.process_time() - begin,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def mentions() -> None:
    """Time mention processing on the three longest pages."""
    from newsweave.analysis.mentions import sentences_and_mentions
    from newsweave.analysis.nlp import load_pipeline

    nlp = load_pipeline()
    print("| tokens | entities | mentions CPU s |")
    print("|---|---|---|")
    for text in sorted(bodies(), key=len)[-3:]:
        doc = nlp(text)
        begin = time.process_time()
        sentences_and_mentions(doc)
        print(f"| {len(doc):,} | {len(doc.ents):,} | {time.process_time() - begin:.3f} |")


def main() -> None:
    """Run the chosen measure and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("measure", choices=["encoder", "mentions", "encoder-one"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[32, 16, 8, 4, 1])
    args = parser.parse_args()
    if args.measure == "mentions":
        mentions()
        return
    if args.measure == "encoder-one":
        print(json.dumps(encoder_run(args.sizes[0])))
        return
    print(f"| batch size | 181 pages x2, CPU s | {SENTENCES:,} sentences, CPU s | peak RSS MiB |")
    print("|---|---|---|---|")
    for size in args.sizes:
        command = [sys.executable, __file__, "encoder-one", "--sizes", str(size)]
        row = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        print(f"| {size} | {row['pages_cpu']:.1f} | {row['sentences_cpu']:.1f} | {row['peak_rss_mib']:.0f} |")


if __name__ == "__main__":
    main()
