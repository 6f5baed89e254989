"""warm-up and timed strength sets, gym settings, idempotency keys (issue 14)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 16:25:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("strength_sets", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("warmup", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("duration_s", sa.Float(), nullable=True))
        batch_op.create_check_constraint(
            "duration_positive", "duration_s IS NULL OR duration_s > 0"
        )
    # Plain ALTER TABLE, never a batch copy: on SQLite a batch copy drops and re-creates
    # strength_sessions, and the ON DELETE CASCADE of strength_sets would empty it.
    op.add_column(
        "strength_sessions", sa.Column("idempotency_key", sa.String(length=80), nullable=True)
    )
    op.create_index(
        "uq_strength_sessions_athlete_idempotency",
        "strength_sessions",
        ["athlete_id", "idempotency_key"],
        unique=True,
    )
    op.create_table(
        "gym_settings",
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=2), nullable=False),
        sa.Column("bar_kg", sa.Float(), nullable=False),
        sa.Column("plates_kg", sa.JSON(), nullable=False),
        sa.Column("sled_kg", sa.Float(), nullable=False),
        sa.Column("rest_s", sa.JSON(), nullable=True),
        sa.CheckConstraint("bar_kg >= 0", name=op.f("ck_gym_settings_bar_non_negative")),
        sa.CheckConstraint("sled_kg >= 0", name=op.f("ck_gym_settings_sled_non_negative")),
        sa.CheckConstraint("unit IN ('kg', 'lb')", name=op.f("ck_gym_settings_unit_known")),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_gym_settings_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("athlete_id", name=op.f("pk_gym_settings")),
    )


def downgrade() -> None:
    op.drop_table("gym_settings")
    op.drop_index("uq_strength_sessions_athlete_idempotency", table_name="strength_sessions")
    op.drop_column("strength_sessions", "idempotency_key")  # ALTER TABLE ... DROP COLUMN
    with op.batch_alter_table("strength_sets", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_strength_sets_duration_positive"), type_="check")
        batch_op.drop_column("duration_s")
        batch_op.drop_column("warmup")
