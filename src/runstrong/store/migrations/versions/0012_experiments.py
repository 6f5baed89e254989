"""personal experiments (issue 23)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 01:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "experiments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(length=200), nullable=False),
        sa.Column("marker", sa.String(length=16), nullable=False),
        sa.Column("design", sa.String(length=8), nullable=False),
        sa.Column("block_weeks", sa.Integer(), nullable=False),
        sa.Column("n_weeks", sa.Integer(), nullable=False),
        sa.Column("run_in_weeks", sa.Integer(), nullable=False),
        sa.Column("block_order", sa.String(length=32), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("analysis_date", sa.Date(), nullable=False),
        sa.Column("test_weekday", sa.Integer(), nullable=False),
        sa.Column("registered_in_advance", sa.Boolean(), nullable=False),
        sa.Column("started_by", sa.String(length=120), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("noise", sa.JSON(), nullable=False),
        sa.Column("detectable_effect", sa.Float(), nullable=False),
        sa.Column("amendments", sa.JSON(), nullable=False),
        sa.CheckConstraint("design IN ('abab', 'ab')", name=op.f("ck_experiments_design_known")),
        sa.CheckConstraint(
            "block_weeks > 0 AND n_weeks > 0", name=op.f("ck_experiments_weeks_positive")
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_experiments_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_experiments")),
    )
    with op.batch_alter_table("experiments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_experiments_athlete_id"), ["athlete_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("experiments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_experiments_athlete_id"))
    op.drop_table("experiments")
