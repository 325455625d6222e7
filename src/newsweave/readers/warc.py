"""WARC archives (``.warc``, ``.warc.gz``; the Common Crawl CC-NEWS layout): one article per HTML response.

Records are streamed with warcio, so an archive is never held in memory whole. Only ``response``
records with HTTP 200 and an HTML content type are read; request, metadata, redirect and non-HTML
records are skipped silently. A page that yields no article is a ``Failure`` for that record, and a
truncated or malformed archive yields what was read before the damage, then a ``Failure``.
"""

from __future__ import annotations

import contextlib
import io
import zlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from newsweave.data import Article, Failure
from newsweave.errors import Errors, InputError
from newsweave.readers.base import ReadOptions, ReadResult, check_size, parse_published, unexpected_failure

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Bytes of the (decompressed) start read to check that the input is a WARC at all: the version
# line "WARC/1.0" or "WARC/1.1" is the first thing in every WARC file.
HEAD_BYTES = 64
_GZIP_MAGIC = b"\x1f\x8b"
_DRAIN_CHUNK = 1 << 16


class _QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator without its stderr warnings: a bad Content-Length is counted and reported
    as a ``Failure`` instead (``err_count``), and only the CLI may print."""

    truncated_gzip = False
    """Set when the input ended inside a gzip member: warcio itself ends the iteration quietly."""

    def _consume_blanklines(self) -> Any:
        with contextlib.redirect_stderr(io.StringIO()):
            return super()._consume_blanklines()

    def close(self) -> None:
        reader = self.reader
        if reader is not None and reader.decompressor is not None:
            self.truncated_gzip = not getattr(reader.decompressor, "eof", True)
        super().close()


def _check_head(stream: BinaryIO, source: str) -> bool:
    """Refuse input that is not a WARC; True when it is gzip-compressed. Leaves ``stream`` at its start."""
    start = stream.tell()
    head = stream.read(4096)
    stream.seek(start)
    compressed = head.startswith(_GZIP_MAGIC)
    if compressed:
        try:
            head = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(head, HEAD_BYTES)
        except zlib.error as exc:
            raise InputError(Errors.BAD_GZIP, source=source, why=exc) from exc
    if not head.strip():
        raise InputError(Errors.EMPTY, source=source)
    if not head.lstrip().startswith(b"WARC/"):
        raise InputError(Errors.BAD_WARC, source=source, why="it does not start with a WARC/1.x version line")
    return compressed


def _content_type(value: str) -> tuple[str, str | None]:
    """(media type, charset) of a Content-Type header value."""
    media, *params = (part.strip() for part in value.split(";"))
    charset = None
    for param in params:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'") or None
    return media.lower(), charset


def _warc_date(record: Any) -> datetime | None:
    value = record.rec_headers.get_header("WARC-Date")
    try:
        return parse_published(value) if value else None
    except InputError:
        return None


def _drained_short(record: Any) -> bool:
    """Read the rest of the record; True when the input ended before its Content-Length was reached."""
    raw = record.raw_stream
    while raw.read(_DRAIN_CHUNK):
        pass
    return bool(getattr(raw, "limit", 0) > 0)


def _html_article(record: Any, source: str, options: ReadOptions) -> ReadResult | None:
    """The article of one HTML 200 response record; None for any other record (skipped)."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    media, charset = _content_type(record.http_headers.get_header("Content-Type") or "")
    if media not in HTML_TYPES:
        return None
    limit = options.ingest.max_record_bytes
    try:
        payload = record.content_stream().read(limit + 1)
    except Exception as exc:  # bad chunking or Content-Encoding: zlib, brotli, EOF and more
        return _damage(source, False, f"the HTTP payload cannot be decoded ({type(exc).__name__}: {exc})")
    if len(payload) > limit:
        raise InputError(Errors.TOO_LARGE, source=source, size=f"more than {limit}", limit=limit)
    from newsweave.readers.html import article_from_html  # imported here: trafilatura is heavy

    url = record.rec_headers.get_header("WARC-Target-URI") or None
    article: Article = article_from_html(
        payload, source=source, url=url, options=options, source_kind="warc", charset=charset
    )
    if article.published is None:
        # CC-NEWS fetches articles from news feeds and sitemaps within hours of publication, so the
        # crawl date is a close stand-in for a page that states no date of its own.
        article.published = _warc_date(record)
    return article


def _record_result(record: Any, source: str, options: ReadOptions) -> tuple[ReadResult | None, bool]:
    """(result or None when skipped, whether the record was cut short by the end of the input)."""
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip().strip("<>")
    record_source = f"{source}#{record_id or 'unnamed-record'}"
    try:
        result = _html_article(record, record_source, options)
    except InputError as exc:
        result = Failure(source=exc.source or record_source, code=exc.code, reason=exc.reason)
    except Exception as exc:  # one record's surprise must not cost the archive's other records
        result = unexpected_failure(record_source, exc)
    if _drained_short(record):
        return None, True
    return result, False


def _damage(source: str, compressed: bool, why: str) -> Failure:
    kind = Errors.BAD_GZIP if compressed else Errors.BAD_WARC
    return Failure(source=source, code=kind.code, reason=kind.message.format(why=why))


def read_warc_stream(stream: BinaryIO, source: str, options: ReadOptions) -> Iterator[ReadResult]:
    """Articles (and per-record failures) from a WARC stream, gzipped or not.

    Raises ``InputError`` when nothing could be read; damage after the first record is reported
    as a final ``Failure`` after the records read before it.
    """
    if not stream.seekable():  # the URL reader passes a BytesIO; other streams are rare here
        stream = io.BytesIO(stream.read())
    compressed = _check_head(stream, source)
    records = _QuietArchiveIterator(stream)
    seen = 0
    while True:
        try:
            # warcio parses hostile bytes and fails with many exception types (ArchiveLoadFailed,
            # StatusAndHeadersParserException, zlib.error, even AttributeError); any of them means
            # the archive is damaged at this point, and what was read before it still counts.
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:
            why = f"record {seen + 1} cannot be parsed ({type(exc).__name__}: {exc})"
            if seen == 0:
                raise InputError(Errors.BAD_WARC, source=source, why=why) from exc
            yield _damage(source, False, why)
            return
        seen += 1
        result, cut_short = _record_result(record, source, options)
        if cut_short or records.truncated_gzip:
            why = f"the input ends inside record {seen}; it is truncated"
            if seen == 1:
                raise InputError(Errors.BAD_GZIP if compressed else Errors.BAD_WARC, source=source, why=why)
            yield _damage(source, compressed, why)
            return
        if result is not None:
            yield result
    if records.truncated_gzip:
        yield _damage(source, compressed, f"the input ends after {seen} records, inside a gzip member")
    elif seen == 0:
        raise InputError(Errors.BAD_WARC, source=source, why="it holds no WARC records")
    elif records.err_count:
        why = f"{records.err_count} records do not end where their Content-Length says"
        yield _damage(source, False, why)


def read_path(path: Path, options: ReadOptions) -> Iterator[ReadResult]:
    """The articles of one ``.warc`` or ``.warc.gz`` file, streamed record by record."""
    source = str(path)
    try:
        check_size(path.stat().st_size, options.ingest.max_input_bytes, source)
        stream = path.open("rb")
    except FileNotFoundError as exc:
        raise InputError(Errors.NOT_FOUND, source=source) from exc
    except OSError as exc:
        raise InputError(Errors.FETCH_FAILED, source=source, why=exc.strerror or exc) from exc
    with stream:
        yield from read_warc_stream(stream, source, options)
