"""URL fetching: the SSRF guard, redirects, caps, timeouts, and what each content type becomes.

Every request goes to a real server on 127.0.0.1 (``servers.LoopbackServer``); names other than
127.0.0.1 are resolved by a fake resolver, so no test touches DNS or another machine.
"""

from __future__ import annotations

import dataclasses
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest

from newsweave.data import Article, Failure
from newsweave.errors import FetchError
from newsweave.readers import read_input, web
from newsweave.readers.base import ReadOptions

from .servers import LoopbackServer, Reply

PARAGRAPHS = [
    "The harbour authority of Port Elin closed the northern quay on Tuesday after a crane collapsed "
    "onto a cargo ship during the morning shift, officials said.",
    "Two dock workers were taken to the regional hospital with minor injuries, according to a "
    "statement from the authority, which said the crane had passed an inspection in March.",
    "Shipping companies were told to divert vessels to the southern terminal while engineers assess "
    "the damage, a process the authority expects to take at least a week.",
]
PAGE = (
    "<!DOCTYPE html><html lang='en'><head><title>Crane collapse closes Port Elin quay</title></head>"
    "<body><nav>Home | World | Business</nav><article><h1>Crane collapse closes Port Elin quay</h1>"
    + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    + "</article><footer>All rights reserved.</footer></body></html>"
).encode()
ENTRY_HTML = "".join(f"<p>{p}</p>" for p in PARAGRAPHS).encode()
RSS = (
    b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Port Elin Gazette</title><link>https://gazette.example/</link><description>News</description>
<item><title>Crane collapse closes quay</title><link>https://gazette.example/crane</link>
<guid>crane-1</guid><pubDate>Tue, 13 Jan 2026 09:30:00 GMT</pubDate>
<content:encoded><![CDATA["""
    + ENTRY_HTML
    + b"""]]></content:encoded>
</item></channel></rss>"""
)


def options_with(allow_private: bool = False, **fetch_changes: Any) -> ReadOptions:
    """Default options with some ``[fetch]`` settings changed (``allow_private`` is --allow-private)."""
    base = ReadOptions()
    fetch_config = dataclasses.replace(base.fetch, **fetch_changes)
    return ReadOptions(allow_private=allow_private, ingest=base.ingest, fetch=fetch_config)


PRIVATE = options_with(allow_private=True)
"""--allow-private given (``ReadOptions.allow_private``)."""


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as running:
        yield running


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Names -> addresses for ``web.resolve``; 127.0.0.1 is treated as a public address here, so a
    test can stand in for a public site with the loopback server."""
    table: dict[str, list[str]] = {"127.0.0.1": ["127.0.0.1"]}
    real_check = web.is_public_address

    def fake_resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "unknown name in test")
        return table[host]

    monkeypatch.setattr(web, "resolve", fake_resolve)
    monkeypatch.setattr(web, "is_public_address", lambda a: a == "127.0.0.1" or real_check(a))
    return table


# --- the SSRF guard ---------------------------------------------------------------------------


def test_loopback_refused_without_allow_private(server: LoopbackServer) -> None:
    server.routes["/a"] = Reply(PAGE)
    url = server.url("/a")
    with pytest.raises(FetchError) as caught:
        web.fetch(url, ReadOptions())
    assert caught.value.code == "E203"
    assert url in str(caught.value) and "127.0.0.1" in str(caught.value)
    assert server.requests == []  # refused before connecting


CONFIG_PRIVATE = dataclasses.replace(
    ReadOptions(), fetch=dataclasses.replace(ReadOptions().fetch, allow_private=True)
)
"""``[fetch] allow_private = true`` in the config, no flag."""


@pytest.mark.parametrize("options", [PRIVATE, CONFIG_PRIVATE], ids=["flag", "config"])
def test_loopback_allowed_with_allow_private(server: LoopbackServer, options: ReadOptions) -> None:
    server.routes["/a"] = Reply(PAGE)
    fetched = web.fetch(server.url("/a"), options)
    assert (fetched.status, fetched.content_type, fetched.charset) == (200, "text/html", "utf-8")
    assert fetched.body == PAGE and fetched.final_url == fetched.requested_url == server.url("/a")


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1%eth0",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "2002:7f00:1::1",
        "64:ff9b::a00:1",
    ],
)
def test_non_public_addresses_are_refused(address: str) -> None:
    assert not web.is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert web.is_public_address(address)


def test_name_with_any_private_address_is_refused(fake_dns: dict[str, list[str]]) -> None:
    fake_dns["mixed.example"] = ["93.184.216.34", "10.0.0.5"]
    with pytest.raises(FetchError) as caught:
        web.fetch("http://mixed.example/story", ReadOptions())
    assert caught.value.code == "E203" and "10.0.0.5" in str(caught.value)


def test_one_client_resolves_each_host_once(
    monkeypatch: pytest.MonkeyPatch, fake_dns: dict[str, list[str]]
) -> None:
    # A feed of 5,000 entries on one dead host looked the host up 5,000 times (0.2 s each at worst).
    asked: list[str] = []
    lookup = web.resolve

    def counted(host: str, port: int) -> list[str]:
        asked.append(host)
        return lookup(host, port)

    monkeypatch.setattr(web, "resolve", counted)
    with web.make_client(ReadOptions()) as client:
        for number in range(3):
            with pytest.raises(FetchError) as caught:
                web.fetch(f"http://gone.example/{number}", ReadOptions(), client)
            assert caught.value.code == "E201" and "gone.example" in str(caught.value)
    assert asked == ["gone.example"]


def test_connection_goes_to_the_checked_address(
    server: LoopbackServer, fake_dns: dict[str, list[str]]
) -> None:
    # news.example exists only in the fake resolver: reaching the server proves the transport
    # connected to the address it checked rather than resolving the name again (DNS rebinding).
    fake_dns["news.example"] = ["127.0.0.1"]
    server.routes["/a"] = Reply(PAGE)
    fetched = web.fetch(f"http://news.example:{server.port}/a", ReadOptions())
    assert fetched.body == PAGE
    assert server.requests[0].headers["host"] == f"news.example:{server.port}"


def test_redirect_to_private_target_refused(server: LoopbackServer, fake_dns: dict[str, list[str]]) -> None:
    fake_dns["news.example"] = ["127.0.0.1"]
    fake_dns["intranet.example"] = ["10.0.0.7"]
    server.routes["/go"] = Reply(status=302, headers={"Location": "http://intranet.example/admin"})
    url = f"http://news.example:{server.port}/go"
    with pytest.raises(FetchError) as caught:
        web.fetch(url, ReadOptions())
    assert caught.value.code == "E203"
    assert "intranet.example" in str(caught.value) and "10.0.0.7" in str(caught.value)
    assert [seen.path for seen in server.requests] == ["/go"]


@pytest.mark.parametrize(
    "url", ["ftp://example.com/a", "file:///etc/passwd", "http://user:pw@example.com/", "http:///nohost"]
)
def test_unusable_urls_are_refused(url: str) -> None:
    with pytest.raises(FetchError) as caught:
        web.fetch(url, PRIVATE)
    assert caught.value.code == "E204"


# --- redirects, status, limits ------------------------------------------------------------------


def test_redirect_chain_within_limit(server: LoopbackServer) -> None:
    server.routes["/r1"] = Reply(status=301, headers={"Location": "/r2"})
    server.routes["/r2"] = Reply(status=307, headers={"Location": server.url("/r3")})
    server.routes["/r3"] = Reply(status=302, headers={"Location": "page"})
    server.routes["/page"] = Reply(PAGE)
    fetched = web.fetch(server.url("/r1"), options_with(allow_private=True, max_redirects=3))
    assert fetched.final_url == server.url("/page") and fetched.requested_url == server.url("/r1")
    assert fetched.body == PAGE


def test_redirect_chain_over_limit(server: LoopbackServer) -> None:
    for hop in range(4):
        server.routes[f"/r{hop}"] = Reply(status=302, headers={"Location": f"/r{hop + 1}"})
    server.routes["/r4"] = Reply(PAGE)
    with pytest.raises(FetchError) as caught:
        web.fetch(server.url("/r0"), options_with(allow_private=True, max_redirects=3))
    assert caught.value.code == "E201" and "more than 3 redirects" in str(caught.value)
    assert len(server.requests) == 4


def test_http_error_status(server: LoopbackServer) -> None:
    with pytest.raises(FetchError) as caught:
        web.fetch(server.url("/missing"), PRIVATE)
    assert caught.value.code == "E202" and "404" in str(caught.value)


def test_declared_length_over_cap(server: LoopbackServer) -> None:
    server.routes["/big"] = Reply(b"x" * 100, send_length=False, headers={"Content-Length": "5000"})
    with pytest.raises(FetchError) as caught:
        web.fetch(server.url("/big"), options_with(allow_private=True, max_bytes=1000))
    assert caught.value.code == "E104" and "5000" in str(caught.value)


def test_streamed_body_over_cap(server: LoopbackServer) -> None:
    server.routes["/big"] = Reply(b"x" * 200_000, send_length=False)
    with pytest.raises(FetchError) as caught:
        web.fetch(server.url("/big"), options_with(allow_private=True, max_bytes=50_000))
    assert caught.value.code == "E104" and "more than 50000" in str(caught.value)


def test_streamed_body_under_cap(server: LoopbackServer) -> None:
    server.routes["/page"] = Reply(PAGE, send_length=False)
    assert web.fetch(server.url("/page"), PRIVATE).body == PAGE


def test_timeout(server: LoopbackServer) -> None:
    server.routes["/slow"] = Reply(PAGE, delay_s=1.5)
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        web.fetch(server.url("/slow"), options_with(allow_private=True, timeout_s=0.2))
    assert caught.value.code == "E201" and "no answer within 0.2 s" in str(caught.value)
    assert time.monotonic() - started < 1.0


def test_connection_refused() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError) as caught:
        web.fetch(f"http://127.0.0.1:{port}/", PRIVATE)
    assert caught.value.code == "E201"


def test_user_agent_sent(server: LoopbackServer) -> None:
    server.routes["/a"] = Reply(PAGE)
    web.fetch(server.url("/a"), PRIVATE)
    assert server.requests[0].headers["user-agent"] == PRIVATE.fetch.user_agent
    assert PRIVATE.fetch.user_agent.startswith("newsweave/")


# --- what a URL serves ----------------------------------------------------------------------------


def test_html_page_becomes_article_with_host_outlet(server: LoopbackServer) -> None:
    server.routes["/crane"] = Reply(PAGE)
    [article] = list(read_input(server.url("/crane"), PRIVATE))
    assert isinstance(article, Article)
    assert article.title == "Crane collapse closes Port Elin quay"
    assert PARAGRAPHS[0] in article.text and "All rights reserved" not in article.text
    assert article.outlet == "127.0.0.1"
    assert (article.url, article.source, article.source_kind) == (server.url("/crane"),) * 2 + ("url",)


@pytest.mark.parametrize("content_type", ["application/rss+xml", "text/xml", "application/octet-stream"])
def test_feed_url_becomes_entries(server: LoopbackServer, content_type: str) -> None:
    server.routes["/feed"] = Reply(RSS, content_type=content_type)
    [article] = list(read_input(server.url("/feed"), PRIVATE))
    assert isinstance(article, Article)
    assert article.title == "Crane collapse closes quay"
    assert article.source == server.url("/feed") + "#crane-1" and article.source_kind == "feed"
    assert article.url == "https://gazette.example/crane" and article.outlet == "gazette.example"
    assert server.requests and all(seen.path == "/feed" for seen in server.requests)


def test_binary_content_is_not_an_article(server: LoopbackServer) -> None:
    server.routes["/logo.png"] = Reply(b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png")
    [failure] = list(read_input(server.url("/logo.png"), PRIVATE))
    assert isinstance(failure, Failure)
    assert failure.code == "E205" and "image/png" in failure.reason
    assert failure.source == server.url("/logo.png")


def test_failures_from_read_input_name_the_url(server: LoopbackServer) -> None:
    [failure] = list(read_input(server.url("/a"), ReadOptions()))
    assert isinstance(failure, Failure) and failure.code == "E203"
    assert failure.source == server.url("/a") and "127.0.0.1" in failure.reason


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (PAGE, "text/html", "html"),
        (PAGE, "", "html"),
        (b"<?xml version='1.0'?><!-- c --><feed xmlns='http://www.w3.org/2005/Atom'/>", "text/xml", "feed"),
        (b"<rdf:RDF xmlns:rdf='x'/>", "application/xml", "feed"),
        (b"<rss/>", "text/html", "feed"),
        (b"WARC/1.0\r\n", "application/warc", "warc"),
        (b"<note/>", "application/xml", None),
        (b"%PDF-1.7", "application/pdf", None),
        (b"just words", "text/plain", None),
    ],
)
def test_content_kind(body: bytes, content_type: str, kind: str | None) -> None:
    fetched = web.Fetched("http://x.example/a", "http://x.example/a", 200, content_type, None, body)
    assert web.content_kind(fetched) == kind


def test_warc_by_path() -> None:
    fetched = web.Fetched("u", "http://x.example/seg.warc.gz", 200, "application/octet-stream", None, b"\x1f")
    assert web.content_kind(fetched) == "warc"


@pytest.mark.parametrize(
    ("path", "content_type"), [("/seg.warc.gz", "application/octet-stream"), ("/seg", "application/warc")]
)
def test_warc_url_becomes_its_records(server: LoopbackServer, path: str, content_type: str) -> None:
    from .conftest import WarcRecord, warc_bytes

    records = [WarcRecord("https://harbour.example/terminal", PAGE)]
    server.routes[path] = Reply(warc_bytes(records, gzip=True), content_type=content_type)
    [article] = list(read_input(server.url(path), PRIVATE))
    assert isinstance(article, Article) and PARAGRAPHS[1] in article.text
    assert article.url == "https://harbour.example/terminal" and article.outlet == "harbour.example"
