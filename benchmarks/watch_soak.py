"""Soak of `newsweave watch`: many local feeds over many rounds, some failing or slow.

    .venv/bin/python benchmarks/watch_soak.py [--feeds 200] [--rounds 20] [--hosts 20] [--bad 0.1]

Feed servers run on loopback, one per host address (127.0.0.1, 127.0.0.2, ...: distinct hosts to the
politeness rules), the feeds spread over them. Every feed answers conditional requests (ETag, 304);
each round a share of the feeds (``--new``) gain an item written from real ECB+ sentences. ``--bad`` of
the feeds misbehave: half answer 500, half answer only after ``--slow`` seconds. Between rounds every
source is made due (as if its interval had passed), and a round is run as `newsweave watch` runs it
(``watch.rounds.run_round`` on one pool of fetching threads kept across rounds; ``[watch]
host_delay_s`` set to ``--host-delay``).

Per round: seconds, sources polled, 304s, failures, new articles, polls per second, and the process's
resident memory after the round. At the end: items served vs articles stored (a duplicate or a lost
item shows as a difference), and the slowest round against the slow sources' delay (a round that
waited for slow sources one after another would take their sum).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
START = datetime(2026, 1, 14, tzinfo=UTC)
ECBPLUS = ROOT.parent / "shared" / "data" / "ecbplus" / "ecbplus_docs.jsonl"


@dataclass
class Feed:
    """One served feed: its items and how it behaves."""

    name: str
    items: list[tuple[str, str]] = field(default_factory=list)  # (title, text)
    behaviour: str = "ok"  # ok, error, slow

    def body(self) -> bytes:
        entries = "".join(
            f"<item><title>{_xml(title)}</title><guid>{self.name}-{number}</guid>"
            f"<link>https://{self.name}.example/{number}</link>"
            f"<pubDate>{format_datetime(START + timedelta(minutes=number))}</pubDate>"
            f"<description>{_xml(text)}</description></item>"
            for number, (title, text) in enumerate(self.items)
        )
        return (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>{self.name}</title>'
            f"{entries}</channel></rss>"
        ).encode()

    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body()).hexdigest()[:16] + '"'


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _sentences() -> list[str]:
    sentences = []
    with ECBPLUS.open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line).get("text", "")
            sentences += [s.strip() + "." for s in text.split(". ") if 60 < len(s) < 300]
            if len(sentences) > 20_000:
                break
    return sentences


def _serve(address: str, feeds: dict[str, Feed], slow_s: float) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            feed = feeds.get(self.path.strip("/"))
            if feed is None:
                self.send_error(404)
                return
            if feed.behaviour == "error":
                self.send_error(500)
                return
            if feed.behaviour == "slow":
                time.sleep(slow_s)
            etag = feed.etag()
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            body = feed.body()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer((address, 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * 4096 / 1e6


def main() -> None:
    """Run the soak and print one row per round and the totals."""
    import dataclasses

    from newsweave.config import load_config
    from newsweave.readers.base import ReadOptions
    from newsweave.store import open_store
    from newsweave.watch.rounds import fetch_pool, run_round

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--bad", type=float, default=0.1)
    parser.add_argument("--new", type=float, default=0.05, help="share of feeds gaining an item per round")
    parser.add_argument("--slow", type=float, default=3.0)
    parser.add_argument("--host-delay", type=float, default=0.1)
    args = parser.parse_args()
    rng = random.Random(11)
    sentences = _sentences()
    base = load_config(None)
    config = dataclasses.replace(base, watch=dataclasses.replace(base.watch, host_delay_s=args.host_delay))
    options = ReadOptions(allow_private=True, ingest=config.ingest, fetch=config.fetch)
    feeds_by_host: list[dict[str, Feed]] = [{} for _ in range(args.hosts)]
    feeds: list[Feed] = []
    for number in range(args.feeds):
        feed = Feed(f"feed{number:04d}")
        feed.items.append((f"Report {number} opens", " ".join(rng.sample(sentences, 3))))
        feeds.append(feed)
        feeds_by_host[number % args.hosts][feed.name] = feed
    for index, feed in enumerate(rng.sample(feeds, int(args.feeds * args.bad))):
        feed.behaviour = "error" if index % 2 == 0 else "slow"
    servers = [_serve(f"127.0.0.{host + 1}", feeds_by_host[host], args.slow) for host in range(args.hosts)]
    urls = [
        f"http://127.0.0.{host + 1}:{servers[host].server_port}/{name}"
        for host in range(args.hosts)
        for name in feeds_by_host[host]
    ]
    served: set[tuple[str, int]] = set()
    print(f"command: python benchmarks/watch_soak.py {' '.join(sys.argv[1:])}".rstrip())
    errors, slow = (sum(f.behaviour == kind for f in feeds) for kind in ("error", "slow"))
    print(
        f"{args.feeds} feeds on {args.hosts} hosts; {errors} answer 500, {slow} answer after "
        f"{args.slow:g} s; host delay {args.host_delay:g} s"
    )
    print("| round | seconds | of it analysis | polled | 304 | failed | new articles | polls/s | RSS MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    rows: list[dict[str, Any]] = []
    with (
        tempfile.TemporaryDirectory(prefix="watch-soak-") as tmp,
        open_store(str(Path(tmp) / "soak.db")) as store,
        fetch_pool(config) as pool,  # kept across rounds, as `newsweave watch` keeps it
    ):
        store.sources.add([(url, None) for url in urls], 900, datetime.now(UTC))
        for round_number in range(1, args.rounds + 1):
            if round_number > 1:
                for feed in rng.sample(feeds, int(args.feeds * args.new)):
                    feed.items.append(
                        (f"{feed.name} update {len(feed.items)}", " ".join(rng.sample(sentences, 3)))
                    )
            served |= {(f.name, i) for f in feeds if f.behaviour != "error" for i in range(len(f.items))}
            store.sources.make_all_due(datetime.now(UTC))
            report = run_round(store, config, options, pool=pool)
            row = {
                "round": round_number,
                "seconds": report.seconds,
                "polled": report.polled,
                "not_modified": report.not_modified,
                "failed": len(report.failed),
                "new": report.new_articles,
                "rss": _rss_mb(),
            }
            rows.append(row)
            print(
                f"| {round_number} | {report.seconds:.1f} | {report.analysis_seconds:.1f} | "
                f"{report.polled} | {report.not_modified} | "
                f"{len(report.failed)} | {report.new_articles} | {report.polled / report.seconds:.1f} | "
                f"{row['rss']:.0f} |"
            )
        stored = store.count_articles()
    later = [row["seconds"] for row in rows[1:]]
    print(
        f"\nitems served {len(served)}, articles stored {stored} (difference {stored - len(served)}); "
        f"slowest round after the first {max(later):.1f} s against {slow} slow sources x {args.slow:g} s = "
        f"{slow * args.slow:.0f} s in series; "
        f"RSS round 2 {rows[1]['rss']:.0f} MB -> last {rows[-1]['rss']:.0f} MB"
    )
    for server in servers:
        server.shutdown()


if __name__ == "__main__":
    main()
