"""What storyline linking needs of a story, kept with it: its centroid, how many of its articles name
each actor, and its article count. A batch then links the stories it touched against the stored
summaries of the others, instead of reading every article of a year of stories again.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Stories stored before this revision have no summary: the next storyline pass computes theirs.
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("centroid", sa.LargeBinary))
        batch.add_column(sa.Column("actor_articles", sa.Text))
        batch.add_column(sa.Column("article_count", sa.Integer))


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("article_count")
        batch.drop_column("actor_articles")
        batch.drop_column("centroid")
