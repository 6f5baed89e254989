"""Turn an athlete's sessions into the day-indexed inputs the load and risk science works on.

Pure: domain objects in, NumPy series and small science inputs out. Day 0 is the first local day
of the window; a session belongs to the athlete's local day it started on (a run at 23:30 local
time counts for that day, not the next in UTC).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
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
    banister_trimp,
    daily_muscle_volume,
    daily_totals,
    leg_session,
    session_rpe_load,
    with_reference_e1rm,
)

__all__ = ["DEFAULT_RPE_BY_SESSION_TYPE", "DailyInputs", "build_daily_inputs", "estimated_rpe"]

FloatArray = npt.NDArray[np.float64]

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
    """Everything the status needs, day-indexed from ``first_day``."""

    first_day: date
    n_days: int
    running_load: FloatArray
    strength_load: FloatArray
    other_load: FloatArray
    trimp: FloatArray
    running_distance_m: FloatArray
    running_time_s: FloatArray
    strength_sessions: FloatArray
    sets: tuple[LoggedSet, ...]
    volume: MuscleVolume
    risk: RiskInputs
    sessions_with_estimated_rpe: int

    @property
    def daily_load(self) -> FloatArray:
        return self.running_load + self.strength_load + self.other_load


def _hours(moment: datetime, zone: ZoneInfo, origin: date) -> tuple[int, float]:
    local = moment.astimezone(zone)
    day_index = (local.date() - origin).days
    return day_index, day_index * 24.0 + local.hour + local.minute / 60.0


def build_daily_inputs(
    athlete: Athlete,
    activities: list[Activity],
    strength: list[StrengthSession],
    first_day: date,
    last_day: date,
    catalog: Catalog,
) -> DailyInputs:
    """Day-indexed loads, distances, sets and risk inputs for ``first_day`` .. ``last_day``."""
    zone = ZoneInfo(athlete.timezone)
    n_days = (last_day - first_day).days + 1
    end = datetime.combine(last_day + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    activities = [a for a in activities if a.started_at < end]
    strength = [s for s in strength if s.started_at < end]
    estimated = 0

    run_days: list[int] = []
    run_loads: list[float] = []
    other_days: list[int] = []
    other_loads: list[float] = []
    trimp_days: list[int] = []
    trimp_values: list[float] = []
    run_sessions: list[RunSession] = []
    pain: list[PainReport] = []
    distances: list[float] = []
    times: list[float] = []
    for activity in activities:
        day_index, start_h = _hours(activity.started_at, zone, first_day)
        if day_index < 0:
            continue
        rpe = activity.rpe
        if rpe is None:
            rpe = estimated_rpe(activity.session_type)
            estimated += 1
        load = session_rpe_load(rpe, activity.moving_time_s)
        trimp = 0.0
        if (
            activity.avg_hr_bpm is not None
            and athlete.hr_rest_bpm is not None
            and athlete.hr_max_bpm is not None
            and activity.avg_hr_bpm <= athlete.hr_max_bpm
        ):
            trimp = banister_trimp(
                activity.moving_time_s,
                activity.avg_hr_bpm,
                athlete.hr_rest_bpm,
                athlete.hr_max_bpm,
                athlete.sex,
            )
        if activity.is_run:
            run_days.append(day_index)
            run_loads.append(load)
            distances.append(activity.distance_m or 0.0)
            times.append(activity.moving_time_s)
            run_sessions.append(RunSession(start_h, activity.session_type, activity.rpe))
        else:
            other_days.append(day_index)
            other_loads.append(load)
        trimp_days.append(day_index)
        trimp_values.append(trimp)
        if activity.pain_score is not None and activity.pain_location:
            pain.append(PainReport(day_index, activity.pain_score, activity.pain_location))

    lift_days: list[int] = []
    lift_loads: list[float] = []
    logged: list[LoggedSet] = []
    session_sets: list[tuple[float, float | None, list[LoggedSet]]] = []
    for session in strength:
        day_index, start_h = _hours(session.started_at, zone, first_day)
        if day_index < 0:
            continue
        rpe = session.rpe
        if rpe is None:
            rpe = DEFAULT_STRENGTH_RPE
            estimated += 1
        lift_days.append(day_index)
        lift_loads.append(session_rpe_load(rpe, session.duration_s or DEFAULT_STRENGTH_DURATION_S))
        these = [
            LoggedSet(day_index, s.exercise_slug, s.reps, s.load_kg, s.rpe, s.side)
            for s in session.sets
            if s.exercise_slug in catalog
        ]
        logged.extend(these)
        session_sets.append((start_h, session.rpe, these))
        if session.pain_score is not None and session.pain_location:
            pain.append(PainReport(day_index, session.pain_score, session.pain_location))

    referenced = with_reference_e1rm(logged)
    by_identity = {id(original): ref for original, ref in zip(logged, referenced, strict=True)}
    legs = []
    for start_h, session_rpe, these in session_sets:
        summary = leg_session(
            start_h, [by_identity[id(s)] for s in these], catalog.get, session_rpe
        )
        if summary is not None:
            legs.append(summary)

    running_load = daily_totals(run_days, run_loads, n_days)
    strength_load = daily_totals(lift_days, lift_loads, n_days)
    other_load = daily_totals(other_days, other_loads, n_days)
    running_distance = daily_totals(run_days, distances, n_days)
    volume = daily_muscle_volume(referenced, catalog.get, n_days)
    risk = RiskInputs(
        daily_load=running_load + strength_load + other_load,
        daily_running_distance_m=running_distance,
        daily_lower_body_hard_sets=volume.lower_body_hard_sets,
        runs=tuple(run_sessions),
        leg_sessions=tuple(legs),
        single_leg_sets=tuple(s for s in referenced if s.side != "both"),
        pain_reports=tuple(pain),
        exercise_names={e.slug: e.name for e in catalog},
    )
    return DailyInputs(
        first_day=first_day,
        n_days=n_days,
        running_load=running_load,
        strength_load=strength_load,
        other_load=other_load,
        trimp=daily_totals(trimp_days, trimp_values, n_days),
        running_distance_m=running_distance,
        running_time_s=daily_totals(run_days, times, n_days),
        strength_sessions=daily_totals(lift_days, np.ones(len(lift_days)), n_days),
        sets=referenced,
        volume=volume,
        risk=risk,
        sessions_with_estimated_rpe=estimated,
    )
