"""The FastAPI application: one reading store, one writer, templates, security headers, one error shape.

Pages (``pages.py``) and the HTTP API (``api.py``) share a ``WebState`` kept on ``app.state.web``.
Request handlers are plain (sync) functions run in the server's thread pool, and only read; writes
(``POST /api/ingest``) go to the single writer thread (``writer.py``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsweave import __version__
from newsweave.config import Config, load_config
from newsweave.errors import NewsweaveError
from newsweave.store import open_store
from newsweave.web.guard import REQUEST_BUDGET_S, RequestGuard, TimeBudget
from newsweave.web.state import (
    API_PREFIX,
    BRIEF_WAIT_S,
    FORBIDDEN,
    HERE,
    INTERNAL,
    INVALID_PARAMETER,
    NOT_FOUND,
    SECURITY_HEADERS,
    UNAUTHORIZED,
    ApiError,
    WebState,
    error_response,
    status_of,
)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return error_response(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(NewsweaveError)
    async def _library_error(request: Request, exc: NewsweaveError) -> Response:
        return error_response(request, status_of(exc), exc.code, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error.get('loc', ())[1:]) or 'request'}: {error.get('msg')}"
            for error in exc.errors()
        )
        return error_response(request, 422, INVALID_PARAMETER, problems or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: NOT_FOUND, 401: UNAUTHORIZED, 403: FORBIDDEN}.get(
            exc.status_code, f"http_{exc.status_code}"
        )
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, code, message, dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        # Logged by the server; the client learns only that it failed (no traceback leaks out).
        return error_response(request, 500, INTERNAL, "the server failed to answer this request")


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class SecurityHeaders:
    """ASGI middleware adding ``SECURITY_HEADERS`` to every HTTP response (pure ASGI: no body copying)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (name, value) for name, value in self.headers if name not in present
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


API_DESCRIPTION = """\
The store as JSON, in the shapes of `newsweave ... --json` (DESIGN.md §4).

**Pagination.** List endpoints take `limit` and `offset` and answer a JSON list. When more items follow,
the response carries a `Link: <url>; rel="next"` header with the next page's URL; `X-Total-Count` gives
the number of items matching (not sent by search, whose total is not counted).

**Errors** all have one shape, `{"error": {"code": "...", "message": "..."}}`, with the HTTP status:
404 for an unknown id (code `E303` article, `E305` story, `not_found` otherwise), 400 for an ambiguous
id prefix (`E304`, `E306`), an unreadable date (`E113`) or one outside the years 1000-8999 (`E117`), or
a parameter no route takes (`bad_request`: a control character, not UTF-8, over 1,000 characters or 64
words), 422 for a parameter out of range (`invalid_parameter`), 401/403 for ingest without a valid token,
503 (`timed_out`) for a read not answered within the server's time budget (30 s).

**Ingest** (`POST /api/ingest`) is off unless the server was started with `--ingest-token` (or
`NEWSWEAVE_INGEST_TOKEN`); then it needs `Authorization: Bearer <token>`.
"""


def create_app(
    db: str | None = None,
    *,
    config: Config | None = None,
    ingest_token: str | None = None,
    brief_wait_s: float = BRIEF_WAIT_S,
    request_budget_s: float = REQUEST_BUDGET_S,
    create: bool = True,
) -> FastAPI:
    """The web app over the store named by ``db`` (``--db``, else ``NEWSWEAVE_DB``, else the default).

    ``ingest_token`` turns on ``POST /api/ingest`` for callers presenting it; ``brief_wait_s`` is how
    long a story page waits for a brief being built; ``request_budget_s`` how long any read may take
    before it is answered 503 (never less than the brief's wait). The store is opened (and migrated)
    here, so a bad ``--db`` fails at start, not on the first request; with ``create`` false a SQLite
    file that is not there is an error (E309) instead of a new empty store.
    """
    from newsweave.web import api, api_ingest, feeds, pages

    config = config or load_config()
    store = open_store(db, default=config.store.default_db, create=create)
    state = WebState(store, config, db, ingest_token, brief_wait_s)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(
        title="newsweave",
        version=__version__,
        description=API_DESCRIPTION,
        openapi_url=f"{API_PREFIX}/openapi.json",
        # The interactive docs load scripts from a CDN: not offline, and not allowed by the CSP.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = state
    _install_errors(app)
    # Outermost last: security headers on every answer, the guard's and the budget's included.
    app.add_middleware(TimeBudget, respond=error_response, budget_s=max(request_budget_s, 2 * brief_wait_s))
    app.add_middleware(RequestGuard, respond=error_response)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router, prefix=API_PREFIX)
    app.include_router(api_ingest.router, prefix=API_PREFIX)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    return app
