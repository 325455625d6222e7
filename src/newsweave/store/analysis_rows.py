"""Reading and writing per-article analysis and resolved entities (used through ``Store.analysis``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, delete, func, insert, select, update

from newsweave.data import Claim, Entity, Event, Mention, Sentence
from newsweave.store.bulk import chunks, insert_rows
from newsweave.store.schema import (
    articles,
    entities,
    entity_aliases,
    entity_keys,
    mentions,
    places,
    quantities,
    sentences,
    time_refs,
)

if TYPE_CHECKING:
    from newsweave.analysis.quantities import Quantity
    from newsweave.analysis.times import TimeRef
    from newsweave.store.connections import Connections


@dataclass(slots=True)
class PlaceRow:
    """A geocoded place mention: the span it was written as and where it resolved."""

    start: int
    end: int
    text: str
    canonical: str
    geonames_id: int | None
    country: str | None
    kind: str
    lat: float | None
    lon: float | None


@dataclass(slots=True)
class ArticleAnalysis:
    """Everything the analysis stage found in one article (offsets into its text)."""

    article_id: str
    language: str | None
    note: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    places: list[PlaceRow] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


@dataclass(slots=True)
class StoryKeys:
    """What story assignment and storylines read of an article's analysis (``load_story_keys``): the
    entities it names with their NER labels, its places, and its resolved times."""

    entities: set[tuple[str, str]] = field(default_factory=set)
    """(entity id, label), once each."""
    places: list[tuple[int | None, str | None]] = field(default_factory=list)
    """(GeoNames id, country code) of each place."""
    times: list[tuple[str, date]] = field(default_factory=list)
    """(granularity, first day) of each time with a resolved start."""


def _span_rows(article_id: str, items: Iterable[Any], fields: Sequence[str]) -> list[dict[str, Any]]:
    return [
        {"article_id": article_id, "idx": i, **{name: getattr(item, name) for name in fields}}
        for i, item in enumerate(items)
    ]


ANALYSIS_TABLES = (sentences, mentions, quantities, time_refs, places)
QUANTITY_FIELDS = ("start", "end", "text", "value", "unit", "kind", "qualifier", "low", "high", "what")
TIME_FIELDS = (
    "start",
    "end",
    "text",
    "begin",
    "end_date",
    "granularity",
    "anchored",
    "relation",
    "approximate",
)
PLACE_FIELDS = ("start", "end", "text", "canonical", "geonames_id", "country", "kind", "lat", "lon")
MENTION_FIELDS = ("start", "end", "text", "label", "sentence", "title", "entity_id")


class AnalysisRows:
    """The analysis tables of one store."""

    def __init__(self, store: Connections) -> None:
        self.store = store

    def pending_ids(self, *, redo: bool = False, limit: int | None = None) -> list[str]:
        """Articles not yet analysed (or all of them with ``redo``), in ingest order."""
        query = select(articles.c.id).order_by(articles.c.ingested_at, articles.c.id)
        if not redo:
            query = query.where(articles.c.analysed_at.is_(None))
        if limit is not None:
            query = query.limit(limit)
        with self.store.reading() as connection:
            return list(connection.scalars(query))

    def save(self, analysis: ArticleAnalysis) -> None:
        """Replace an article's analysis rows and mark it analysed (inside the caller's transaction)."""
        from newsweave.store.claim_rows import replace_claims, replace_events

        article_id = analysis.article_id
        with self.store.atomic() as connection:
            for table in ANALYSIS_TABLES:
                connection.execute(delete(table).where(table.c.article_id == article_id))
            insert_rows(connection, sentences, _span_rows(article_id, analysis.sentences, ("start", "end")))
            insert_rows(connection, mentions, _span_rows(article_id, analysis.mentions, MENTION_FIELDS))
            insert_rows(connection, quantities, _span_rows(article_id, analysis.quantities, QUANTITY_FIELDS))
            insert_rows(connection, time_refs, _span_rows(article_id, analysis.times, TIME_FIELDS))
            insert_rows(connection, places, _span_rows(article_id, analysis.places, PLACE_FIELDS))
            replace_claims(connection, article_id, analysis.claims)
            replace_events(connection, article_id, analysis.events)
            connection.execute(
                update(articles)
                .where(articles.c.id == article_id)
                .values(
                    analysed_at=datetime.now(UTC), language=analysis.language, analysis_note=analysis.note
                )
            )

    def load(self, article_id: str) -> ArticleAnalysis:
        """An article's stored analysis."""
        from newsweave.analysis.quantities import Quantity
        from newsweave.analysis.times import TimeRef
        from newsweave.store.claim_rows import load_claims, load_events

        with self.store.reading() as connection:
            row = connection.execute(
                select(articles.c.language, articles.c.analysis_note).where(articles.c.id == article_id)
            ).one()

            def rows(table: Table) -> list[dict[str, Any]]:
                query = select(table).where(table.c.article_id == article_id).order_by(table.c.idx)
                return [
                    {k: v for k, v in r.items() if k not in ("article_id", "idx")}
                    for r in connection.execute(query).mappings()
                ]

            return ArticleAnalysis(
                article_id=article_id,
                language=row.language,
                note=row.analysis_note,
                sentences=[Sentence(**r) for r in rows(sentences)],
                mentions=[Mention(**r) for r in rows(mentions)],
                quantities=[Quantity(**r) for r in rows(quantities)],
                times=[TimeRef(**r) for r in rows(time_refs)],
                places=[PlaceRow(**r) for r in rows(places)],
                claims=load_claims(connection, [article_id]),
                events=load_events(connection, [article_id]),
            )

    def load_story_inputs(self, article_ids: Iterable[str]) -> dict[str, ArticleAnalysis]:
        """What story assignment reads of many articles' analyses: their mentions, times and places
        (sentences, quantities, claims and events left empty), a few queries per ``bulk.IN_CHUNK`` articles
        rather than ``load``'s eight per article."""
        from newsweave.analysis.times import TimeRef

        wanted = list(dict.fromkeys(article_ids))
        found = {article_id: ArticleAnalysis(article_id=article_id, language=None) for article_id in wanted}
        with self.store.reading() as connection:
            for chunk in chunks(wanted):
                parts: tuple[tuple[Table, str, Callable[..., Any]], ...] = (
                    (mentions, "mentions", Mention),
                    (time_refs, "times", TimeRef),
                    (places, "places", PlaceRow),
                )
                for table, attribute, make in parts:
                    # Plain tuples and the column names once: a story batch reads 10^5 rows here, and
                    # building a mapping per row was most of the time (2.2 s at 10k stored articles).
                    columns = [column for column in table.c if column.name not in ("article_id", "idx")]
                    names = [column.name for column in columns]
                    query = (
                        select(table.c.article_id, *columns)
                        .where(table.c.article_id.in_(chunk))
                        .order_by(table.c.article_id, table.c.idx)
                    )
                    for article_id, *values in connection.execute(query):
                        item = make(**dict(zip(names, values, strict=True)))
                        getattr(found[article_id], attribute).append(item)
        return found

    def load_story_keys(self, article_ids: Iterable[str]) -> dict[str, StoryKeys]:
        """Each article's ``StoryKeys``, three queries per ``bulk.IN_CHUNK`` articles.

        Only the columns and rows stories use (resolved mentions once per entity and label, times with
        a start): a batch restores thousands of stored articles, and reading their whole mention rows
        (``load_story_inputs``) was the largest part of a batch's story step in a large store.
        """
        wanted = list(dict.fromkeys(article_ids))
        found = {article_id: StoryKeys() for article_id in wanted}
        with self.store.reading() as connection:
            for chunk in chunks(wanted):
                named = (
                    select(mentions.c.article_id, mentions.c.entity_id, mentions.c.label)
                    .where(mentions.c.article_id.in_(chunk), mentions.c.entity_id.is_not(None))
                    .distinct()
                )
                for article_id, entity_id, label in connection.execute(named):
                    found[article_id].entities.add((entity_id, label))
                located = (
                    select(places.c.article_id, places.c.geonames_id, places.c.country)
                    .where(places.c.article_id.in_(chunk))
                    .order_by(places.c.article_id, places.c.idx)
                )
                for article_id, geonames_id, country in connection.execute(located):
                    found[article_id].places.append((geonames_id, country))
                dated = (
                    select(time_refs.c.article_id, time_refs.c.granularity, time_refs.c.begin)
                    .where(time_refs.c.article_id.in_(chunk), time_refs.c.begin.is_not(None))
                    .order_by(time_refs.c.article_id, time_refs.c.idx)
                )
                for article_id, granularity, begin in connection.execute(dated):
                    found[article_id].times.append((granularity, begin))
        return found

    # -- entities -----------------------------------------------------------------------------

    def entities_named(self, name: str) -> list[Entity]:
        """Entities whose id is ``name``, or with ``name`` as their name or one of their spellings
        (case-insensitive), most mentioned first."""
        folded = name.strip().lower()
        with self.store.reading() as connection:
            ids = set(connection.scalars(select(entities.c.id).where(entities.c.id == name.strip())))
            ids |= set(connection.scalars(select(entities.c.id).where(func.lower(entities.c.name) == folded)))
            ids |= set(
                connection.scalars(
                    select(entity_aliases.c.entity_id).where(func.lower(entity_aliases.c.alias) == folded)
                )
            )
        return sorted(self.load_entities(ids), key=lambda entity: (-entity.mention_count, entity.id))

    def load_entities(self, ids: Iterable[str] | None = None) -> list[Entity]:
        """Entities with their aliases (all of them, or those with the given ids)."""
        if ids is None:
            parts = [(select(entities), select(entity_aliases))]
        else:
            wanted = list(dict.fromkeys(ids))
            parts = [
                (
                    select(entities).where(entities.c.id.in_(chunk)),
                    select(entity_aliases).where(entity_aliases.c.entity_id.in_(chunk)),
                )
                for chunk in chunks(wanted)
            ]
        found: dict[str, Entity] = {}
        with self.store.reading() as connection:
            for query, alias_query in parts:
                for row in connection.execute(query):
                    found[row.id] = Entity(
                        id=row.id,
                        name=row.name,
                        type=row.type,
                        country=row.country,
                        mention_count=row.mention_count,
                    )
                for row in connection.execute(alias_query):
                    if row.entity_id in found:
                        found[row.entity_id].aliases.setdefault(row.alias, set()).add(row.article_id)
        return sorted(found.values(), key=lambda entity: entity.id)

    def clear_entities(self) -> None:
        """Forget every resolved entity (before a full re-analysis rebuilds them)."""
        with self.store.atomic() as connection:
            connection.execute(update(mentions).values(entity_id=None))
            connection.execute(delete(entity_keys))
            connection.execute(delete(entity_aliases))
            connection.execute(delete(entities))

    def save_entities(
        self,
        changed: Iterable[Entity],
        keys_of: Callable[[Entity], Iterable[str]],
        *,
        added: Mapping[str, set[tuple[str, str]]] | None = None,
    ) -> None:
        """Write created or changed entities with their aliases and their blocking keys (``keys_of``: the
        resolver's keys of an entity, stored for :meth:`entity_ids_for_keys`).

        ``added``: entity id -> the (alias, article) pairs it gained since it was read or last saved;
        then only those alias rows (and keys not yet stored) are written, and an entity named by many
        articles costs what it gained, not every row it has. Without it every alias row is rewritten.
        """
        with self.store.atomic() as connection:
            for entity in changed:
                values = {
                    "name": entity.name,
                    "type": entity.type,
                    "country": entity.country,
                    "mention_count": entity.mention_count,
                }
                # Update in place: deleting the row would null the mentions that point at it.
                updated = connection.execute(
                    update(entities).where(entities.c.id == entity.id).values(**values)
                )
                if updated.rowcount == 0:
                    connection.execute(insert(entities).values(id=entity.id, **values))
                if added is not None:
                    pairs = sorted(added.get(entity.id, ()))
                    stored = select(entity_keys.c.key).where(entity_keys.c.entity_id == entity.id)
                    keys = set(keys_of(entity)) - set(connection.execute(stored).scalars())
                else:
                    pairs = [(alias, a) for alias, ids in sorted(entity.aliases.items()) for a in sorted(ids)]
                    connection.execute(delete(entity_aliases).where(entity_aliases.c.entity_id == entity.id))
                    connection.execute(delete(entity_keys).where(entity_keys.c.entity_id == entity.id))
                    keys = set(keys_of(entity))
                alias_rows = [{"entity_id": entity.id, "alias": alias, "article_id": a} for alias, a in pairs]
                insert_rows(connection, entity_aliases, alias_rows)
                _write_keys(connection, entity.id, keys)

    def entity_ids_for_keys(self, keys: Iterable[str]) -> set[str]:
        """Ids of the stored entities that have any of the blocking ``keys``."""
        found: set[str] = set()
        with self.store.reading() as connection:
            for chunk in chunks(sorted(set(keys))):
                query = select(entity_keys.c.entity_id).where(entity_keys.c.key.in_(chunk))
                found.update(connection.execute(query).scalars())
        return found

    def has_key_prefix(self, prefix: str) -> bool:
        """Whether any stored blocking key starts with ``prefix``. A LIKE, not a range on the key:
        PostgreSQL's default collations do not order punctuation byte by byte."""
        query = (
            select(entity_keys.c.key).where(entity_keys.c.key.startswith(prefix, autoescape=True)).limit(1)
        )
        with self.store.reading() as connection:
            return connection.execute(query).first() is not None

    def languages(self, article_ids: Iterable[str]) -> dict[str, str | None]:
        """Each article's detected language (None before analysis)."""
        found: dict[str, str | None] = {}
        with self.store.reading() as connection:
            for chunk in chunks(sorted(set(article_ids))):
                query = select(articles.c.id, articles.c.language).where(articles.c.id.in_(chunk))
                found.update({article_id: language for article_id, language in connection.execute(query)})
        return found

    def stored_entity_ids(self, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` that name a stored entity."""
        found: set[str] = set()
        with self.store.reading() as connection:
            for chunk in chunks(sorted(set(ids))):
                found.update(
                    connection.execute(select(entities.c.id).where(entities.c.id.in_(chunk))).scalars()
                )
        return found

    def entity_keys_missing(self) -> bool:
        """Whether entities are stored without blocking keys (a store from before they were kept)."""
        with self.store.reading() as connection:
            has_entities = connection.execute(select(entities.c.id).limit(1)).first() is not None
            has_keys = connection.execute(select(entity_keys.c.key).limit(1)).first() is not None
        return has_entities and not has_keys

    def replace_entity_keys(self, keys: Mapping[str, Iterable[str]]) -> None:
        """Store every entity's blocking keys anew (entity id -> keys)."""
        with self.store.atomic() as connection:
            connection.execute(delete(entity_keys))
            for entity_id, entity_keys_of in keys.items():
                _write_keys(connection, entity_id, entity_keys_of)


def _write_keys(connection: Connection, entity_id: str, keys: Iterable[str]) -> None:
    insert_rows(connection, entity_keys, [{"key": key, "entity_id": entity_id} for key in sorted(set(keys))])
