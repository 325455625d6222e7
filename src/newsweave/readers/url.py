"""Read an ``http(s)://`` URL: fetch it safely (``web.py``), then read what it serves.

Above ``web.py`` (safe fetching) and the format readers (``html.py``, ``feed.py``, ``warc.py``), so
that the feed reader can fetch its entries' pages through ``web.py`` without the two importing each
other.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from newsweave.errors import Errors, FetchError, InputError
from newsweave.readers import web
from newsweave.readers.base import ReadOptions, ReadResult


def read_url(url: str, options: ReadOptions) -> Iterator[ReadResult]:
    """Articles (and failures) from what ``url`` serves: one page, each entry of a feed, or a WARC."""
    with web.make_client(options) as client:
        fetched = web.fetch(url, options, client)
        if not fetched.body.strip():
            raise InputError(Errors.EMPTY, source=url)
        kind = web.content_kind(fetched)
        if kind == "html":
            yield web.html_page_article(fetched, source=url, options=options, source_kind="url")
        elif kind == "feed":
            from newsweave.readers import feed  # imported here: loads feedparser

            yield from feed.read_feed_bytes(
                fetched.body, url, options, client=client, base_url=fetched.final_url
            )
        elif kind == "warc":
            from newsweave.readers import warc  # imported here: loads warcio

            yield from warc.read_warc_stream(io.BytesIO(fetched.body), url, options)
        else:
            raise FetchError(
                Errors.NOT_ARTICLE_CONTENT, source=url, content_type=fetched.content_type or "no type"
            )
