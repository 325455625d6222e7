"""HTML pages: main text and metadata with trafilatura (DESIGN.md §5: best of 11 tools measured here)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsweave.data import Article
from newsweave.errors import Errors, InputError
from newsweave.readers.base import ReadOptions, ReadResult, decode_text, read_file_bytes

# Options given to trafilatura, chosen with benchmarks/extraction.py on the article-extraction set
# (181 pages; macro token F1, same run): favor_precision 0.966, default balance 0.961,
# favor_recall 0.961, without tables 0.958; plain `trafilatura.extract` defaults 0.948.
# - favor_precision=True: drops more navigation and teaser blocks; it lost 0.8 points of recall and
#   gained 1.6 of precision, the best F1;
# - include_comments=False: reader comments are not the article;
# - include_tables=True: tables in news pages are mostly figures the story reports (-0.3 F1 without);
# - deduplicate=False: trafilatura's LRU cache is process-wide, so a paragraph seen on an earlier page
#   (a syndicated lead) would vanish from a later one, making output depend on reading order.
# The headline, which trafilatura repeats as the body's first line, is taken out (see _body_text).
EXTRACTION_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "favor_precision": True,
    "favor_recall": False,
    "deduplicate": False,
}

# What a page shows only on hover or never: pop-up cards ("Kristi Lynn Noem / South Dakota governor
# doubles down ... MORE" inside The Hill's sentences), tooltips, hidden elements. trafilatura keeps their
# text, which then runs into the sentence around the link.
HIDDEN_XPATH = [
    # The card, not the name it hangs on: The Hill wraps "Kristi Noem" and its card in "rollover-people".
    "//*[(contains(@class, 'rollover') and contains(@class, 'block')) or contains(@class, 'tooltip')"
    " or contains(@class, 'popover') or contains(@class, 'hovercard')]",
    "//*[@hidden or @aria-hidden='true']",
    "//*[contains(translate(@style, ' ', ''), 'display:none')]",
]

# Only the head of a page is searched for <meta charset>: the HTML standard requires the
# declaration within the first 1024 bytes; 4096 tolerates long <head> comments before it.
CHARSET_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# htmldate returns only the day by default; asking for the time and zone keeps "09:30 +09:00", which
# decides the UTC day of a late-evening report. A page that gives only a day reads as midnight UTC.
DATE_OUTPUT_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*$")
_BLANK_LINES = re.compile(r"\n{2,}")


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its start, if any."""
    match = _META_CHARSET.search(data[:CHARSET_SNIFF_BYTES])
    return match.group(1).decode("ascii", errors="replace") if match else None


def _html_language(tree: Any) -> str | None:
    """The ``<html lang>`` primary subtag (``en-GB`` -> ``en``), when it looks like a language tag."""
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    lang = (root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
    if not _LANG.match(lang):
        return None
    return re.split(r"[-_]", lang)[0].lower()


def _parse_date(value: str | None) -> datetime | None:
    """trafilatura's date string as a timezone-aware datetime (UTC when the page gives no zone)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _body_text(text: str, title: str) -> str:
    """The extracted text, without the headline trafilatura repeats as its first line."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    # The headline is stored in ``title``; repeated as the body's first line it would be counted
    # twice by everything downstream (duplicate shingles, claims).
    if lines and title and lines[0].strip() == title.strip():
        lines = lines[1:]
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip()


def _to_text(html: str | bytes, source: str, charset: str | None) -> str:
    if isinstance(html, bytes):
        return decode_text(html, source, declared=charset or declared_charset(html))
    if not html.strip():
        raise InputError(Errors.EMPTY, source=source)
    return html


def _extract(html: str | bytes, *, source: str, url: str | None, charset: str | None) -> dict[str, Any]:
    """trafilatura's fields for one page (``text``, ``title``, ``date``...) plus ``html_lang``."""
    import trafilatura  # imported here: `import newsweave` loads no extractor
    from trafilatura.settings import Document, set_date_params

    tree = trafilatura.load_html(_to_text(html, source, charset))
    if tree is None:
        raise InputError(Errors.NO_TEXT, source=source, why="the page could not be parsed as HTML")
    language = _html_language(tree)  # read before trafilatura prunes the tree
    date_params = {**set_date_params(True), "outputformat": DATE_OUTPUT_FORMAT}
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        date_extraction_params=date_params,
        prune_xpath=HIDDEN_XPATH,
        **EXTRACTION_OPTIONS,
    )
    fields: dict[str, Any] = document.as_dict() if isinstance(document, Document) else {}
    if not fields.get("text"):
        raise InputError(Errors.NO_TEXT, source=source, why="no main text found")
    return {**fields, "html_lang": language}


def _field(fields: dict[str, Any], name: str) -> str | None:
    value = fields.get(name)
    return value.strip() or None if isinstance(value, str) else None


def _site_name(fields: dict[str, Any], urls: tuple[str | None, ...]) -> str | None:
    """The page's own site name; None where it is no name: the URL's host, copied in by trafilatura or
    by the site ("https://www.hawaiinewsnow.com"), or one of the host's subdomain labels ("Hosted", the
    site name of AP stories on hosted.ap.org).

    Leaving those out lets ``apply_defaults`` fill the outlet from the URL the same way for every reader
    (``www.`` dropped, no port).
    """
    name = _field(fields, "sitename")
    if name is None or urlsplit(name).scheme in ("http", "https"):
        return None
    hosts = set()
    for url in urls:
        parts = urlsplit(url or "")
        hosts |= {parts.netloc.lower(), (parts.hostname or "").lower()}
    hosts |= {host.removeprefix("www.") for host in hosts}
    lowered = name.lower()
    return None if lowered in hosts or any(lowered in _subdomains(host) for host in hosts) else name


def _subdomains(host: str) -> list[str]:
    """The labels of a host before its site's own domain ("hosted" of "hosted.ap.org"; none of
    "bbc.co.uk", whose second-level label is a registry's, not a subdomain)."""
    labels = host.split(".")
    registry_suffix = len(labels) >= 3 and len(labels[-2]) <= 3 and len(labels[-1]) == 2  # co.uk, com.au
    return labels[: -(3 if registry_suffix else 2)]


def article_from_html(
    html: str | bytes,
    *,
    source: str,
    url: str | None,
    options: ReadOptions,
    source_kind: str = "html",
    charset: str | None = None,
) -> Article:
    """One article from one HTML page: main text, title, date, author, site name, canonical URL, language.

    ``charset`` is an encoding declared outside the page (an HTTP header); bytes are otherwise decoded
    by BOM, UTF-8, the page's ``<meta charset>`` and detection. Raises ``InputError`` for oversized,
    empty or undecodable pages and for pages with no article text.
    """
    size = len(html) if isinstance(html, bytes) else len(html.encode("utf-8", errors="replace"))
    limit = options.ingest.max_record_bytes
    if size > limit:
        raise InputError(Errors.TOO_LARGE, source=source, size=size, limit=limit)
    fields = _extract(html, source=source, url=url, charset=charset)
    title = _field(fields, "title") or ""
    text = _body_text(str(fields["text"]), title)
    if len(text) < options.ingest.min_text_chars:
        raise InputError(
            Errors.NO_TEXT,
            source=source,
            why=f"{len(text)} characters of text, fewer than {options.ingest.min_text_chars}",
        )
    return Article(
        title=title,
        text=text,
        url=url or _field(fields, "url"),
        outlet=_site_name(fields, (url, _field(fields, "url"))),
        published=_parse_date(_field(fields, "date")),
        language=_field(fields, "language") or fields["html_lang"],
        author=_field(fields, "author"),
        source=source,
        source_kind=source_kind,
    )


def read_path(path: Path, options: ReadOptions) -> Iterator[ReadResult]:
    """The article of one ``.html``/``.htm`` file (gzipped or not)."""
    data = read_file_bytes(path, options)
    yield article_from_html(data, source=str(path), url=None, options=options)
