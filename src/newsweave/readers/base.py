"""What every reader shares: options, size caps, gzip, text decoding, and metadata defaults."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from newsweave.config import FetchConfig, IngestConfig, load_config
from newsweave.data import Article, Failure
from newsweave.errors import Errors, InputError

ReadResult = Article | Failure
"""Readers yield articles, and failures for records that could not be read (the batch goes on)."""

ReadIterator = Iterator[ReadResult]

# Share of control characters (other than tab, newline, carriage return, form feed) above which a
# decoded "text" is binary junk. Real articles have none; 1% tolerates a stray byte or two.
MAX_CONTROL_CHAR_SHARE = 0.01
# A UTF-8 file with a few bad bytes (a pasted cp1252 quote) is decoded line by line rather than
# handed whole to a charset guesser, which would mangle its valid UTF-8. Above this share of bad
# lines the file is treated as being in one other encoding.
MAX_MIXED_ENCODING_LINE_SHARE = 0.5
# charset-normalizer guesses Western European text poorly on short inputs (a French paragraph in
# cp1252 came back as mac_latin2). Undeclared non-UTF-8 bytes are therefore first tried as cp1252
# (the WHATWG default for unlabelled legacy pages), accepted when every non-ASCII character is a
# letter or typographic punctuation and at most this share of the letters is non-ASCII: French,
# German and Spanish run at 2-8%, while Cyrillic, Greek or CJK bytes read as cp1252 are all non-ASCII.
MAX_CP1252_NON_ASCII_LETTER_SHARE = 0.3
# Quotes, dashes, ellipsis, guillemets, no-break space, euro, degree, copyright, registered, pound,
# middle dot: the non-letters of cp1252 that Western text uses.
_TYPOGRAPHIC = frozenset("\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u00ab\u00bb")
_TYPOGRAPHIC |= frozenset("\u00a0\u20ac\u00b0\u00a9\u00ae\u00a3\u00b7")


def _default_ingest() -> IngestConfig:
    return load_config().ingest


def _default_fetch() -> FetchConfig:
    return load_config().fetch


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Metadata given on the command line (filled in where an input lacks it) and limits."""

    outlet: str | None = None
    published: datetime | None = None
    allow_private: bool = False
    ingest: IngestConfig = field(default_factory=_default_ingest)
    fetch: FetchConfig = field(default_factory=_default_fetch)


def parse_published(value: str, *, source: str | None = None) -> datetime:
    """An ISO 8601 date or datetime as a timezone-aware datetime (naive values are taken as UTC)."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise InputError(Errors.BAD_DATE, source=source, value=value) from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def host_of(url: str | None) -> str | None:
    """The URL's host without ``www.``, the default outlet of an article that names none."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


# Readers of one article per file: a file of such a kind with no URL and no outlet is most likely
# named after its source, so its name is the best guess at the outlet. Records of a JSONL file, entries
# of a feed and WARC records are not: one guess for a whole file would make its reports one source.
FILE_NAMED_KINDS = frozenset({"txt", "html"})


def guess_outlet(article: Article) -> str | None:
    """The outlet an article that names none most likely comes from: its URL's host, else (for a file
    holding one article) the file's name without its suffixes; None when nothing says."""
    host = host_of(article.url)
    if host or article.source_kind not in FILE_NAMED_KINDS or not article.source:
        return host
    name = Path(article.source).name
    return name.split(".", 1)[0] or name


def apply_defaults(article: Article, options: ReadOptions) -> Article:
    """Fill the outlet and publication date an input lacks from the options; an outlet still missing
    is guessed (``guess_outlet``) and marked so (``outlet_guessed``)."""
    if not article.outlet:
        article.outlet = options.outlet or guess_outlet(article)
        article.outlet_guessed = not options.outlet and article.outlet is not None
    if article.published is None:
        article.published = options.published
    elif article.published.tzinfo is None:
        article.published = article.published.replace(tzinfo=UTC)
    return article


def check_size(size: int, limit: int, source: str) -> None:
    """Refuse empty and oversized inputs before reading them."""
    if size == 0:
        raise InputError(Errors.EMPTY, source=source)
    if size > limit:
        raise InputError(Errors.TOO_LARGE, source=source, size=size, limit=limit)


def gunzip(data: bytes, limit: int, source: str) -> bytes:
    """Decompress gzip data, refusing truncated streams and output over ``limit`` (gzip bombs)."""
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data, limit + 1)
    except zlib.error as exc:
        raise InputError(Errors.BAD_GZIP, source=source, why=exc) from exc
    if len(out) > limit:
        raise InputError(Errors.TOO_LARGE, source=source, size=f"more than {limit}", limit=limit)
    if not decompressor.eof:
        raise InputError(Errors.BAD_GZIP, source=source, why="the stream ends early")
    return out


def read_file_bytes(path: Path, options: ReadOptions) -> bytes:
    """A file's bytes, size-checked, gunzipped when it is gzip (by magic number, not by name)."""
    source = str(path)
    try:
        size = path.stat().st_size
        check_size(size, options.ingest.max_input_bytes, source)
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(Errors.NOT_FOUND, source=source) from exc
    except OSError as exc:
        raise InputError(Errors.FETCH_FAILED, source=source, why=exc.strerror or exc) from exc
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, options.ingest.max_input_bytes, source)
        check_size(len(data), options.ingest.max_input_bytes, source)
    return data


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / max(len(text), 1)


def _decode_mixed(data: bytes) -> str | None:
    """Decode line by line: UTF-8 where valid, cp1252 where not; None if the file is not mostly UTF-8.

    Only a file with at least one valid non-ASCII UTF-8 line counts as UTF-8 with stray bytes: in a
    file wholly in a legacy encoding (Shift-JIS, cp1252) no non-ASCII line is valid UTF-8, and
    decoding its bad lines as cp1252 would mangle them, so it is left to charset detection.
    """
    lines = data.split(b"\n")
    bad = 0
    utf8_non_ascii = 0
    out: list[str] = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            bad += 1
            out.append(line.decode("cp1252", errors="replace"))
        else:
            utf8_non_ascii += not line.isascii()
    if utf8_non_ascii == 0 or bad / len(lines) > MAX_MIXED_ENCODING_LINE_SHARE:
        return None
    return "\n".join(out)


def _decode_western(data: bytes) -> str | None:
    """The bytes as cp1252 when that reads as Western European text, else None (see the constant)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = non_ascii_letters = 0
    for char in text:
        if char.isascii():
            letters += char.isalpha()
        elif char.isalpha():
            letters += 1
            non_ascii_letters += 1
        elif char not in _TYPOGRAPHIC:
            return None
    if not letters or non_ascii_letters / letters > MAX_CP1252_NON_ASCII_LETTER_SHARE:
        return None
    return text


def decode_text(data: bytes, source: str, *, declared: str | None = None) -> str:
    """Bytes to text: BOM, strict UTF-8, declared charset, per-line repair, cp1252, then detection.

    Raises ``InputError`` for empty input, binary junk (NUL bytes, control characters) and bytes
    no encoding explains.
    """
    if not data.strip():
        raise InputError(Errors.EMPTY, source=source)
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _checked(data.decode(codec, errors="replace"), source)
    if b"\x00" in data[:4096]:
        raise InputError(Errors.BINARY, source=source, why="it contains NUL bytes")
    try:
        return _checked(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    # A declared charset (HTTP header, <meta charset>) that decodes the bytes cleanly is trusted
    # before the per-line repair, which would read a Shift-JIS or cp1251 page's lines as cp1252.
    if declared:
        try:
            return _checked(data.decode(declared), source)
        except (LookupError, UnicodeDecodeError):
            pass
    text = _decode_mixed(data)
    if text is None:
        text = _decode_western(data)
    if text is not None:
        return _checked(text, source)
    from charset_normalizer import from_bytes  # imported here: only non-UTF-8 input needs it

    best = from_bytes(data).best()
    if best is None:
        raise InputError(Errors.UNDECODABLE, source=source)
    return _checked(str(best), source)


def _checked(text: str, source: str) -> str:
    if not text.strip():
        raise InputError(Errors.EMPTY, source=source)
    share = _control_share(text[:100_000])
    if share > MAX_CONTROL_CHAR_SHARE:
        raise InputError(Errors.BINARY, source=source, why=f"{share:.0%} control characters")
    return text


#: Characters shown of an unexpected error's message: enough to recognise it, never a page of input.
_ERROR_CHARS = 200

# C0 and C1 control characters (tab and newline included): never echoed raw from an input to a terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters written as escapes (``\\x1b``), safe to print to a terminal."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def unexpected_failure(source: str, error: BaseException) -> Failure:
    """A failure naming ``source`` for an error no reader check foresaw; the batch goes on."""
    message = str(error)
    if len(message) > _ERROR_CHARS:
        message = message[:_ERROR_CHARS] + "..."
    reason = Errors.READER_FAILED.message.format(error=f"{type(error).__name__}: {message}")
    return Failure(source=source, code=Errors.READER_FAILED.code, reason=printable(reason))
