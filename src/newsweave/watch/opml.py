"""Reading an OPML subscription list (what feed readers export) into feed URLs and titles."""

from __future__ import annotations

from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from newsweave.errors import Errors, InputError

# An OPML file is a short list; a larger one is not a subscription list.
MAX_OPML_BYTES = 5_000_000


def read_opml(path: Path) -> list[tuple[str, str | None]]:
    """Every ``outline`` with an ``xmlUrl`` (or, for a page, ``url``) as ``(url, title)``, in file order.

    The XML parser resolves no entity and fetches nothing (an OPML file is untrusted input).
    """
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(Errors.NOT_FOUND, source=source) from exc
    if len(data) > MAX_OPML_BYTES:
        raise InputError(Errors.TOO_LARGE, source=source, size=len(data), limit=MAX_OPML_BYTES)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(Errors.BAD_OPML, source=source, why=exc) from exc
    if root is None or etree.QName(root).localname != "opml":
        raise InputError(Errors.BAD_OPML, source=source, why="the root element is not <opml>")
    found: list[tuple[str, str | None]] = []
    for outline in root.iter("{*}outline"):
        url = (outline.get("xmlUrl") or outline.get("url") or "").strip()
        if url:
            title = (outline.get("title") or outline.get("text") or "").strip() or None
            found.append((url, title))
    if not found:
        raise InputError(Errors.BAD_OPML, source=source, why="no outline has an xmlUrl")
    return found
