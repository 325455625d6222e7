"""Builders for reader inputs: article pages, WARC archives, and a helper to read a batch."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.data import Article, Failure
from newsweave.readers import read_inputs
from newsweave.readers.base import ReadOptions

PARAGRAPHS = (
    "The harbour authority said on Tuesday that the new container terminal would open in March, "
    "two years later than planned.",
    "Officials blamed the delay on a shortage of cranes and a dispute with the dredging contractor "
    "over the depth of the channel.",
    "Shipping companies have already booked most of the berths for the first year of operation, "
    "the authority added.",
)


def article_html(
    title: str = "Port terminal to open two years late",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    *,
    head: str = "",
    extra_body: str = "",
) -> str:
    """A small but realistic news page: navigation, an article, a footer."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
        f'<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article><h1>{title}</h1>{body}{extra_body}</article>"
        f"<footer>Copyright Harbour Times</footer></body></html>"
    )


@dataclass
class WarcRecord:
    """One record to write: a response unless ``kind`` says otherwise."""

    url: str
    payload: bytes
    status: str = "200 OK"
    content_type: str = "text/html; charset=utf-8"
    kind: str = "response"
    date: str | None = "2026-01-14T03:00:00Z"


def warc_bytes(records: list[WarcRecord], *, gzip: bool) -> bytes:
    """A WARC archive holding ``records``, gzipped per record as CC-NEWS files are."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for spec in records:
        http_headers = None
        if spec.kind == "response":
            http_headers = StatusAndHeaders(
                spec.status, [("Content-Type", spec.content_type)], protocol="HTTP/1.1"
            )
        warc_headers = {"WARC-Date": spec.date} if spec.date else None
        record = writer.create_warc_record(
            spec.url,
            spec.kind,
            payload=io.BytesIO(spec.payload),
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        writer.write_record(record)
    return buffer.getvalue()


def read_all(paths: list[Path], options: ReadOptions | None = None) -> list[Article | Failure]:
    """Everything ``read_inputs`` gives for ``paths``, in order."""
    return list(read_inputs([str(path) for path in paths], options or ReadOptions()))


def articles(results: list[Article | Failure]) -> list[Article]:
    """The articles among ``results``."""
    return [result for result in results if isinstance(result, Article)]


def failures(results: list[Article | Failure]) -> list[Failure]:
    """The failures among ``results``."""
    return [result for result in results if isinstance(result, Failure)]
