"""Repositories: the only code that builds queries. They return domain objects and never commit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from runstrong.domain.models import (
    Activity,
    Athlete,
    StrengthSession,
    StrengthSet,
)
from runstrong.store.samples_codec import EncodedSamples, decode_samples, encode_samples
from runstrong.store.tables import (
    ActivityRow,
    ActivitySamplesRow,
    AthleteRow,
    StrengthSessionRow,
    StrengthSetRow,
)

__all__ = ["ActivityRepository", "AthleteRepository", "StrengthRepository", "strength_set_rows"]

_ATHLETE_FIELDS = (
    "name",
    "body_mass_kg",
    "sex",
    "birth_year",
    "event_focus",
    "units",
    "hr_rest_bpm",
    "hr_max_bpm",
    "timezone",
)
_SESSION_FIELDS = (
    "started_at",
    "duration_s",
    "rpe",
    "machine",
    "notes",
    "pain_score",
    "pain_location",
    "source",
    "external_id",
    "avg_hr_bpm",
    "max_hr_bpm",
    "rpe_estimate",
    "event_id",
)
_ACTIVITY_FIELDS = (
    "started_at",
    "sport",
    "session_type",
    "distance_m",
    "moving_time_s",
    "elapsed_time_s",
    "ascent_m",
    "avg_hr_bpm",
    "max_hr_bpm",
    "avg_cadence_spm",
    "avg_power_w",
    "rpe",
    "device",
    "name",
    "notes",
    "pain_score",
    "pain_location",
    "source",
    "external_id",
    "event_id",
)


def _as_utc(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; everything stored is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _to_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("datetimes must be timezone-aware before they are stored")
    return moment.astimezone(UTC)


class AthleteRepository:
    def __init__(self, session: Session, changed: set[int] | None = None) -> None:
        self._session = session
        self._changed = changed if changed is not None else set()

    @staticmethod
    def _to_domain(row: AthleteRow) -> Athlete:
        values: dict[str, Any] = {field: getattr(row, field) for field in _ATHLETE_FIELDS}
        return Athlete(id=row.id, risk_thresholds=dict(row.risk_thresholds or {}), **values)

    def add(self, athlete: Athlete) -> Athlete:
        row = AthleteRow(
            risk_thresholds=dict(athlete.risk_thresholds) or None,
            **{field: getattr(athlete, field) for field in _ATHLETE_FIELDS},
        )
        self._session.add(row)
        self._session.flush()
        return self._to_domain(row)

    def get(self, athlete_id: int) -> Athlete | None:
        row = self._session.get(AthleteRow, athlete_id)
        return self._to_domain(row) if row else None

    def get_by_name(self, name: str) -> Athlete | None:
        row = self._session.scalars(
            select(AthleteRow).where(func.lower(AthleteRow.name) == name.strip().lower())
        ).first()
        return self._to_domain(row) if row else None

    def list(self) -> list[Athlete]:
        rows = self._session.scalars(select(AthleteRow).order_by(AthleteRow.name))
        return [self._to_domain(row) for row in rows]

    def set_risk_thresholds(self, athlete_id: int, thresholds: dict[str, float]) -> Athlete:
        row = self._session.get_one(AthleteRow, athlete_id)
        row.risk_thresholds = dict(thresholds) or None
        self._changed.add(athlete_id)
        self._session.flush()
        return self._to_domain(row)

    def update_settings(self, athlete_id: int, values: dict[str, Any]) -> Athlete:
        row = self._session.get_one(AthleteRow, athlete_id)
        for name, value in values.items():
            setattr(row, name, value)
        self._changed.add(athlete_id)
        self._session.flush()
        return self._to_domain(row)

    def created_at(self, athlete_id: int) -> datetime:
        row = self._session.get_one(AthleteRow, athlete_id)
        return _as_utc(row.created_at)

    def count(self) -> int:
        return int(self._session.scalar(select(func.count()).select_from(AthleteRow)) or 0)


class ActivityRepository:
    def __init__(self, session: Session, changed: set[int] | None = None) -> None:
        self._session = session
        self._changed = changed if changed is not None else set()

    @staticmethod
    def _to_domain(row: ActivityRow, *, with_samples: bool = False) -> Activity:
        values: dict[str, Any] = {field: getattr(row, field) for field in _ACTIVITY_FIELDS}
        values["started_at"] = _as_utc(row.started_at)
        samples = None
        if with_samples and row.samples is not None:
            samples = decode_samples(
                row.samples.payload, row.samples.sample_count, row.samples.encoding
            )
        return Activity(id=row.id, samples=samples, **values)

    def add(
        self,
        athlete_id: int,
        activity: Activity,
        *,
        encoded_samples: EncodedSamples | None = None,
    ) -> Activity:
        """Store an activity; its samples come from ``activity.samples`` or, already encoded
        (by a worker process), from ``encoded_samples``."""
        values = {field: getattr(activity, field) for field in _ACTIVITY_FIELDS}
        values["started_at"] = _to_utc(activity.started_at)
        row = ActivityRow(athlete_id=athlete_id, **values)
        self._changed.add(athlete_id)
        if encoded_samples is None and activity.samples is not None and len(activity.samples):
            encoded_samples = encode_samples(activity.samples)
        if encoded_samples is not None:
            row.samples = ActivitySamplesRow(
                sample_count=encoded_samples.sample_count,
                encoding=encoded_samples.encoding,
                payload=encoded_samples.payload,
            )
        self._session.add(row)
        self._session.flush()
        return self._to_domain(row)

    def get(self, activity_id: int, *, with_samples: bool = False) -> Activity | None:
        row = self._session.get(ActivityRow, activity_id)
        return self._to_domain(row, with_samples=with_samples) if row else None

    def by_idempotency_key(self, athlete_id: int, key: str) -> StrengthSession | None:
        """The session stored earlier under the client's ``key``, if any."""
        row = self._session.scalar(
            select(StrengthSessionRow).where(
                StrengthSessionRow.athlete_id == athlete_id,
                StrengthSessionRow.idempotency_key == key,
            )
        )
        return self._to_domain(row) if row is not None else None

    def existing_external_ids(self, athlete_id: int, external_ids: Sequence[str]) -> set[str]:
        if not external_ids:
            return set()
        rows = self._session.scalars(
            select(ActivityRow.external_id).where(
                ActivityRow.athlete_id == athlete_id, ActivityRow.external_id.in_(external_ids)
            )
        )
        return {cast(str, value) for value in rows}

    def fingerprints(
        self, athlete_id: int
    ) -> tuple[set[str], set[tuple[datetime, str, str | None]]]:
        """All external ids, and all (start, sport, device) keys, of the athlete's activities."""
        rows = self._session.execute(
            select(
                ActivityRow.external_id,
                ActivityRow.started_at,
                ActivityRow.sport,
                ActivityRow.device,
            ).where(ActivityRow.athlete_id == athlete_id)
        )
        external_ids: set[str] = set()
        starts: set[tuple[datetime, str, str | None]] = set()
        for external_id, started_at, sport, device in rows:
            if external_id is not None:
                external_ids.add(external_id)
            starts.add((_as_utc(started_at), sport, device))
        return external_ids, starts

    def find_same_start(
        self, athlete_id: int, started_at: datetime, sport: str, device: str | None
    ) -> Activity | None:
        """An activity with the same start, sport and device: the same session from another file."""
        row = self._session.scalars(
            select(ActivityRow).where(
                ActivityRow.athlete_id == athlete_id,
                ActivityRow.started_at == _to_utc(started_at),
                ActivityRow.sport == sport,
                ActivityRow.device.is_(None) if device is None else ActivityRow.device == device,
            )
        ).first()
        return self._to_domain(row) if row else None

    def _by_athlete(self, *conditions: ColumnElement[bool]) -> dict[int, list[Activity]]:
        """Activities matching ``conditions``, read as plain rows (no ORM objects), oldest first."""
        columns = [getattr(ActivityRow, field) for field in _ACTIVITY_FIELDS]
        query = (
            select(ActivityRow.athlete_id, ActivityRow.id, *columns)
            .where(*conditions)
            .order_by(ActivityRow.athlete_id, ActivityRow.started_at)
        )
        result: dict[int, list[Activity]] = defaultdict(list)
        for athlete_id, activity_id, *values in self._session.execute(query):
            fields = dict(zip(_ACTIVITY_FIELDS, values, strict=True))
            fields["started_at"] = _as_utc(fields["started_at"])
            result[athlete_id].append(Activity(id=activity_id, **fields))
        return result

    def list_for_athlete(
        self, athlete_id: int, start: datetime | None = None, end: datetime | None = None
    ) -> list[Activity]:
        conditions = [ActivityRow.athlete_id == athlete_id]
        if start is not None:
            conditions.append(ActivityRow.started_at >= _to_utc(start))
        if end is not None:
            conditions.append(ActivityRow.started_at < _to_utc(end))
        return self._by_athlete(*conditions).get(athlete_id, [])

    def list_for_athletes(self, athlete_ids: Sequence[int]) -> dict[int, list[Activity]]:
        """Every activity of several athletes in one query, by athlete, oldest first."""
        found = self._by_athlete(ActivityRow.athlete_id.in_(athlete_ids))
        return {athlete_id: found.get(athlete_id, []) for athlete_id in athlete_ids}

    def count(self, athlete_id: int | None = None) -> int:
        query = select(func.count()).select_from(ActivityRow)
        if athlete_id is not None:
            query = query.where(ActivityRow.athlete_id == athlete_id)
        return int(self._session.scalar(query) or 0)

    def count_samples(self) -> int:
        return int(self._session.scalar(select(func.count()).select_from(ActivitySamplesRow)) or 0)


def hr_series_to_json(series: Sequence[tuple[float, float]]) -> list[list[float]] | None:
    """Heart-rate samples as the JSON column keeps them (``None`` for none)."""
    return [[float(t), float(bpm)] for t, bpm in series] if series else None


def hr_series_from_json(value: object) -> tuple[tuple[float, float], ...]:
    """The samples back from the JSON column; anything malformed reads as no samples."""
    if not isinstance(value, list):
        return ()
    pairs = [p for p in value if isinstance(p, list | tuple) and len(p) == 2]
    return tuple((float(t), float(bpm)) for t, bpm in pairs)


def strength_set_rows(sets: Sequence[StrengthSet]) -> list[StrengthSetRow]:
    """The rows of a session's sets, in order, with every field (warm-up flag and hold too)."""
    return [
        StrengthSetRow(
            position=position,
            exercise_slug=item.exercise_slug,
            reps=item.reps,
            load_kg=item.load_kg,
            rpe=item.rpe,
            side=item.side,
            warmup=item.warmup,
            duration_s=item.duration_s,
            rest_s=item.rest_s,
        )
        for position, item in enumerate(sets)
    ]


class StrengthRepository:
    def __init__(self, session: Session, changed: set[int] | None = None) -> None:
        self._session = session
        self._changed = changed if changed is not None else set()

    @staticmethod
    def _to_domain(row: StrengthSessionRow) -> StrengthSession:
        sets = tuple(
            StrengthSet(
                exercise_slug=set_row.exercise_slug,
                reps=set_row.reps,
                load_kg=set_row.load_kg,
                rpe=set_row.rpe,
                side=cast(Any, set_row.side),
                warmup=bool(set_row.warmup),
                duration_s=set_row.duration_s,
                rest_s=set_row.rest_s,
            )
            for set_row in row.sets
        )
        return StrengthSession(
            id=row.id,
            started_at=_as_utc(row.started_at),
            sets=sets,
            duration_s=row.duration_s,
            rpe=row.rpe,
            machine=row.machine,
            notes=row.notes,
            pain_score=row.pain_score,
            pain_location=row.pain_location,
            source=row.source,
            external_id=row.external_id,
            avg_hr_bpm=row.avg_hr_bpm,
            max_hr_bpm=row.max_hr_bpm,
            hr_series=hr_series_from_json(row.hr_series),
            rpe_estimate=row.rpe_estimate,
            event_id=row.event_id,
        )

    def add(
        self, athlete_id: int, session: StrengthSession, *, idempotency_key: str | None = None
    ) -> StrengthSession:
        self._changed.add(athlete_id)
        row = StrengthSessionRow(
            idempotency_key=idempotency_key,
            athlete_id=athlete_id,
            started_at=_to_utc(session.started_at),
            duration_s=session.duration_s,
            rpe=session.rpe,
            machine=session.machine,
            notes=session.notes,
            pain_score=session.pain_score,
            pain_location=session.pain_location,
            source=session.source,
            external_id=session.external_id,
            avg_hr_bpm=session.avg_hr_bpm,
            max_hr_bpm=session.max_hr_bpm,
            hr_series=hr_series_to_json(session.hr_series),
            rpe_estimate=session.rpe_estimate,
            event_id=session.event_id,
            sets=strength_set_rows(session.sets),
        )
        self._session.add(row)
        self._session.flush()
        return self._to_domain(row)

    def by_idempotency_key(self, athlete_id: int, key: str) -> StrengthSession | None:
        """The session stored earlier under the client's ``key``, if any."""
        row = self._session.scalar(
            select(StrengthSessionRow).where(
                StrengthSessionRow.athlete_id == athlete_id,
                StrengthSessionRow.idempotency_key == key,
            )
        )
        return self._to_domain(row) if row is not None else None

    def existing_external_ids(self, athlete_id: int, external_ids: Sequence[str]) -> set[str]:
        if not external_ids:
            return set()
        rows = self._session.scalars(
            select(StrengthSessionRow.external_id).where(
                StrengthSessionRow.athlete_id == athlete_id,
                StrengthSessionRow.external_id.in_(external_ids),
            )
        )
        return {cast(str, value) for value in rows}

    def _by_athlete(self, *conditions: ColumnElement[bool]) -> dict[int, list[StrengthSession]]:
        """Sessions matching ``conditions`` with their sets, in two queries of plain rows."""
        sessions = (
            select(
                StrengthSessionRow.athlete_id,
                StrengthSessionRow.id,
                *(getattr(StrengthSessionRow, field) for field in _SESSION_FIELDS),
            )
            .where(*conditions)
            .order_by(StrengthSessionRow.athlete_id, StrengthSessionRow.started_at)
        )
        session_ids = select(StrengthSessionRow.id).where(*conditions).scalar_subquery()
        sets = (
            select(
                StrengthSetRow.session_id,
                StrengthSetRow.exercise_slug,
                StrengthSetRow.reps,
                StrengthSetRow.load_kg,
                StrengthSetRow.rpe,
                StrengthSetRow.side,
                StrengthSetRow.warmup,
                StrengthSetRow.duration_s,
                StrengthSetRow.rest_s,
            )
            .where(StrengthSetRow.session_id.in_(session_ids))
            .order_by(StrengthSetRow.session_id, StrengthSetRow.position)
        )
        sets_by_session: dict[int, list[StrengthSet]] = defaultdict(list)
        for session_id, *values in self._session.execute(sets):
            *fields, warmup, duration_s, rest_s = values
            sets_by_session[session_id].append(
                StrengthSet(*fields, warmup=bool(warmup), duration_s=duration_s, rest_s=rest_s)
            )
        result: dict[int, list[StrengthSession]] = defaultdict(list)
        for athlete_id, session_id, *values in self._session.execute(sessions):
            fields = dict(zip(_SESSION_FIELDS, values, strict=True))
            fields["started_at"] = _as_utc(fields["started_at"])
            result[athlete_id].append(
                StrengthSession(id=session_id, sets=tuple(sets_by_session[session_id]), **fields)
            )
        return result

    def list_for_athlete(
        self, athlete_id: int, start: datetime | None = None, end: datetime | None = None
    ) -> list[StrengthSession]:
        conditions = [StrengthSessionRow.athlete_id == athlete_id]
        if start is not None:
            conditions.append(StrengthSessionRow.started_at >= _to_utc(start))
        if end is not None:
            conditions.append(StrengthSessionRow.started_at < _to_utc(end))
        return self._by_athlete(*conditions).get(athlete_id, [])

    def list_for_athletes(self, athlete_ids: Sequence[int]) -> dict[int, list[StrengthSession]]:
        """Every strength session of several athletes, by athlete, oldest first."""
        found = self._by_athlete(StrengthSessionRow.athlete_id.in_(athlete_ids))
        return {athlete_id: found.get(athlete_id, []) for athlete_id in athlete_ids}

    def count(self, athlete_id: int | None = None) -> int:
        query = select(func.count()).select_from(StrengthSessionRow)
        if athlete_id is not None:
            query = query.where(StrengthSessionRow.athlete_id == athlete_id)
        return int(self._session.scalar(query) or 0)

    def count_sets(self) -> int:
        return int(self._session.scalar(select(func.count()).select_from(StrengthSetRow)) or 0)
