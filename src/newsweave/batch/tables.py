"""The Parquet tables a batch run writes, and the conversions between them and the data model.

One row per article in ``articles``; the analysis is spread over one table per kind of span
(``sentences``, ``mentions``, ``quantities``, ``times``, ``places``, ``claims``, ``events``), each row
keyed by ``article_id`` and ``idx`` (its position in the article's list), as in the store; article
vectors in ``vectors``; inputs that could not be read in ``errors``. The schemas are fixed here, so
an empty part file and a full one read alike and two runs can be compared column by column.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta, timezone
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from newsweave.data import Actor, Article, Claim, ClaimValue, Event, Failure, Mention, RemovedText, Sentence
from newsweave.store.analysis_rows import ArticleAnalysis, PlaceRow

# Partition value of an article without a publication date.
UNDATED = "unknown"

_SPAN = [("article_id", pa.string()), ("idx", pa.int32()), ("start", pa.int32()), ("end", pa.int32())]
_ACTOR = pa.struct(
    [
        ("name", pa.string()),
        ("country", pa.string()),
        ("sector", pa.string()),
        ("mention", pa.int32()),
        ("entity_id", pa.string()),
    ]
)
_CLAIM_VALUE = pa.struct(
    [
        ("kind", pa.string()),
        ("value", pa.string()),
        ("unit", pa.string()),
        ("text", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("slot", pa.string()),
        ("slot_text", pa.string()),
        ("approximate", pa.bool_()),
    ]
)

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("id", pa.string()),
            ("title", pa.string()),
            ("text", pa.string()),
            ("url", pa.string()),
            ("outlet", pa.string()),
            ("outlet_guessed", pa.bool_()),
            ("published", pa.timestamp("us", tz="UTC")),
            # The offset from UTC the date was given with: the store keeps an article's own wall time.
            ("published_offset_s", pa.int32()),
            ("author", pa.string()),
            ("source", pa.string()),
            ("source_kind", pa.string()),
            (
                "removed",
                pa.list_(pa.struct([("text", pa.string()), ("reason", pa.string()), ("offset", pa.int32())])),
            ),
            ("text_hash", pa.string()),
            ("language", pa.string()),
            # What the analysis said of the article (None when the per-article stages dropped it).
            ("analysis_language", pa.string()),
            ("analysis_note", pa.string()),
            ("analysed", pa.bool_()),
            ("dropped", pa.string()),
            ("position", pa.int32()),
        ]
    ),
    "sentences": pa.schema(_SPAN),
    "mentions": pa.schema(
        [
            *_SPAN,
            ("text", pa.string()),
            ("label", pa.string()),
            ("sentence", pa.int32()),
            ("title", pa.string()),
        ]
    ),
    "quantities": pa.schema(
        [
            *_SPAN,
            ("text", pa.string()),
            ("value", pa.float64()),
            ("unit", pa.string()),
            ("kind", pa.string()),
            ("qualifier", pa.string()),
            ("low", pa.float64()),
            ("high", pa.float64()),
            ("what", pa.string()),
        ]
    ),
    "times": pa.schema(
        [
            *_SPAN,
            ("text", pa.string()),
            ("begin", pa.date32()),
            ("end_date", pa.date32()),
            ("granularity", pa.string()),
            ("anchored", pa.bool_()),
            ("relation", pa.string()),
            ("approximate", pa.bool_()),
        ]
    ),
    "places": pa.schema(
        [
            *_SPAN,
            ("text", pa.string()),
            ("canonical", pa.string()),
            ("geonames_id", pa.int64()),
            ("country", pa.string()),
            ("kind", pa.string()),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
        ]
    ),
    "claims": pa.schema(
        [
            *_SPAN,
            ("sentence", pa.int32()),
            ("text", pa.string()),
            ("subject", pa.string()),
            ("predicate", pa.string()),
            ("object", pa.string()),
            ("negated", pa.bool_()),
            ("core", pa.string()),
            ("mentions", pa.list_(pa.int32())),
            ("values", pa.list_(_CLAIM_VALUE)),
        ]
    ),
    "events": pa.schema(
        [
            *_SPAN,
            ("sentence", pa.int32()),
            ("quote", pa.string()),
            ("category", pa.string()),
            ("cameo", pa.string()),
            ("goldstein", pa.float64()),
            ("quad_class", pa.string()),
            ("confidence", pa.float64()),
            ("source", _ACTOR),
            ("target", _ACTOR),
            ("mode", pa.string()),
            ("reciprocal", pa.bool_()),
            ("place_name", pa.string()),
            ("place_country", pa.string()),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
            ("date", pa.string()),
            ("date_from_published", pa.bool_()),
        ]
    ),
    "vectors": pa.schema(
        [
            ("article_id", pa.string()),
            ("model", pa.string()),
            ("vector", pa.list_(pa.float32())),
            ("lead", pa.list_(pa.float32())),
        ]
    ),
    "errors": pa.schema(
        [("source", pa.string()), ("code", pa.string()), ("reason", pa.string()), ("position", pa.int32())]
    ),
}
# The analysis tables, each named as the ``ArticleAnalysis`` list it holds.
SPAN_TABLES = ("sentences", "mentions", "quantities", "times", "places", "claims", "events")
# Tables written by each chunk, partitioned by publication date.
CHUNK_TABLES = ("articles", *SPAN_TABLES, "vectors", "errors")


def partition_of(article: Article) -> str:
    """The date partition an article's rows go to: its publication day, or ``unknown``."""
    return article.published.date().isoformat() if article.published else UNDATED


def article_row(
    article: Article, position: int, analysis: ArticleAnalysis | None, dropped: str | None
) -> dict[str, Any]:
    """The ``articles`` row of an article as the per-article stages left it."""
    fields = ("id", "title", "text", "url", "outlet", "outlet_guessed", "published", "author", "source")
    row = {name: getattr(article, name) for name in (*fields, "source_kind", "text_hash", "language")}
    row["removed"] = [dataclasses.asdict(piece) for piece in article.removed]
    offset = article.published.utcoffset() if article.published else None
    row["published_offset_s"] = int(offset.total_seconds()) if offset is not None else None
    row["analysis_language"] = analysis.language if analysis else None
    row["analysis_note"] = analysis.note if analysis else None
    row["analysed"] = analysis is not None
    row["dropped"] = dropped
    row["position"] = position
    return row


def analysis_rows(analysis: ArticleAnalysis) -> dict[str, list[dict[str, Any]]]:
    """The rows of each analysis table for one article's analysis."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in SPAN_TABLES:
        rows = []
        for idx, item in enumerate(getattr(analysis, table)):
            row = dataclasses.asdict(item)
            row.pop("article_id", None)
            row.pop("entity_id", None)  # resolved by the single writer, not here
            row.pop("entity_ids", None)
            rows.append({"article_id": analysis.article_id, "idx": idx, **row})
        tables[table] = rows
    return tables


def vector_row(
    article_id: str, model: str, vector: npt.NDArray[np.float32], lead: npt.NDArray[np.float32]
) -> dict[str, Any]:
    """The ``vectors`` row of an article's story embeddings: its text's and its lead's."""
    return {
        "article_id": article_id,
        "model": model,
        "vector": vector.astype(np.float32).tolist(),
        "lead": lead.astype(np.float32).tolist(),
    }


def error_row(failure: Failure, position: int) -> dict[str, Any]:
    """The ``errors`` row of an input (or record) that could not be read, or a chunk that failed."""
    return {"source": failure.source, "code": failure.code, "reason": failure.reason, "position": position}


def to_table(name: str, rows: Sequence[dict[str, Any]]) -> pa.Table:
    """Rows as an Arrow table of the named schema (columns the schema lacks are an error)."""
    schema = SCHEMAS[name]
    extra = set().union(*(row.keys() for row in rows)) - set(schema.names) if rows else set()
    if extra:
        raise ValueError(f"columns not in the {name} schema: {sorted(extra)}")
    return pa.Table.from_pylist(list(rows), schema=schema)


# -- back to the data model (the single writer reads the tables) ------------------------------------


def article_from_row(row: dict[str, Any]) -> Article:
    """The article an ``articles`` row holds, as the per-article stages left it."""
    fields = {f.name for f in dataclasses.fields(Article)}
    values = {k: v for k, v in row.items() if k in fields and k != "removed"}
    article = Article(**values)
    if article.published is not None and row["published_offset_s"] is not None:
        zone = timezone(timedelta(seconds=row["published_offset_s"]))
        article.published = article.published.astimezone(zone)
    article.removed = [RemovedText(**piece) for piece in row["removed"] or []]
    return article


def failure_from_row(row: dict[str, Any]) -> Failure:
    """The failure an ``errors`` row holds."""
    return Failure(row["source"], row["code"], row["reason"])


def analysis_from_rows(
    article: dict[str, Any], spans: Mapping[str, Iterable[dict[str, Any]]]
) -> ArticleAnalysis:
    """The ``ArticleAnalysis`` of one article from its ``articles`` row and its rows of each span table."""
    from newsweave.analysis.quantities import Quantity
    from newsweave.analysis.times import TimeRef

    makers: dict[str, Any] = {
        "sentences": Sentence,
        "mentions": Mention,
        "quantities": Quantity,
        "times": TimeRef,
        "places": PlaceRow,
        "claims": lambda **r: _claim(article["id"], r),
        "events": lambda **r: _event(article["id"], r),
    }
    analysis = ArticleAnalysis(
        article["id"], language=article["analysis_language"], note=article["analysis_note"]
    )
    for table, rows in spans.items():
        ordered = sorted(rows, key=lambda r: r["idx"])
        items = [
            makers[table](**{k: v for k, v in r.items() if k not in ("article_id", "idx")}) for r in ordered
        ]
        setattr(analysis, table, items)
    return analysis


def _claim(article_id: str, row: dict[str, Any]) -> Claim:
    values = [ClaimValue(**value) for value in row.pop("values") or []]
    return Claim(article_id=article_id, values=values, **row)


def _event(article_id: str, row: dict[str, Any]) -> Event:
    source = Actor(**row.pop("source"))
    target = row.pop("target")
    return Event(article_id=article_id, source=source, target=Actor(**target) if target else None, **row)
