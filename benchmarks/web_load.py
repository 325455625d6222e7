"""Web app under load: concurrent clients on story and search pages of a server this script starts.

    .venv/bin/python benchmarks/web_load.py [--db PATH] [--clients 50] [--seconds 30] [--json]

Without ``--db`` the bundled sample corpus (ECB+ subset) and the two seed reports are ingested into a
temporary store first. The server is the real ``newsweave serve`` (uvicorn, one process) on a free
loopback port; nothing leaves 127.0.0.1. Before the clock starts every story's brief is requested
through the API (briefs are built once and cached, ``--warm-timeout`` bounds the wait) and one semantic
search loads the sentence encoder, so the run measures serving, not first-time building.

Each of ``--clients`` asyncio clients (one httpx connection each) loops for ``--seconds`` over a fixed
mix: story pages (``/stories/ID``, every story in turn), full-text search pages and semantic search
pages. Prints requests/s, latency p50/p95/p99 and errors, overall and per kind, and the command.
Client and server share the machine's cores, so figures are for comparing runs on one machine.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "data" / "seeds"
DEFAULT_CLIENTS = 50
DEFAULT_SECONDS = 30.0
# Seconds to wait for the server to answer, and for all briefs to be built before the run.
START_TIMEOUT_S = 60.0
DEFAULT_WARM_TIMEOUT_S = 600.0
# One request may take this long before it counts as an error (a stuck request must not stall a client).
REQUEST_TIMEOUT_S = 30.0
TEXT_QUERIES = ("earthquake", "Klitschko title", "AMD server", "Takaichi summit", "piracy navy", "injured")
SEMANTIC_QUERIES = ("a boxer defends his belts", "chip maker buys a company", "ships attacked by pirates")


@dataclass(slots=True)
class Sample:
    """One request's kind, latency and whether it failed."""

    kind: str
    seconds: float
    ok: bool


@dataclass(slots=True)
class Run:
    """Everything the load phase recorded."""

    samples: list[Sample] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def build_store(path: Path) -> None:
    """Ingest, analyse and assign the bundled sample corpus and the seeds into a new store."""
    from newsweave.analysis.stage import analyse_store
    from newsweave.config import load_config
    from newsweave.ingest.stage import ingest_inputs
    from newsweave.readers.base import ReadOptions
    from newsweave.store import open_store
    from newsweave.stories.stage import assign_stories

    config = load_config(None)
    sample = resources.files("newsweave") / "sample" / "ecbplus_sample.jsonl"
    options = ReadOptions(published=datetime(2026, 1, 14, tzinfo=UTC), ingest=config.ingest)
    with resources.as_file(sample) as sample_path, open_store(str(path)) as store:
        ingest_inputs([str(sample_path), str(SEEDS)], store, options, config)
        analyse_store(store, config)
        assign_stories(store, config)


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    """``newsweave serve`` on 127.0.0.1:port, its log discarded; ready when /api/stories answers."""
    command = [sys.executable, "-m", "newsweave", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--log-level", "warning"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not answer within the start timeout")


def warm(base: str, story_ids: list[str], timeout: float) -> tuple[int, float]:
    """Build every story's brief (through the API) and load the encoder; (briefs built, seconds)."""
    started = time.monotonic()
    built = 0
    with httpx.Client(base_url=base, timeout=timeout) as client:
        for story_id in story_ids:
            left = timeout - (time.monotonic() - started)
            if left <= 0:
                break
            try:
                if client.get(f"/api/stories/{story_id}/brief", timeout=left).status_code == 200:
                    built += 1
            except httpx.TimeoutException:
                break
        client.get("/api/search", params={"q": SEMANTIC_QUERIES[0], "mode": "semantic"})
    return built, time.monotonic() - started


def request_mix(story_ids: list[str]) -> list[tuple[str, str]]:
    """(kind, path) requests a client cycles through: each story page, then the search pages."""
    mix = [("story", f"/stories/{story_id}") for story_id in story_ids]
    mix += [("search", str(httpx.URL("/search", params={"q": query}))) for query in TEXT_QUERIES]
    mix += [
        ("semantic", str(httpx.URL("/search", params={"q": query, "mode": "semantic"})))
        for query in SEMANTIC_QUERIES
    ]
    return mix


async def load(base: str, mix: list[tuple[str, str]], clients: int, seconds: float) -> Run:
    """``clients`` concurrent loops over ``mix`` for ``seconds``; every request is recorded."""
    run = Run()
    stop = time.monotonic() + seconds

    async def client_loop(offset: int) -> None:
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT_S, limits=limits) as client:
            for kind, path in itertools.islice(itertools.cycle(mix), offset, None):
                if time.monotonic() >= stop:
                    return
                started = time.monotonic()
                try:
                    response = await client.get(path)
                    ok = response.status_code == 200
                    if not ok:
                        key = f"HTTP {response.status_code}"
                        run.errors[key] = run.errors.get(key, 0) + 1
                except httpx.HTTPError as exc:
                    ok = False
                    run.errors[type(exc).__name__] = run.errors.get(type(exc).__name__, 0) + 1
                run.samples.append(Sample(kind, time.monotonic() - started, ok))

    began = time.monotonic()
    # Clients start at different points of the mix, so every kind is in flight from the first second.
    await asyncio.gather(*(client_loop(i % len(mix)) for i in range(clients)))
    run.seconds = time.monotonic() - began
    return run


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def figures(run: Run) -> dict[str, Any]:
    """requests/s and latency percentiles (ms), overall and per kind, and the errors."""

    def summary(samples: list[Sample]) -> dict[str, Any]:
        latencies = [sample.seconds for sample in samples]
        return {
            "requests": len(samples),
            "requests_per_s": round(len(samples) / run.seconds, 1) if run.seconds else 0.0,
            "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
            "p95_ms": round(1000 * _percentile(latencies, 0.95), 1) if latencies else None,
            "p99_ms": round(1000 * _percentile(latencies, 0.99), 1) if latencies else None,
            "errors": sum(1 for sample in samples if not sample.ok),
        }

    kinds = sorted({sample.kind for sample in run.samples})
    return {
        "seconds": round(run.seconds, 1),
        "all": summary(run.samples),
        "by_kind": {kind: summary([s for s in run.samples if s.kind == kind]) for kind in kinds},
        "errors": dict(run.errors),
    }


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", type=Path, help="An existing store to serve (default: build one from the sample)."
    )
    parser.add_argument("--clients", type=int, default=DEFAULT_CLIENTS)
    parser.add_argument("--seconds", type=float, default=DEFAULT_SECONDS)
    parser.add_argument("--warm-timeout", type=float, default=DEFAULT_WARM_TIMEOUT_S)
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args(argv)
    command = "python " + " ".join(
        shlex.quote(part) for part in [f"benchmarks/{Path(__file__).name}", *sys.argv[1:]]
    )

    with tempfile.TemporaryDirectory(prefix="newsweave-web-load-") as tmp:
        db = args.db
        build_seconds = 0.0
        if db is None:
            db = Path(tmp) / "load.db"
            started = time.monotonic()
            build_store(db)
            build_seconds = time.monotonic() - started
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(db, port)
        try:
            story_ids = [
                story["id"] for story in httpx.get(f"{base}/api/stories?limit=500", timeout=30).json()
            ]
            if not story_ids:
                raise SystemExit("the store holds no stories")
            built, warm_seconds = warm(base, story_ids, args.warm_timeout)
            run = asyncio.run(load(base, request_mix(story_ids), args.clients, args.seconds))
        finally:
            server.terminate()
            server.wait(30)

    result = {
        "command": command,
        "cpus": os.cpu_count(),
        "clients": args.clients,
        "stories": len(story_ids),
        "briefs_warmed": built,
        "store_build_s": round(build_seconds, 1),
        "warm_s": round(warm_seconds, 1),
        **figures(run),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    overall = result["all"]
    print(f"command: {command}")
    print(
        f"{args.clients} clients, {result['seconds']} s, {result['stories']} stories "
        f"({built} briefs warmed in {result['warm_s']} s; store built in {result['store_build_s']} s), "
        f"{result['cpus']} CPUs shared by clients and server"
    )
    print(
        f"all: {overall['requests']} requests, {overall['requests_per_s']} requests/s, "
        f"p50 {overall['p50_ms']} ms, p95 {overall['p95_ms']} ms, p99 {overall['p99_ms']} ms, "
        f"errors {overall['errors']}"
    )
    for kind, figure in result["by_kind"].items():
        print(
            f"  {kind:<9} {figure['requests']:>6} requests  {figure['requests_per_s']:>7} /s  "
            f"p50 {figure['p50_ms']} ms  p95 {figure['p95_ms']} ms  errors {figure['errors']}"
        )
    if result["errors"]:
        print(f"errors: {result['errors']}")


if __name__ == "__main__":
    main()
