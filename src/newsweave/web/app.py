"""The FastAPI application: one reading store, one writer, templates, security headers, one error shape.

Pages (``pages.py``) and the HTTP API (``api.py``) share a ``WebState`` kept on ``app.state.web``.
Request handlers are plain (sync) functions run in the server's thread pool, and only read; writes
(``POST /api/ingest``) go to the single writer thread (``writer.py``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsweave import __version__
from newsweave.config import Config, load_config
from newsweave.errors import Errors, InputError, NewsweaveError
from newsweave.store import Store, open_store
from newsweave.web import queries
from newsweave.web.caches import STORY_PAGE_CACHE_SIZE, BriefCache, PageCache, TimedValue
from newsweave.web.guard import REQUEST_BUDGET_S, RequestGuard, TimeBudget
from newsweave.web.search import Searcher
from newsweave.web.writer import Writer

HERE = Path(__file__).parent
API_PREFIX = "/api"
#: Seconds the outlet list (filter menus) is reused before it is counted again: a GROUP BY over every
#: article, on every list and search page otherwise. A new outlet shows up in the menus within this time.
OUTLETS_TTL_S = 10.0
#: Seconds a story page waits for a brief being built before it shows the sources alone (and reloads
#: itself): the seeds' brief builds in 1-3 s here, the bundled sample's largest stories in 10-70 s.
BRIEF_WAIT_S = 4.0

#: Sent with every response. Pages load only their own CSS and JS (no inline script, so article text that
#: slipped through escaping still could not run), may not be framed, and send no referrer to the outlets
#: they link to.
SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}

# Error codes of the HTTP layer itself (the catalogue's E-codes are used for everything the library
# raises: an unknown story is E305, an unknown article E303).
NOT_FOUND = "not_found"
INVALID_PARAMETER = "invalid_parameter"
UNAUTHORIZED = "unauthorized"
FORBIDDEN = "forbidden"
INGEST_DISABLED = "ingest_disabled"
PAYLOAD_TOO_LARGE = "payload_too_large"
INTERNAL = "internal_error"

_NOT_FOUND_KINDS = {Errors.NO_SUCH_ARTICLE.code, Errors.NO_SUCH_STORY.code}
_AMBIGUOUS_KINDS = {Errors.AMBIGUOUS_ID.code, Errors.AMBIGUOUS_STORY_ID.code}


class ApiError(Exception):
    """An error with an HTTP status and a code, answered in the one error shape (or an error page)."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


class WebState:
    """What every request handler shares: the reading store, config, writer, search and brief cache."""

    def __init__(
        self,
        store: Store,
        config: Config,
        db: str | None,
        ingest_token: str | None,
        brief_wait_s: float = BRIEF_WAIT_S,
    ) -> None:
        self.store = store
        self.config = config
        self.ingest_token = ingest_token or None
        self.brief_wait_s = brief_wait_s
        self.briefs = BriefCache(store, config)
        self.story_pages = PageCache(STORY_PAGE_CACHE_SIZE)
        self.outlets = TimedValue(lambda: queries.list_outlets(store), OUTLETS_TTL_S)
        self.searcher = Searcher(store, config)
        self.writer = Writer(lambda: open_store(db, default=config.store.default_db))
        self.templates = _environment()

    def brief_view(self, brief: dict[str, Any], *, all_facts: bool = False) -> dict[str, Any]:
        """A cached (whole) brief as shown: every fact, or the default's most salient ones."""
        if all_facts:
            return brief
        from newsweave.brief.view import limit_facts

        return limit_facts(brief, self.config.brief.max_facts)

    def close(self) -> None:
        """Finish pending writes, stop building briefs and close both stores."""
        self.writer.close()
        self.briefs.close()
        self.store.close()


def state_of(request: Request) -> WebState:
    """The app's shared state."""
    state: WebState = request.app.state.web
    return state


def link(path: str, **params: Any) -> str:
    """A local URL: ``path`` with the non-empty parameters as its query string."""
    kept = {name: value for name, value in params.items() if value not in (None, "", False)}
    return f"{path}?{urlencode(kept)}" if kept else path


def safe_href(url: str | None) -> str | None:
    """The URL when it is http(s) (article URLs are untrusted: no ``javascript:`` links), else None."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _day(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        return value[:10]
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


def _environment() -> Environment:
    # Autoescape on for every template: article titles, texts, outlets and urls are untrusted.
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(link=link, safe_href=safe_href, version=__version__)
    env.filters["day"] = _day
    return env


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from a template, with the request and the navigation state in its context."""
    env = state_of(request).templates
    html = env.get_template(template).render(request=request, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)


def _is_api(request: Request) -> bool:
    return request.url.path == API_PREFIX or request.url.path.startswith(API_PREFIX + "/")


def error_response(
    request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    """The one error shape for the API (``{"error": {"code", "message"}}``), an error page otherwise."""
    # The security headers here too: the handler of unexpected errors answers from outside every
    # middleware (Starlette's ServerErrorMiddleware), where SecurityHeaders never sees the response.
    headers = {**SECURITY_HEADERS, **(headers or {})}
    if _is_api(request) or not hasattr(request.app.state, "web"):
        return JSONResponse(
            {"error": {"code": code, "message": message}}, status_code=status, headers=headers
        )
    response = render(request, "error.html", status=status, status_code=status, code=code, message=message)
    response.headers.update(headers)
    return response


def status_of(exc: NewsweaveError) -> int:
    """The HTTP status for a library error: unknown id 404, ambiguous id or bad input 400, else 500."""
    if exc.code in _NOT_FOUND_KINDS:
        return 404
    if exc.code in _AMBIGUOUS_KINDS or isinstance(exc, InputError):
        return 400
    return 500


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
) -> FastAPI:
    """The web app over the store named by ``db`` (``--db``, else ``NEWSWEAVE_DB``, else the default).

    ``ingest_token`` turns on ``POST /api/ingest`` for callers presenting it; ``brief_wait_s`` is how
    long a story page waits for a brief being built; ``request_budget_s`` how long any read may take
    before it is answered 503 (never less than the brief's wait). The store is opened (and migrated)
    here, so a bad ``--db`` fails at start, not on the first request.
    """
    from newsweave.web import api, api_ingest, pages

    config = config or load_config()
    store = open_store(db, default=config.store.default_db)
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
    app.include_router(pages.router)
    return app
