"""Atom feeds any feed reader can subscribe to: a story's reports as they arrive, and a follow's alerts.

    /stories/{id}/feed.atom     one entry per report of the story, newest first
    /follows/{id}/feed.atom     one entry per alert the follow raised, newest first
    /alerts.atom                every follow's alerts

Built with an XML library (text is escaped by it, never pasted into markup); entry ids are tag URIs
of the article or alert id, so a reader shows each change once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.etree import ElementTree

from fastapi import APIRouter, Request, Response

from newsweave import __version__
from newsweave.store.follow_rows import Alert
from newsweave.web.state import state_of

router = APIRouter(include_in_schema=False)
ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"
# Entries a feed holds (the newest): feed readers poll often and keep what they saw.
FEED_ENTRIES = 100


@dataclass(frozen=True, slots=True)
class Entry:
    """One Atom entry."""

    id: str
    title: str
    updated: datetime
    link: str
    summary: str | None = None


def atom(request: Request, feed_id: str, title: str, path: str, entries: Sequence[Entry]) -> Response:
    """An Atom 1.0 document of ``entries`` (newest first, at most FEED_ENTRIES)."""
    base = str(request.base_url).rstrip("/")
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    shown = list(entries)[:FEED_ENTRIES]
    _text(feed, "id", f"tag:newsweave,2026:{feed_id}")
    _text(feed, "title", title)
    updated = max((entry.updated for entry in shown), default=datetime(1970, 1, 1, tzinfo=UTC))
    _text(feed, "updated", _iso(updated))
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=base + path)
    _text(feed, "generator", "newsweave").set("version", __version__)
    for entry in shown:
        node = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        _text(node, "id", f"tag:newsweave,2026:{entry.id}")
        _text(node, "title", entry.title)
        _text(node, "updated", _iso(entry.updated))
        ElementTree.SubElement(node, f"{{{ATOM}}}link", href=base + entry.link)
        if entry.summary:
            _text(node, "summary", entry.summary)
        author = ElementTree.SubElement(node, f"{{{ATOM}}}author")
        _text(author, "name", "newsweave")
    body = ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type=MEDIA_TYPE)


def _text(parent: ElementTree.Element, tag: str, value: str) -> ElementTree.Element:
    node = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}")
    node.text = value
    return node


def _iso(moment: datetime) -> str:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _alert_entry(alert: Alert) -> Entry:
    link = f"/stories/{alert.story_id}" if alert.story_id else "/"
    return Entry(f"alert:{alert.id}", alert.title, alert.created_at, link, alert.detail)


@router.get("/stories/{story_id}/feed.atom")
def story_feed(request: Request, story_id: str) -> Response:
    """A story's reports, newest first: subscribe to follow one story."""
    from newsweave.brief import find_story

    story = find_story(state_of(request).store, story_id)
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    entries = sorted(
        (
            Entry(
                f"article:{article.id}",
                f"{article.outlet or 'unknown outlet'}: {article.title}",
                article.published or epoch,
                f"/articles/{article.id}",
            )
            for article in story.articles
        ),
        key=lambda entry: entry.updated,
        reverse=True,
    )
    return atom(
        request, f"story:{story.id}", f"newsweave: {story.title}", f"/stories/{story.id}/feed.atom", entries
    )


@router.get("/follows/{follow_id}/feed.atom")
def follow_feed(request: Request, follow_id: str) -> Response:
    """One follow's alerts, newest first."""
    store = state_of(request).store
    follow = store.follows.find(follow_id)
    entries = [_alert_entry(alert) for alert in store.follows.alerts(follow_id=follow.id)]
    return atom(
        request,
        f"follow:{follow.id}",
        f"newsweave alerts: {follow.label}",
        f"/follows/{follow.id}/feed.atom",
        entries,
    )


@router.get("/alerts.atom")
def alerts_feed(request: Request) -> Response:
    """Every follow's alerts, newest first."""
    entries = [_alert_entry(alert) for alert in state_of(request).store.follows.alerts()]
    return atom(request, "alerts", "newsweave alerts", "/alerts.atom", entries)
