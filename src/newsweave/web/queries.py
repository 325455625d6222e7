"""Read-only queries the web app needs and the store does not offer: filtered, paginated listings.

Every function only reads, through ``store.reading()``; the app's one writer is elsewhere
(``newsweave.web.writer``). Listings load article metadata, never article texts, so a page of stories
costs two queries whatever the stories' sizes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, exists, func, select

from newsweave.data import Article, Entity
from newsweave.errors import Errors, InputError
from newsweave.store.bulk import chunks
from newsweave.store.schema import articles, entity_aliases, stories, story_articles
from newsweave.store.story_rows import StoryRecord, version_key

if TYPE_CHECKING:
    from newsweave.store import Store

# Years a since/until bound may name: every date a news archive holds, with the calendar's ends
# (year 1, year 9999) out of reach of the day added to a bare "until" date.
BOUND_YEARS = range(1000, 9000)

def _aware(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; every stored time is UTC.
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def parse_bound(value: str | None, *, name: str, end: bool = False) -> datetime | None:
    """A ``since``/``until`` parameter as an aware datetime; a bare date as ``until`` means its end.

    ``until=2026-01-14`` keeps what was seen on the 14th (the bound is the next midnight, exclusive).
    """
    if value is None or not value.strip():
        return None
    from newsweave.readers.base import parse_published

    parsed = parse_published(value, source=name)
    if parsed.year not in BOUND_YEARS:  # 9999-12-31 as "until" overflowed to the next day: a 500
        first, last = BOUND_YEARS[0], BOUND_YEARS[-1]
        raise InputError(Errors.DATE_OUT_OF_RANGE, source=name, value=value, first=first, last=last)
    if end and len(value.strip()) <= len("2026-01-14"):
        return parsed + timedelta(days=1) - timedelta(microseconds=1)
    return parsed


@dataclass(frozen=True, slots=True)
class StoryFilters:
    """What a story listing keeps: seen in a date range, reported by an outlet, mentioning an entity."""

    since: datetime | None = None
    until: datetime | None = None
    outlet: str | None = None
    entity: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        """SQL conditions on the ``stories`` table."""
        found: list[ColumnElement[bool]] = []
        if self.since is not None:
            found.append(stories.c.last_seen >= self.since)
        if self.until is not None:
            found.append(stories.c.first_seen <= self.until)
        if self.outlet is not None:
            found.append(
                exists(
                    select(story_articles.c.article_id)
                    .join(articles, articles.c.id == story_articles.c.article_id)
                    .where(story_articles.c.story_id == stories.c.id, articles.c.outlet == self.outlet)
                )
            )
        if self.entity is not None:
            found.append(
                exists(
                    select(story_articles.c.article_id)
                    .join(entity_aliases, entity_aliases.c.article_id == story_articles.c.article_id)
                    .where(
                        story_articles.c.story_id == stories.c.id, entity_aliases.c.entity_id == self.entity
                    )
                )
            )
        return found


@dataclass(slots=True)
class StoryPage:
    """One page of a story listing: the stories (articles without text), the total, a version per story."""

    stories: list[StoryRecord]
    total: int
    versions: dict[str, str]


def _article_meta(row: Any) -> Article:
    # A listing's article: metadata only (the text is not loaded; ``store.get_article`` has it).
    return Article(
        id=row.id,
        title=row.title,
        text="",
        url=row.url,
        outlet=row.outlet,
        published=_aware(row.published),
        duplicate_of=row.duplicate_of,
        duplicate_kind=row.duplicate_kind,
        similarity=row.similarity,
    )


def list_stories(
    store: Store, filters: StoryFilters | None = None, *, limit: int | None = None, offset: int = 0
) -> StoryPage:
    """Stories most recently seen first (the order of ``newsweave stories``), filtered and paginated."""
    conditions = (filters or StoryFilters()).conditions()
    query = select(stories).order_by(stories.c.last_seen.desc().nulls_last(), stories.c.id).offset(offset)
    count = select(func.count()).select_from(stories)
    if conditions:
        query = query.where(and_(*conditions))
        count = count.where(and_(*conditions))
    if limit is not None:
        query = query.limit(limit)
    with store.reading() as connection:
        total = connection.scalar(count) or 0
        found = [
            StoryRecord(row.id, row.title, _aware(row.first_seen), _aware(row.last_seen), row.storyline_id)
            for row in connection.execute(query)
        ]
        members = _members(connection, [story.id for story in found])
    versions: dict[str, str] = {}
    for story in found:
        rows = members.get(story.id, [])
        story.articles = sorted(
            (_article_meta(row) for row in rows),
            key=lambda a: (a.published or datetime.max.replace(tzinfo=UTC), a.id),
        )
        versions[story.id] = version_key((row.id, _aware(row.analysed_at)) for row in rows)
    return StoryPage(found, total, versions)


def _members(connection: Any, story_ids: Sequence[str]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for chunk in chunks(story_ids):
        query = (
            select(
                story_articles.c.story_id,
                articles.c.id,
                articles.c.title,
                articles.c.url,
                articles.c.outlet,
                articles.c.published,
                articles.c.duplicate_of,
                articles.c.duplicate_kind,
                articles.c.similarity,
                articles.c.analysed_at,
            )
            .join(articles, articles.c.id == story_articles.c.article_id)
            .where(story_articles.c.story_id.in_(chunk))
        )
        for row in connection.execute(query):
            found.setdefault(row.story_id, []).append(row)
    return found


def story_version(store: Store, story_id: str) -> str | None:
    """A key that changes when the story's articles or their analysis change (None: no such story).

    Keys the caches of briefs and rendered story pages; ``story_id`` must be a full id.
    """
    return store.stories.versions([story_id]).get(story_id)


def story_of_articles(store: Store, article_ids: Iterable[str]) -> dict[str, str]:
    """Each given article's story id (articles not yet in a story are left out)."""
    wanted = list(dict.fromkeys(article_ids))
    found: dict[str, str] = {}
    with store.reading() as connection:
        for chunk in chunks(wanted):
            query = select(story_articles.c.article_id, story_articles.c.story_id).where(
                story_articles.c.article_id.in_(chunk)
            )
            found.update({row.article_id: row.story_id for row in connection.execute(query)})
    return found


def story_titles(store: Store, story_ids: Iterable[str]) -> dict[str, str]:
    """The titles of the given stories, by id."""
    wanted = list(dict.fromkeys(story_ids))
    found: dict[str, str] = {}
    with store.reading() as connection:
        for chunk in chunks(wanted):
            query = select(stories.c.id, stories.c.title).where(stories.c.id.in_(chunk))
            found.update({row.id: row.title for row in connection.execute(query)})
    return found


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What filters and listings need of an article: outlet and publication time."""

    id: str
    title: str
    outlet: str | None
    published: datetime | None
    duplicate_of: str | None


def article_meta(store: Store, article_ids: Iterable[str]) -> dict[str, ArticleMeta]:
    """Metadata of the given articles, by id (unknown ids are left out)."""
    wanted = list(dict.fromkeys(article_ids))
    found: dict[str, ArticleMeta] = {}
    columns = (
        articles.c.id,
        articles.c.title,
        articles.c.outlet,
        articles.c.published,
        articles.c.duplicate_of,
    )
    with store.reading() as connection:
        for chunk in chunks(wanted):
            for row in connection.execute(select(*columns).where(articles.c.id.in_(chunk))):
                found[row.id] = ArticleMeta(
                    row.id, row.title, row.outlet, _aware(row.published), row.duplicate_of
                )
    return found


def articles_mentioning(store: Store, entity_id: str) -> set[str]:
    """Ids of the articles that name an entity (any spelling)."""
    query = select(entity_aliases.c.article_id).where(entity_aliases.c.entity_id == entity_id).distinct()
    with store.reading() as connection:
        return set(connection.scalars(query))


def find_entities(
    store: Store, *, name: str | None = None, type_: str | None = None, article_ids: set[str] | None = None
) -> list[Entity]:
    """Entities most mentioned first (as ``newsweave entities`` lists them), filtered.

    ``name`` keeps entities with a spelling containing it (case-insensitive), ``type_`` those of a type,
    ``article_ids`` those named in one of these articles.
    """
    found = store.analysis.load_entities()
    if article_ids is not None:
        found = [entity for entity in found if entity.articles() & article_ids]
    if type_:
        found = [entity for entity in found if entity.type == type_.upper()]
    if name:
        needle = name.casefold()
        found = [
            entity
            for entity in found
            if needle in entity.name.casefold() or any(needle in alias.casefold() for alias in entity.aliases)
        ]
    return sorted(found, key=lambda entity: (-entity.mention_count, entity.name))


@dataclass(frozen=True, slots=True)
class OutletRow:
    """An outlet and how much of the store it wrote."""

    name: str
    articles: int
    originals: int
    first: datetime | None
    last: datetime | None


def list_outlets(store: Store) -> list[OutletRow]:
    """Every outlet with its article counts (originals exclude syndicated copies), most articles first."""
    query = (
        select(
            articles.c.outlet,
            func.count().label("n"),
            func.count(articles.c.duplicate_of).label("copies"),
            func.min(articles.c.published).label("first"),
            func.max(articles.c.published).label("last"),
        )
        .where(articles.c.outlet.is_not(None))
        .group_by(articles.c.outlet)
    )
    with store.reading() as connection:
        rows = [
            OutletRow(row.outlet, row.n, row.n - row.copies, _aware(row.first), _aware(row.last))
            for row in connection.execute(query)
        ]
    return sorted(rows, key=lambda row: (-row.articles, row.name))


def outlet_exists(store: Store, outlet: str) -> bool:
    """True when the store holds an article of this outlet."""
    with store.reading() as connection:
        return (
            connection.scalar(select(articles.c.id).where(articles.c.outlet == outlet).limit(1)) is not None
        )


def mention_days(store: Store, article_ids: Iterable[str]) -> dict[date, int]:
    """How many of these articles were published on each day (UTC)."""
    counts: dict[date, int] = {}
    for meta in article_meta(store, article_ids).values():
        if meta.published is not None:
            day = meta.published.astimezone(UTC).date()
            counts[day] = counts.get(day, 0) + 1
    return dict(sorted(counts.items()))
