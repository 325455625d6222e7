"""Ingest CPU against a plain pass: newsweave's whole ingest of real pages vs trafilatura + spaCy alone.

    .venv/bin/python benchmarks/ingest_ratio.py [--rounds 2]

Data: the 181 real pages of ``../shared/data/article-extraction/html``. Per round, in one process and
alternating (so both see the same machine load):

- **plain**: ``trafilatura.extract`` of each page, then the project's spaCy pipeline
  (``newsweave.analysis.nlp.load_pipeline``) over every extracted text: what any pipeline built on
  those two libraries pays at least;
- **newsweave**: the three steps of ``newsweave ingest`` into a fresh SQLite store (read and clean,
  dedupe, store; analyse: sentences, entities, times, places, claims, events; story assignment with
  its embeddings and storylines).

Models are loaded before the first round, outside the timings. Figures: CPU seconds (process time) of
each, and newsweave's as a ratio to the plain pass of the same round.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT.parent / "shared" / "data" / "article-extraction" / "html"


def plain_pass(pages: list[Path], nlp: object) -> float:
    """CPU seconds of trafilatura then spaCy over the pages."""
    import trafilatura

    begin = time.process_time()
    texts = []
    for page in pages:
        extracted = trafilatura.extract(gzip.decompress(page.read_bytes()).decode("utf-8", "replace"))
        if extracted:
            texts.append(extracted)
    for _doc in nlp.pipe(texts):  # type: ignore[attr-defined]
        pass
    return time.process_time() - begin


def newsweave_pass(pages: list[Path], tmp: Path, round_number: int) -> float:
    """CPU seconds of newsweave's ingest, analysis and story steps over the pages, into a fresh store."""
    from newsweave.analysis.stage import analyse_store
    from newsweave.config import load_config
    from newsweave.ingest.stage import ingest_inputs
    from newsweave.store import open_store
    from newsweave.stories.stage import assign_stories

    base = load_config(None)
    # One process, one encoder thread: this compares CPU per article with the plain pass, and a worker
    # process's CPU is not this process's (benchmarks/batch_throughput.py measures the workers).
    config = dataclasses.replace(
        base,
        analysis=dataclasses.replace(base.analysis, workers=1),
        stories=dataclasses.replace(base.stories, encoder_threads=1),
    )
    with open_store(str(tmp / f"round-{round_number}.db")) as store:
        begin = time.process_time()
        ingest_inputs([str(page) for page in pages], store, None, config)
        analyse_store(store, config)
        assign_stories(store, config)
        return time.process_time() - begin


def main() -> None:
    """Warm the models, then time both passes per round and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    from newsweave.analysis.nlp import load_pipeline

    pages = sorted(HTML.glob("*.html.gz"))
    nlp = load_pipeline()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        newsweave_pass(pages[:3], tmp, -1)  # loads every model the ingest uses
        plain_pass(pages[:3], nlp)
        print(f"{len(pages)} pages")
        print("| round | plain CPU s | newsweave CPU s | ratio |")
        print("|---|---|---|---|")
        for round_number in range(args.rounds):
            plain = plain_pass(pages, nlp)
            ours = newsweave_pass(pages, tmp, round_number)
            print(f"| {round_number + 1} | {plain:.1f} | {ours:.1f} | {ours / plain:.2f} |", flush=True)


if __name__ == "__main__":
    main()
