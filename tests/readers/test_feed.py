"""Feeds: RSS 2.0 and Atom 1.0, full-content and summary-only entries, failures per entry."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsweave.data import Article, Failure
from newsweave.errors import InputError
from newsweave.readers import feed, read_input
from newsweave.readers.base import ReadOptions

from .servers import LoopbackServer, Reply

PRIVATE = ReadOptions(allow_private=True)

STORIES = {
    "quay": (
        "Crane collapse closes Port Elin quay",
        [
            "The harbour authority of Port Elin closed the northern quay on Tuesday after a crane "
            "collapsed onto a cargo ship during the morning shift, officials said.",
            "Two dock workers were taken to the regional hospital with minor injuries, according to a "
            "statement from the authority, which said the crane had passed an inspection in March.",
        ],
    ),
    "vote": (
        "Council delays vote on tram extension",
        [
            "The city council of Norrvik postponed a vote on extending the eastern tram line until "
            "February, saying it needed new cost estimates from the transport department.",
            "Opposition members accused the mayor of stalling the project, which was promised in the "
            "last election campaign and would add six stops to the network.",
        ],
    ),
}


def paragraphs_html(key: str) -> str:
    return "".join(f"<p>{paragraph}</p>" for paragraph in STORIES[key][1])


def page(key: str, *, title: bool = True) -> bytes:
    """An article page for one story; without a title and date unless asked, to test filling."""
    head = f"<title>{STORIES[key][0]} | Gazette</title>" if title else ""
    heading = f"<h1>{STORIES[key][0]}</h1>" if title else ""
    return (
        f"<!DOCTYPE html><html><head>{head}</head><body><article>{heading}"
        f"{paragraphs_html(key)}</article></body></html>"
    ).encode()


def rss_full() -> bytes:
    items = "".join(
        f"""<item><title>{STORIES[key][0]}</title><link>https://gazette.example/{key}</link>
        <guid isPermaLink="false">{key}-1</guid><pubDate>Tue, 13 Jan 2026 09:30:00 +0100</pubDate>
        <author>desk@gazette.example (News Desk)</author>
        <description>Short teaser for {key}.</description>
        <content:encoded><![CDATA[{paragraphs_html(key)}]]></content:encoded></item>"""
        for key in STORIES
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Gazette - World</title><link>https://gazette.example/</link><description>News</description>
{items}</channel></rss>""".encode()


def atom_full() -> str:
    from html import escape

    entries = "".join(
        f"""<entry><title>{STORIES[key][0]}</title><id>urn:gazette:{key}</id>
        <link rel="alternate" href="https://atom.example/{key}"/><updated>2026-01-13T08:30:00Z</updated>
        <author><name>Ana Ruiz</name></author>
        <content type="html">{escape(paragraphs_html(key))}</content></entry>"""
        for key in STORIES
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Gazette</title><id>urn:gazette</id>
<updated>2026-01-13T08:30:00Z</updated>{entries}</feed>"""


def rss_summaries(base: str, keys: list[str]) -> bytes:
    """Summary-only entries whose links point at pages on the test server."""
    items = "".join(
        f"""<item><title>Feed title: {STORIES.get(key, ("Gone", []))[0]}</title>
        <link>{base}/{key}</link><guid>{key}</guid><pubDate>Wed, 14 Jan 2026 06:00:00 GMT</pubDate>
        <description>{STORIES.get(key, ("", ["Gone"]))[1][0][:60]}…</description></item>"""
        for key in keys
    )
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<link>{base}/</link><description>d</description>{items}</channel></rss>""".encode()


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as running:
        yield running


def articles_of(results: list[Article | Failure]) -> list[Article]:
    assert all(isinstance(result, Article) for result in results), results
    return [result for result in results if isinstance(result, Article)]


# --- full-content feeds, read from files --------------------------------------------------------


def test_rss_file_with_full_content(tmp_path: Path) -> None:
    path = tmp_path / "world.rss"
    path.write_bytes(rss_full())
    quay, vote = articles_of(list(read_input(str(path), ReadOptions())))
    assert quay.title == "Crane collapse closes Port Elin quay"  # the entry's, not the teaser's
    assert STORIES["quay"][1][0] in quay.text and STORIES["quay"][1][1] in quay.text
    assert "teaser" not in quay.text
    assert quay.published == datetime(2026, 1, 13, 8, 30, tzinfo=UTC)
    assert quay.author and "desk@gazette.example" in quay.author
    assert (quay.url, quay.outlet) == ("https://gazette.example/quay", "gazette.example")
    assert (quay.source, quay.source_kind) == (f"{path}#quay-1", "feed")
    assert vote.title == "Council delays vote on tram extension" and quay.id != vote.id


def test_atom_file_with_full_content(tmp_path: Path) -> None:
    path = tmp_path / "world.atom"
    path.write_text(atom_full(), encoding="utf-8")
    quay, vote = articles_of(list(read_input(str(path), ReadOptions())))
    assert quay.title == STORIES["quay"][0] and STORIES["quay"][1][1] in quay.text
    assert quay.published == datetime(2026, 1, 13, 8, 30, tzinfo=UTC)
    assert quay.author == "Ana Ruiz" and quay.url == "https://atom.example/quay"
    assert quay.source == f"{path}#urn:gazette:quay" and vote.outlet == "atom.example"


def test_long_summary_without_teaser_is_the_article() -> None:
    data = f"""<rss version="2.0"><channel><title>t</title><item><title>Vote delayed</title>
    <link>https://gazette.example/vote</link><description><![CDATA[{paragraphs_html("vote")}]]>
    </description></item></channel></rss>""".encode()
    # No client and no server: a fetch would fail with a resolution error, not return this article.
    [article] = articles_of(list(feed.read_feed_bytes(data, "mem.xml", ReadOptions())))
    assert article.title == "Vote delayed" and STORIES["vote"][1][1] in article.text


# --- summary-only feeds: pages fetched ----------------------------------------------------------


def test_summary_only_entries_fetch_their_pages(server: LoopbackServer) -> None:
    feed_xml = rss_summaries(server.base, ["quay", "vote"])
    server.routes["/feed.xml"] = Reply(feed_xml, content_type="application/rss+xml")
    server.routes["/quay"] = Reply(page("quay"))
    server.routes["/vote"] = Reply(page("vote", title=False))
    quay, vote = articles_of(list(read_input(server.url("/feed.xml"), PRIVATE)))
    # The page is the article: its own title wins; the feed's date fills what the page lacks.
    assert quay.title.startswith(STORIES["quay"][0]) and STORIES["quay"][1][1] in quay.text
    assert vote.title == f"Feed title: {STORIES['vote'][0]}"
    assert quay.published == vote.published == datetime(2026, 1, 14, 6, 0, tzinfo=UTC)
    assert (quay.url, quay.source) == (server.url("/quay"), server.url("/feed.xml") + "#quay")
    assert quay.source_kind == "feed" and quay.outlet == "127.0.0.1"
    assert [seen.path for seen in server.requests] == ["/feed.xml", "/quay", "/vote"]


def test_entry_whose_page_is_missing_fails_alone(server: LoopbackServer) -> None:
    feed_xml = rss_summaries(server.base, ["quay", "gone", "vote"])
    server.routes["/feed.xml"] = Reply(feed_xml, content_type="text/xml")
    server.routes["/quay"] = Reply(page("quay"))
    server.routes["/vote"] = Reply(page("vote"))
    quay, failure, vote = list(read_input(server.url("/feed.xml"), PRIVATE))
    assert isinstance(quay, Article) and isinstance(vote, Article)
    assert isinstance(failure, Failure) and failure.code == "E202"
    assert failure.source == server.url("/feed.xml") + "#gone"
    assert server.url("/gone") in failure.reason and "404" in failure.reason


def test_summary_only_entry_pages_refused_without_allow_private(server: LoopbackServer) -> None:
    data = rss_summaries(server.base, ["quay"])
    [failure] = list(feed.read_feed_bytes(data, "local.xml", ReadOptions()))
    assert isinstance(failure, Failure) and failure.code == "E203"
    assert server.requests == []


def test_relative_entry_links_resolve_against_the_feed_url(server: LoopbackServer) -> None:
    feed_xml = rss_summaries("", ["quay"]).replace(b"<link>/quay", b"<link>../quay")
    server.routes["/news/feed"] = Reply(feed_xml, content_type="application/rss+xml")
    server.routes["/quay"] = Reply(page("quay"))
    [article] = articles_of(list(read_input(server.url("/news/feed"), PRIVATE)))
    assert article.url == server.url("/quay")


# --- bad feeds -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Broken <item><title>x</ti",
        b"<!DOCTYPE html><html><body><p>Not a feed at all.</p></body></html>",
        b"\x00\x01\x02 binary",
    ],
    ids=["malformed", "html", "binary"],
)
def test_not_a_feed(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        list(feed.read_feed_bytes(data, "bad.xml", ReadOptions()))
    assert caught.value.code == "E111" and "bad.xml" in str(caught.value)


def test_malformed_feed_file_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_bytes(b"<rss version='2.0'><channel><title>Broken")
    [failure] = list(read_input(str(path), ReadOptions()))
    assert isinstance(failure, Failure) and failure.code == "E111" and failure.source == str(path)


def test_feedparser_never_fetches_what_it_is_given(server: LoopbackServer, tmp_path: Path) -> None:
    # feedparser.parse fetches a URL string and opens a path string; bytes of either stay data.
    secret = tmp_path / "secret.xml"
    secret.write_bytes(rss_full())
    for data in (server.url("/feed.xml").encode(), str(secret).encode()):
        with pytest.raises(InputError):
            list(feed.read_feed_bytes(data, "x", PRIVATE))
    assert server.requests == []


# --- teasers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "teaser"),
    [
        ("<p>The council met on Monday and decided nothing …</p>", True),
        ("<p>The council met on Monday.</p> <a href='/x'>Continue reading &rarr;</a>", True),
        ("The council met on Monday [...]", True),
        ("<p>The council met on Monday and decided nothing.</p>", False),
    ],
)
def test_is_teaser(markup: str, teaser: bool) -> None:
    assert feed.is_teaser(markup) is teaser


def test_short_content_is_not_full_content() -> None:
    entry = {"content": [{"value": "<p>Short.</p>"}], "summary": "Also short."}
    assert feed.full_content(entry, min_chars=80) is None
    entry["content"] = [{"value": paragraphs_html("quay")}]
    assert feed.full_content(entry, min_chars=80) == paragraphs_html("quay")


def test_short_linkless_entries_fail_without_an_extraction_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A feed blown up to 100,000 one-line entries spent ~3 ms of trafilatura on each (minutes per
    # file); an entry whose visible text is already too short is refused before extraction.
    from newsweave.readers import html

    def extraction_called(*args: object, **kwargs: object) -> Article:
        raise AssertionError("extraction must not run for a short entry")

    monkeypatch.setattr(html, "article_from_html", extraction_called)
    items = "".join(
        f"<item><title>t{n}</title><description>Brief {n}.</description></item>" for n in range(3)
    )
    path = tmp_path / "short.xml"
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>c</title>{items}</channel></rss>'
    )
    results = list(read_input(str(path), ReadOptions()))
    assert [(type(result), getattr(result, "code", None)) for result in results] == [(Failure, "E110")] * 3
    assert all("fewer than" in result.reason for result in results if isinstance(result, Failure))
