"""activity laps and best efforts (issue 13)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 16:25:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activity_laps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start_s", sa.Float(), nullable=False),
        sa.Column("elapsed_time_s", sa.Float(), nullable=False),
        sa.Column("moving_time_s", sa.Float(), nullable=True),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("avg_hr_bpm", sa.Float(), nullable=True),
        sa.Column("max_hr_bpm", sa.Float(), nullable=True),
        sa.Column("avg_cadence_spm", sa.Float(), nullable=True),
        sa.Column("avg_power_w", sa.Float(), nullable=True),
        sa.Column("ascent_m", sa.Float(), nullable=True),
        sa.Column("descent_m", sa.Float(), nullable=True),
        sa.CheckConstraint(
            "elapsed_time_s >= 0", name=op.f("ck_activity_laps_elapsed_non_negative")
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_laps_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_laps")),
        sa.UniqueConstraint("activity_id", "position", name="uq_activity_laps_activity_position"),
    )
    with op.batch_alter_table("activity_laps", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_laps_activity_id"), ["activity_id"], unique=False
        )
    op.create_table(
        "activity_best_efforts",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("efforts", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_best_efforts_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("activity_id", name=op.f("pk_activity_best_efforts")),
    )


def downgrade() -> None:
    op.drop_table("activity_best_efforts")
    with op.batch_alter_table("activity_laps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_laps_activity_id"))
    op.drop_table("activity_laps")
