"""Fetch ``http(s)://`` URLs safely and tell what they serve (``url.py`` reads it: a page, a feed, a WARC).

Safety first, because a URL given to ingest (or found in a feed) may point anywhere:
- only ``http`` and ``https``, no credentials in the URL;
- every connection goes to an address that was checked: loopback, private, link-local, multicast,
  reserved and unspecified targets are refused unless private fetching is allowed;
- redirects are followed by hand, each hop checked again, up to ``[fetch] max_redirects``;
- downloads stream under a byte cap (``[fetch] max_bytes``) and a time budget.

DNS rebinding: a check that resolves a name and a connection that resolves it again can see two
different answers (a public one for the check, ``127.0.0.1`` for the connection). Here there is only
one resolution: the transport's network backend resolves the name, checks every address and then
connects to the checked address itself, so what was checked is what is reached. TLS still verifies
the certificate against the host name, and the ``Host`` header is the URL's.
"""

from __future__ import annotations

import contextlib
import io
import ipaddress
import re
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from newsweave.data import Article
from newsweave.errors import Errors, FetchError
from newsweave.readers.base import ReadOptions

# Redirect statuses that carry a Location to follow (304 is "not modified", not a redirect).
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
NOT_MODIFIED = 304
# A server that drips bytes just under the read timeout could hold one fetch for hours; the whole
# download gets this many read timeouts in all (20 s x 6 = 2 minutes by default, ample for 10 MB on
# a slow link; a news page arrives in well under a second).
TOTAL_TIME_FACTOR = 6.0
# Bytes looked at to sniff what a body is: an XML declaration, comments and a doctype fit in 2 KB.
SNIFF_BYTES = 2048
# Sockets kept open per client: one feed's entry pages usually come from one or two hosts.
MAX_CONNECTIONS = 10
KEEPALIVE_S = 5.0

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
XML_TYPES = frozenset({"application/xml", "text/xml"})
WARC_TYPES = frozenset({"application/warc", "application/x-warc"})
# Generic types a server sends when it does not know better; their bodies are sniffed.
GENERIC_TYPES = frozenset({"", "application/octet-stream", "text/plain"})
FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
HTML_ROOTS = frozenset({"html", "head", "body"})
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,application/warc;q=0.8,*/*;q=0.5"
)


@dataclass(frozen=True, slots=True)
class Fetched:
    """One successful download: where it was asked for, where it ended up, and what came back."""

    requested_url: str
    final_url: str
    status: int
    content_type: str
    """The media type, lower case, without parameters ("" when the server sent none)."""
    charset: str | None
    body: bytes
    etag: str | None = None
    """The validators for a conditional request next time (``fetch``'s ``validators``)."""
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """The server answered 304: what was fetched last time is current (the body is empty)."""
        return self.status == NOT_MODIFIED


class _RefusedAddress(Exception):
    """Raised inside the transport; turned into a ``FetchError`` naming the URL by ``fetch``."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{host} resolves to {address}")
        self.host = host
        self.address = address


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (mapped, 6to4, NAT64), which is what gets reached."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in ipaddress.IPv6Network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public_address(address: str) -> bool:
    """True if ``address`` (an IP literal, IPv6 zone allowed) is safe to fetch from without asking.

    Loopback, private, link-local, multicast, reserved, unspecified and shared (carrier NAT)
    addresses are not, nor IPv6 addresses that embed one of those IPv4 addresses.
    """
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        ip = _embedded_ipv4(ip) or ip
    return not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order (tests replace this)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


# Hosts whose resolver answers one client keeps (then it starts afresh): memory stays bounded.
RESOLVED_HOSTS = 1024


class _GuardedBackend(httpcore.SyncBackend):
    """Resolves once, refuses non-public addresses, and connects to the address it checked."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        # Answers of the resolver, failures included, for this client's life (one feed, one batch):
        # a feed's entries mostly share a host, and a lookup that fails can take a fifth of a second,
        # so 5,000 entries on a dead host held the batch for minutes.
        self._resolved: dict[tuple[str, int], list[str] | Exception] = {}

    def _resolve(self, host: str, port: int) -> list[str]:
        known = self._resolved.get((host, port))
        if known is None:
            try:
                known = resolve(host, port)
            except (OSError, UnicodeError) as exc:  # UnicodeError: a label IDNA cannot encode
                known = exc
            if len(self._resolved) >= RESOLVED_HOSTS:
                self._resolved.clear()
            self._resolved[(host, port)] = known
        if isinstance(known, Exception):
            raise httpcore.ConnectError(f"cannot resolve {host}: {known}") from known
        return known

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self._resolve(host, port)
        if not self.allow_private:
            for address in addresses:
                if not is_public_address(address):
                    raise _RefusedAddress(host, address)
        error: Exception = httpcore.ConnectError(f"{host} has no address")
        for address in addresses:  # like socket.create_connection: first address that answers
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over the guarded backend; no proxies (a proxy would resolve names itself)."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        # httpx 0.28 takes no network backend, so its connection pool is replaced by an equal one
        # that has ours. tests/readers/test_web.py checks the guard is in force at connect time.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=MAX_CONNECTIONS,
            keepalive_expiry=KEEPALIVE_S,
            network_backend=_GuardedBackend(allow_private),
        )


def make_client(options: ReadOptions) -> httpx.Client:
    """The one place HTTP clients are made: guarded transport, timeouts, user agent, no auto-redirects."""
    fetch_config = options.fetch
    return httpx.Client(
        transport=_GuardedTransport(options.allow_private or fetch_config.allow_private),
        timeout=httpx.Timeout(fetch_config.timeout_s),
        headers={"User-Agent": fetch_config.user_agent, "Accept": ACCEPT},
        follow_redirects=False,
        trust_env=False,
    )


def check_url(url: str) -> httpx.URL:
    """``url`` parsed, if it is an absolute http(s) URL without credentials; else ``BAD_URL``."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchError(Errors.BAD_URL, source=url, why=exc) from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchError(Errors.BAD_URL, source=url, why=f"the scheme {parsed.scheme!r} is not http(s)")
    if not parsed.host:
        raise FetchError(Errors.BAD_URL, source=url, why="it names no host")
    # "http://trusted.example@10.0.0.1/" reads as one host and goes to another; and credentials
    # would be sent to whoever the URL (or a redirect) points at. Neither belongs in a news URL.
    if parsed.userinfo:
        raise FetchError(Errors.BAD_URL, source=url, why="user names or passwords in URLs are refused")
    return parsed


def fetch(
    url: str,
    options: ReadOptions,
    client: httpx.Client | None = None,
    *,
    validators: tuple[str | None, str | None] = (None, None),
) -> Fetched:
    """Download ``url`` under the options' limits, following redirects; raises ``FetchError``.

    Pass ``client`` (from ``make_client``) to reuse connections across many fetches. ``validators``
    (an ETag and a Last-Modified date from an earlier ``Fetched``) make the request conditional: a 304
    comes back as a ``Fetched`` whose ``not_modified`` is true. A refusal (HTTP 429 or 503) carries the
    server's ``Retry-After`` in the error's ``details["retry_after"]`` (None when it sent none).
    """
    with contextlib.ExitStack() as stack:
        if client is None:
            client = stack.enter_context(make_client(options))
        try:
            return _fetch(url, options, client, validators)
        except _RefusedAddress as exc:
            raise FetchError(Errors.PRIVATE_ADDRESS, source=url, host=exc.host, address=exc.address) from exc
        except httpx.TimeoutException as exc:
            why = f"no answer within {options.fetch.timeout_s:g} s ({type(exc).__name__})"
            raise FetchError(Errors.FETCH_FAILED, source=url, why=why) from exc
        except httpx.HTTPError as exc:
            raise FetchError(Errors.FETCH_FAILED, source=url, why=str(exc) or type(exc).__name__) from exc
    raise AssertionError("unreachable")  # pragma: no cover (ExitStack could swallow, it does not)


def _fetch(
    url: str, options: ReadOptions, client: httpx.Client, validators: tuple[str | None, str | None]
) -> Fetched:
    current = check_url(url)
    max_redirects = options.fetch.max_redirects
    etag, last_modified = validators
    headers = {
        name: value
        for name, value in (("If-None-Match", etag), ("If-Modified-Since", last_modified))
        if value
    }
    for _hop in range(max_redirects + 1):
        with client.stream("GET", current, headers=headers) as response:
            location = response.headers.get("location")
            if response.status_code in REDIRECT_STATUSES and location:
                current = check_url(str(current.join(location)))
                continue
            found = (response.headers.get("etag"), response.headers.get("last-modified"))
            if response.status_code == NOT_MODIFIED and headers:
                return Fetched(url, str(current), NOT_MODIFIED, "", None, b"", *found)
            if not 200 <= response.status_code < 300:
                status = f"{response.status_code} {response.reason_phrase}".strip()
                retry_after = response.headers.get("retry-after")
                raise FetchError(Errors.HTTP_STATUS, source=url, status=status, retry_after=retry_after)
            body = _read_body(response, url, options)
            media_type, charset = _parse_content_type(response.headers.get("content-type", ""))
            return Fetched(url, str(current), response.status_code, media_type, charset, body, *found)
    raise FetchError(Errors.FETCH_FAILED, source=url, why=f"more than {max_redirects} redirects")


def _read_body(response: httpx.Response, url: str, options: ReadOptions) -> bytes:
    """The (decoded) body, refused as soon as it is known to pass the byte cap or the time budget."""
    limit = options.fetch.max_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(Errors.TOO_LARGE, source=url, size=int(declared), limit=limit)
    deadline = time.monotonic() + options.fetch.timeout_s * TOTAL_TIME_FACTOR
    buffer = io.BytesIO()
    for chunk in response.iter_bytes():
        if buffer.tell() + len(chunk) > limit:
            raise FetchError(Errors.TOO_LARGE, source=url, size=f"more than {limit}", limit=limit)
        buffer.write(chunk)
        if time.monotonic() > deadline:
            why = f"the download took over {options.fetch.timeout_s * TOTAL_TIME_FACTOR:g} s"
            raise FetchError(Errors.FETCH_FAILED, source=url, why=why)
    return buffer.getvalue()


def _parse_content_type(header: str) -> tuple[str, str | None]:
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media_type.strip().lower(), charset


# The first element's name, after any XML declaration, processing instructions, comments and doctype.
_PROLOGUE = re.compile(rb"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL | re.IGNORECASE)
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def root_element(data: bytes) -> str | None:
    """The lower-cased local name of the document's first element (``rss``, ``feed``, ``html``)."""
    head = data[:SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")
    prologue = _PROLOGUE.match(head)
    match = _ROOT.match(head, prologue.end() if prologue else 0)
    return match.group(1).decode("ascii").lower() if match else None


def content_kind(fetched: Fetched) -> str | None:
    """``"html"``, ``"feed"`` or ``"warc"`` by content type, URL and sniffing; None if none fits."""
    media_type = fetched.content_type
    path = httpx.URL(fetched.final_url).path.lower()
    if media_type in WARC_TYPES or path.endswith((".warc", ".warc.gz")):
        return "warc"
    sniffable = media_type.startswith("text/") or media_type in (
        HTML_TYPES | FEED_TYPES | XML_TYPES | GENERIC_TYPES
    )
    root = root_element(fetched.body) if sniffable else None
    if root in FEED_ROOTS or media_type in FEED_TYPES:
        return "feed"
    if media_type in HTML_TYPES or root in HTML_ROOTS:
        return "html"
    return None


def html_page_article(fetched: Fetched, *, source: str, options: ReadOptions, source_kind: str) -> Article:
    """The article of a fetched HTML page, its URL the one the redirects ended at."""
    from newsweave.readers import html  # imported here: `import newsweave` loads no extractor

    return html.article_from_html(
        fetched.body,
        source=source,
        url=fetched.final_url,
        options=options,
        source_kind=source_kind,
        charset=fetched.charset,
    )
