"""The WARC reader: which records become articles, record sources, dates, damage."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsweave.data import Article, Failure
from newsweave.errors import Errors, InputError
from newsweave.readers import warc
from newsweave.readers.base import ReadOptions

from .conftest import PARAGRAPHS, WarcRecord, article_html, warc_bytes

DATED = '<meta property="article:published_time" content="2026-01-13T08:00:00+00:00">'


def mixed_records() -> list[WarcRecord]:
    page = article_html().encode()
    return [
        WarcRecord("https://news.example/a", page),
        WarcRecord("https://news.example/a", b"GET /a HTTP/1.1\r\n\r\n", kind="request"),
        WarcRecord("https://news.example/gone", page, status="404 Not Found"),
        WarcRecord("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", content_type="image/png"),
        WarcRecord(
            "https://news.example/dated",
            article_html(head=DATED).encode(),
            content_type="application/xhtml+xml",
        ),
        WarcRecord("https://news.example/index", b"<html><body><p>Menu</p></body></html>"),
    ]


@pytest.mark.parametrize("gzip", [True, False])
def test_html_responses_become_articles(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(warc_bytes(mixed_records(), gzip=gzip))
    results = list(warc.read_path(path, ReadOptions()))
    assert [type(result).__name__ for result in results] == ["Article", "Article", "Failure"]
    first, dated, index = results
    assert isinstance(first, Article) and isinstance(dated, Article) and isinstance(index, Failure)
    assert first.url == "https://news.example/a"
    assert first.source.startswith(f"{path}#urn:uuid:")
    assert first.source_kind == "warc"
    assert first.text == "\n".join(PARAGRAPHS)
    # No date on the page: the crawl date stands in; a page's own date wins.
    assert first.published == datetime(2026, 1, 14, 3, 0, tzinfo=UTC)
    assert dated.published == datetime(2026, 1, 13, 8, 0, tzinfo=UTC)
    assert index.code == Errors.NO_TEXT.code and index.source.startswith(f"{path}#urn:uuid:")


def test_stream_reader_takes_bytes_io() -> None:
    data = warc_bytes([WarcRecord("https://news.example/a", article_html().encode())], gzip=True)
    (article,) = list(warc.read_warc_stream(io.BytesIO(data), "https://cc.example/x.warc.gz", ReadOptions()))
    assert isinstance(article, Article)
    assert article.source.startswith("https://cc.example/x.warc.gz#urn:uuid:")


def test_http_charset_header_is_used() -> None:
    page = article_html(paragraphs=(*PARAGRAPHS, "Привет мир " * 3)).replace('<meta charset="utf-8">', "")
    record = WarcRecord(
        "https://news.example/ru", page.encode("cp1251"), content_type="text/html; charset=cp1251"
    )
    (article,) = list(warc.read_warc_stream(io.BytesIO(warc_bytes([record], gzip=False)), "s", ReadOptions()))
    assert isinstance(article, Article) and "Привет мир" in article.text


@pytest.mark.parametrize("gzip", [True, False])
def test_truncated_archive_yields_what_was_read_then_a_failure(gzip: bool) -> None:
    records = [WarcRecord(f"https://news.example/{n}", article_html().encode()) for n in range(3)]
    data = warc_bytes(records, gzip=gzip)
    results = list(warc.read_warc_stream(io.BytesIO(data[: len(data) * 5 // 6]), "cut.warc", ReadOptions()))
    assert [type(result).__name__ for result in results] == ["Article", "Article", "Failure"]
    damage = results[-1]
    assert isinstance(damage, Failure) and damage.source == "cut.warc"
    assert damage.code == (Errors.BAD_GZIP if gzip else Errors.BAD_WARC).code
    assert "truncated" in damage.reason or "gzip" in damage.reason


def test_not_a_warc_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        list(warc.read_warc_stream(io.BytesIO(b"<html>not an archive</html>\n" * 5), "x.warc", ReadOptions()))
    assert caught.value.code == Errors.BAD_WARC.code
    assert "WARC/" in caught.value.reason


def test_broken_header_is_refused() -> None:
    data = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nabc"
    with pytest.raises(InputError) as caught:
        list(warc.read_warc_stream(io.BytesIO(data), "x.warc", ReadOptions()))
    assert caught.value.code == Errors.BAD_WARC.code
