"""RSS and Atom feeds, as files or URLs (feedparser): each entry becomes an article.

An entry that carries the full article (``content:encoded``, Atom ``<content>``, or a long summary that
is not a teaser) is read from that HTML; an entry with only a teaser has its page fetched. An entry
that cannot be read becomes a ``Failure`` naming the feed and the entry's link; the others go on.

Outlet: left to the page's own site name, else (``apply_defaults``) the entry link's host, never the
feed's title. Channel titles name sections ("BBC News - World", "Latest stories"), so one outlet's
feeds would become several outlets and split its boilerplate and coverage counts; aggregator feeds
(Google News, Planet X) mix many outlets under one title; and the host is what a URL or page read of
the same article gives, so an article reads as the same outlet whichever way it came in.
"""

from __future__ import annotations

import calendar
import contextlib
import dataclasses
import html as html_lib
import io
import re
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import httpx

from newsweave.data import Article, Failure
from newsweave.errors import Errors, FetchError, InputError
from newsweave.readers.base import ReadOptions, ReadResult, read_file_bytes, unexpected_failure

# A summary whose visible text ends like this is a teaser for the page, however long it is.
TEASER_ENDINGS = ("…", "...", "[…]", "[...]", "(more)")
# Link words that mark a teaser when they appear near its end ("Continue reading →").
TEASER_WORDS = re.compile(r"\b(read more|continue reading|read the (full|rest)|full story)\b", re.IGNORECASE)
# How much of the end of a summary is searched for TEASER_WORDS: the link sits in the last line,
# and 60 characters hold the longest of those phrases with an arrow and a site name after it.
TEASER_TAIL_CHARS = 60

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")

Fetcher = Callable[[str], Article]


def visible_text(markup: str) -> str:
    """Markup with tags dropped and entities decoded: a cheap measure of what a reader would see."""
    return _SPACE.sub(" ", html_lib.unescape(_TAG.sub(" ", markup))).strip()


def is_teaser(markup: str) -> bool:
    """True if the entry text points the reader to the page for the rest of the story."""
    text = visible_text(markup)
    return text.endswith(TEASER_ENDINGS) or bool(TEASER_WORDS.search(text[-TEASER_TAIL_CHARS:]))


def full_content(entry: Any, min_chars: int) -> str | None:
    """The entry's own HTML if it holds the whole article, else None (its page must be fetched)."""
    candidates = [part.get("value", "") for part in entry.get("content", [])]
    candidates.append(entry.get("summary", ""))
    for markup in candidates:
        if markup and len(visible_text(markup)) >= min_chars and not is_teaser(markup):
            return str(markup)
    return None


def _entry_published(entry: Any) -> datetime | None:
    # feedparser normalises every date format it knows to a UTC struct_time.
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (ValueError, OverflowError, OSError):
        return None  # "0000-00-00", year -1: no date rather than no article


def _as_page(markup: str, title: str) -> str:
    """An entry's HTML fragment as a whole page, so the extractor sees the usual structure."""
    if "<" not in markup:  # plain text: keep its paragraphs
        markup = "".join(f"<p>{html_lib.escape(par)}</p>" for par in markup.split("\n\n"))
    return (
        f"<html><head><title>{html_lib.escape(title)}</title></head>"
        f"<body><article>{markup}</article></body></html>"
    )


def _entry_article(entry: Any, source: str, options: ReadOptions, fetch_page: Fetcher) -> Article:
    """One entry as an article, from its own content or from its page."""
    from newsweave.readers.html import article_from_html  # imported here: loads trafilatura

    link = entry.get("link") or None
    title = (entry.get("title") or "").strip()
    published = _entry_published(entry)
    author = (entry.get("author") or "").strip() or None
    markup = full_content(entry, options.ingest.min_text_chars)
    if markup is not None or not link:
        markup = markup or entry.get("summary") or ""
        shown = len(visible_text(markup))
        if not shown:
            raise InputError(Errors.NO_TEXT, source=source, why="the entry has no text and no link")
        if shown < options.ingest.min_text_chars:
            # Extraction only keeps or drops text, so this entry would fail after a trafilatura pass
            # (~3 ms); a feed blown up to 100,000 short entries would hold its batch for minutes.
            raise InputError(
                Errors.NO_TEXT,
                source=source,
                why=f"{shown} characters of text, fewer than {options.ingest.min_text_chars}",
            )
        article = article_from_html(
            _as_page(markup, title), source=source, url=link, options=options, source_kind="feed"
        )
        # The feed's metadata describes the entry itself; the extractor only saw a fragment.
        return dataclasses.replace(
            article,
            title=title or article.title,
            published=published or article.published,
            author=author or article.author,
            id="",  # recomputed from the new title
        )
    article = fetch_page(link)
    # The page is the article; the feed only fills in what the page does not say.
    return dataclasses.replace(
        article,
        source=source,
        source_kind="feed",
        title=article.title or title,
        published=article.published or published,
        author=article.author or author,
        id="",
    )


# A numeric character reference: feedparser turns each into chr(n), which fails past U+10FFFF.
_CHARREF = re.compile(rb"&#([xX][0-9a-fA-F]+|[0-9]+);")
_REPLACEMENT_REF = b"&#xFFFD;"


def _valid_charrefs(data: bytes) -> bytes:
    """``data`` with references past Unicode (``&#xFFFFFFF;``) made U+FFFD, as browsers do."""

    def checked(match: re.Match[bytes]) -> bytes:
        digits = match.group(1)
        if len(digits) > 12:  # past any code point, and past what int() converts cheaply
            return _REPLACEMENT_REF
        value = int(digits[1:], 16) if digits[:1] in b"xX" else int(digits)
        return match.group() if value <= sys.maxunicode else _REPLACEMENT_REF

    return _CHARREF.sub(checked, data)


def _parse(data: bytes, source: str) -> Any:
    import feedparser  # imported here: `import newsweave` stays light

    # A stream, never bytes or str: feedparser fetches URLs and opens file names it is given.
    # No base URL is given to it either: it would resolve entry ids ("crane-1") as URLs too, and
    # ids name entries in ``source``; links are resolved here instead.
    try:
        parsed = feedparser.parse(io.BytesIO(_valid_charrefs(data)))
    except (ValueError, OverflowError, RecursionError) as exc:  # e.g. &#xFFFFFFF;, past Unicode
        raise InputError(Errors.BAD_FEED, source=source, why=f"{type(exc).__name__}: {exc}") from exc
    if not parsed.get("version"):
        why = parsed.get("bozo_exception") or "the document is not RSS or Atom"
        raise InputError(Errors.BAD_FEED, source=source, why=why)
    if parsed.get("bozo") and not parsed.entries:
        raise InputError(Errors.BAD_FEED, source=source, why=parsed.get("bozo_exception"))
    if not parsed.entries:
        raise InputError(Errors.EMPTY_FEED, source=source)
    return parsed


def read_feed_bytes(
    data: bytes,
    source: str,
    options: ReadOptions,
    *,
    client: httpx.Client | None = None,
    base_url: str | None = None,
) -> Iterator[ReadResult]:
    """An article or a failure for each entry of the feed in ``data``; ``BAD_FEED`` if it is none.

    ``client`` (from ``web.make_client``) is reused for the entries' pages; without one, a client
    is made when the first page is needed. ``base_url`` resolves relative links.
    """
    from newsweave.readers import web

    parsed = _parse(data, source)
    with contextlib.ExitStack() as stack:

        def fetch_page(link: str) -> Article:
            nonlocal client
            if client is None:
                client = stack.enter_context(web.make_client(options))
            fetched = web.fetch(link, options, client)
            if web.content_kind(fetched) != "html":
                raise FetchError(
                    Errors.NOT_ARTICLE_CONTENT, source=link, content_type=fetched.content_type or "no type"
                )
            return web.html_page_article(fetched, source=link, options=options, source_kind="feed")

        for number, entry in enumerate(parsed.entries, start=1):
            link = entry.get("link") or ""
            if link and base_url:
                entry["link"] = link = urljoin(base_url, link)
            entry_source = f"{source}#{entry.get('id') or link or number}"
            try:
                yield _entry_article(entry, entry_source, options, fetch_page)
            except InputError as exc:
                where = f"entry {link}" if link else "entry"
                yield Failure(source=entry_source, code=exc.code, reason=f"{where}: {exc.reason}")
            except Exception as exc:  # one entry's surprise must not cost the feed's other entries
                yield unexpected_failure(entry_source, exc)


def read_path(path: Path, options: ReadOptions) -> Iterator[ReadResult]:
    """The entries of a ``.xml``/``.rss``/``.atom`` feed file (gzipped or not)."""
    yield from read_feed_bytes(read_file_bytes(path, options), str(path), options)
