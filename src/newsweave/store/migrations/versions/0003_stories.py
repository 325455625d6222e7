"""Stories (reports of one event), their articles, and storylines (stories of one matter over time).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "storylines",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True)),
        sa.Column("last_seen", sa.DateTime(timezone=True)),
        sa.Column("storyline_id", sa.String(16), sa.ForeignKey("storylines.id", ondelete="SET NULL")),
    )
    op.create_index("ix_stories_last_seen", "stories", ["last_seen"])
    op.create_table(
        "story_articles",
        sa.Column(
            "article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("story_id", sa.String(16), sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    )
    op.create_index("ix_story_articles_story", "story_articles", ["story_id"])
    # Embeddings are derived data kept so that reclustering does not re-encode every article.
    op.create_table(
        "article_vectors",
        sa.Column(
            "article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("model", sa.Text, nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    for table in ("article_vectors", "story_articles", "stories", "storylines"):
        op.drop_table(table)
