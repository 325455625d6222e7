"""Entities are also found by the sound of a person's name and by a place's English name, across
scripts (analysis.cross_script): the stored blocking keys are emptied, and the next analysis run writes
every entity's keys anew with the resolver's own code (analysis.stage), as for a store from before 0008.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM entity_keys")


def downgrade() -> None:
    # The older resolver reads the extra keys as keys it never looks up: nothing to undo.
    pass
