"""The library API: ``newsweave.open(db)`` and what it gives, for notebooks and scripts.

    >>> import newsweave
    >>> with newsweave.open("news.db") as news:
    ...     for story in news.stories(limit=5):
    ...         brief = story.brief()
    ...     facts = news.to_pandas("facts")

Each method calls the same library functions as the command of the same name (`newsweave stories`,
`brief`, `facts`, `events`, `relations`, `entities`, `search`, `export`), so both give the same
answers. Lists come back as the project's data objects or the JSON shapes of DESIGN.md; ``table``
and ``to_pandas`` give any export table (docs/schema.md) as Arrow or pandas.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsweave.config import Config, load_config
from newsweave.data import Article, Entity
from newsweave.errors import Errors, StoreError
from newsweave.store import Store, open_store
from newsweave.store.brief_rows import FactQuery
from newsweave.store.story_rows import StoryRecord

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped]
    import pyarrow as pa

    from newsweave.export import ExportReport


@dataclass(frozen=True, slots=True)
class FactFilters:
    """Which facts ``find_facts`` returns; None selects everything."""

    status: str | None = None  # corroborated, single_source or disputed
    since: datetime | None = None  # reported on or after
    until: datetime | None = None  # reported on or before
    story: str | None = None  # a story id or unique prefix
    entity: str | None = None  # an entity id, name or spelling: facts that name it
    outlet: str | None = None  # facts this outlet states
    words: str | None = None  # every word in the fact's text or one of its quotes
    shown_only: bool = False  # only the facts the default brief lists
    limit: int | None = None


def find_facts(
    store: Store,
    filters: FactFilters,
    config: Config | None = None,
    *,
    on_story: Callable[[int], None] | None = None,
) -> list[dict[str, Any]]:
    """Facts of the saved briefs matching ``filters``, newest first, each with its sources; briefs
    missing or out of date are built first (of the one story when ``filters.story`` names it)."""
    from newsweave.brief.saved import refresh_briefs

    story_ids = [store.stories.find(filters.story).id] if filters.story else None
    refresh_briefs(store, config, story_ids=story_ids, on_story=on_story)
    names: list[str] | None = None
    article_ids: set[str] | None = None
    if filters.entity:
        named = store.analysis.entities_named(filters.entity)
        if not named:
            raise StoreError(Errors.NO_SUCH_ENTITY, entity=filters.entity)
        names = sorted({spelling for entity in named for spelling in (entity.name, *entity.aliases)})
        article_ids = {article_id for entity in named for article_id in entity.articles()}
    if filters.outlet:
        by_outlet = {article.id for article in store.list_articles(outlet=filters.outlet)}
        article_ids = by_outlet if article_ids is None else article_ids & by_outlet
    query = FactQuery(
        status=filters.status,
        since=filters.since,
        until=filters.until,
        story_ids=story_ids,
        article_ids=sorted(article_ids) if article_ids is not None else None,
        words=filters.words.split() if filters.words else None,
        names=names,
        shown_only=filters.shown_only,
        limit=filters.limit,
    )
    return store.briefs.facts(query)


class Story:
    """One story of an open store: its record (id, title, articles, dates, storyline) and its brief."""

    def __init__(self, news: Newsweave, record: StoryRecord) -> None:
        self._news = news
        self.record = record

    id = property(lambda self: self.record.id, doc="The story's id.")
    title = property(lambda self: self.record.title, doc="The story's title.")
    articles = property(lambda self: self.record.articles, doc="Its articles, oldest first.")
    outlets = property(lambda self: self.record.outlets, doc="The outlets that reported it.")
    first_seen = property(lambda self: self.record.first_seen, doc="When it was first reported.")
    last_seen = property(lambda self: self.record.last_seen, doc="When it was last reported.")

    def __repr__(self) -> str:
        return f"Story({self.id!r}, {self.title!r}, {len(self.articles)} articles)"

    def brief(self, *, all_facts: bool = False) -> dict[str, Any]:
        """The brief (DESIGN.md §4): every disputed fact and the most salient others, or every fact."""
        from newsweave.brief.saved import saved_brief
        from newsweave.brief.view import limit_facts

        whole = saved_brief(self._news.store, self.id, self._news.config)
        return whole if all_facts else limit_facts(whole, self._news.config.brief.max_facts)

    def render(self, output_format: str = "md", *, all_facts: bool = False) -> str:
        """The brief as Markdown (``md``), a standalone HTML page (``html``) or JSON text."""
        from newsweave.brief import render_brief

        return render_brief(self._news.store, self.brief(all_facts=all_facts), output_format)

    def facts(self, **filters: Any) -> list[dict[str, Any]]:
        """This story's facts (``Newsweave.facts``' filters apply)."""
        return self._news.facts(story=self.id, **filters)

    def events(self) -> list[dict[str, Any]]:
        """This story's events (``Newsweave.events``)."""
        return self._news.events(story=self.id)


class Newsweave:
    """An open newsweave store. Use as a context manager, or call ``close``."""

    def __init__(self, store: Store, config: Config) -> None:
        self.store = store
        self.config = config

    def __enter__(self) -> Newsweave:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the store's connections."""
        self.store.close()

    # -- reading ------------------------------------------------------------------------------

    def stories(self, *, limit: int | None = None, since: datetime | None = None) -> list[Story]:
        """Stories, most recently seen first (as `newsweave stories`)."""
        return [Story(self, record) for record in self.store.stories.records(limit=limit, since=since)]

    def story(self, story_id: str) -> Story:
        """One story by id or unique id prefix (E305/E306 otherwise)."""
        return Story(self, self.store.stories.find(story_id))

    def articles(
        self, *, limit: int | None = None, outlet: str | None = None, since: datetime | None = None
    ) -> list[Article]:
        """Articles, newest first (as `newsweave articles`)."""
        return self.store.list_articles(limit=limit, outlet=outlet, since=since, newest_first=True)

    def article(self, article_id: str) -> Article:
        """One article by id or unique id prefix, with its removed boilerplate."""
        return self.store.get_article(article_id)

    def entities(
        self, *, name: str | None = None, type: str | None = None, limit: int | None = None
    ) -> list[Entity]:
        """Resolved entities, most mentioned first; ``name``: those with it as name or a spelling."""
        found = (
            self.store.analysis.entities_named(name)
            if name is not None
            else sorted(self.store.analysis.load_entities(), key=lambda e: (-e.mention_count, e.name))
        )
        if type is not None:
            found = [entity for entity in found if entity.type == type.upper()]
        return found[:limit] if limit is not None else found

    def facts(
        self,
        *,
        status: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        story: str | None = None,
        entity: str | None = None,
        outlet: str | None = None,
        words: str | None = None,
        all_facts: bool = True,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Facts across every story's brief, newest first (as `newsweave facts`, but every fact unless
        ``all_facts`` is false)."""
        filters = FactFilters(
            status, since, until, story, entity, outlet, words, shown_only=not all_facts, limit=limit
        )
        return find_facts(self.store, filters, self.config)

    def events(
        self, *, story: str | None = None, actor: str | None = None, since: date | None = None
    ) -> list[dict[str, Any]]:
        """PLOVER-coded events, one per real-world event of each story (as `newsweave events`)."""
        from newsweave.events.query import list_events

        return list_events(self.store, story_id=story, actor=actor, since=since)

    def relations(self, a: str, b: str, *, period: str = "day") -> dict[str, Any]:
        """Events between two countries (ISO-3) and their Goldstein sum per day or week."""
        from newsweave.events.relations import relations

        return relations(self.store, a, b, "week" if period == "week" else "day")

    def search(self, query: str, *, semantic: bool = False, limit: int = 20) -> list[dict[str, Any]]:
        """Articles matching ``query``, best first, each with its story (as `newsweave search`)."""
        from newsweave.web.search import Searcher

        hits = Searcher(self.store, self.config).search(
            query, mode="semantic" if semantic else "text", limit=limit
        )
        return [hit.as_json() for hit in hits]

    # -- tables -------------------------------------------------------------------------------

    def table(self, name: str) -> pa.Table:
        """An export table (articles, stories, entities, facts, discrepancies, events, relations) as
        Arrow, with the columns and types of docs/schema.md; briefs are brought up to date first."""
        from newsweave.brief.saved import refresh_briefs
        from newsweave.export import BRIEF_TABLES, TABLES
        from newsweave.export.tables import read_table

        if name not in TABLES:
            raise ValueError(f"unknown table {name!r}; choose from {', '.join(TABLES)}")
        if name in BRIEF_TABLES:
            refresh_briefs(self.store, self.config)
        return read_table(self.store, name)

    def to_pandas(self, name: str) -> pd.DataFrame:
        """An export table as a pandas DataFrame (pandas must be installed)."""
        return self.table(name).to_pandas()

    def export(
        self, folder: str | Path, tables: Sequence[str] | None = None, *, format: str = "parquet"
    ) -> ExportReport:
        """Write tables (default: all) into ``folder`` as ``parquet``, ``csv`` or ``jsonl``."""
        from newsweave.export import TABLES, export_tables

        return export_tables(self.store, tables or TABLES, format, Path(folder), self.config)

    # -- writing ------------------------------------------------------------------------------

    def ingest(
        self, inputs: Sequence[str | Path], *, outlet: str | None = None, published: datetime | None = None
    ) -> dict[str, Any]:
        """Read files, folders, feeds and URLs into the store, analyse them and assign stories (as
        `newsweave ingest`; ``outlet`` and ``published`` fill in what an input lacks); returns the
        counts and failures."""
        from newsweave.analysis.stage import analyse_store
        from newsweave.ingest.stage import ingest_inputs
        from newsweave.readers import expand_inputs
        from newsweave.readers.base import ReadOptions
        from newsweave.stories.stage import assign_stories

        options = ReadOptions(
            outlet=outlet, published=published, ingest=self.config.ingest, fetch=self.config.fetch
        )
        report = ingest_inputs(expand_inputs([str(i) for i in inputs]), self.store, options, self.config)
        analysis = analyse_store(self.store, self.config)
        stories = assign_stories(self.store, self.config)
        return {**report.as_dict(), "analysis": analysis.as_dict(), "stories": stories.as_dict()}


def open_news(
    db: str | Path | None = None, *, config: Config | str | Path | None = None, create: bool = False
) -> Newsweave:
    """Open a store (a SQLite path or a ``postgresql://`` URL; default as the CLI's ``--db``).

    ``config`` is a ``Config`` or a TOML file laid over the defaults. A SQLite file that is not there
    is an error (E309) unless ``create`` is true (to ``ingest`` into a new store).
    """
    settings = config if isinstance(config, Config) else load_config(config)
    store = open_store(str(db) if db is not None else None, default=settings.store.default_db, create=create)
    return Newsweave(store, settings)
