"""Follows and alerts (used through ``Store.follows``): what a user follows, and each change it raised,
stored once (an alert's id hashes what it is about)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select, update

from newsweave.errors import Errors, StoreError
from newsweave.store.bulk import chunks
from newsweave.store.schema import alerts, follows

if TYPE_CHECKING:
    from newsweave.store.connections import Connections

FOLLOW_KINDS = ("entity", "search", "pair", "outlet", "story")
ALERT_KINDS = ("new_story", "new_report", "new_event", "relations", "discrepancy")


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


@dataclass(frozen=True, slots=True)
class Follow:
    """Something a user follows: an entity (a name), a search, a country pair ("KOR JPN"), an outlet
    or a story (an id)."""

    id: str
    kind: str
    value: str
    created_at: datetime

    @property
    def label(self) -> str:
        """How the follow reads: 'entity "Takaichi"', 'pair JPN-KOR', 'pair JPN-KOR below -5'."""
        if self.kind != "pair":
            return f'{self.kind} "{self.value}"'
        a, b, *bound = self.value.split()
        return f"pair {a}-{b}" + (f" {' '.join(bound)}" if bound else "")


@dataclass(frozen=True, slots=True)
class Alert:
    """One change a follow raised."""

    id: str
    follow_id: str
    kind: str
    title: str
    created_at: datetime
    story_id: str | None = None
    article_id: str | None = None
    detail: str | None = None
    read: bool = False
    silent: bool = False
    delivered: bool = False


def alert_id(follow_id: str, kind: str, subject: str) -> str:
    """The id of the alert a follow raises of ``kind`` about ``subject`` (a story, an article, an event,
    a discrepancy's key): the same change always has the same id."""
    return _hash(follow_id, kind, subject)


class FollowRows:
    """The ``follows`` and ``alerts`` tables of one store."""

    def __init__(self, store: Connections) -> None:
        self.store = store

    def add(self, kind: str, value: str, now: datetime) -> tuple[Follow, bool]:
        """Follow something (``kind`` of FOLLOW_KINDS); returns the follow and whether it is new."""
        follow = Follow(_hash(kind, value), kind, value, now)
        with self.store.atomic() as connection:
            known = connection.execute(select(follows.c.id).where(follows.c.id == follow.id)).first()
            if known is None:
                connection.execute(
                    insert(follows).values(id=follow.id, kind=kind, value=value, created_at=now)
                )
        return (self.find(follow.id) if known else follow), known is None

    def all(self) -> list[Follow]:
        """Every follow, oldest first."""
        with self.store.reading() as connection:
            rows = connection.execute(select(follows).order_by(follows.c.created_at, follows.c.id)).mappings()
            return [Follow(r["id"], r["kind"], r["value"], _aware(r["created_at"])) for r in rows]

    def find(self, follow_id: str) -> Follow:
        """One follow by id or unique id prefix (E313 when there is none)."""
        found = [f for f in self.all() if f.id == follow_id] or [
            f for f in self.all() if f.id.startswith(follow_id)
        ]
        if len(found) != 1 or not follow_id:
            raise StoreError(Errors.NO_SUCH_FOLLOW, wanted=follow_id[:40])
        return found[0]

    def remove(self, follow_id: str) -> Follow:
        """Stop following (its alerts go too)."""
        found = self.find(follow_id)
        with self.store.atomic() as connection:
            connection.execute(delete(alerts).where(alerts.c.follow_id == found.id))
            connection.execute(delete(follows).where(follows.c.id == found.id))
        return found

    def known_ids(self, alert_ids: Sequence[str]) -> set[str]:
        """Which of these alert ids are stored already."""
        known: set[str] = set()
        with self.store.reading() as connection:
            for chunk in chunks(sorted(set(alert_ids))):
                known |= set(connection.scalars(select(alerts.c.id).where(alerts.c.id.in_(chunk))))
        return known

    def raise_alerts(self, candidates: Sequence[Alert]) -> list[Alert]:
        """Store the alerts not stored before (by id); returns those, in the given order."""
        wanted = {alert.id: alert for alert in candidates}
        with self.store.atomic() as connection:
            known: set[str] = set()
            for chunk in chunks(sorted(wanted)):
                known |= set(connection.scalars(select(alerts.c.id).where(alerts.c.id.in_(chunk))))
            fresh = [alert for alert in wanted.values() if alert.id not in known]
            for alert in fresh:
                connection.execute(
                    insert(alerts).values(
                        id=alert.id,
                        follow_id=alert.follow_id,
                        kind=alert.kind,
                        story_id=alert.story_id,
                        article_id=alert.article_id,
                        title=alert.title,
                        detail=alert.detail,
                        created_at=alert.created_at,
                        read=alert.read,
                        silent=alert.silent,
                        # Nothing to deliver of a silent baseline.
                        delivered=alert.silent,
                    )
                )
        return fresh

    def alerts(
        self, *, unread_only: bool = False, follow_id: str | None = None, story_id: str | None = None
    ) -> list[Alert]:
        """Alerts (never the silent baseline), newest first."""
        query = select(alerts).where(alerts.c.silent.is_(False))
        if unread_only:
            query = query.where(alerts.c.read.is_(False))
        if follow_id is not None:
            query = query.where(alerts.c.follow_id == follow_id)
        if story_id is not None:
            query = query.where(alerts.c.story_id == story_id)
        query = query.order_by(alerts.c.created_at.desc(), alerts.c.id)
        with self.store.reading() as connection:
            return [_alert(row) for row in connection.execute(query).mappings()]

    def undelivered(self) -> list[Alert]:
        """Alerts not yet POSTed to the webhook, oldest first."""
        query = select(alerts).where(alerts.c.delivered.is_(False)).order_by(alerts.c.created_at, alerts.c.id)
        with self.store.reading() as connection:
            return [_alert(row) for row in connection.execute(query).mappings()]

    def mark_delivered(self, alert_ids: Sequence[str]) -> None:
        """Record that these alerts reached the webhook."""
        with self.store.atomic() as connection:
            for chunk in chunks(sorted(set(alert_ids))):
                connection.execute(update(alerts).where(alerts.c.id.in_(chunk)).values(delivered=True))

    def mark_read(self, alert_ids: Sequence[str] | None = None) -> int:
        """Mark alerts read (every unread one when ``alert_ids`` is None); returns how many."""
        query = update(alerts).where(alerts.c.read.is_(False))
        if alert_ids is not None:
            query = query.where(alerts.c.id.in_(list(alert_ids)))
        with self.store.atomic() as connection:
            return connection.execute(query.values(read=True)).rowcount or 0


def _alert(row: Any) -> Alert:
    values = dict(row)
    values["created_at"] = _aware(values["created_at"])
    return Alert(**values)
