"""multisport events and transitions (issue 16)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 16:25:00

A ``multisport_events`` table and ``activities.event_id``. Legs of multisport FIT files stored
before this revision (external ids ``sha256:<file>#<session>``, transitions left out) are
grouped into one event per file, marked ``transitions_complete = false``: importing the file
again adds its transitions to that event and duplicates nothing.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_RUNS = {"running", "trail_running", "track_running", "treadmill_running"}


def _kind(sports: list[str]) -> str:
    """The same rule as ``runstrong.importers.multisport.event_kind``, frozen here."""
    groups = [
        "swim" if s == "swimming" else "ride" if s == "cycling" else "run" if s in _RUNS else s
        for s in sports
        if s != "transition"
    ]
    if groups == ["swim", "ride", "run"]:
        return "triathlon"
    if groups in (["run", "ride", "run"], ["run", "ride"]):
        return "duathlon"
    if groups in (["swim", "run"], ["run", "swim", "run"]):
        return "aquathlon"
    return "multisport"


def upgrade() -> None:
    op.create_table(
        "multisport_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("external_id", sa.String(length=160), nullable=True),
        sa.Column("transitions_complete", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('triathlon', 'duathlon', 'aquathlon', 'multisport')",
            name=op.f("ck_multisport_events_kind_known"),
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_multisport_events_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multisport_events")),
        sa.UniqueConstraint(
            "athlete_id", "external_id", name="uq_multisport_events_athlete_external"
        ),
    )
    with op.batch_alter_table("multisport_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_multisport_events_athlete_id"), ["athlete_id"], unique=False
        )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("event_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_activities_event_id"), ["event_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_activities_event_id_multisport_events"),
            "multisport_events",
            ["event_id"],
            ["id"],
            ondelete="SET NULL",
        )
    _group_legacy_legs()


def _group_legacy_legs() -> None:
    bind = op.get_bind()
    activities = sa.table(
        "activities",
        sa.column("id", sa.Integer),
        sa.column("athlete_id", sa.Integer),
        sa.column("started_at", sa.DateTime(timezone=True)),
        sa.column("sport", sa.String),
        sa.column("source", sa.String),
        sa.column("external_id", sa.String),
        sa.column("event_id", sa.Integer),
    )
    events = sa.table(
        "multisport_events",
        sa.column("id", sa.Integer),
        sa.column("athlete_id", sa.Integer),
        sa.column("started_at", sa.DateTime(timezone=True)),
        sa.column("kind", sa.String),
        sa.column("source", sa.String),
        sa.column("external_id", sa.String),
        sa.column("transitions_complete", sa.Boolean),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    rows = bind.execute(
        sa.select(
            activities.c.id,
            activities.c.athlete_id,
            activities.c.started_at,
            activities.c.sport,
            activities.c.external_id,
        )
        .where(
            activities.c.source == "fit",
            activities.c.external_id.like("sha256:%#%"),
            activities.c.event_id.is_(None),
        )
        .order_by(activities.c.started_at, activities.c.id)
    ).all()
    groups: dict[tuple[int, str], list[sa.Row[tuple[int, int, datetime, str, str]]]] = defaultdict(
        list
    )
    for row in rows:
        groups[(row.athlete_id, row.external_id.split("#", 1)[0])].append(row)
    now = datetime.now(UTC)
    for (athlete_id, file_id), legs in groups.items():
        bind.execute(
            events.insert().values(
                athlete_id=athlete_id,
                started_at=legs[0].started_at,
                kind=_kind([leg.sport for leg in legs]),
                source="fit",
                external_id=file_id,
                transitions_complete=False,
                created_at=now,
            )
        )
        event_id = bind.execute(
            sa.select(events.c.id).where(
                events.c.athlete_id == athlete_id, events.c.external_id == file_id
            )
        ).scalar_one()
        bind.execute(
            activities.update()
            .where(activities.c.id.in_([leg.id for leg in legs]))
            .values(event_id=event_id)
        )


def downgrade() -> None:
    # transitions exist only as activities of sport "transition"; they stay, unlinked
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_activities_event_id_multisport_events"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_activities_event_id"))
        batch_op.drop_column("event_id")
    with op.batch_alter_table("multisport_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_multisport_events_athlete_id"))
    op.drop_table("multisport_events")
