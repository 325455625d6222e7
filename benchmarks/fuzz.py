"""Fuzz the readers: mutate seed inputs of every kind, ingest each beside a good file, count what breaks.

    .venv/bin/python benchmarks/fuzz.py [--per-reader 1000] [--seed 1]
        [--pages ../shared/data/article-extraction/html]

For each reader (.txt, .html, .jsonl, .xml feed, .warc.gz) seed inputs are built from real reports
(the seeds, real pages, the bundled ECB+ sample) and mutated: bytes flipped, cut short, hostile
constructs inserted (deep nesting, huge numbers, references past Unicode, NUL and ESC, impossible
dates, entity expansion, 100,000-character tokens), re-encoded (UTF-16, latin-1, Shift-JIS), line ends
changed, gzipped, or blown up by repetition. Each mutant is ingested in one batch with a good file into
a SQLite store, and counted as:
- traceback: an exception escaped ``ingest_inputs`` (the whole batch lost);
- hang: the batch took over ``--hang-s`` seconds (60);
- unnamed: a failure whose source does not name the mutant (or carries a raw control character);
- lost good: the good file of the batch is not in the store afterwards.
Targets: 0 of each. The same code runs a small slice in the test suite (tests/fuzz/test_fuzz_slice.py).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import re
import signal
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.config import Config, load_config
from newsweave.ingest.stage import ingest_inputs
from newsweave.readers.base import ReadOptions
from newsweave.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "data" / "seeds"
PAGES = ROOT / "tests" / "data" / "pages"
SAMPLE = ROOT / "src" / "newsweave" / "sample" / "ecbplus_sample.jsonl"
READERS = ("txt", "html", "jsonl", "xml", "warc.gz")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

#: Snippets a hostile input carries; each once broke a reader somewhere.
HOSTILE = (
    b"[" * 50_000,
    b'{"a":' * 20_000,
    b"9" * 6_000,
    b"&#xFFFFFFF;",
    b"&#" + b"9" * 5_000 + b";",
    b"\x00",
    b"\x1b[31m",
    b"<pubDate>0000-00-00</pubDate>",
    b"<pubDate>-0001-12-31</pubDate>",
    b'"published": "0001-01-01"',
    b'"published": null',
    b'"id": 1.5',
    b'"html": []',
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>&d;',
    b"x" * 100_000,
    b"<div>" * 5_000,
    b"\xff\xfe\xfd",
    b"Content-Encoding: br\r\n",
    b"\r\n\r\n",
)


@dataclass
class Tally:
    """What the mutants of one reader did."""

    mutants: int = 0
    batches_stored_good: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    tracebacks: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)
    lost_good: list[str] = field(default_factory=list)
    slowest_s: float = 0.0


# -- seed inputs ---------------------------------------------------------------------------------


def _sample_records(count: int) -> list[dict[str, str]]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:count]
    return [json.loads(line) for line in lines]


def _rss(records: list[dict[str, str]]) -> bytes:
    # Links on loopback: an entry cut too short to stand alone makes the reader fetch its page, which
    # the private-address guard refuses before any connection (the benchmark never uses the network).
    items = "".join(
        f"<item><title>{_xml(r['title'])}</title><link>http://127.0.0.1:9/{n}</link>"
        f"<pubDate>Tue, 14 Jan 2026 09:00:00 GMT</pubDate><description>{_xml(r['text'])}</description></item>"
        for n, r in enumerate(records)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Sample</title>'
        f"<link>https://news.example.org/</link>{items}</channel></rss>"
    ).encode()


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _warc(page: bytes) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://news.example.org/page", "response", payload=io.BytesIO(page), http_headers=headers
        )
    )
    return buffer.getvalue()


def seed_inputs(pages_dir: Path | None) -> dict[str, list[bytes]]:
    """Real inputs of each kind to mutate."""
    pages = [path.read_bytes() for path in sorted(PAGES.glob("*.html"))]
    if pages_dir is not None:
        pages += [gzip.decompress(path.read_bytes()) for path in sorted(pages_dir.glob("*.html.gz"))[:5]]
    records = _sample_records(6)
    return {
        "txt": [path.read_bytes() for path in sorted(SEEDS.glob("*.txt"))],
        "html": pages,
        "jsonl": [("\n".join(json.dumps(r) for r in records) + "\n").encode()],
        "xml": [_rss(records[:3])],
        "warc.gz": [_warc(page) for page in pages[:2]],
    }


# -- mutations -----------------------------------------------------------------------------------


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _insert(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(HOSTILE) + data[at:]


def _reencode(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", errors="replace")
    encoding = rng.choice(("utf-16", "utf-16-be", "utf-32", "latin-1", "cp1252", "shift_jis", "utf-8-sig"))
    return text.encode(encoding, errors="replace")


def _line_ends(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b"\n", rng.choice((b"\r", b"\r\n", b"\n\n\n", b"")))


def _gzip(data: bytes, rng: random.Random) -> bytes:
    packed = gzip.compress(data, mtime=0)  # no clock in the header: the same seed, the same bytes
    return packed if rng.random() < 0.5 else packed[: rng.randrange(len(packed) + 1)]


def _repeat(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.randint(1, 2_000)]
    return data[:start] + chunk * rng.randint(2, max(2, 2_000_000 // max(len(chunk), 1))) + data[start:]


MUTATORS: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    _flip,
    _truncate,
    _insert,
    _insert,
    _reencode,
    _line_ends,
    _gzip,
    _repeat,
)


def mutants(seeds: list[bytes], count: int, rng: random.Random) -> Iterator[bytes]:
    """``count`` mutants of ``seeds``, each from one to three mutations in a row."""
    for _ in range(count):
        data = rng.choice(seeds)
        for _ in range(rng.randint(1, 3)):
            data = rng.choice(MUTATORS)(data, rng)
        yield data


# -- running -------------------------------------------------------------------------------------


class _Hang(BaseException):
    """Raised by the alarm; not an Exception, so that no reader's catch-all can turn it into a failure."""


def _alarm(_signal: int, _frame: FrameType | None) -> None:
    raise _Hang


def _good_file(folder: Path, number: int) -> tuple[Path, str]:
    title = f"Good report number {number}"
    body = f"The harbour authority said report {number} was filed on Monday after the ferry resumed. " * 4
    path = folder / f"good-{number}.txt"
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path, title


def run_batch(
    store: Store, config: Config, bad: Path, good: Path, title: str, tally: Tally, hang_s: int
) -> None:
    """Ingest ``bad`` and ``good`` together and count what happened."""
    options = ReadOptions(ingest=config.ingest, fetch=config.fetch)
    started = time.perf_counter()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(hang_s)
    try:
        report = ingest_inputs([str(bad), str(good)], store, options, config)
    except _Hang:
        tally.hangs.append(bad.name)
        return
    except Exception as exc:  # what the benchmark exists to find
        tally.tracebacks.append(f"{bad.name}: {type(exc).__name__}: {str(exc)[:120]}")
        return
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        tally.slowest_s = max(tally.slowest_s, time.perf_counter() - started)
    for failure in report.failures:
        tally.outcomes[failure.code] += 1
        if not failure.source.startswith(str(bad)) or CONTROL.search(failure.reason):
            tally.unnamed.append(f"{bad.name}: {failure}"[:200])
    tally.outcomes["stored"] += report.counts["new"] - 1
    if title in {store.get_article(article_id).title for article_id in report.new_ids}:
        tally.batches_stored_good += 1
    else:
        tally.lost_good.append(bad.name)


def fuzz(per_reader: int, seed: int, pages_dir: Path | None, hang_s: int = 60) -> dict[str, Tally]:
    """Run ``per_reader`` mutants of each reader; the tallies by reader."""
    config = load_config(None)
    rng = random.Random(seed)
    seeds = seed_inputs(pages_dir)
    tallies: dict[str, Tally] = {}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for reader in READERS:
            tally = tallies[reader] = Tally()
            with open_store(str(root / f"{reader}.db")) as store:
                for number, data in enumerate(mutants(seeds[reader], per_reader, rng)):
                    bad = root / f"mutant-{number}.{reader}"
                    bad.write_bytes(data)
                    good, title = _good_file(root, number)
                    tally.mutants += 1
                    run_batch(store, config, bad, good, title, tally, hang_s)
                    bad.unlink()
                    good.unlink()
    return tallies


def main() -> None:
    """Print one line per reader and the cases that broke, if any."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-reader", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--pages", type=Path, default=ROOT.parent / "shared" / "data" / "article-extraction" / "html"
    )
    parser.add_argument("--hang-s", type=int, default=60)
    args = parser.parse_args()
    pages = args.pages if args.pages.is_dir() else None
    started = time.perf_counter()
    tallies = fuzz(args.per_reader, args.seed, pages, args.hang_s)
    print(f"command: .venv/bin/python benchmarks/fuzz.py --per-reader {args.per_reader} --seed {args.seed}")
    print(
        "| reader | mutants | tracebacks | hangs | unnamed failures | good files lost "
        "| articles stored | named failures | slowest batch s |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for reader, tally in tallies.items():
        named = sum(count for code, count in tally.outcomes.items() if code != "stored")
        print(
            f"| {reader} | {tally.mutants} | {len(tally.tracebacks)} | {len(tally.hangs)} "
            f"| {len(tally.unnamed)} | {len(tally.lost_good)} | {tally.outcomes['stored']} | {named} "
            f"| {tally.slowest_s:.1f} |"
        )
    for reader, tally in tallies.items():
        for kind, cases in (
            ("traceback", tally.tracebacks),
            ("hang", tally.hangs),
            ("unnamed", tally.unnamed),
            ("lost", tally.lost_good),
        ):
            for case in cases[:10]:
                print(f"{reader} {kind}: {case}")
        codes = ", ".join(f"{code} {count}" for code, count in sorted(tally.outcomes.items()))
        print(f"{reader} outcomes: {codes}")
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
