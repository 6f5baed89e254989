"""strength sessions recorded on a watch (issue 20)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 01:45:00

Heart rate of a strength session (average, maximum, the samples as JSON pairs of seconds and
bpm), the session RPE estimated from it while the athlete has not given one, and the rest the
watch recorded after each set. All nullable: sessions logged by hand have none of them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_SESSION_COLUMNS = ("avg_hr_bpm", "max_hr_bpm", "hr_series", "rpe_estimate")


def upgrade() -> None:
    # Plain ALTER TABLE, never a batch copy (a copy of strength_sessions would cascade-delete
    # its sets on SQLite).
    op.add_column("strength_sessions", sa.Column("avg_hr_bpm", sa.Float(), nullable=True))
    op.add_column("strength_sessions", sa.Column("max_hr_bpm", sa.Float(), nullable=True))
    op.add_column("strength_sessions", sa.Column("hr_series", sa.JSON(), nullable=True))
    op.add_column("strength_sessions", sa.Column("rpe_estimate", sa.Float(), nullable=True))
    op.add_column("strength_sets", sa.Column("rest_s", sa.Float(), nullable=True))


def downgrade() -> None:
    op.drop_column("strength_sets", "rest_s")
    for column in reversed(_SESSION_COLUMNS):
        op.drop_column("strength_sessions", column)
