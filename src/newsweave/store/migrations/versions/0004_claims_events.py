"""Claims (for briefs) and PLOVER events, both filled by the analysis stage.

Stored articles are marked for re-analysis so that the next ``analyse`` (or ingest) fills the new
tables for them too.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ID = sa.String(16)


def _keys() -> list[sa.Column[object]]:
    return [
        sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("sentence", sa.Integer, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "claims",
        *_keys(),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("predicate", sa.Text, nullable=False),
        sa.Column("object", sa.Text, nullable=False),
        sa.Column("negated", sa.Boolean, nullable=False),
        sa.Column("core", sa.Text, nullable=False),
        sa.Column("mentions", sa.Text, nullable=False),
        sa.Column("entity_ids", sa.Text, nullable=False),
        sa.Column("claim_values", sa.Text, nullable=False),
        sa.Column("vector_model", sa.Text),
        sa.Column("vectors", sa.LargeBinary),
    )
    op.create_table(
        "events",
        *_keys(),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(32)),
        sa.Column("cameo", sa.String(8), nullable=False),
        sa.Column("goldstein", sa.Float, nullable=False),
        sa.Column("quad_class", sa.String(32), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("reciprocal", sa.Boolean, nullable=False),
        sa.Column("source_name", sa.Text, nullable=False),
        sa.Column("source_country", sa.String(3)),
        sa.Column("source_sector", sa.String(8)),
        sa.Column("source_entity_id", sa.String(16)),
        sa.Column("target_name", sa.Text),
        sa.Column("target_country", sa.String(3)),
        sa.Column("target_sector", sa.String(8)),
        sa.Column("target_entity_id", sa.String(16)),
        sa.Column("place_name", sa.Text),
        sa.Column("place_country", sa.String(3)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("date", sa.Date),
        sa.Column("date_from_published", sa.Boolean, nullable=False),
    )
    op.create_index("ix_events_category", "events", ["category"])
    op.create_index("ix_events_source_country", "events", ["source_country"])
    op.create_index("ix_events_target_country", "events", ["target_country"])
    op.create_index("ix_events_date", "events", ["date"])
    # Analysed before claims and events existed: analyse again so the new tables are complete.
    op.execute(sa.text("UPDATE articles SET analysed_at = NULL"))


def downgrade() -> None:
    op.drop_table("events")
    op.drop_table("claims")
