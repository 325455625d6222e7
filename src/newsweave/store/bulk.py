"""Bulk row inserts and key chunks shared by the row modules (below them, so they need not import each
other)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert

# Rows per executemany; keeps each statement's parameter list modest on both backends.
INSERT_CHUNK = 500
# Keys per IN (...) list: well under SQLite's bound-parameter limit (999 in old and some distributions'
# builds, 32,766 in stock ones since 3.32); a longer list fails with "too many SQL variables".
IN_CHUNK = 500


def chunks(items: Sequence[Any], size: int = IN_CHUNK) -> Iterator[Sequence[Any]]:
    """``items`` in consecutive slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_rows(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` into ``table`` in chunks of :data:`INSERT_CHUNK`."""
    for start in range(0, len(rows), INSERT_CHUNK):
        connection.execute(insert(table), list(rows[start : start + INSERT_CHUNK]))


# An ambiguous id prefix error lists this many of the ids it matches.
CANDIDATES_SHOWN = 5


def candidate_list(ids: Sequence[str], count: int) -> str:
    """The ids an ambiguous prefix matched, for its error message: "a, b, c and 7 more"."""
    more = f" and {count - len(ids)} more" if count > len(ids) else ""
    return ", ".join(ids) + more
