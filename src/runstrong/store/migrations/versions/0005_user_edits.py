"""user edits of runs and strength sessions (issue 12)

Which fields of a run or a strength session the athlete set by hand (``edited_fields``, a JSON
list of field names, ``"sets"`` for the sets) and when (``edited_at``). The values themselves
live in the ordinary columns; these say they are the athlete's, not a file's.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 16:25:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_TABLES = ("activities", "strength_sessions")


def upgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("edited_fields", sa.JSON(), nullable=True))
            batch_op.add_column(sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("edited_at")
            batch_op.drop_column("edited_fields")
