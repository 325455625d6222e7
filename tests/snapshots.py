"""A store's content as plain sorted rows, for comparing two stores (run bookkeeping left out)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Tables that hold what was ingested (not when or by which run).
CONTENT_TABLES = {
    "articles": "id, url, outlet, published, title, text, language, author, source, source_kind, "
    "text_hash, duplicate_of, duplicate_kind, similarity",
    "removed_texts": 'article_id, position, "offset", reason, text',
    "minhashes": "article_id, signature",
    "lsh_buckets": "band_key, article_id",
    "outlet_lines": "outlet, line_key, article_id",
}


def snapshot(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every content table's rows, sorted."""
    with sqlite3.connect(db_path) as connection:
        return {
            table: sorted(connection.execute(f"SELECT {columns} FROM {table}").fetchall(), key=repr)
            for table, columns in CONTENT_TABLES.items()
        }
