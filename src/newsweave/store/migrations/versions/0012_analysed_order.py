"""A partial index over analysed articles in publication order, for the story stage's "not yet in a
story" query (``StoryRows.analysed_ids``), so that it reads the index and not every article row.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    analysed = sa.text("analysed_at IS NOT NULL")
    op.create_index(
        "ix_articles_analysed_order",
        "articles",
        ["published", "id"],
        sqlite_where=analysed,
        postgresql_where=analysed,
    )


def downgrade() -> None:
    op.drop_index("ix_articles_analysed_order", table_name="articles")
