"""A real HTTP server on 127.0.0.1 for reader tests: canned replies per path, requests recorded.

Tests never touch the network; this server is the only thing they fetch from.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# Bytes written per send when a reply streams its body without a Content-Length.
STREAM_CHUNK = 16_384
SHUTDOWN_POLL_S = 0.02


@dataclass
class Reply:
    """What the server answers on one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    """Sleep this long before answering (timeout tests)."""
    send_length: bool = True
    """False: no Content-Length; the body streams until the connection closes."""


@dataclass
class Seen:
    """One request as the server received it."""

    path: str
    headers: dict[str, str]


class LoopbackServer:
    """``with LoopbackServer() as server: server.routes["/a"] = Reply(...); server.url("/a")``."""

    def __init__(self) -> None:
        self.routes: dict[str, Reply | Callable[[LoopbackServer], Reply]] = {}
        self.requests: list[Seen] = []
        self._httpd = _QuietServer(("127.0.0.1", 0), _handler_for(self))
        # serve_forever checks for shutdown this often; the default 0.5 s would add that to each test.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": SHUTDOWN_POLL_S}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def reply_for(self, path: str) -> Reply:
        route = self.routes.get(path)
        if route is None:
            return Reply(b"not found", status=404, content_type="text/plain")
        return route(self) if callable(route) else route


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (timeout and size-cap tests) leaves a broken pipe: expected.
        pass


def _handler_for(server: LoopbackServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.0: every reply closes its connection, so a body without a length still ends.
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:
            server.requests.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
            reply = server.reply_for(self.path)
            if reply.delay_s:
                time.sleep(reply.delay_s)
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            if reply.send_length:
                self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            for start in range(0, len(reply.body), STREAM_CHUNK):
                self.wfile.write(reply.body[start : start + STREAM_CHUNK])

        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            pass

    return Handler
