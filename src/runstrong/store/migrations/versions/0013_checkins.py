"""morning check-ins and readiness choices (issue 24)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 01:30:00

A ``checkins`` table (one row per athlete and day: soreness by region, sleep, resting heart
rate, HRV as rMSSD and SDNN kept apart, fatigue, stress, illness, note) and a
``readiness_choices`` table (what the runner chose for a readiness signal).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("soreness", sa.JSON(), nullable=False),
        sa.Column("sleep_h", sa.Float(), nullable=True),
        sa.Column("sleep_quality", sa.Integer(), nullable=True),
        sa.Column("resting_hr_bpm", sa.Float(), nullable=True),
        sa.Column("rmssd_ms", sa.Float(), nullable=True),
        sa.Column("sdnn_ms", sa.Float(), nullable=True),
        sa.Column("hrv_source", sa.String(length=40), nullable=True),
        sa.Column("fatigue", sa.Integer(), nullable=True),
        sa.Column("stress", sa.Integer(), nullable=True),
        sa.Column("illness", sa.Boolean(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_checkins_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkins")),
        sa.UniqueConstraint("athlete_id", "day", name="uq_checkins_athlete_day"),
    )
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_checkins_athlete_id"), ["athlete_id"], unique=False)
    op.create_table(
        "readiness_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("chosen_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "action IN ('swap', 'lighten', 'keep')",
            name=op.f("ck_readiness_choices_action_known"),
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_readiness_choices_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_readiness_choices")),
        sa.UniqueConstraint(
            "athlete_id", "day", "kind", name="uq_readiness_choices_athlete_day_kind"
        ),
    )
    with op.batch_alter_table("readiness_choices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_readiness_choices_athlete_id"), ["athlete_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("readiness_choices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_readiness_choices_athlete_id"))
    op.drop_table("readiness_choices")
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checkins_athlete_id"))
    op.drop_table("checkins")
