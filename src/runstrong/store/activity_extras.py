"""Laps and stored best efforts of activities: read and written inside a unit of work.

Functions take the unit of work's ``Session``; they never commit. Writing best efforts does not
count as a change of the athlete's data (they are derived from samples already stored), so it
does not bump ``data_version``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import and_, delete, func, select
from sqlalchemy.orm import Session

from runstrong.domain.models import RUNNING_SPORTS, Lap
from runstrong.store.repositories import _as_utc
from runstrong.store.tables import (
    ActivityBestEffortsRow,
    ActivityLapRow,
    ActivityRow,
    ActivitySamplesRow,
)

__all__ = [
    "Effort",
    "StoredEfforts",
    "activity_id_by_external",
    "add_laps",
    "athlete_of_activity",
    "best_efforts_of_activity",
    "best_efforts_of_athlete",
    "count_laps",
    "lapless_external_ids",
    "laps_of",
    "put_best_efforts",
    "runs_needing_best_efforts",
]

_LAP_FIELDS = (
    "start_s",
    "elapsed_time_s",
    "moving_time_s",
    "distance_m",
    "avg_hr_bpm",
    "max_hr_bpm",
    "avg_cadence_spm",
    "avg_power_w",
    "ascent_m",
    "descent_m",
)
#: ``(distance_m, duration_s, start_s, end_s)`` of each effort.
Effort = tuple[float, float, float, float]
#: One run's stored efforts: activity id, start time, and the efforts.
StoredEfforts = tuple[int, datetime, tuple[Effort, ...]]


def add_laps(session: Session, activity_id: int, laps: Sequence[Lap]) -> int:
    """Store an activity's laps in order; returns how many."""
    session.add_all(
        ActivityLapRow(
            activity_id=activity_id,
            position=position,
            **{name: getattr(lap, name) for name in _LAP_FIELDS},
        )
        for position, lap in enumerate(laps)
    )
    return len(laps)


def laps_of(session: Session, activity_id: int) -> tuple[Lap, ...]:
    rows = session.execute(
        select(*(getattr(ActivityLapRow, name) for name in _LAP_FIELDS))
        .where(ActivityLapRow.activity_id == activity_id)
        .order_by(ActivityLapRow.position)
    )
    return tuple(Lap(*row) for row in rows)


def count_laps(session: Session, activity_id: int) -> int:
    query = select(func.count()).where(ActivityLapRow.activity_id == activity_id)
    return int(session.scalar(query) or 0)


def activity_id_by_external(session: Session, athlete_id: int, external_id: str) -> int | None:
    return session.scalar(
        select(ActivityRow.id).where(
            ActivityRow.athlete_id == athlete_id, ActivityRow.external_id == external_id
        )
    )


def athlete_of_activity(session: Session, activity_id: int) -> int | None:
    return session.scalar(select(ActivityRow.athlete_id).where(ActivityRow.id == activity_id))


def lapless_external_ids(session: Session, athlete_id: int) -> set[str]:
    """External ids of the athlete's FIT and TCX activities that have no laps stored."""
    has_laps = select(ActivityLapRow.activity_id).where(
        ActivityLapRow.activity_id == ActivityRow.id
    )
    rows = session.scalars(
        select(ActivityRow.external_id).where(
            ActivityRow.athlete_id == athlete_id,
            ActivityRow.source.in_(("fit", "tcx")),
            ActivityRow.external_id.is_not(None),
            ~has_laps.exists(),
        )
    )
    return {str(value) for value in rows}


def put_best_efforts(
    session: Session,
    activity_id: int,
    version: int,
    efforts: Iterable[Effort],
    *,
    replace: bool = True,
) -> None:
    """Store the best efforts of one run, replacing stored ones (``replace=False`` for a run
    just added, which has none: one statement less at import)."""
    if replace:
        session.execute(
            delete(ActivityBestEffortsRow).where(ActivityBestEffortsRow.activity_id == activity_id)
        )
    session.add(
        ActivityBestEffortsRow(
            activity_id=activity_id, version=version, efforts=[list(e) for e in efforts]
        )
    )


def best_efforts_of_activity(
    session: Session, activity_id: int, version: int
) -> tuple[Effort, ...] | None:
    """The stored efforts of one run, or ``None`` if they are missing or out of date."""
    row = session.get(ActivityBestEffortsRow, activity_id)
    if row is None or row.version != version:
        return None
    return tuple(_effort(values) for values in row.efforts)


def best_efforts_of_athlete(session: Session, athlete_id: int) -> list[StoredEfforts]:
    """Every run's stored efforts, oldest run first, in one query."""
    rows = session.execute(
        select(ActivityRow.id, ActivityRow.started_at, ActivityBestEffortsRow.efforts)
        .join(ActivityBestEffortsRow, ActivityBestEffortsRow.activity_id == ActivityRow.id)
        .where(ActivityRow.athlete_id == athlete_id)
        .order_by(ActivityRow.started_at, ActivityRow.id)
    )
    return [
        (activity_id, _as_utc(started), tuple(_effort(v) for v in efforts))
        for activity_id, started, efforts in rows
    ]


def runs_needing_best_efforts(session: Session, athlete_id: int, version: int) -> list[int]:
    """Runs with samples whose best efforts were never computed, or by older code."""
    query = (
        select(ActivityRow.id)
        .join(ActivitySamplesRow, ActivitySamplesRow.activity_id == ActivityRow.id)
        .outerjoin(
            ActivityBestEffortsRow,
            and_(
                ActivityBestEffortsRow.activity_id == ActivityRow.id,
                ActivityBestEffortsRow.version == version,
            ),
        )
        .where(
            ActivityRow.athlete_id == athlete_id,
            ActivityRow.sport.in_(sorted(RUNNING_SPORTS)),
            ActivityBestEffortsRow.activity_id.is_(None),
        )
        .order_by(ActivityRow.id)
    )
    return list(session.scalars(query))


def _effort(values: Sequence[float]) -> Effort:
    return (float(values[0]), float(values[1]), float(values[2]), float(values[3]))
