"""Checks every request passes before any route sees it, and the time any read may take.

``RequestGuard`` refuses (400, in the app's error shape) what no route can answer sensibly and what the
store must never see: a NUL or other control character in the path or a parameter (PostgreSQL refuses
NUL in text and answered 500), percent-escapes that are not UTF-8, a parameter longer or of more words
than any real one (a search of 10,000 repeated words ran for minutes). ``TimeBudget`` answers 503 to a
read that has not started its response within the budget; the caps above bound the work left behind.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
ErrorResponder = Callable[[Request, int, str, str], Response]

#: Bytes of a whole query string: far more than every filter of the longest page's URL.
MAX_QUERY_STRING_BYTES = 16_384
#: Characters of one parameter: a search query, an outlet's name (the store keeps at most 500), a date.
MAX_PARAM_CHARS = 1_000
#: Words of one parameter: a long search query has a dozen; each word costs a search pass.
MAX_PARAM_WORDS = 64
#: Seconds a read (GET/HEAD) may take before it is answered 503.
REQUEST_BUDGET_S = 30.0

BAD_REQUEST = "bad_request"
TIMED_OUT = "timed_out"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def request_problem(scope: Scope) -> str | None:
    """Why the request must be refused, or None when it may go on to its route."""
    if _CONTROL.search(scope.get("path", "")):
        return "the path holds a control character"
    raw: bytes = scope.get("query_string", b"")
    if len(raw) > MAX_QUERY_STRING_BYTES:
        return f"the query string is {len(raw)} bytes, over the limit of {MAX_QUERY_STRING_BYTES}"
    try:
        pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        return "a parameter is not UTF-8 text"
    for name, value in pairs:
        shown = name[:40]
        if _CONTROL.search(name) or _CONTROL.search(value):
            return f"parameter {shown!r} holds a control character"
        if len(value) > MAX_PARAM_CHARS:
            return f"parameter {shown!r} is {len(value)} characters, over the limit of {MAX_PARAM_CHARS}"
        if len(value.split()) > MAX_PARAM_WORDS:
            return f"parameter {shown!r} has more than {MAX_PARAM_WORDS} words"
    return None


class RequestGuard:
    """ASGI middleware answering 400 to requests ``request_problem`` refuses."""

    def __init__(self, app: ASGIApp, respond: ErrorResponder) -> None:
        self.app = app
        self.respond = respond

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        problem = request_problem(scope) if scope["type"] == "http" else None
        if problem is None:
            await self.app(scope, receive, send)
            return
        response = self.respond(Request(scope), 400, BAD_REQUEST, problem)
        await response(scope, receive, send)


class TimeBudget:
    """ASGI middleware answering 503 to a read whose response has not started within ``budget_s``."""

    def __init__(self, app: ASGIApp, respond: ErrorResponder, budget_s: float = REQUEST_BUDGET_S) -> None:
        self.app = app
        self.respond = respond
        self.budget_s = budget_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in {"GET", "HEAD"}:
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, tracking_send), self.budget_s)
        except TimeoutError:
            if started:
                raise  # half a response already went out: nothing better to say than to close it
            message = f"the server could not answer within {self.budget_s:g} s; narrow the request"
            response = self.respond(Request(scope), 503, TIMED_OUT, message)
            await response(scope, receive, send)
