"""Outlet lines keyed by a digest of the line instead of the line itself.

``outlet_lines.line_key`` is ``varchar(32)`` but held whole normalised lines: SQLite ignores the width,
PostgreSQL refused every article with an outlet. Lines already stored (SQLite) are rewritten as
digests, so that the recurrence counts they carry are kept.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_LINES = sa.table(
    "outlet_lines",
    sa.column("outlet", sa.Text),
    sa.column("line_key", sa.Text),
    sa.column("article_id", sa.String(16)),
)


def _digest(key: str) -> str:
    # As schema.line_digest does today; copied so that this revision never changes with it.
    return hashlib.sha256(key.encode("utf-8", errors="surrogatepass")).hexdigest()[:32]


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.select(_LINES)).mappings().all()
    if not rows:
        return
    digested = sorted({(row["outlet"], _digest(row["line_key"]), row["article_id"]) for row in rows})
    connection.execute(sa.delete(_LINES))
    connection.execute(
        sa.insert(_LINES),
        [{"outlet": outlet, "line_key": key, "article_id": article} for outlet, key, article in digested],
    )


def downgrade() -> None:
    # A digest cannot be turned back into its line: the older code would never match these rows, so
    # they go. What is lost is how often each line recurred, which later ingests count again.
    op.execute(sa.delete(_LINES))
