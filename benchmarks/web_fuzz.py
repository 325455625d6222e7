"""The web app's bad-input sweep against a live server: every GET route x hostile value per parameter.

    .venv/bin/python benchmarks/web_fuzz.py [--db PATH]

Starts the real ``newsweave serve`` on a free loopback port (over the sample corpus and the seeds, as
``web_load.py`` does, unless ``--db`` names a store), then sends every GET route each hostile value in
each path and query parameter, percent-encoded as a client sends it. Counts answers 5xx, answers over
5 s and answers without the security headers (targets: 0, 0, 0), and times searches of 1,000, 3,000
and 10,000 repeated words (they took 3.2 s, 27.5 s and over 200 s). Nothing leaves 127.0.0.1.
The route list comes from the app itself, so a new route is swept without a change here;
``tests/web/test_hostile_requests.py`` runs the same sweep in-process on SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_load import _free_port, build_store, start_server

#: What a hostile caller sends for each parameter, already percent-encoded.
HOSTILE_VALUES = (
    "9999-12-31",
    "0001-01-01",
    "-1",
    "999999999999999999999999",
    "%ff%fe",  # not UTF-8
    "a%00b",  # NUL: PostgreSQL refuses it in text
    "x" * 60_000,  # httpx refuses URLs over 64 KB
    "+".join(["word"] * 1_000),
    "%3Cscript%3Ealert(1)%3C/script%3E",
)
SLOW_S = 5.0
SEARCH_KINDS = ("scope=articles", "scope=facts", "mode=semantic", "mode=semantic&scope=facts")
REPEATED_WORDS = (64, 1_000, 3_000, 10_000)  # 64: the most the guard lets through


def _params(dependant: Dependant, kind: str) -> list[str]:
    """The names of a route's path or query parameters, those of its dependencies included."""
    names = [param.name for param in getattr(dependant, kind)]
    for sub in dependant.dependencies:
        names += _params(sub, kind)
    return names


def get_routes(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
    """Every GET route with its full path, those of included routers too.

    FastAPI 0.163 keeps an included router as one entry (``include_context`` gives its router and
    prefix) rather than copying its routes into the app's list.
    """
    for route in routes:
        if isinstance(route, APIRoute) and "GET" in route.methods:
            yield prefix + route.path, route
        context = getattr(route, "include_context", None)
        if context is not None:
            yield from get_routes(context.included_router.routes, prefix + context.prefix)


def targets(app: FastAPI, samples: dict[str, str]) -> Iterator[str]:
    """Every GET route with each hostile value in each of its path and query parameters in turn."""
    for path, route in get_routes(app.routes):
        path_names = _params(route.dependant, "path_params")
        defaults = {name: samples.get(name, "0") for name in path_names}
        plain = path.format(**defaults)
        query_names = _params(route.dependant, "query_params")
        for value in HOSTILE_VALUES:
            for name in path_names:
                yield path.format(**{**defaults, name: value[:5_000]})
            for name in query_names:
                yield f"{plain}?{name}={value}"


def sweep(base: str, urls: list[str]) -> tuple[Counter[str], list[str]]:
    """Send every URL; the counts of what came back and the worst cases."""
    counts: Counter[str] = Counter()
    worst: list[str] = []
    with httpx.Client(timeout=60) as client:
        for url in urls:
            started = time.perf_counter()
            response = client.get(base + url)
            seconds = time.perf_counter() - started
            counts[f"{response.status_code // 100}xx"] += 1
            problems = []
            if response.status_code >= 500:
                problems.append(f"HTTP {response.status_code}")
                counts["5xx"] += 1
            if seconds > SLOW_S:
                problems.append(f"{seconds:.1f} s")
                counts["over 5 s"] += 1
            if "content-security-policy" not in response.headers:
                problems.append("no security headers")
                counts["no headers"] += 1
            if problems:
                worst.append(f"{url[:100]}: {', '.join(problems)}")
    return counts, worst


def main() -> None:
    """Build or open a store, start the server, sweep, time long searches, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    from newsweave.config import load_config
    from newsweave.store import open_store
    from newsweave.web.app import create_app

    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "web.db"
        if args.db is None:
            build_store(db)
        with open_store(str(db)) as store:
            story = store.stories.records(limit=1)[0].id
            article = store.list_articles()[0].id
        app = create_app(str(db), config=load_config(None))
        urls = list(targets(app, {"story_id": story, "article_id": article}))
        app.state.web.close()
        port = _free_port()
        server = start_server(db, port)
        base = f"http://127.0.0.1:{port}"
        try:
            started = time.perf_counter()
            counts, worst = sweep(base, urls)
            elapsed = time.perf_counter() - started
            searches = []
            with httpx.Client(timeout=600) as client:
                for words in REPEATED_WORDS:
                    query = "+".join(["fire"] * words)  # short words: httpx caps a URL at 64 KB
                    for kind in SEARCH_KINDS:
                        began = time.perf_counter()
                        response = client.get(f"{base}/api/search?q={query}&{kind}")
                        searches.append((words, kind, response.status_code, time.perf_counter() - began))
        finally:
            server.terminate()
            server.wait(30)
    print("command: .venv/bin/python benchmarks/web_fuzz.py")
    print(
        f"requests {len(urls)} in {elapsed:.0f} s; answers: "
        + ", ".join(f"{key} {counts[key]}" for key in ("2xx", "4xx", "5xx", "over 5 s", "no headers"))
    )
    for words, kind, status, seconds in searches:
        print(f"search of {words:,} repeated words ({kind}): HTTP {status} in {seconds:.3f} s")
    for case in worst[:20]:
        print("bad:", case)


if __name__ == "__main__":
    main()
