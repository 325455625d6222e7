"""The sources `newsweave watch` polls: URL, interval, conditional-request validators, schedule and
failures (issue 18).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("interval_s", sa.Integer, nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("last_checked", sa.DateTime(timezone=True)),
        sa.Column("next_check", sa.DateTime(timezone=True)),
        sa.Column("last_success", sa.DateTime(timezone=True)),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("articles_stored", sa.Integer, nullable=False),
    )
    op.create_index("ix_sources_next_check", "sources", ["next_check"])
    op.create_index("ix_sources_url", "sources", ["url"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_sources_url", table_name="sources")
    op.drop_index("ix_sources_next_check", table_name="sources")
    op.drop_table("sources")
