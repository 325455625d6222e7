"""Bulk row inserts shared by the row modules (below them, so they need not import each other)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert

# Rows per executemany; keeps each statement's parameter list modest on both backends.
INSERT_CHUNK = 500


def insert_rows(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` into ``table`` in chunks of :data:`INSERT_CHUNK`."""
    for start in range(0, len(rows), INSERT_CHUNK):
        connection.execute(insert(table), list(rows[start : start + INSERT_CHUNK]))
