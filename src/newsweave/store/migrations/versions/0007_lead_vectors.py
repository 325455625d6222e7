"""Each article's lead embedding (its title and first sentences) beside its text embedding: story
assignment compares leads as well as whole texts (docs/stories.md).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Vectors stored before this revision have no lead: the story stage encodes the missing ones.
    with op.batch_alter_table("article_vectors") as batch:
        batch.add_column(sa.Column("lead", sa.LargeBinary))


def downgrade() -> None:
    with op.batch_alter_table("article_vectors") as batch:
        batch.drop_column("lead")
