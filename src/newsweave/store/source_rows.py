"""The sources `newsweave watch` polls (used through ``Store.sources``): adding, listing, removing,
which are due, and what each poll found."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, or_, select, update

from newsweave.errors import Errors, StoreError
from newsweave.store.schema import sources

if TYPE_CHECKING:
    from newsweave.store.connections import Connections


def source_id(url: str) -> str:
    """A source's id: 16 hex digits of the SHA-256 of its URL."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def _aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


@dataclass(frozen=True, slots=True)
class Source:
    """A watched feed or page, with what its last polls found."""

    id: str
    url: str
    title: str | None
    interval_s: int
    added_at: datetime
    etag: str | None = None
    last_modified: str | None = None
    last_checked: datetime | None = None
    next_check: datetime | None = None
    last_success: datetime | None = None
    failures: int = 0
    last_error: str | None = None
    articles_stored: int = 0

    @classmethod
    def from_row(cls, row: Any) -> Source:
        """A source from its ``sources`` row."""
        values = dict(row)
        for name in ("added_at", "last_checked", "next_check", "last_success"):
            values[name] = _aware(values[name])
        return cls(**values)


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What one poll of a source found, to be recorded."""

    checked: datetime
    next_check: datetime
    error: str | None = None  # None: the poll succeeded (a 304 included)
    etag: str | None = None
    last_modified: str | None = None
    stored: int = 0


class SourceRows:
    """The ``sources`` table of one store."""

    def __init__(self, store: Connections) -> None:
        self.store = store

    def add(
        self, urls: Sequence[tuple[str, str | None]], interval_s: int, now: datetime
    ) -> tuple[list[Source], list[Source]]:
        """Add sources ``(url, title)`` due at once; returns (added, already watched: left as they were)."""
        with self.store.atomic() as connection:
            existing = {
                row.url: Source.from_row(row._mapping)
                for row in connection.execute(select(sources).where(sources.c.url.in_([u for u, _ in urls])))
            }
            added = []
            for url, title in dict(urls).items():
                if url in existing:
                    continue
                source = Source(source_id(url), url, title, interval_s, now, next_check=now)
                connection.execute(
                    insert(sources).values(
                        id=source.id,
                        url=url,
                        title=title,
                        interval_s=interval_s,
                        added_at=now,
                        next_check=now,
                        failures=0,
                        articles_stored=0,
                    )
                )
                added.append(source)
        return added, list(existing.values())

    def find(self, url_or_id: str) -> Source:
        """One source by its URL or id (E312 when there is none)."""
        query = select(sources).where(or_(sources.c.url == url_or_id, sources.c.id == url_or_id))
        with self.store.reading() as connection:
            row = connection.execute(query).mappings().first()
        if row is None:
            raise StoreError(Errors.NO_SUCH_SOURCE, wanted=url_or_id[:200])
        return Source.from_row(row)

    def remove(self, url_or_id: str) -> Source:
        """Stop watching a source (its articles stay); returns it."""
        found = self.find(url_or_id)
        with self.store.atomic() as connection:
            connection.execute(delete(sources).where(sources.c.id == found.id))
        return found

    def all(self) -> list[Source]:
        """Every source, in the order they were added."""
        with self.store.reading() as connection:
            rows = connection.execute(select(sources).order_by(sources.c.added_at, sources.c.url)).mappings()
            return [Source.from_row(row) for row in rows]

    def due(self, now: datetime) -> list[Source]:
        """Sources whose next poll is due at ``now``, longest waiting first."""
        query = (
            select(sources)
            .where(or_(sources.c.next_check.is_(None), sources.c.next_check <= now))
            .order_by(sources.c.next_check.nulls_first(), sources.c.url)
        )
        with self.store.reading() as connection:
            return [Source.from_row(row) for row in connection.execute(query).mappings()]

    def make_all_due(self, now: datetime) -> None:
        """Make every source due now (a poll of all of them, whatever their schedule)."""
        with self.store.atomic() as connection:
            connection.execute(update(sources).values(next_check=now))

    def record(self, source: Source, outcome: PollOutcome) -> None:
        """Keep what a poll found: validators and the stored count on success, the error and one more
        failure otherwise; and when the next poll is due."""
        values: dict[str, Any] = {"last_checked": outcome.checked, "next_check": outcome.next_check}
        if outcome.error is None:
            values.update(
                failures=0,
                last_error=None,
                last_success=outcome.checked,
                etag=outcome.etag,
                last_modified=outcome.last_modified,
                articles_stored=sources.c.articles_stored + outcome.stored,
            )
        else:
            values.update(failures=sources.c.failures + 1, last_error=outcome.error)
        with self.store.atomic() as connection:
            connection.execute(update(sources).where(sources.c.id == source.id).values(**values))
