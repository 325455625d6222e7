"""Each article's multilingual embedding beside its English one: a report in Korean, Japanese or
Spanish is compared with English stories in a space that holds every language (newsweave.multilingual,
docs/stories.md "Reports in other languages").

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL until the story stage meets a non-English article among the ones it compares.
    with op.batch_alter_table("article_vectors") as batch:
        batch.add_column(sa.Column("multilingual_model", sa.Text))
        batch.add_column(sa.Column("multilingual", sa.LargeBinary))


def downgrade() -> None:
    with op.batch_alter_table("article_vectors") as batch:
        batch.drop_column("multilingual")
        batch.drop_column("multilingual_model")
