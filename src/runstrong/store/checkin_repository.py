"""Morning check-ins and readiness choices (one check-in per athlete and day)."""

from __future__ import annotations

from datetime import date
from typing import cast

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from runstrong.domain.checkin import Checkin, CheckinSource, ReadinessChoice
from runstrong.store.tables import CheckinRow, ReadinessChoiceRow

__all__ = ["CheckinRepository"]

_FIELDS = (
    "sleep_h",
    "sleep_quality",
    "resting_hr_bpm",
    "rmssd_ms",
    "sdnn_ms",
    "hrv_source",
    "fatigue",
    "stress",
    "illness",
    "note",
)


def _to_domain(row: CheckinRow) -> Checkin:
    return Checkin(
        day=row.day,
        soreness={str(k): int(v) for k, v in (row.soreness or {}).items()},
        source=cast(CheckinSource, row.source),
        id=row.id,
        **{name: getattr(row, name) for name in _FIELDS},
    )


class CheckinRepository:
    def __init__(self, session: Session, changed: set[int]) -> None:
        self._session = session
        self._changed = changed

    def _row(self, athlete_id: int, day: date) -> CheckinRow | None:
        return self._session.scalars(
            select(CheckinRow).where(CheckinRow.athlete_id == athlete_id, CheckinRow.day == day)
        ).one_or_none()

    def get(self, athlete_id: int, day: date) -> Checkin | None:
        row = self._row(athlete_id, day)
        return None if row is None else _to_domain(row)

    def list_for_athlete(
        self, athlete_id: int, first: date | None = None, last: date | None = None
    ) -> list[Checkin]:
        query = select(CheckinRow).where(CheckinRow.athlete_id == athlete_id)
        if first is not None:
            query = query.where(CheckinRow.day >= first)
        if last is not None:
            query = query.where(CheckinRow.day <= last)
        return [_to_domain(row) for row in self._session.scalars(query.order_by(CheckinRow.day))]

    def put(self, athlete_id: int, checkin: Checkin) -> Checkin:
        """Store the athlete's check-in of ``checkin.day``, replacing one there."""
        row = self._row(athlete_id, checkin.day)
        if row is None:
            row = CheckinRow(athlete_id=athlete_id, day=checkin.day)
            self._session.add(row)
        row.soreness = dict(checkin.soreness)
        row.source = checkin.source
        for name in _FIELDS:
            setattr(row, name, getattr(checkin, name))
        self._session.flush()
        self._changed.add(athlete_id)
        return _to_domain(row)

    def delete(self, athlete_id: int, day: date) -> bool:
        result = self._session.execute(
            delete(CheckinRow).where(CheckinRow.athlete_id == athlete_id, CheckinRow.day == day)
        )
        self._changed.add(athlete_id)
        return bool(getattr(result, "rowcount", 0))

    def put_choice(self, athlete_id: int, choice: ReadinessChoice) -> ReadinessChoice:
        row = self._session.scalars(
            select(ReadinessChoiceRow).where(
                ReadinessChoiceRow.athlete_id == athlete_id,
                ReadinessChoiceRow.day == choice.day,
                ReadinessChoiceRow.kind == choice.kind,
            )
        ).one_or_none()
        if row is None:
            row = ReadinessChoiceRow(athlete_id=athlete_id, day=choice.day, kind=choice.kind)
            self._session.add(row)
        row.action = choice.action
        row.summary = choice.summary
        row.detail = dict(choice.detail)
        self._session.flush()
        self._changed.add(athlete_id)
        return replace_id(choice, row.id)

    def choices(self, athlete_id: int, first: date | None = None) -> list[ReadinessChoice]:
        query = select(ReadinessChoiceRow).where(ReadinessChoiceRow.athlete_id == athlete_id)
        if first is not None:
            query = query.where(ReadinessChoiceRow.day >= first)
        return [
            ReadinessChoice(row.day, row.kind, row.action, row.summary, dict(row.detail), row.id)
            for row in self._session.scalars(query.order_by(ReadinessChoiceRow.day))
        ]


def replace_id(choice: ReadinessChoice, row_id: int) -> ReadinessChoice:
    return ReadinessChoice(
        choice.day, choice.kind, choice.action, choice.summary, choice.detail, row_id
    )
