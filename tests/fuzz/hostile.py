"""Hostile inputs found by fuzzing the readers: each once took a whole ingest batch down.

Each case is a file name and its bytes, built here rather than stored, so that the corpus stays
readable and a case says what makes it hostile.
"""

from __future__ import annotations

import gzip
import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

BODY = (
    "The harbour authority said on Monday that the new ferry service would start next month, "
    "two years later than planned, after a dispute over the depth of the channel. "
) * 3


def _jsonl(*records: object) -> bytes:
    return "".join(json.dumps(record) + "\n" for record in records).encode("utf-8")


def _rss(items: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour feed</title>'
        f"<link>https://news.example.org/</link>{items}</channel></rss>"
    ).encode()


def _item(title: str, extra: str = "") -> str:
    return (
        f"<item><title>{title}</title><link>https://news.example.org/{title}</link>"
        f"<description>{BODY}</description>{extra}</item>"
    )


def _warc_response(payload: bytes, headers: list[tuple[str, str]]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    http_headers = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "https://news.example.org/br", "response", payload=io.BytesIO(payload), http_headers=http_headers
    )
    writer.write_record(record)
    return buffer.getvalue()


#: Inputs that must fail, named, alone: name -> (file name, bytes). The good file beside each is stored.
FAILING: dict[str, tuple[str, bytes]] = {
    # RecursionError from json.loads, raised past the reader.
    "jsonl nested 100,000 deep": ("deep.jsonl", ("[" * 100_000 + "]" * 100_000 + "\n").encode()),
    "json nested 100,000 deep": ("deep.json", ("[" * 100_000 + "]" * 100_000).encode()),
    # ValueError: an int of more digits than Python converts (4,300).
    "jsonl id of 5,000 digits": ("bigid.jsonl", b'{"id": ' + b"9" * 5_000 + b', "text": "x"}\n'),
    # brotli.error from warcio's decoder, and ESC bytes that reached the terminal in the message.
    "warc with junk as Content-Encoding br": (
        "br.warc.gz",
        _warc_response(
            b"\x1b[31mnot brotli\x1b[0m" * 40,
            [("Content-Type", "text/html"), ("Content-Encoding", "br")],
        ),
    ),
    # Said nothing at all.
    "feed with no items": ("empty.xml", _rss("")),
    "jsonl record with wrong types": ("types.jsonl", _jsonl({"id": 1.5, "html": [], "title": ["x"]})),
    "gzip that is not gzip": ("broken.jsonl.gz", b"\x1f\x8b\x08\x00junk" * 10),
}

#: Hostile inputs whose articles are read all the same: name -> (file name, bytes, titles stored).
RECOVERED: dict[str, tuple[str, bytes, list[str]]] = {
    # feedparser's chr() of a reference past U+10FFFF: the reference becomes U+FFFD.
    "feed with &#xFFFFFFF;": (
        "charref.xml",
        _rss(_item("charref", "<category>&#xFFFFFFF;</category>")),
        ["charref"],
    ),
    "feed with a 5,000-digit reference": (
        "longref.xml",
        _rss(_item("longref", "<author>&#" + "9" * 5000 + ";</author>")),
        ["longref"],
    ),
    # calendar.timegm of year 0 or -1: the entry is read without a date.
    "feed with pubDate 0000-00-00": (
        "pubdate0.xml",
        _rss(_item("pubdate0", "<pubDate>0000-00-00</pubDate>")),
        ["pubdate0"],
    ),
    "feed with pubDate in year -1": (
        "year-1.xml",
        _rss(_item("yearminus1", "<pubDate>-0001-12-31</pubDate>")),
        ["yearminus1"],
    ),
    # JSON Lines that once failed without naming the file.
    "jsonl in UTF-16": (
        "utf16.jsonl",
        _jsonl({"title": "Über", "text": BODY}).decode().encode("utf-16"),
        ["Über"],
    ),
    "jsonl in latin-1": (
        "latin1.jsonl",
        json.dumps({"title": "Café", "text": "Café. " + BODY}, ensure_ascii=False).encode("latin-1"),
        ["Café"],
    ),
    "jsonl.gz": ("records.jsonl.gz", gzip.compress(_jsonl({"title": "Gzipped", "text": BODY})), ["Gzipped"]),
    "jsonl with CR line ends": (
        "cr.jsonl",
        _jsonl({"title": "First", "text": "First. " + BODY}).replace(b"\n", b"\r")
        + _jsonl({"title": "Second", "text": "Second. " + BODY}).replace(b"\n", b"\r"),
        ["First", "Second"],
    ),
    "published null": (
        "null.jsonl",
        _jsonl({"title": "Undated", "published": None, "text": BODY}),
        ["Undated"],
    ),
}
