"""Reading and writing claims and events: rows of the analysis stage that the brief and events read."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select, update

from newsweave.data import Actor, Claim, ClaimValue, Event
from newsweave.store.bulk import insert_rows
from newsweave.store.schema import claims, events


def replace_claims(connection: Connection, article_id: str, items: Sequence[Claim]) -> None:
    """Replace an article's claims (inside the caller's transaction)."""
    connection.execute(delete(claims).where(claims.c.article_id == article_id))
    rows = [
        {
            "article_id": article_id,
            "idx": i,
            "start": claim.start,
            "end": claim.end,
            "sentence": claim.sentence,
            "text": claim.text,
            "subject": claim.subject,
            "predicate": claim.predicate,
            "object": claim.object,
            "negated": claim.negated,
            "core": claim.core,
            "mentions": json.dumps(claim.mentions),
            "entity_ids": json.dumps(claim.entity_ids),
            "claim_values": json.dumps([dataclasses.asdict(value) for value in claim.values]),
        }
        for i, claim in enumerate(items)
    ]
    insert_rows(connection, claims, rows)


def load_claims(connection: Connection, article_ids: Iterable[str]) -> list[Claim]:
    """The claims of the given articles, in article then text order."""
    wanted = list(article_ids)
    query = select(claims).where(claims.c.article_id.in_(wanted)).order_by(claims.c.article_id, claims.c.idx)
    return [claim_from_row(row) for row in connection.execute(query).mappings()]


def load_claim_vectors(
    connection: Connection, article_ids: Iterable[str], model: str
) -> dict[tuple[str, int], bytes]:
    """Cached claim embeddings made with ``model``: (article id, claim index) -> float32 bytes."""
    query = select(claims.c.article_id, claims.c.idx, claims.c.vectors).where(
        claims.c.article_id.in_(list(article_ids)),
        claims.c.vector_model == model,
        claims.c.vectors.is_not(None),
    )
    return {(row.article_id, row.idx): row.vectors for row in connection.execute(query)}


def save_claim_vectors(connection: Connection, model: str, rows: Sequence[tuple[str, int, bytes]]) -> None:
    """Cache claim embeddings: (article id, claim index, float32 bytes) made with ``model``."""
    statement = (
        update(claims)
        .where(claims.c.article_id == bindparam("key_article"), claims.c.idx == bindparam("key_idx"))
        .values(vector_model=model, vectors=bindparam("blob"))
    )
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        connection.execute(
            statement, [{"key_article": a, "key_idx": i, "blob": blob} for a, i, blob in chunk]
        )


def _actor_columns(prefix: str, actor: Actor | None) -> dict[str, Any]:
    return {
        f"{prefix}_name": actor.name if actor else None,
        f"{prefix}_country": actor.country if actor else None,
        f"{prefix}_sector": actor.sector if actor else None,
        f"{prefix}_entity_id": actor.entity_id if actor else None,
    }


def replace_events(connection: Connection, article_id: str, items: Sequence[Event]) -> None:
    """Replace an article's events (inside the caller's transaction)."""
    connection.execute(delete(events).where(events.c.article_id == article_id))
    rows = [
        {
            "article_id": article_id,
            "idx": i,
            "start": event.start,
            "end": event.end,
            "sentence": event.sentence,
            "quote": event.quote,
            "category": event.category,
            "mode": event.mode,
            "cameo": event.cameo,
            "goldstein": event.goldstein,
            "quad_class": event.quad_class,
            "confidence": event.confidence,
            "reciprocal": event.reciprocal,
            **_actor_columns("source", event.source),
            **_actor_columns("target", event.target),
            "place_name": event.place_name,
            "place_country": event.place_country,
            "lat": event.lat,
            "lon": event.lon,
            "date": date.fromisoformat(event.date) if event.date else None,
            "date_from_published": event.date_from_published,
        }
        for i, event in enumerate(items)
    ]
    insert_rows(connection, events, rows)


def _actor(row: Any, prefix: str) -> Actor | None:
    name = row[f"{prefix}_name"]
    if name is None:
        return None
    return Actor(
        name=name,
        country=row[f"{prefix}_country"],
        sector=row[f"{prefix}_sector"],
        entity_id=row[f"{prefix}_entity_id"],
    )


def event_from_row(row: Any) -> Event:
    """An ``Event`` from a row of the events table (a mapping)."""
    source = _actor(row, "source")
    assert source is not None  # source_name is NOT NULL
    return Event(
        article_id=row["article_id"],
        sentence=row["sentence"],
        start=row["start"],
        end=row["end"],
        quote=row["quote"],
        category=row["category"],
        cameo=row["cameo"],
        goldstein=row["goldstein"],
        quad_class=row["quad_class"],
        confidence=row["confidence"],
        source=source,
        target=_actor(row, "target"),
        mode=row["mode"],
        reciprocal=row["reciprocal"],
        place_name=row["place_name"],
        place_country=row["place_country"],
        lat=row["lat"],
        lon=row["lon"],
        date=row["date"].isoformat() if row["date"] else None,
        date_from_published=row["date_from_published"],
    )


def load_events(connection: Connection, article_ids: Iterable[str] | None = None) -> list[Event]:
    """Stored events (of the given articles, or all), in article then text order."""
    query = select(events).order_by(events.c.article_id, events.c.idx)
    if article_ids is not None:
        query = query.where(events.c.article_id.in_(list(article_ids)))
    return [event_from_row(row) for row in connection.execute(query).mappings()]


def claim_from_row(row: Any) -> Claim:
    """A ``Claim`` from a row of the claims table (a mapping)."""
    return Claim(
        article_id=row["article_id"],
        sentence=row["sentence"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        subject=row["subject"],
        predicate=row["predicate"],
        object=row["object"],
        negated=row["negated"],
        core=row["core"],
        mentions=json.loads(row["mentions"]),
        entity_ids=json.loads(row["entity_ids"]),
        values=[ClaimValue(**value) for value in json.loads(row["claim_values"])],
    )


def load_claims_by_key(
    connection: Connection, keys: Iterable[tuple[str, int]]
) -> dict[tuple[str, int], Claim]:
    """Given claims by (article id, claim index); unknown keys are left out."""
    wanted = set(keys)
    article_ids = sorted({article_id for article_id, _ in wanted})
    found: dict[tuple[str, int], Claim] = {}
    # Chunks of articles keep the IN list under SQLite's bound-parameter limit.
    for start in range(0, len(article_ids), 500):
        query = select(claims).where(claims.c.article_id.in_(article_ids[start : start + 500]))
        for row in connection.execute(query).mappings():
            key = (row["article_id"], row["idx"])
            if key in wanted:
                found[key] = claim_from_row(row)
    return found
