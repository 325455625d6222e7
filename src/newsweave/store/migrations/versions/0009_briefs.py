"""Briefs kept in the store: each story's last built brief (JSON), its facts, their sources and values,
and its discrepancies with their claims, so that SQL and exports reach them (issue 17).

Filled when a brief is built (`newsweave brief`, `newsweave facts`, `newsweave export`, the library
API) and replaced when the story's version changes; nothing to backfill.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _story_key() -> sa.Column[str]:
    return sa.Column(
        "story_id", sa.String(16), sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )


def upgrade() -> None:
    op.create_table(
        "briefs",
        _story_key(),
        sa.Column("version", sa.String(16), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fact_count", sa.Integer, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )
    op.create_table(
        "facts",
        _story_key(),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("rank", sa.Integer, nullable=False),
        sa.Column("shown", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("slot", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("article_count", sa.Integer, nullable=False),
        sa.Column("outlet_count", sa.Integer, nullable=False),
        sa.Column("first_published", sa.DateTime(timezone=True)),
        sa.Column("last_published", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_facts_status", "facts", ["status"])
    op.create_index("ix_facts_last_published", "facts", ["last_published"])
    op.create_table(
        "fact_sources",
        _story_key(),
        sa.Column("fact_idx", sa.Integer, primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.String(16), nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("quote", sa.Text, nullable=False),
    )
    op.create_index("ix_fact_sources_article_id", "fact_sources", ["article_id"])
    op.create_table(
        "fact_values",
        _story_key(),
        sa.Column("fact_idx", sa.Integer, primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.String(16), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("unit", sa.Text),
        sa.Column("kind", sa.String(16)),
        sa.Column("text", sa.Text),
    )
    op.create_table(
        "discrepancies",
        _story_key(),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("about", sa.Text, nullable=False),
        sa.Column("soft", sa.Boolean, nullable=False),
        sa.Column("entity_id", sa.String(16)),
        sa.Column("explanation", sa.Text, nullable=False),
    )
    op.create_index("ix_discrepancies_kind", "discrepancies", ["kind"])
    op.create_table(
        "discrepancy_claims",
        _story_key(),
        sa.Column("discrepancy_idx", sa.Integer, primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.String(16), nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("discrepancy_claims", "discrepancies", "fact_values", "fact_sources", "facts", "briefs"):
        op.drop_table(table)
