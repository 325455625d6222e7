"""JSON records: ``.jsonl`` (one object a line) and ``.json`` (an array of objects, or one object).

Each record has ``text`` or ``html`` and optionally ``id``, ``url``, ``outlet``, ``published`` and
``title``; other fields are ignored. A bad record becomes a ``Failure`` and the rest are read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from newsweave.data import Article, Failure
from newsweave.errors import Errors, InputError
from newsweave.readers.base import (
    ReadOptions,
    ReadResult,
    decode_text,
    parse_published,
    read_file_bytes,
    unexpected_failure,
)
from newsweave.readers.text import clean_plain_text

_STRING_FIELDS = ("url", "outlet", "title")


def _record_source(path: Path, record: dict[str, Any], fallback: str) -> str:
    """``path#id`` when the record names itself, else ``path#line-N`` / ``path#item-N``."""
    external = record.get("id")
    if isinstance(external, (str, int)) and not isinstance(external, bool) and str(external).strip():
        return f"{path}#{str(external).strip()}"
    return f"{path}#{fallback}"


# Well-formed JSON that Python will not build: nesting past the recursion limit, an integer of more
# digits than int() converts (4,300 by default; a guard against quadratic conversion).
_UNREADABLE_JSON = (RecursionError, ValueError)


def _unreadable_why(error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return "it is nested too deeply"
    return f"a value cannot be read ({str(error).split(';')[0]})"


def _bad_record(source: str, where: str, why: str) -> InputError:
    return InputError(Errors.BAD_RECORD, source=source, where=where, why=why)


def article_from_record(record: Any, *, source: str, where: str, options: ReadOptions) -> Article:
    """One article from one decoded JSON record; ``InputError`` says what is wrong with it."""
    if not isinstance(record, dict):
        raise _bad_record(source, where, f"it is a JSON {type(record).__name__}, not an object")
    for name in _STRING_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise _bad_record(source, where, f"{name!r} must be a string")
    published = record.get("published")
    if published is not None and not isinstance(published, str):
        raise InputError(Errors.BAD_DATE, source=source, value=published)
    when = parse_published(published, source=source) if published else None
    text, html = record.get("text"), record.get("html")
    body = text if isinstance(text, str) and text.strip() else html
    if not isinstance(body, str) or not body.strip():
        raise _bad_record(source, where, "it has no non-empty 'text' or 'html' string")
    size = len(body.encode("utf-8", errors="replace"))
    if size > options.ingest.max_record_bytes:
        raise InputError(Errors.TOO_LARGE, source=source, size=size, limit=options.ingest.max_record_bytes)
    url, outlet = record.get("url") or None, record.get("outlet") or None
    title = (record.get("title") or "").strip()
    if body is text:
        return Article(
            title=title,
            text=clean_plain_text(text).strip(),
            url=url,
            outlet=outlet,
            published=when,
            source=source,
            source_kind="json",
        )
    page = _from_html(body, url, source=source, options=options)
    # The record's own fields win over what the page says; id="" recomputes the content hash.
    return replace(
        page,
        id="",
        title=title or page.title,
        outlet=outlet or page.outlet,
        published=when or page.published,
    )


def _from_html(html: str, url: str | None, *, source: str, options: ReadOptions) -> Article:
    from newsweave.readers.html import article_from_html  # imported here: trafilatura is heavy

    return article_from_html(html, source=source, url=url, options=options, source_kind="json")


def _record_result(record: Any, fallback: str, where: str, path: Path, options: ReadOptions) -> ReadResult:
    source = _record_source(path, record, fallback) if isinstance(record, dict) else f"{path}#{fallback}"
    try:
        return article_from_record(record, source=source, where=where, options=options)
    except InputError as exc:
        return Failure(source=exc.source or source, code=exc.code, reason=exc.reason)
    except Exception as exc:  # one record's surprise must not cost the file's other records
        return unexpected_failure(source, exc)


def read_lines(text: str, path: Path, options: ReadOptions) -> Iterator[ReadResult]:
    """One result per non-blank line of JSON Lines text; a malformed line is a ``Failure``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f" at line {number}"
        if len(line.encode("utf-8", errors="replace")) > options.ingest.max_record_bytes:
            yield Failure(
                source=f"{path}#line-{number}",
                code=Errors.TOO_LARGE.code,
                reason=Errors.TOO_LARGE.message.format(
                    size=len(line.encode("utf-8", errors="replace")), limit=options.ingest.max_record_bytes
                ),
            )
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            reason = Errors.BAD_JSON.message.format(where=where, why=exc.msg)
            yield Failure(source=f"{path}#line-{number}", code=Errors.BAD_JSON.code, reason=reason)
            continue
        except _UNREADABLE_JSON as exc:
            reason = Errors.BAD_JSON.message.format(where=where, why=_unreadable_why(exc))
            yield Failure(source=f"{path}#line-{number}", code=Errors.BAD_JSON.code, reason=reason)
            continue
        yield _record_result(record, f"line-{number}", where, path, options)


def read_document(text: str, path: Path, options: ReadOptions) -> Iterator[ReadResult]:
    """Results from a ``.json`` document: an array of records, or one record.

    A file named ``.json`` that holds JSON Lines (a common mix-up) is read as JSON Lines.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            yield from read_lines(text, path, options)
            return
        raise InputError(
            Errors.BAD_JSON, source=str(path), where=f" at line {exc.lineno}", why=exc.msg
        ) from exc
    except _UNREADABLE_JSON as exc:
        raise InputError(Errors.BAD_JSON, source=str(path), where="", why=_unreadable_why(exc)) from exc
    if isinstance(data, list):
        for index, record in enumerate(data, start=1):
            yield _record_result(record, f"item-{index}", f" at item {index}", path, options)
    else:
        yield _record_result(data, "item-1", "", path, options)


def read_path(path: Path, options: ReadOptions) -> Iterator[ReadResult]:
    """The articles of one ``.jsonl`` or ``.json`` file (gzipped or not)."""
    text = decode_text(read_file_bytes(path, options), str(path))
    if path.name.lower().removesuffix(".gz").endswith(".jsonl"):
        yield from read_lines(text, path, options)
    else:
        yield from read_document(text, path, options)
