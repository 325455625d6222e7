"""Briefs kept in the store (used through ``Store.briefs``): each story's last built brief, and its facts
and discrepancies as rows that SQL, ``newsweave facts`` and ``newsweave export`` read.

The brief is built by ``newsweave.brief``; this module only turns its JSON shape (DESIGN.md §4) into
rows and back, and says which stories' saved briefs are out of date.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, delete, exists, or_, select, true
from sqlalchemy.exc import SQLAlchemyError

from newsweave.errors import Errors, StoreError
from newsweave.store.bulk import chunks, insert_rows
from newsweave.store.schema import (
    briefs,
    discrepancies,
    discrepancy_claims,
    fact_sources,
    fact_values,
    facts,
    stories,
)

if TYPE_CHECKING:
    from newsweave.store.connections import Connections

# The tables a saved brief fills, children first (the order rows are deleted in).
BRIEF_TABLES = (discrepancy_claims, discrepancies, fact_values, fact_sources, facts, briefs)


@dataclass(frozen=True, slots=True)
class FactQuery:
    """What ``BriefRows.facts`` selects; every field left None selects everything."""

    status: str | None = None
    since: datetime | None = None  # a source published on or after
    until: datetime | None = None  # a source published on or before
    story_ids: Sequence[str] | None = None
    article_ids: Sequence[str] | None = None  # facts stated (or quoted) by one of these articles
    words: Sequence[str] | None = None  # every word in the fact's text or one of its quotes
    names: Sequence[str] | None = None  # one of these names in the fact's text or one of its quotes
    shown_only: bool = False  # only the facts the default brief lists
    limit: int | None = None


def _parse_time(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


# The rows of each brief table, by table name.
Rows = dict[str, list[dict[str, Any]]]


def value_rows(fact: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A brief fact's values, one row per value and article that gives it (its first wording)."""
    return [
        {
            "article_id": article_id,
            "value": str(value["value"]),
            "unit": value.get("unit") or None,
            "kind": value.get("kind"),
            "text": (value.get("texts") or [None])[0],
        }
        for value in fact.get("values") or []
        for article_id in value.get("article_ids") or []
    ]


def brief_rows(
    story_id: str, brief: Mapping[str, Any], shown: Iterable[int]
) -> dict[str, list[dict[str, Any]]]:
    """The rows of each brief table for one whole brief; ``shown`` are the indexes of the facts the
    default brief lists."""
    listed = set(shown)
    members = (brief.get("story") or {}).get("articles") or []
    published = {item["id"]: _parse_time(item.get("published")) for item in members}
    outlet = {item["id"]: item.get("outlet") for item in members}
    rows: Rows = {table.name: [] for table in BRIEF_TABLES}
    for index, fact in enumerate(brief.get("facts") or []):
        _add_fact(rows, story_id, index, fact, index in listed, published, outlet)
    for index, found in enumerate(brief.get("discrepancies") or []):
        _add_discrepancy(rows, story_id, index, found, outlet)
    return rows


def _add_fact(
    rows: Rows,
    story_id: str,
    index: int,
    fact: Mapping[str, Any],
    shown: bool,
    published: Mapping[str, datetime | None],
    outlet: Mapping[str, str | None],
) -> None:
    """A fact's row, its sources' and its values'."""
    article_ids = list(dict.fromkeys(source["article_id"] for source in fact.get("sources") or []))
    dates = [day for day in (published.get(article_id) for article_id in article_ids) if day is not None]
    rows["facts"].append(
        {
            "story_id": story_id,
            "idx": index,
            "rank": int(fact.get("rank", index)),
            "shown": shown,
            "status": fact["status"],
            "text": fact["text"],
            "slot": fact.get("slot"),
            "note": fact.get("note"),
            "article_count": len(article_ids),
            "outlet_count": len({outlet.get(a) or a for a in article_ids}),
            "first_published": min(dates) if dates else None,
            "last_published": max(dates) if dates else None,
        }
    )
    rows["fact_sources"] += [
        {
            "story_id": story_id,
            "fact_idx": index,
            "idx": position,
            "article_id": source["article_id"],
            "outlet": outlet.get(source["article_id"]),
            "quote": source["quote"],
        }
        for position, source in enumerate(fact.get("sources") or [])
    ]
    rows["fact_values"] += [
        {"story_id": story_id, "fact_idx": index, "idx": position, **row}
        for position, row in enumerate(value_rows(fact))
    ]


def discrepancy_row(story_id: str, index: int, found: Mapping[str, Any]) -> dict[str, Any]:
    """A brief's discrepancy (its JSON) as a ``discrepancies`` row, without its claims."""
    return {
        "story_id": story_id,
        "idx": index,
        "kind": found["kind"],
        "about": found["about"],
        "soft": bool(found.get("soft", False)),
        "entity_id": found.get("entity_id"),
        "explanation": found["explanation"],
    }


def _add_discrepancy(
    rows: Rows, story_id: str, index: int, found: Mapping[str, Any], outlet: Mapping[str, str | None]
) -> None:
    """A discrepancy's row and its claims'."""
    rows["discrepancies"].append(discrepancy_row(story_id, index, found))
    rows["discrepancy_claims"] += [
        {
            "story_id": story_id,
            "discrepancy_idx": index,
            "idx": position,
            "article_id": claim["article_id"],
            "outlet": outlet.get(claim["article_id"]),
            "quote": claim["quote"],
            "value": str(claim["value"]),
        }
        for position, claim in enumerate(found.get("claims") or [])
    ]


def _says(words: str) -> ColumnElement[bool]:
    """The fact's text or one of its quotes contains ``words`` (case-insensitive)."""
    quoted = exists().where(
        fact_sources.c.story_id == facts.c.story_id,
        fact_sources.c.fact_idx == facts.c.idx,
        fact_sources.c.quote.icontains(words, autoescape=True),
    )
    return or_(facts.c.text.icontains(words, autoescape=True), quoted)


class BriefRows:
    """The brief tables of one store."""

    def __init__(self, store: Connections) -> None:
        self.store = store

    def save(self, story_id: str, version: str, brief: Mapping[str, Any], shown: Iterable[int]) -> None:
        """Replace the story's saved brief (the whole brief: every fact) in one transaction."""
        rows = brief_rows(story_id, brief, shown)
        body = json.dumps(brief, ensure_ascii=False, default=str)
        try:
            self._replace(story_id, version, rows, body)
        except SQLAlchemyError as exc:
            raise StoreError(Errors.STORE_READ_ONLY, why=getattr(exc, "orig", None) or exc) from exc

    def _replace(self, story_id: str, version: str, rows: dict[str, list[dict[str, Any]]], body: str) -> None:
        with self.store.atomic() as connection:
            for table in BRIEF_TABLES:
                connection.execute(delete(table).where(table.c.story_id == story_id))
            rows["briefs"] = [
                {
                    "story_id": story_id,
                    "version": version,
                    "built_at": datetime.now(UTC),
                    "fact_count": len(rows["facts"]),
                    "body": body,
                }
            ]
            for table in reversed(BRIEF_TABLES):
                insert_rows(connection, table, rows[table.name])

    def load(self, story_id: str) -> tuple[str, dict[str, Any]] | None:
        """The saved brief of a story (its version and the whole brief), or None."""
        query = select(briefs.c.version, briefs.c.body).where(briefs.c.story_id == story_id)
        with self.store.reading() as connection:
            row = connection.execute(query).first()
        return (row.version, json.loads(row.body)) if row is not None else None

    def versions(self, story_ids: Iterable[str] | None = None) -> dict[str, str]:
        """The version each saved brief was built at, by story."""
        query = select(briefs.c.story_id, briefs.c.version)
        found: dict[str, str] = {}
        with self.store.reading() as connection:
            if story_ids is None:
                return {row.story_id: row.version for row in connection.execute(query)}
            for chunk in chunks(sorted(set(story_ids))):
                rows = connection.execute(query.where(briefs.c.story_id.in_(chunk)))
                found.update({row.story_id: row.version for row in rows})
        return found

    def drop_orphans(self) -> int:
        """Delete saved briefs whose story is gone (a recluster replaced it); returns how many."""
        gone = ~exists().where(stories.c.id == briefs.c.story_id)
        with self.store.atomic() as connection:
            orphans = list(connection.scalars(select(briefs.c.story_id).where(gone)))
            for chunk in chunks(orphans):
                for table in BRIEF_TABLES:
                    connection.execute(delete(table).where(table.c.story_id.in_(chunk)))
        return len(orphans)

    def facts(self, wanted: FactQuery) -> list[dict[str, Any]]:
        """Saved facts matching ``wanted``, newest story activity first, each with its sources."""
        conditions: list[ColumnElement[bool]] = []
        if wanted.status is not None:
            conditions.append(facts.c.status == wanted.status)
        if wanted.since is not None:
            conditions.append(facts.c.last_published >= wanted.since)
        if wanted.until is not None:
            conditions.append(facts.c.first_published <= wanted.until)
        if wanted.story_ids is not None:
            conditions.append(facts.c.story_id.in_(list(wanted.story_ids)))
        if wanted.shown_only:
            conditions.append(facts.c.shown.is_(True))
        if wanted.article_ids is not None:
            conditions.append(
                exists().where(
                    fact_sources.c.story_id == facts.c.story_id,
                    fact_sources.c.fact_idx == facts.c.idx,
                    fact_sources.c.article_id.in_(list(wanted.article_ids)),
                )
            )
        for word in wanted.words or ():
            conditions.append(_says(word))
        if wanted.names is not None:
            conditions.append(or_(*(_says(name) for name in wanted.names)))
        query = (
            select(facts)
            .where(and_(true(), *conditions))
            .order_by(facts.c.last_published.desc().nulls_last(), facts.c.story_id, facts.c.idx)
        )
        if wanted.limit is not None:
            query = query.limit(wanted.limit)
        with self.store.reading() as connection:
            found = [dict(row) for row in connection.execute(query).mappings()]
            keys = sorted({row["story_id"] for row in found})
            sources: dict[tuple[str, int], list[dict[str, Any]]] = {}
            for chunk in chunks(keys):
                rows = connection.execute(
                    select(fact_sources)
                    .where(fact_sources.c.story_id.in_(chunk))
                    .order_by(fact_sources.c.story_id, fact_sources.c.fact_idx, fact_sources.c.idx)
                ).mappings()
                for source in rows:
                    sources.setdefault((source["story_id"], source["fact_idx"]), []).append(
                        {
                            "article_id": source["article_id"],
                            "outlet": source["outlet"],
                            "quote": source["quote"],
                        }
                    )
        for fact in found:
            fact["first_published"] = _aware(fact["first_published"])
            fact["last_published"] = _aware(fact["last_published"])
            fact["sources"] = sources.get((fact["story_id"], fact["idx"]), [])
        return found
