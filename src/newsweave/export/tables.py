"""The tables ``newsweave export`` writes: one fixed Arrow schema each, and their rows read from a store.

Every table is built as an Arrow table with the schema below, whatever the output format, so a
Parquet file, a JSON Lines file and a CSV file of one table carry the same columns, and an empty
table has them too. Codes (CAMEO, ISO-3, ids) are strings, times are UTC timestamps, days are dates,
and lists are Arrow lists; CSV has no lists, so each list column is written as a side table with one
row per item instead (``SIDE_TABLES``). ``docs/schema.md`` documents every column; a test checks it
against these schemas.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import pyarrow as pa
from sqlalchemy import String, select, type_coerce

from newsweave.store.schema import articles, briefs, story_articles

if TYPE_CHECKING:
    from newsweave.store import Store

_TIME = pa.timestamp("us", tz="UTC")
_TIME_COLUMNS = ("published", "ingested_at", "analysed_at")
_SOURCE = pa.struct([("article_id", pa.string()), ("outlet", pa.string()), ("quote", pa.string())])

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("id", pa.string()),
            ("title", pa.string()),
            ("outlet", pa.string()),
            ("published", _TIME),
            ("url", pa.string()),
            ("author", pa.string()),
            ("language", pa.string()),
            ("source", pa.string()),
            ("source_kind", pa.string()),
            ("duplicate_of", pa.string()),
            ("duplicate_kind", pa.string()),
            ("similarity", pa.float64()),
            ("story_id", pa.string()),
            ("ingested_at", _TIME),
            ("analysed_at", _TIME),
            ("analysis_note", pa.string()),
            ("text", pa.string()),
        ]
    ),
    "stories": pa.schema(
        [
            ("id", pa.string()),
            ("title", pa.string()),
            ("first_seen", _TIME),
            ("last_seen", _TIME),
            ("storyline_id", pa.string()),
            ("storyline_title", pa.string()),
            ("report_count", pa.int32()),
            ("outlet_count", pa.int32()),
            ("article_ids", pa.list_(pa.string())),
            ("outlets", pa.list_(pa.string())),
        ]
    ),
    "entities": pa.schema(
        [
            ("id", pa.string()),
            ("name", pa.string()),
            ("type", pa.string()),
            ("country", pa.string()),
            ("mention_count", pa.int64()),
            ("article_count", pa.int32()),
            (
                "aliases",
                pa.list_(pa.struct([("alias", pa.string()), ("article_ids", pa.list_(pa.string()))])),
            ),
        ]
    ),
    "facts": pa.schema(
        [
            ("story_id", pa.string()),
            ("idx", pa.int32()),
            ("rank", pa.int32()),
            ("shown", pa.bool_()),
            ("status", pa.string()),
            ("text", pa.string()),
            ("slot", pa.string()),
            ("note", pa.string()),
            ("article_count", pa.int32()),
            ("outlet_count", pa.int32()),
            ("first_published", _TIME),
            ("last_published", _TIME),
            ("sources", pa.list_(_SOURCE)),
            (
                "values",
                pa.list_(
                    pa.struct(
                        [
                            ("article_id", pa.string()),
                            ("value", pa.string()),
                            ("unit", pa.string()),
                            ("kind", pa.string()),
                            ("text", pa.string()),
                        ]
                    )
                ),
            ),
        ]
    ),
    "discrepancies": pa.schema(
        [
            ("story_id", pa.string()),
            ("idx", pa.int32()),
            ("kind", pa.string()),
            ("about", pa.string()),
            ("soft", pa.bool_()),
            ("entity_id", pa.string()),
            ("explanation", pa.string()),
            (
                "claims",
                pa.list_(
                    pa.struct(
                        [
                            ("article_id", pa.string()),
                            ("outlet", pa.string()),
                            ("quote", pa.string()),
                            ("value", pa.string()),
                        ]
                    )
                ),
            ),
        ]
    ),
    "events": pa.schema(
        [
            ("id", pa.string()),
            ("story_id", pa.string()),
            ("date", pa.date32()),
            ("date_from_published", pa.bool_()),
            ("category", pa.string()),
            ("mode", pa.string()),
            ("cameo", pa.string()),
            ("goldstein", pa.float64()),
            ("quad_class", pa.string()),
            ("reciprocal", pa.bool_()),
            ("confidence", pa.float64()),
            ("source_name", pa.string()),
            ("source_country", pa.string()),
            ("source_sector", pa.string()),
            ("target_name", pa.string()),
            ("target_country", pa.string()),
            ("target_sector", pa.string()),
            ("place_name", pa.string()),
            ("place_country", pa.string()),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
            ("article_id", pa.string()),
            ("quote", pa.string()),
            ("sources", pa.list_(pa.struct([("article_id", pa.string()), ("quote", pa.string())]))),
        ]
    ),
    "relations": pa.schema(
        [
            ("country_a", pa.string()),
            ("country_b", pa.string()),
            ("period_start", pa.date32()),
            ("events", pa.int32()),
            ("goldstein", pa.float64()),
            ("cooperation", pa.int32()),
            ("conflict", pa.int32()),
            ("a_to_b", pa.float64()),
            ("b_to_a", pa.float64()),
        ]
    ),
}

# CSV side tables: for each list column, the table its items go to, one row per item, keyed by the
# parent's key columns and the item's position ``idx`` (a list of plain values gives one column named
# in the singular: ``article_ids`` -> ``article_id``).
SIDE_TABLES: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    "stories": {
        "article_ids": ("story_articles", ("story_id",)),
        "outlets": ("story_outlets", ("story_id",)),
    },
    "entities": {"aliases": ("entity_aliases", ("entity_id",))},
    "facts": {
        "sources": ("fact_sources", ("story_id", "fact_idx")),
        "values": ("fact_values", ("story_id", "fact_idx")),
    },
    "discrepancies": {"claims": ("discrepancy_claims", ("story_id", "discrepancy_idx"))},
    "events": {"sources": ("event_sources", ("event_id",))},
}
# The parent's columns each side table's key columns copy.
PARENT_KEYS: dict[str, tuple[str, ...]] = {
    "stories": ("id",),
    "entities": ("id",),
    "facts": ("story_id", "idx"),
    "discrepancies": ("story_id", "idx"),
    "events": ("id",),
}


def _time(value: Any) -> datetime | None:
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def article_columns(store: Store) -> dict[str, list[Any]]:
    """Every stored article, in ingest order, with its story: one list per column.

    Read as tuples in one joined query and handed to Arrow column by column: the table can hold
    hundreds of thousands of rows (``benchmarks/export_speed.py``).
    """
    names = SCHEMAS["articles"].names
    columns: list[Any] = [
        story_articles.c.story_id if name == "story_id" else articles.c[name] for name in names
    ]
    if store.is_sqlite:
        # SQLite keeps times as text: Arrow parses a column of them at once, where SQLAlchemy would
        # make a datetime of each (most of the read at 100k articles).
        columns = [
            type_coerce(c, String) if name in _TIME_COLUMNS else c
            for name, c in zip(names, columns, strict=True)
        ]
    query = (
        select(*columns)
        .select_from(articles.outerjoin(story_articles, story_articles.c.article_id == articles.c.id))
        .order_by(articles.c.ingested_at, articles.c.id)
    )
    with store.reading() as connection:
        rows = connection.execute(query).all()
    values = list(zip(*rows, strict=True)) if rows else [() for _ in names]
    return {name: list(column) for name, column in zip(names, values, strict=True)}


def story_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Every story, most recently seen first, with its storyline."""
    titles = {storyline_id: title for storyline_id, (title, _members) in store.stories.storylines().items()}
    for story in store.stories.records():
        yield {
            "id": story.id,
            "title": story.title,
            "first_seen": _time(story.first_seen),
            "last_seen": _time(story.last_seen),
            "storyline_id": story.storyline,
            "storyline_title": titles.get(story.storyline or ""),
            "report_count": sum(1 for article in story.articles if not article.duplicate_of),
            "outlet_count": len(story.outlets),
            "article_ids": [article.id for article in story.articles],
            "outlets": story.outlets,
        }


def entity_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Every resolved entity, most mentioned first, with its spellings and the articles using each."""
    found = sorted(store.analysis.load_entities(), key=lambda entity: (-entity.mention_count, entity.id))
    for entity in found:
        yield {
            "id": entity.id,
            "name": entity.name,
            "type": entity.type,
            "country": entity.country,
            "mention_count": entity.mention_count,
            "article_count": len(entity.articles()),
            "aliases": [
                {"alias": alias, "article_ids": sorted(ids)} for alias, ids in sorted(entity.aliases.items())
            ],
        }


def _saved_briefs(store: Store) -> Iterator[tuple[str, dict[str, Any]]]:
    with store.reading() as connection:
        rows = connection.execute(select(briefs.c.story_id, briefs.c.body).order_by(briefs.c.story_id))
        for row in rows:
            yield row.story_id, json.loads(row.body)


def fact_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Every fact of every saved brief (see ``store.brief_rows``), by story and the brief's order."""
    from newsweave.store.brief_rows import FactQuery, value_rows

    by_key = {(row["story_id"], row["idx"]): row for row in store.briefs.facts(FactQuery())}
    for story_id, brief in _saved_briefs(store):
        for index, fact in enumerate(brief.get("facts") or []):
            saved = by_key[(story_id, index)]
            yield {
                **{name: saved[name] for name in SCHEMAS["facts"].names if name in saved},
                "first_published": _time(saved["first_published"]),
                "last_published": _time(saved["last_published"]),
                "values": value_rows(fact),
            }


def discrepancy_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Every discrepancy (value and naming) of every saved brief, with the claims it sets apart."""
    from newsweave.store.brief_rows import discrepancy_row

    for story_id, brief in _saved_briefs(store):
        outlets = {item["id"]: item.get("outlet") for item in (brief.get("story") or {}).get("articles", [])}
        for index, found in enumerate(brief.get("discrepancies") or []):
            yield {
                **discrepancy_row(story_id, index, found),
                "claims": [
                    {
                        "article_id": claim["article_id"],
                        "outlet": outlets.get(claim["article_id"]),
                        "quote": claim["quote"],
                        "value": str(claim["value"]),
                    }
                    for claim in found.get("claims") or []
                ],
            }


def _actor_columns(prefix: str, actor: dict[str, Any] | None) -> dict[str, Any]:
    actor = actor or {}
    return {f"{prefix}_{key}": actor.get(key) for key in ("name", "country", "sector")}


def event_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Every event (one per real-world event of each story), by date."""
    from newsweave.events.query import list_events

    for event in list_events(store):
        place = event.get("place") or {}
        yield {
            **{name: event.get(name) for name in SCHEMAS["events"].names if name in event},
            "date": _day(event.get("date")),
            **_actor_columns("source", event.get("source")),
            **_actor_columns("target", event.get("target")),
            "place_name": place.get("name"),
            "place_country": place.get("country"),
            "lat": place.get("lat"),
            "lon": place.get("lon"),
            "sources": [{"article_id": s["article_id"], "quote": s["quote"]} for s in event["sources"]],
        }


def relation_rows(store: Store) -> Iterator[dict[str, Any]]:
    """The daily series of every pair of countries with events between them (``newsweave relations``)."""
    from newsweave.events.relations import all_relations

    for pair in all_relations(store, "day"):
        a, b = pair["countries"]
        for row in pair["series"]:
            yield {"country_a": a, "country_b": b, **row, "period_start": _day(row["period_start"])}


ROWS: dict[str, Callable[[Store], Iterator[dict[str, Any]]]] = {
    "stories": story_rows,
    "entities": entity_rows,
    "facts": fact_rows,
    "discrepancies": discrepancy_rows,
    "events": event_rows,
    "relations": relation_rows,
}


def _arrow_column(values: list[Any], data_type: pa.DataType) -> pa.Array:
    if pa.types.is_timestamp(data_type) and any(isinstance(value, str) for value in values):
        # SQLite's "2026-01-14 00:00:00.000000", naive and in UTC (see ``store.store._aware``).
        return pa.array(values, pa.string()).cast(pa.timestamp("us")).cast(data_type)
    return pa.array(values, data_type)


def read_table(store: Store, name: str) -> pa.Table:
    """One export table of the store as an Arrow table with its fixed schema."""
    schema = SCHEMAS[name]
    if name == "articles":
        # Times come back naive from SQLite (stored in UTC) and aware from PostgreSQL: Arrow reads
        # both as UTC.
        columns = article_columns(store)
        return pa.table([_arrow_column(columns[f.name], f.type) for f in schema], schema=schema)
    rows = [{column: row.get(column) for column in schema.names} for row in ROWS[name](store)]
    return pa.Table.from_pylist(rows, schema=schema)
