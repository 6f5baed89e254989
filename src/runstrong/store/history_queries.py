"""Read-only queries behind the history, detail and prefill views: pages of an athlete's
activities and strength sessions, newest first, one item checked against its athlete, and the
last sets done of each exercise.

Functions take the unit of work's ``Session`` and return domain objects; they never commit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Literal, cast

from sqlalchemy import func, literal, select, tuple_, union_all
from sqlalchemy.orm import Session, selectinload

from runstrong.domain.models import Activity, Side, StrengthSession, StrengthSet
from runstrong.store.repositories import ActivityRepository, StrengthRepository, _as_utc
from runstrong.store.tables import ActivityRow, StrengthSessionRow, StrengthSetRow

__all__ = [
    "EntryKind",
    "activities_by_id",
    "activities_page",
    "activity_of",
    "history_page",
    "last_sets_by_exercise",
    "last_strength_session",
    "strength_page",
    "strength_session_of",
    "strength_sessions_by_id",
]

EntryKind = Literal["activity", "strength_session"]

# The repositories' row-to-domain mappings are reused so that both read paths agree exactly.
_activity = ActivityRepository._to_domain
_session = StrengthRepository._to_domain


def activities_page(
    session: Session, athlete_id: int, *, limit: int, offset: int
) -> tuple[list[Activity], int]:
    """One page of the athlete's activities, newest first, and how many there are in all."""
    total = session.scalar(
        select(func.count()).select_from(ActivityRow).where(ActivityRow.athlete_id == athlete_id)
    )
    rows = session.scalars(
        select(ActivityRow)
        .where(ActivityRow.athlete_id == athlete_id)
        .order_by(ActivityRow.started_at.desc(), ActivityRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [_activity(row) for row in rows], int(total or 0)


def strength_page(
    session: Session, athlete_id: int, *, limit: int, offset: int
) -> tuple[list[StrengthSession], int]:
    """One page of the athlete's strength sessions (with their sets), newest first, and the
    total."""
    total = session.scalar(
        select(func.count())
        .select_from(StrengthSessionRow)
        .where(StrengthSessionRow.athlete_id == athlete_id)
    )
    rows = session.scalars(
        select(StrengthSessionRow)
        .where(StrengthSessionRow.athlete_id == athlete_id)
        .options(selectinload(StrengthSessionRow.sets))
        .order_by(StrengthSessionRow.started_at.desc(), StrengthSessionRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [_session(row) for row in rows], int(total or 0)


def history_page(
    session: Session, athlete_id: int, *, limit: int, offset: int
) -> tuple[list[tuple[EntryKind, int]], int]:
    """Activities and strength sessions together, newest first: ``(kind, id)`` of one page, and
    the total of both. One query orders both tables, so deep pages cost no more than the first."""
    entries = union_all(
        select(
            literal("activity").label("kind"),
            ActivityRow.id.label("id"),
            ActivityRow.started_at.label("started_at"),
        ).where(ActivityRow.athlete_id == athlete_id),
        select(
            literal("strength_session").label("kind"),
            StrengthSessionRow.id.label("id"),
            StrengthSessionRow.started_at.label("started_at"),
        ).where(StrengthSessionRow.athlete_id == athlete_id),
    ).subquery()
    total = session.scalar(select(func.count()).select_from(entries))
    rows = session.execute(
        select(entries.c.kind, entries.c.id)
        .order_by(entries.c.started_at.desc(), entries.c.kind, entries.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    page: list[tuple[EntryKind, int]] = [(kind, int(item_id)) for kind, item_id in rows]
    return page, int(total or 0)


def activity_of(session: Session, athlete_id: int, activity_id: int) -> Activity | None:
    """The activity if it exists and is this athlete's; ``None`` otherwise."""
    row = session.scalars(
        select(ActivityRow).where(
            ActivityRow.id == activity_id, ActivityRow.athlete_id == athlete_id
        )
    ).first()
    return _activity(row) if row is not None else None


def activities_by_id(
    session: Session, athlete_id: int, activity_ids: Sequence[int]
) -> dict[int, Activity]:
    if not activity_ids:
        return {}
    rows = session.scalars(
        select(ActivityRow).where(
            ActivityRow.athlete_id == athlete_id, ActivityRow.id.in_(activity_ids)
        )
    )
    return {row.id: _activity(row) for row in rows}


def strength_session_of(
    session: Session, athlete_id: int, session_id: int
) -> StrengthSession | None:
    """The strength session with its sets if it is this athlete's; ``None`` otherwise."""
    row = session.scalars(
        select(StrengthSessionRow)
        .where(StrengthSessionRow.id == session_id, StrengthSessionRow.athlete_id == athlete_id)
        .options(selectinload(StrengthSessionRow.sets))
    ).first()
    return _session(row) if row is not None else None


def strength_sessions_by_id(
    session: Session, athlete_id: int, session_ids: Sequence[int]
) -> dict[int, StrengthSession]:
    if not session_ids:
        return {}
    rows = session.scalars(
        select(StrengthSessionRow)
        .where(StrengthSessionRow.athlete_id == athlete_id, StrengthSessionRow.id.in_(session_ids))
        .options(selectinload(StrengthSessionRow.sets))
    )
    return {row.id: _session(row) for row in rows}


def last_strength_session(session: Session, athlete_id: int) -> StrengthSession | None:
    """The athlete's most recent strength session, or ``None`` before the first."""
    row = session.scalars(
        select(StrengthSessionRow)
        .where(StrengthSessionRow.athlete_id == athlete_id)
        .options(selectinload(StrengthSessionRow.sets))
        .order_by(StrengthSessionRow.started_at.desc(), StrengthSessionRow.id.desc())
        .limit(1)
    ).first()
    return _session(row) if row is not None else None


def last_sets_by_exercise(
    session: Session, athlete_id: int
) -> dict[str, tuple[int, datetime, tuple[StrengthSet, ...]]]:
    """For each exercise the athlete has done: the id and start of the latest session that had
    it, and that session's sets of it, in order. Two queries, whatever the length of the log."""
    ranked = (
        select(
            StrengthSetRow.exercise_slug.label("slug"),
            StrengthSetRow.session_id.label("session_id"),
            func.row_number()
            .over(
                partition_by=StrengthSetRow.exercise_slug,
                order_by=(StrengthSessionRow.started_at.desc(), StrengthSessionRow.id.desc()),
            )
            .label("rank"),
        )
        .join(StrengthSessionRow, StrengthSessionRow.id == StrengthSetRow.session_id)
        .where(StrengthSessionRow.athlete_id == athlete_id)
        .subquery()
    )
    latest = select(ranked.c.slug, ranked.c.session_id).where(ranked.c.rank == 1)
    rows = session.execute(
        select(
            StrengthSetRow.exercise_slug,
            StrengthSetRow.session_id,
            StrengthSessionRow.started_at,
            StrengthSetRow.reps,
            StrengthSetRow.load_kg,
            StrengthSetRow.rpe,
            StrengthSetRow.side,
            StrengthSetRow.warmup,
            StrengthSetRow.duration_s,
            StrengthSetRow.rest_s,
        )
        .join(StrengthSessionRow, StrengthSessionRow.id == StrengthSetRow.session_id)
        .where(tuple_(StrengthSetRow.exercise_slug, StrengthSetRow.session_id).in_(latest))
        .order_by(StrengthSetRow.exercise_slug, StrengthSetRow.position)
    )
    found: dict[str, list[StrengthSet]] = defaultdict(list)
    origin: dict[str, tuple[int, datetime]] = {}
    for slug, session_id, started_at, reps, load_kg, rpe, side, warmup, duration_s, rest_s in rows:
        origin[slug] = (int(session_id), _as_utc(started_at))
        found[slug].append(
            StrengthSet(
                slug, reps, load_kg, rpe, cast(Side, side), bool(warmup), duration_s, rest_s
            )
        )
    return {slug: (*origin[slug], tuple(sets)) for slug, sets in found.items()}
