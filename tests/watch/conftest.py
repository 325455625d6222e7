"""A local feed server on loopback for the watch tests: the two seed reports as two RSS feeds with
ETags (answering 304 to a matching If-None-Match), and routes that fail, throttle or send too much."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
SEED_FILES = {"a": "000_dc8acf547435bd15.txt", "b": "004_7611bd27aecda166.txt"}


def seed_feed(name: str, extra_items: str = "") -> bytes:
    """An RSS feed holding one seed report in full (content:encoded), its link on its own host."""
    title, _, body = (SEEDS / SEED_FILES[name]).read_text("utf-8").strip().partition("\n")
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>" for p in body.split("\n") if p.strip())
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Outlet {name.upper()}</title><link>https://outlet-{name}.example/</link>
<item><title>{html.escape(title.strip())}</title><link>https://outlet-{name}.example/summit</link>
<guid>outlet-{name}-summit</guid><pubDate>Wed, 14 Jan 2026 09:00:00 GMT</pubDate>
<content:encoded>{html.escape(paragraphs)}</content:encoded></item>{extra_items}
</channel></rss>""".encode()


@dataclass
class Route:
    """What the server answers on one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml"
    etag: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class FeedServer:
    """The server's address, its routes (changeable between polls) and every request it saw."""

    base: str
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]]
    posted: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    post_status: list[int] = field(default_factory=list)  # answers to POSTs in turn, then 204

    def url(self, path: str) -> str:
        """The full URL of a path."""
        return self.base + path

    def hits(self, path: str) -> list[dict[str, str]]:
        """The headers of each request to ``path``."""
        return [headers for seen, headers in self.requests if seen == path]


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A fresh server per test, on a free loopback port."""
    routes: dict[str, Route] = {
        "/a.xml": Route(seed_feed("a"), etag='"a1"'),
        "/b.xml": Route(seed_feed("b"), etag='"b1"'),
    }
    requests: list[tuple[str, dict[str, str]]] = []
    posted: list[tuple[dict[str, str], bytes]] = []
    post_status: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            posted.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(post_status.pop(0) if post_status else 204)
            self.end_headers()

        def do_GET(self) -> None:
            requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            if route.etag:
                self.send_header("ETag", route.etag)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield FeedServer(f"http://127.0.0.1:{server.server_port}", routes, requests, posted, post_status)
    finally:
        server.shutdown()
        server.server_close()
