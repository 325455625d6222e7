"""The one store wrapper: nested ``atomic()`` transactions over SQLAlchemy Core, SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    RowMapping,
    create_engine,
    func,
    insert,
    make_url,
    select,
    text,
    update,
)
from sqlalchemy.exc import DataError, OperationalError, SQLAlchemyError

from newsweave.data import Article, Failure, RemovedText
from newsweave.errors import Errors, InputError, StoreError
from newsweave.store import migrate, sqlite
from newsweave.store.analysis_rows import AnalysisRows
from newsweave.store.brief_rows import BriefRows
from newsweave.store.bulk import CANDIDATES_SHOWN, candidate_list, chunks
from newsweave.store.db_errors import refuses_value, retry_while_busy
from newsweave.store.duplicate_rows import DuplicateRows
from newsweave.store.follow_rows import FollowRows
from newsweave.store.schema import (
    ID_CHARS,
    LANGUAGE_CHARS,
    articles,
    ingest_outcomes,
    ingest_runs,
    line_digest,
    outlet_lines,
    removed_texts,
)
from newsweave.store.source_rows import SourceRows
from newsweave.store.story_rows import StoryRows

#: Characters of an outlet's name the store takes. The column is indexed and PostgreSQL refuses index
#: entries over 2,704 bytes: 500 characters are at most 2,000 bytes of UTF-8. Real names run to dozens.
MAX_OUTLET_CHARS = 500

#: Characters of an article (title and text) that PostgreSQL's search reads. A tsvector is at most 1 MB;
#: 100,000 characters of one-letter words in a 4-byte script make about 0.5 MB of it (250,000 ASCII
#: characters of distinct words measured 0.48 MB). Longer articles are found by their first 100,000.
PG_SEARCH_CHARS = 100_000

#: Characters of an unknown id repeated in the error: enough to recognise a typo, never a whole page.
ID_SHOWN_CHARS = 40

#: Article fields whose length the schema bounds, and the bound.
FIELD_LIMITS = {"outlet": MAX_OUTLET_CHARS, "language": LANGUAGE_CHARS}

def _check_fits(article: Article) -> None:
    """Refuse, naming the input, an article whose indexed or sized fields the schema cannot hold."""
    for field, limit in FIELD_LIMITS.items():
        value = getattr(article, field)
        if value is not None and len(value) > limit:
            raise InputError(
                Errors.FIELD_TOO_LONG, source=article.source, field=field, length=len(value), limit=limit
            )


def _aware(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes even for timezone-aware columns; every stored time is UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class Store:
    """A news store. Open with ``open_store``; use as a context manager to close it."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            # PostgreSQL hands times back in the session's zone: pin it to UTC, as SQLite stores them.
            options = {} if url.startswith("sqlite") else {"connect_args": {"options": "-c TimeZone=UTC"}}
            self.engine: Engine = create_engine(url, **options)
            if self.is_sqlite:
                sqlite.configure_engine(self.engine)
            # Processes opening one fresh store at once can lose a lock race that waiting would not
            # win (see db_errors.py); a pooled connection that lost it is dropped before the next try.
            retry_while_busy(lambda: migrate.upgrade(self.engine, url), before_retry=self.engine.dispose)
        except SQLAlchemyError as exc:
            why = getattr(exc, "orig", None) or exc
            shown = make_url(url).render_as_string(hide_password=True)
            raise StoreError(Errors.STORE_OPEN, url=shown, why=why) from exc
        self._connection: Connection | None = None
        self.analysis = AnalysisRows(self)
        self.stories = StoryRows(self)
        self.briefs = BriefRows(self)
        self.sources = SourceRows(self)
        self.follows = FollowRows(self)
        self.duplicates = DuplicateRows(self)

    @property
    def is_sqlite(self) -> bool:
        """True for the embedded SQLite store."""
        return self.url.startswith("sqlite")

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------------------

    @contextmanager
    def atomic(self) -> Iterator[Connection]:
        """A transaction; nested calls become SAVEPOINTs, so an inner failure undoes only its part."""
        if self._connection is not None:
            with self._connection.begin_nested():
                yield self._connection
            return
        connection = self.engine.connect().execution_options(**{sqlite.BEGIN_OPTION: "IMMEDIATE"})
        try:
            with connection.begin():
                self._connection = connection
                yield connection
        finally:
            self._connection = None
            connection.close()

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reads: the writer's own inside ``atomic()``, else a fresh one."""
        if self._connection is not None:
            yield self._connection
            return
        with self.engine.connect() as connection:
            yield connection

    # -- articles -----------------------------------------------------------------------------

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are already stored."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self.reading() as connection:
            for chunk in chunks(wanted):
                found.update(connection.scalars(select(articles.c.id).where(articles.c.id.in_(chunk))))
        return found

    def add_article(self, article: Article) -> None:
        """Insert an article and its removed boilerplate (inside the caller's transaction).

        An article the schema cannot hold is an ``InputError`` naming its source, so that ingest counts it
        as that input's failure and goes on with the rest of the batch.
        """
        _check_fits(article)
        try:
            with self.atomic() as connection:
                connection.execute(
                    insert(articles).values(
                        id=article.id,
                        url=article.url,
                        outlet=article.outlet,
                        published=article.published,
                        title=article.title,
                        text=article.text,
                        language=article.language,
                        author=article.author,
                        source=article.source,
                        source_kind=article.source_kind,
                        text_hash=article.text_hash,
                        duplicate_of=article.duplicate_of,
                        duplicate_kind=article.duplicate_kind,
                        similarity=article.similarity,
                        ingested_at=datetime.now(UTC),
                    )
                )
                self._insert_removed(connection, article.id, article.removed, start=0)
        except (DataError, OperationalError) as exc:
            if not refuses_value(exc):
                raise
            why = str(exc.orig).splitlines()[0]
            raise InputError(Errors.STORE_REFUSED, source=article.source, why=why) from exc

    def _insert_removed(
        self, connection: Connection, article_id: str, removed: Sequence[RemovedText], *, start: int
    ) -> None:
        if removed:
            connection.execute(
                insert(removed_texts),
                [
                    {
                        "article_id": article_id,
                        "position": start + i,
                        "offset": r.offset,
                        "reason": r.reason,
                        "text": r.text,
                    }
                    for i, r in enumerate(removed)
                ],
            )

    def replace_text(self, article: Article, new_removed: Sequence[RemovedText]) -> None:
        """Store a re-cleaned article's text and append the newly removed pieces."""
        with self.atomic() as connection:
            connection.execute(
                update(articles)
                .where(articles.c.id == article.id)
                .values(text=article.text, text_hash=article.text_hash)
            )
            start = (
                connection.scalar(
                    select(func.count())
                    .select_from(removed_texts)
                    .where(removed_texts.c.article_id == article.id)
                )
                or 0
            )
            self._insert_removed(connection, article.id, new_removed, start=start)

    def _article_from_row(self, row: RowMapping, removed: list[RemovedText]) -> Article:
        return Article(
            id=row["id"],
            title=row["title"],
            text=row["text"],
            url=row["url"],
            outlet=row["outlet"],
            published=_aware(row["published"]),
            language=row["language"],
            author=row["author"],
            source=row["source"],
            source_kind=row["source_kind"],
            removed=removed,
            duplicate_of=row["duplicate_of"],
            duplicate_kind=row["duplicate_kind"],
            similarity=row["similarity"],
        )

    def get_article(self, id_or_prefix: str) -> Article:
        """One article by id or unique id prefix, with its removed boilerplate."""
        if len(id_or_prefix) > ID_CHARS:  # longer than any id: not sent to the database
            raise StoreError(Errors.NO_SUCH_ARTICLE, article_id=id_or_prefix[:ID_SHOWN_CHARS])
        with self.reading() as connection:
            # The whole id first, by primary key: a prefix match (LIKE) scans the table, 5 ms a call at
            # 10k articles against 0.02 ms. Only a shorter id a user typed needs it.
            rows = connection.execute(select(articles).where(articles.c.id == id_or_prefix)).mappings().all()
            if not rows:
                rows = (
                    connection.execute(
                        select(articles)
                        .where(articles.c.id.startswith(id_or_prefix, autoescape=True))
                        .limit(2)
                    )
                    .mappings()
                    .all()
                )
            if not rows:
                raise StoreError(Errors.NO_SUCH_ARTICLE, article_id=id_or_prefix)
            if len(rows) > 1 and rows[0]["id"] != id_or_prefix:
                matching = articles.c.id.startswith(id_or_prefix, autoescape=True)
                count = connection.scalar(select(func.count()).select_from(articles).where(matching)) or 0
                shown = connection.scalars(
                    select(articles.c.id).where(matching).order_by(articles.c.id).limit(CANDIDATES_SHOWN)
                ).all()
                raise StoreError(
                    Errors.AMBIGUOUS_ID,
                    article_id=id_or_prefix,
                    count=count,
                    candidates=candidate_list(shown, count),
                )
            row = rows[0]
            removed = [
                RemovedText(text=r.text, reason=r.reason, offset=r.offset)
                for r in connection.execute(
                    select(removed_texts)
                    .where(removed_texts.c.article_id == row["id"])
                    .order_by(removed_texts.c.position)
                )
            ]
        return self._article_from_row(row, removed)

    def get_articles(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """Articles by their whole ids (removed boilerplate not loaded), in batches of ``bulk.IN_CHUNK``; an
        unknown id is left out."""
        wanted = list(dict.fromkeys(article_ids))
        found: dict[str, Article] = {}
        with self.reading() as connection:
            for chunk in chunks(wanted):
                for row in connection.execute(select(articles).where(articles.c.id.in_(chunk))).mappings():
                    found[row["id"]] = self._article_from_row(row, [])
        return found

    def list_articles(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        outlet: str | None = None,
        since: datetime | None = None,
        newest_first: bool = False,
    ) -> list[Article]:
        """Articles in ingest order, or newest published first (undated last); only those published on or
        after ``since`` where given (removed boilerplate not loaded: see ``get_article``)."""
        order = (
            (articles.c.published.desc().nulls_last(), articles.c.id)
            if newest_first
            else (articles.c.ingested_at, articles.c.id)
        )
        query = select(articles).order_by(*order).offset(offset)
        if outlet is not None:
            query = query.where(articles.c.outlet == outlet)
        if since is not None:
            query = query.where(articles.c.published >= since)
        if limit is not None:
            query = query.limit(limit)
        with self.reading() as connection:
            return [self._article_from_row(row, []) for row in connection.execute(query).mappings()]

    def count_articles(self) -> int:
        """How many articles the store holds."""
        with self.reading() as connection:
            return connection.scalar(select(func.count()).select_from(articles)) or 0

    def published_of(self, article_id: str) -> datetime | None:
        """An article's publication time."""
        with self.reading() as connection:
            return _aware(connection.scalar(select(articles.c.published).where(articles.c.id == article_id)))

    # -- outlet boilerplate lines -------------------------------------------------------------

    def add_outlet_lines(self, outlet: str, article_id: str, keys: Iterable[str]) -> None:
        """Record the short lines an original article of this outlet carries."""
        digests = {line_digest(key) for key in keys}
        rows = [{"outlet": outlet, "line_key": digest, "article_id": article_id} for digest in digests]
        if rows:
            with self.atomic() as connection:
                connection.execute(insert(outlet_lines), rows)

    def outlet_line_articles(self, outlet: str, keys: Iterable[str]) -> dict[str, set[str]]:
        """For each line key, the stored articles of this outlet that carry it."""
        by_digest = {line_digest(key): key for key in keys}
        found: dict[str, set[str]] = {}
        with self.reading() as connection:
            for chunk in chunks(sorted(by_digest)):
                query = select(outlet_lines.c.line_key, outlet_lines.c.article_id).where(
                    outlet_lines.c.outlet == outlet, outlet_lines.c.line_key.in_(chunk)
                )
                for row in connection.execute(query):
                    found.setdefault(by_digest[row.line_key], set()).add(row.article_id)
        return found

    # -- ingest runs --------------------------------------------------------------------------

    def start_run(self, inputs: Sequence[str]) -> int:
        """Record the start of an ingest run; returns its id."""
        with self.atomic() as connection:
            result = connection.execute(
                insert(ingest_runs).values(
                    started_at=datetime.now(UTC), status="running", inputs=list(inputs)
                )
            )
            run_id = result.inserted_primary_key
            assert run_id is not None
            return int(run_id[0])

    def record_outcome(self, run_id: int, outcome: str, failure: Failure) -> None:
        """Store why an input failed or an article was dropped."""
        with self.atomic() as connection:
            connection.execute(
                insert(ingest_outcomes).values(
                    run_id=run_id,
                    outcome=outcome,
                    source=failure.source,
                    code=failure.code,
                    reason=failure.reason,
                )
            )

    def finish_run(self, run_id: int, counts: Mapping[str, int], stages: Mapping[str, Any]) -> None:
        """Record a run's counts and per-stage figures."""
        with self.atomic() as connection:
            connection.execute(
                update(ingest_runs)
                .where(ingest_runs.c.id == run_id)
                .values(
                    finished_at=datetime.now(UTC), status="done", counts=dict(counts), stages=dict(stages)
                )
            )

    def runs(self) -> list[dict[str, Any]]:
        """Every ingest run, newest first."""
        with self.reading() as connection:
            rows = connection.execute(select(ingest_runs).order_by(ingest_runs.c.id.desc())).mappings()
            return [dict(row) for row in rows]

    # -- search -------------------------------------------------------------------------------

    def search_articles(self, query: str, *, limit: int = 20) -> list[str]:
        """Ids of articles matching the words of ``query``, best first (FTS5 on SQLite, tsvector on
        PostgreSQL)."""
        with self.reading() as connection:
            if self.is_sqlite:
                rows = connection.execute(
                    text(sqlite.FTS_SEARCH), {"query": sqlite.fts_query(query), "limit": limit}
                )
                return [row.id for row in rows]
            # PostgreSQL's own full-text search: words in any order, ranked; no index yet (a GIN index
            # over the same expression is the step for large stores). Only the first PG_SEARCH_CHARS
            # are read: a tsvector holds at most 1 MB, and one longer article failed every search.
            searched = func.left(articles.c.title + " " + articles.c.text, PG_SEARCH_CHARS)
            document = func.to_tsvector("simple", searched)
            wanted = func.plainto_tsquery("simple", query)
            rows = connection.execute(
                select(articles.c.id)
                .where(document.op("@@")(wanted))
                .order_by(func.ts_rank(document, wanted).desc(), articles.c.id)
                .limit(limit)
            )
            return [row.id for row in rows]
