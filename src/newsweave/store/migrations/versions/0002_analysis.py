"""Per-article analysis (sentences, mentions, quantities, times, places) and resolved entities.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.String(16)


def _article_fk() -> sa.Column[str]:
    return sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)


def _span() -> list[sa.Column[object]]:
    return [
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("analysed_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("analysis_note", sa.Text))
        batch.create_index("ix_articles_analysed_at", ["analysed_at"])
    op.create_table("sentences", _article_fk(), *_span())
    op.create_table(
        "entities",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("mention_count", sa.Integer, nullable=False),
    )
    op.create_table(
        "entity_aliases",
        sa.Column(
            "entity_id", sa.String(16), sa.ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("alias", sa.Text, primary_key=True),
        _article_fk(),
    )
    op.create_index("ix_entity_aliases_article", "entity_aliases", ["article_id"])
    op.create_table(
        "mentions",
        _article_fk(),
        *_span(),
        sa.Column("sentence", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("entity_id", sa.String(16), sa.ForeignKey("entities.id", ondelete="SET NULL")),
    )
    op.create_index("ix_mentions_entity", "mentions", ["entity_id"])
    op.create_table(
        "quantities",
        _article_fk(),
        *_span(),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("qualifier", sa.String(32)),
        sa.Column("low", sa.Float),
        sa.Column("high", sa.Float),
        sa.Column("what", sa.Text),
    )
    op.create_table(
        "time_refs",
        _article_fk(),
        *_span(),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("begin", sa.Date),
        sa.Column("end_date", sa.Date),
        sa.Column("granularity", sa.String(16), nullable=False),
        sa.Column("anchored", sa.Boolean, nullable=False),
        sa.Column("relation", sa.String(16), nullable=False),
        sa.Column("approximate", sa.Boolean, nullable=False),
    )
    op.create_table(
        "places",
        _article_fk(),
        *_span(),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("canonical", sa.Text, nullable=False),
        sa.Column("geonames_id", sa.Integer),
        sa.Column("country", sa.String(3)),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
    )


def downgrade() -> None:
    for table in ("places", "time_refs", "quantities", "mentions", "entity_aliases", "entities", "sentences"):
        op.drop_table(table)
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_analysed_at")
        batch.drop_column("analysis_note")
        batch.drop_column("analysed_at")
