"""Turn an athlete's sessions into the day-indexed inputs the load and risk science works on.

Pure: domain objects in, NumPy series and small science inputs out. Day 0 is the first local day
of the window; a session belongs to the athlete's local day it started on (a run at 23:30 local
time counts for that day, not the next in UTC).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from runstrong.domain.models import Activity, Athlete, SessionType, StrengthSession
from runstrong.library import Catalog
from runstrong.science import (
    LoggedSet,
    MuscleVolume,
    PainReport,
    RiskInputs,
    RunSession,
    SetTable,
    banister_trimp_per_session,
    daily_muscle_volume,
    daily_totals,
    leg_sessions,
    session_rpe_load_per_session,
    with_reference_e1rm,
)

__all__ = [
    "DEFAULT_RPE_BY_SESSION_TYPE",
    "DailyInputs",
    "build_daily_inputs",
    "estimated_rpe",
]

FloatArray = npt.NDArray[np.float64]
_Session = TypeVar("_Session", Activity, StrengthSession)

#: CR-10 RPE assumed for a session logged without one, by session type (coaching practice:
#: expert opinion). Imported files rarely carry an RPE; the status output counts such sessions.
DEFAULT_RPE_BY_SESSION_TYPE: dict[str | None, float] = {
    "recovery": 2.0,
    "easy": 3.0,
    "long": 5.0,
    "strides": 4.0,
    "tempo": 7.0,
    "interval": 8.0,
    "repetition": 8.0,
    "race": 9.0,
    "other": 4.0,
    None: 4.0,
}
#: A strength session logged without a duration: assume 45 minutes of work including rests.
DEFAULT_STRENGTH_DURATION_S = 45 * 60.0
DEFAULT_STRENGTH_RPE = 6.0


def estimated_rpe(session_type: SessionType | None) -> float:
    return DEFAULT_RPE_BY_SESSION_TYPE.get(session_type, 4.0)


@dataclass(frozen=True, slots=True)
class DailyInputs:
    """Everything the status needs, day-indexed from ``first_day``.

    ``set_table`` holds the strength sets of exercises in the library, as columns, with their
    reference e1RM filled in; :attr:`sets` gives them as rows.
    """

    first_day: date
    n_days: int
    running_load: FloatArray
    strength_load: FloatArray
    other_load: FloatArray
    trimp: FloatArray
    running_distance_m: FloatArray
    running_time_s: FloatArray
    strength_sessions: FloatArray
    set_table: SetTable
    volume: MuscleVolume
    risk: RiskInputs
    sessions_with_estimated_rpe: int

    @property
    def daily_load(self) -> FloatArray:
        return self.running_load + self.strength_load + self.other_load

    @property
    def sets(self) -> tuple[LoggedSet, ...]:
        """The strength sets as rows, in log order (built on each access; for inspection)."""
        return self.set_table.rows()


def _hours(
    moment: datetime, zone: ZoneInfo, origin: date, origin_start: datetime
) -> tuple[int, float]:
    """The local day index of ``moment``, and the hours elapsed since the local midnight that
    began day 0 — real elapsed time, so a clock change does not shift the 48-hour rule."""
    day_index = (moment.astimezone(zone).date() - origin).days
    # Both in UTC: Python subtracts datetimes sharing a tzinfo as wall-clock times.
    return day_index, (moment.astimezone(UTC) - origin_start).total_seconds() / 3600.0


def build_daily_inputs(
    athlete: Athlete,
    activities: list[Activity],
    strength: list[StrengthSession],
    first_day: date,
    last_day: date,
    catalog: Catalog,
) -> DailyInputs:
    """Day-indexed loads, distances, sets and risk inputs for ``first_day`` .. ``last_day``.

    One pass over the activities and one over the strength sessions collect plain columns; the
    strength sets become one :class:`SetTable`, and every rule over them runs vectorised in the
    science core (no per-set objects).
    """
    zone = ZoneInfo(athlete.timezone)
    n_days = (last_day - first_day).days + 1
    end = datetime.combine(last_day + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    endurance = _Endurance.collect(athlete, activities, zone, first_day, end, n_days)
    lifts = _Lifts.collect(strength, zone, first_day, end, n_days, catalog)
    volume = daily_muscle_volume(lifts.set_table, catalog.get, n_days)
    daily_load = endurance.running_load + lifts.strength_load + endurance.other_load
    risk = RiskInputs(
        daily_load=daily_load,
        daily_running_distance_m=endurance.running_distance_m,
        daily_lower_body_hard_sets=volume.lower_body_hard_sets,
        runs=endurance.runs,
        leg_sessions=leg_sessions(lifts.set_table, lifts.start_h, catalog.get, lifts.rpe),
        set_table=lifts.set_table,
        pain_reports=endurance.pain_reports + lifts.pain_reports,
        exercise_names={e.slug: e.name for e in catalog},
    )
    return DailyInputs(
        first_day=first_day,
        n_days=n_days,
        running_load=endurance.running_load,
        strength_load=lifts.strength_load,
        other_load=endurance.other_load,
        trimp=endurance.trimp,
        running_distance_m=endurance.running_distance_m,
        running_time_s=endurance.running_time_s,
        strength_sessions=lifts.sessions,
        set_table=lifts.set_table,
        volume=volume,
        risk=risk,
        sessions_with_estimated_rpe=endurance.estimated_rpe + lifts.estimated_rpe,
    )


@dataclass(frozen=True, slots=True)
class _Endurance:
    """Runs and other endurance sessions as daily series, and their risk events."""

    running_load: FloatArray
    other_load: FloatArray
    trimp: FloatArray
    running_distance_m: FloatArray
    running_time_s: FloatArray
    runs: tuple[RunSession, ...]
    pain_reports: tuple[PainReport, ...]
    estimated_rpe: int

    @classmethod
    def collect(
        cls,
        athlete: Athlete,
        activities: list[Activity],
        zone: ZoneInfo,
        first_day: date,
        end: datetime,
        n_days: int,
    ) -> _Endurance:
        kept, days, starts_h = _placed(activities, zone, first_day, end)
        day = np.asarray(days, dtype=np.intp)
        run = np.array([activity.is_run for activity in kept], dtype=np.bool_)
        times = np.array([activity.moving_time_s for activity in kept])
        distances = np.array([activity.distance_m or 0.0 for activity in kept])
        rpes = [
            estimated_rpe(activity.session_type) if activity.rpe is None else activity.rpe
            for activity in kept
        ]
        load = session_rpe_load_per_session(rpes, times)
        heart_rates = np.array([activity.avg_hr_bpm or 0.0 for activity in kept])
        return cls(
            running_load=daily_totals(day[run], load[run], n_days),
            other_load=daily_totals(day[~run], load[~run], n_days),
            trimp=daily_totals(day[run], _trimps(athlete, times, heart_rates)[run], n_days),
            running_distance_m=daily_totals(day[run], distances[run], n_days),
            running_time_s=daily_totals(day[run], times[run], n_days),
            runs=tuple(
                RunSession(start_h, activity.session_type, activity.rpe)
                for activity, start_h in zip(kept, starts_h, strict=True)
                if activity.is_run
            ),
            pain_reports=_pain_reports(kept, days),
            estimated_rpe=sum(activity.rpe is None for activity in kept),
        )


@dataclass(frozen=True, slots=True)
class _Lifts:
    """Strength sessions as daily series, their sets as one table, and their start and RPE."""

    strength_load: FloatArray
    sessions: FloatArray
    set_table: SetTable
    start_h: FloatArray
    rpe: FloatArray
    pain_reports: tuple[PainReport, ...]
    estimated_rpe: int

    @classmethod
    def collect(
        cls,
        strength: list[StrengthSession],
        zone: ZoneInfo,
        first_day: date,
        end: datetime,
        n_days: int,
        catalog: Catalog,
    ) -> _Lifts:
        kept, days, starts_h = _placed(strength, zone, first_day, end)
        loads = session_rpe_load_per_session(
            [DEFAULT_STRENGTH_RPE if s.load_rpe is None else s.load_rpe for s in kept],
            [session.duration_s or DEFAULT_STRENGTH_DURATION_S for session in kept],
        )
        return cls(
            strength_load=daily_totals(days, loads, n_days),
            sessions=daily_totals(days, np.ones(len(days)), n_days),
            set_table=_set_table(kept, days, catalog),
            start_h=np.asarray(starts_h, dtype=np.float64),
            rpe=np.array([session.rpe for session in kept], dtype=np.float64),
            pain_reports=_pain_reports(kept, days),
            estimated_rpe=sum(session.rpe is None for session in kept),
        )


def _placed(
    sessions: list[_Session], zone: ZoneInfo, first_day: date, end: datetime
) -> tuple[list[_Session], list[int], list[float]]:
    """The sessions that started from ``first_day`` until ``end``, their days and start hours."""
    kept: list[_Session] = []
    days: list[int] = []
    starts_h: list[float] = []
    origin_start = datetime.combine(first_day, datetime.min.time(), tzinfo=zone).astimezone(UTC)
    for session in sessions:
        if session.started_at < end:
            day_index, start_h = _hours(session.started_at, zone, first_day, origin_start)
            if day_index >= 0:
                kept.append(session)
                days.append(day_index)
                starts_h.append(start_h)
    return kept, days, starts_h


def _pain_reports(sessions: list[_Session], days: list[int]) -> tuple[PainReport, ...]:
    return tuple(
        PainReport(day_index, session.pain_score, session.pain_location)
        for session, day_index in zip(sessions, days, strict=True)
        if session.pain_score is not None and session.pain_location
    )


def _trimps(athlete: Athlete, duration_s: FloatArray, hr_avg_bpm: FloatArray) -> FloatArray:
    """Banister TRIMP of each activity with heart rate, 0 without (or above the athlete's max)."""
    trimp = np.zeros(duration_s.size)
    if athlete.hr_rest_bpm is None or athlete.hr_max_bpm is None:
        return trimp
    with_hr = (hr_avg_bpm > 0) & (hr_avg_bpm <= athlete.hr_max_bpm)
    trimp[with_hr] = banister_trimp_per_session(
        duration_s[with_hr],
        hr_avg_bpm[with_hr],
        athlete.hr_rest_bpm,
        athlete.hr_max_bpm,
        athlete.sex,
    )
    return trimp


def _set_table(
    sessions: list[StrengthSession], session_days: list[int], catalog: Catalog
) -> SetTable:
    """The sessions' sets of exercises in the library, as columns, reference e1RM filled in.

    ``session_index`` numbers the sessions in the order given, as :func:`leg_sessions` expects.
    """
    # warm-ups are preparation: no hard sets, no e1RM, no volume
    sets = [item for session in sessions for item in session.sets if not item.warmup]
    per_session = [sum(not item.warmup for item in session.sets) for session in sessions]
    table = SetTable.from_columns(
        day_index=np.repeat(np.asarray(session_days, dtype=np.intp), per_session),
        session_index=np.repeat(np.arange(len(sessions)), per_session),
        exercise_slug=[item.exercise_slug for item in sets],
        reps=[item.reps for item in sets],
        load_kg=[item.load_kg for item in sets],
        rpe=[item.rpe for item in sets],
        side=[item.side for item in sets],
    )
    in_library = np.array([slug in catalog for slug in table.exercise_slugs], dtype=np.bool_)
    return with_reference_e1rm(table.select(in_library[table.exercise_code]))
