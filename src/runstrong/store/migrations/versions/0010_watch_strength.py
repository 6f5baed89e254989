"""strength sessions recorded on a watch (issue 20)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 01:45:00

Heart rate of a strength session (average, maximum, the samples as JSON pairs of seconds and
bpm), the session RPE estimated from it while the athlete has not given one, and the rest the
watch recorded after each set. All nullable: sessions logged by hand have none of them.
``strength_sessions.event_id``: the multisport event (a gym-run-gym brick) a strength session
recorded in a multisport file is a leg of, ``ON DELETE SET NULL`` like ``activities.event_id``.
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
    op.add_column("strength_sessions", sa.Column("avg_hr_bpm", sa.Float(), nullable=True))
    op.add_column("strength_sessions", sa.Column("max_hr_bpm", sa.Float(), nullable=True))
    op.add_column("strength_sessions", sa.Column("hr_series", sa.JSON(), nullable=True))
    op.add_column("strength_sessions", sa.Column("rpe_estimate", sa.Float(), nullable=True))
    op.add_column("strength_sets", sa.Column("rest_s", sa.Float(), nullable=True))
    # a foreign key needs batch mode (a table copy) on SQLite; the migration runner switches
    # SQLite's foreign keys off meanwhile, so the copy does not cascade-delete the sets (0009)
    with op.batch_alter_table("strength_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("event_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_strength_sessions_event_id"), ["event_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_strength_sessions_event_id_multisport_events"),
            "multisport_events",
            ["event_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("strength_sessions", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_strength_sessions_event_id_multisport_events"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_strength_sessions_event_id"))
        batch_op.drop_column("event_id")
    op.drop_column("strength_sets", "rest_s")
    for column in reversed(_SESSION_COLUMNS):
        op.drop_column("strength_sessions", column)
