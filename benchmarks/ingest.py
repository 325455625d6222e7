"""Ingest throughput: readers alone, end to end into a SQLite store, and near-duplicate detection.

    .venv/bin/python benchmarks/ingest.py [--n 10000] [--n-ingest 300] [--n-store 2000]

On generated articles (benchmarks/synthetic.py, deterministic for a seed), in a temp directory:
- reader-only articles/s per format (``newsweave.readers.read_inputs``), for .txt, .html, .warc.gz;
- end-to-end articles/s per format through ``newsweave.ingest.stage.ingest_inputs`` into a fresh SQLite store
  (read, clean, dedupe, store), with the near-duplicates found beside those planted;
- near-duplicate detection docs/s on ``--n`` texts: signature + band keys + candidate check against an
  in-memory dict index, and through the store (``ingest_articles``, its timed ``dedupe`` step);
- raw WARC record iteration, warcio against FastWARC on the same file, as the peer in the same run.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsweave.config import Config, load_config
from newsweave.data import Article, Failure
from newsweave.ingest import dedupe
from newsweave.ingest.stage import ingest_articles, ingest_inputs
from newsweave.readers import ReadOptions, read_inputs
from newsweave.store import open_store
from synthetic import DEFAULT_SEED, SyntheticArticle, generate, write_html, write_txt, write_warc

DEFAULT_N = 10_000
# End-to-end runs extract every HTML page with trafilatura: a few hundred keep the run to minutes.
DEFAULT_N_INGEST = 300
DEFAULT_N_STORE = 2_000


def timed(function: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def reader_only(path: Path, options: ReadOptions) -> tuple[int, int, float]:
    """(articles, failures, seconds) reading one input with the package's readers."""
    results, seconds = timed(lambda: list(read_inputs([str(path)], options)))
    failures = sum(isinstance(r, Failure) for r in results)
    return len(results) - failures, failures, seconds


def end_to_end(path: Path, db: Path, options: ReadOptions, config: Config) -> tuple[dict[str, int], float]:
    """(counts, seconds) of ingesting one input into a fresh SQLite store."""
    with open_store(str(db)) as store:
        report, seconds = timed(lambda: ingest_inputs([str(path)], store, options, config))
    return dict(report.counts), seconds


def dedupe_in_memory(texts: Sequence[str], config: Config) -> tuple[list[int | None], float, float]:
    """(each text's match or None, seconds in total, seconds for signatures) with a dict LSH index."""
    settings = config.dedupe
    buckets: dict[int, list[int]] = defaultdict(list)
    signatures: list[dedupe.Signature] = []
    matches: list[int | None] = []
    signing = 0.0
    start = time.perf_counter()
    for index, text in enumerate(texts):
        sign_start = time.perf_counter()
        signature = dedupe.signature(text, settings)
        signing += time.perf_counter() - sign_start
        keys = dedupe.band_keys(signature, settings.lsh_bands)
        candidate_ids = {other for key in keys for other in buckets.get(key, ())}
        candidates = {str(other): signatures[other] for other in candidate_ids}
        match = dedupe.best_match(signature, candidates, settings.near_duplicate_jaccard)
        matches.append(int(match.article_id) if match is not None else None)
        signatures.append(signature)
        for key in keys:
            buckets[key].append(index)
    return matches, time.perf_counter() - start, signing


def dedupe_through_store(
    articles: Sequence[SyntheticArticle], db: Path, config: Config
) -> tuple[dict[str, int], float, float]:
    """(counts, seconds in total, seconds in the dedupe step) of ``ingest_articles`` into SQLite."""
    records = [
        Article(
            title=a.title,
            text=a.text,
            url=a.url,
            outlet=a.outlet,
            published=a.published,
            source=f"synthetic#{a.index}",
            source_kind="txt",
        )
        for a in articles
    ]
    with open_store(str(db)) as store:
        report, seconds = timed(lambda: ingest_articles(records, store, config))
    dedupe_seconds = float(report.stages.get("dedupe", {}).get("seconds", 0.0))
    return dict(report.counts), seconds, dedupe_seconds


def warcio_iterate(path: Path) -> tuple[int, int]:
    """(response records, payload bytes) read with warcio."""
    from warcio.archiveiterator import ArchiveIterator

    records = size = 0
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type == "response":
                records += 1
                size += len(record.content_stream().read())
    return records, size


def fastwarc_iterate(path: Path) -> tuple[int, int]:
    """(response records, payload bytes) read with FastWARC."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    records = size = 0
    for record in ArchiveIterator(str(path), record_types=WarcRecordType.response, parse_http=True):
        records += 1
        size += len(record.reader.read())
    return records, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=DEFAULT_N, help="texts for near-duplicate detection")
    parser.add_argument(
        "--n-ingest", type=int, default=DEFAULT_N_INGEST, help="articles per format, end to end"
    )
    parser.add_argument(
        "--n-store", type=int, default=DEFAULT_N_STORE, help="articles for dedupe via the store"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp folder)")
    args = parser.parse_args(argv)

    config = load_config()
    options = ReadOptions(ingest=config.ingest, fetch=config.fetch)
    rows: list[tuple[str, int, float, str]] = []

    def row(what: str, count: int, seconds: float, note: str = "") -> None:
        rows.append((what, count, seconds, note))
        print(f"  {what:<44} {count:>7} in {seconds:8.2f} s = {count / seconds:9.1f}/s  {note}", flush=True)

    with tempfile.TemporaryDirectory(prefix="newsweave-bench-") as temp:
        work = args.keep or Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        articles, seconds = timed(lambda: generate(max(args.n, args.n_ingest, args.n_store), seed=args.seed))
        print(f"generated {len(articles)} articles in {seconds:.1f} s (seed {args.seed})")
        sample = articles[: args.n_ingest]
        planted = sum(a.copy_of is not None for a in sample)
        inputs = {
            "txt": (write_txt(sample, work / "txt"), work / "txt")[1],
            "html": (write_html(sample, work / "html"), work / "html")[1],
            "warc": write_warc(sample, work / "warc" / "sample.warc.gz"),
        }

        print(f"\nreaders only ({len(sample)} articles per format)")
        for kind, path in inputs.items():
            read, failed, seconds = reader_only(path, options)
            row(f"read {kind}", read, seconds, f"failed {failed}" if failed else "")

        print(f"\nend to end: ingest_inputs into SQLite ({len(sample)} articles, {planted} planted copies)")
        for kind, path in inputs.items():
            counts, seconds = end_to_end(path, work / f"e2e-{kind}.db", options, config)
            note = (
                f"new {counts.get('new', 0)}, near-dup {counts.get('near_duplicate', 0)}, "
                f"dropped {counts.get('dropped', 0)}, failed {counts.get('failed', 0)}"
            )
            row(f"ingest {kind}", counts.get("read", 0), seconds, note)

        texts = [a.text for a in articles[: args.n]]
        planted_n = sum(a.copy_of is not None for a in articles[: args.n])
        print(f"\nnear-duplicate detection ({len(texts)} texts, {planted_n} planted copies)")
        matches, seconds, signing = dedupe_in_memory(texts, config)
        # A copy may match an earlier copy of its original: right when it leads to the same original.
        roots = [a.index if a.copy_of is None else a.copy_of for a in articles]
        right = sum(m is not None and roots[m] == a.copy_of for m, a in zip(matches, articles, strict=False))
        wrong = sum(m is not None for m in matches) - right
        note = f"found {right} of {planted_n} planted, {wrong} wrong"
        row("signature + band keys + check, dict index", len(texts), seconds, note)
        row("  of which signatures (rensa)", len(texts), signing)

        store_articles = articles[: args.n_store]
        planted_store = sum(a.copy_of is not None for a in store_articles)
        counts, seconds, dedupe_seconds = dedupe_through_store(store_articles, work / "dedupe.db", config)
        note = f"near-dup {counts.get('near_duplicate', 0)} of {planted_store} planted"
        row("ingest_articles into SQLite (whole ingest)", counts.get("read", 0), seconds, note)
        row("  of which the dedupe step (store index)", counts.get("read", 0), dedupe_seconds)

        big_warc = write_warc(articles[: args.n], work / "warc" / "big.warc.gz")
        size_mb = big_warc.stat().st_size / 1e6
        print(
            f"\nraw WARC iteration ({args.n} response records, {size_mb:.1f} MB gzipped), payload read whole"
        )
        iterators: tuple[tuple[str, Callable[[Path], tuple[int, int]]], ...] = (
            ("warcio", warcio_iterate),
            ("FastWARC", fastwarc_iterate),
        )
        for name, iterate in iterators:
            (records, _), seconds = timed(functools.partial(iterate, big_warc))
            row(f"{name} iterate", records, seconds)

    print("\n| what | items | seconds | items/s | note |\n|---|---:|---:|---:|---|")
    for what, count, seconds, note in rows:
        print(f"| {what.strip()} | {count} | {seconds:.2f} | {count / seconds:.1f} | {note} |")
    print(
        f"\ncommand: .venv/bin/python benchmarks/ingest.py --n {args.n} --n-ingest {args.n_ingest} "
        f"--n-store {args.n_store} --seed {args.seed}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
