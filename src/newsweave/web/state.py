"""What the pages and the HTTP API share: the app's state, its error shape, links and template rendering.

Below ``app.py`` (which builds the application and mounts the routers) and below the routers
(``pages.py``, ``api.py``, ``api_ingest.py``), so none of them imports the module that imports it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from newsweave import __version__
from newsweave.brief.languages import lang_tag
from newsweave.config import Config
from newsweave.errors import Errors, InputError, NewsweaveError
from newsweave.store import Store, open_store
from newsweave.web import queries
from newsweave.web.caches import STORY_PAGE_CACHE_SIZE, BriefCache, PageCache, TimedValue
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

_NOT_FOUND_KINDS = {Errors.NO_SUCH_ARTICLE.code, Errors.NO_SUCH_STORY.code, Errors.NO_SUCH_FOLLOW.code}
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
    env.globals.update(link=link, safe_href=safe_href, lang_tag=lang_tag, version=__version__)
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
