"""Articles, removed boilerplate, the near-duplicate index, outlet lines, ingest runs; FTS5 on SQLite.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsweave.store import sqlite

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(16)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", ID, primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.DateTime(timezone=True)),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("author", sa.Text),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("source_kind", sa.String(16), nullable=False),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("duplicate_of", ID, sa.ForeignKey("articles.id")),
        sa.Column("duplicate_kind", sa.String(8)),
        sa.Column("similarity", sa.Float),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    for column in ("outlet", "published", "text_hash", "duplicate_of"):
        op.create_index(f"ix_articles_{column}", "articles", [column])
    op.create_table(
        "removed_texts",
        sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("offset", sa.Integer, nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "minhashes",
        sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "lsh_buckets",
        sa.Column("band_key", sa.BigInteger, primary_key=True),
        sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_table(
        "outlet_lines",
        sa.Column("outlet", sa.Text, primary_key=True),
        sa.Column("line_key", sa.String(32), primary_key=True),
        sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_outlet_lines_article", "outlet_lines", ["article_id"])
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("inputs", sa.JSON, nullable=False),
        sa.Column("counts", sa.JSON),
        sa.Column("stages", sa.JSON),
    )
    op.create_table(
        "ingest_outcomes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in sqlite.FTS_DDL:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in sqlite.FTS_DROP:
            op.execute(statement)
    for table in (
        "ingest_outcomes",
        "ingest_runs",
        "outlet_lines",
        "lsh_buckets",
        "minhashes",
        "removed_texts",
        "articles",
    ):
        op.drop_table(table)
