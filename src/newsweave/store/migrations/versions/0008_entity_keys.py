"""The entity resolver's blocking keys kept in the store, so that a batch reads only the entities its
mentions can match (analysis.entities.index_keys) instead of every stored entity.

Stores with entities and no keys get their keys on the next analysis run (analysis.stage), which
computes them with the resolver's own code.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entity_keys",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column(
            "entity_id", sa.String(16), sa.ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True
        ),
    )
    op.create_index("ix_entity_keys_entity", "entity_keys", ["entity_id"])


def downgrade() -> None:
    op.drop_index("ix_entity_keys_entity", table_name="entity_keys")
    op.drop_table("entity_keys")
