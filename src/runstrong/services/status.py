"""Use case: an athlete's status on a date — volume, load, fitness, strength, performance, risks.

Reads the athlete's log once, builds day-indexed series (``daily_series``) and hands them to the
pure science core; nothing here is computed per day in Python.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from runstrong.domain.models import Activity, Athlete, StrengthSession
from runstrong.domain.units import RACE_DISTANCES_M
from runstrong.errors import ValidationError
from runstrong.library import load_catalog
from runstrong.science import (
    Effort,
    RiskSignal,
    RiskThresholds,
    acwr_ewma,
    acwr_rolling,
    asymmetry_percent,
    critical_speed,
    equivalent_time_s,
    evaluate_all,
    fitness_fatigue,
    monotony,
    rtss,
    set_one_rep_max,
    strain,
    training_paces,
    vdot,
)
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.services.best_efforts import stored_efforts
from runstrong.services.daily_series import DailyInputs, build_daily_inputs
from runstrong.services.readiness import Readiness, readiness
from runstrong.store import Store

__all__ = [
    "AthleteStatus",
    "E1rmPoint",
    "LoadStatus",
    "PerformanceStatus",
    "SideBalance",
    "VolumeStatus",
    "athlete_status",
    "compute_status",
    "signal_history",
    "squad_status",
]

LEG_PRESS = "leg-press"
SINGLE_LEG_PRESS = "single-leg-leg-press"
_PERFORMANCE_WINDOW = timedelta(days=180)
_E1RM_WINDOW = timedelta(weeks=16)
PREDICTED_RACES = ("5k", "10k", "half", "marathon")


@dataclass(frozen=True, slots=True)
class VolumeStatus:
    running_distance_7d_m: float
    running_time_7d_s: float
    running_distance_28d_m: float
    running_time_28d_s: float
    runs_7d: int
    strength_sessions_7d: int
    strength_sessions_28d: int
    hard_sets_7d_by_muscle: Mapping[str, float]
    foot_contacts_7d: float


@dataclass(frozen=True, slots=True)
class LoadStatus:
    """Loads in arbitrary units (session-RPE: CR-10 RPE × minutes) on one scale for all work."""

    today_au: float
    running_7d_au: float
    strength_7d_au: float
    other_7d_au: float
    trimp_7d: float
    rtss_7d: float | None
    ctl: float
    atl: float
    tsb: float
    acwr_rolling: float | None
    acwr_ewma: float | None
    monotony: float | None
    strain: float | None
    daily_load_28d_au: tuple[float, ...]
    history_days: int


@dataclass(frozen=True, slots=True)
class E1rmPoint:
    day: date
    e1rm_kg: float
    relative_to_body_mass: float | None


@dataclass(frozen=True, slots=True)
class SideBalance:
    exercise_slug: str
    day: date
    left_e1rm_kg: float
    right_e1rm_kg: float
    asymmetry_percent: float
    weaker_side: str


@dataclass(frozen=True, slots=True)
class PerformanceStatus:
    vdot: float | None
    vdot_from: str | None
    predicted_times_s: Mapping[str, float]
    critical_speed_m_per_s: float | None
    d_prime_m: float | None
    critical_speed_note: str | None
    #: What critical speed was fitted to: "time trials" (logged races of 2-20 minutes) or
    #: "best efforts" (the fastest stretches inside runs, when no time trials are logged).
    critical_speed_from: str | None = None


@dataclass(frozen=True, slots=True)
class AthleteStatus:
    athlete: Athlete
    as_of: date
    log_starts: date
    volume: VolumeStatus
    load: LoadStatus
    leg_press_e1rm: tuple[E1rmPoint, ...]
    side_balance: SideBalance | None
    performance: PerformanceStatus
    signals: tuple[RiskSignal, ...]
    thresholds: RiskThresholds
    sessions_with_estimated_rpe: int
    notes: tuple[str, ...] = field(default_factory=tuple)
    #: Morning check-in signals (HRV, resting HR, sore legs) when read from the store.
    readiness: Readiness | None = None


def _finite(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def _local_day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def _day_start(day: date, zone: ZoneInfo) -> datetime:
    """The instant the local ``day`` begins, for comparing with stored (UTC) start times."""
    return datetime.combine(day, datetime.min.time(), tzinfo=zone)


def _bounds(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The instants that enclose the local days ``first`` to ``last`` (end exclusive)."""
    return _day_start(first, zone), _day_start(last + timedelta(days=1), zone)


def _window_sum(series: np.ndarray, days: int) -> float:  # type: ignore[type-arg]
    return float(series[-days:].sum())


def _set_e1rm(load_kg: float, reps: int, rpe: float | None) -> float | None:
    """The set's e1RM, or ``None`` for a set too far from failure to estimate one from."""
    try:
        return set_one_rep_max(load_kg, reps, rpe)
    except ValidationError:
        return None


def _leg_press_trend(
    strength: list[StrengthSession], athlete: Athlete, zone: ZoneInfo, as_of: date
) -> tuple[E1rmPoint, ...]:
    points = []
    start, end = _bounds(as_of - _E1RM_WINDOW + timedelta(days=1), as_of, zone)
    for session in strength:
        if not start <= session.started_at < end:
            continue
        day = _local_day(session.started_at, zone)
        estimates = [
            e1rm
            for s in session.sets
            if s.exercise_slug == LEG_PRESS and s.load_kg > 0 and s.estimates_strength
            if (e1rm := _set_e1rm(s.load_kg, s.reps, s.rpe)) is not None
        ]
        if estimates:
            best = max(estimates)
            relative = best / athlete.body_mass_kg if athlete.body_mass_kg else None
            points.append(E1rmPoint(day, best, relative))
    return tuple(points)


def _side_balance(
    strength: list[StrengthSession], zone: ZoneInfo, as_of: date
) -> SideBalance | None:
    for session in reversed(strength):
        day = _local_day(session.started_at, zone)
        if day > as_of:
            continue
        best: dict[str, float] = {}
        for s in session.sets:
            if (
                s.exercise_slug == SINGLE_LEG_PRESS
                and s.side != "both"
                and s.load_kg > 0
                and s.estimates_strength
            ):
                e1rm = _set_e1rm(s.load_kg, s.reps, s.rpe)
                if e1rm is not None:
                    best[s.side] = max(best.get(s.side, 0.0), e1rm)
        if "left" in best and "right" in best:
            left, right = best["left"], best["right"]
            weaker = "none" if left == right else "left" if left < right else "right"
            return SideBalance(
                SINGLE_LEG_PRESS, day, left, right, asymmetry_percent(left, right), weaker
            )
    return None


_RACE_NAMES = {5000.0: "5 km", 10000.0: "10 km", 21097.5: "half marathon", 42195.0: "marathon"}


def _race_name(distance_m: float) -> str:
    for metres, name in _RACE_NAMES.items():
        if abs(distance_m - metres) <= metres * 0.01:
            return f"{name} race"
    return f"{distance_m / 1000:g} km race"


#: A best effort inside a run: when the run started, its distance (m) and its time (s).
BestEffortPoint = tuple[datetime, float, float]


def _efforts_from_runs(
    best_efforts: Sequence[BestEffortPoint], start: datetime, end: datetime
) -> list[Effort]:
    """The fastest effort over each distance in the window, those lasting 2 to 20 minutes."""
    fastest: dict[float, float] = {}
    for started_at, distance_m, duration_s in best_efforts:
        if start <= started_at < end and 120 <= duration_s <= 1200:
            fastest[distance_m] = min(fastest.get(distance_m, duration_s), duration_s)
    return [Effort(distance, time_s) for distance, time_s in sorted(fastest.items())]


def _performance(
    runs: list[Activity],
    zone: ZoneInfo,
    as_of: date,
    best_efforts: Sequence[BestEffortPoint] = (),
) -> PerformanceStatus:
    start, end = _bounds(as_of - _PERFORMANCE_WINDOW + timedelta(days=1), as_of, zone)
    recent = [
        r for r in runs if r.session_type == "race" and r.distance_m and start <= r.started_at < end
    ]
    best_vdot: float | None = None
    best_label: str | None = None
    for race in recent:
        assert race.distance_m is not None
        try:
            value = vdot(race.distance_m, race.moving_time_s)
        except ValidationError:
            continue
        if best_vdot is None or value > best_vdot:
            best_vdot = value
            best_label = f"{_race_name(race.distance_m)} on {_local_day(race.started_at, zone)}"
    predictions = (
        {name: equivalent_time_s(best_vdot, RACE_DISTANCES_M[name]) for name in PREDICTED_RACES}
        if best_vdot is not None
        else {}
    )
    efforts = [
        Effort(r.distance_m, r.moving_time_s)
        for r in recent
        if r.distance_m and 120 <= r.moving_time_s <= 1200
    ]
    cs_speed = d_prime = None
    note: str | None = None
    source: str | None = "time trials"
    if len({e.time_s for e in efforts}) < 2:
        from_runs = _efforts_from_runs(best_efforts, start, end)
        if len({e.time_s for e in from_runs}) >= 2:
            efforts, source = from_runs, "best efforts"
            note = (
                "fitted to your best efforts of 2-20 minutes inside runs of the last 180 days, "
                "as no time trials are logged; all-out time trials give a truer value"
            )
    if len({e.time_s for e in efforts}) >= 2:
        try:
            result = critical_speed(efforts)
            cs_speed, d_prime = result.speed_m_per_s, result.d_prime_m
        except ValidationError as exc:
            note, source = str(exc), None
    else:
        source = None
        note = (
            "needs two or more all-out efforts of 2-20 minutes in the last 180 days "
            "(e.g. a 1200 m and a 3000 m time trial)"
        )
    return PerformanceStatus(
        best_vdot, best_label, predictions, cs_speed, d_prime, note, source if cs_speed else None
    )


def _rtss_7d(
    runs: list[Activity], vdot_value: float | None, zone: ZoneInfo, as_of: date
) -> float | None:
    if vdot_value is None:
        return None
    threshold_speed = 1000.0 / training_paces(vdot_value).threshold_s_per_km
    total = 0.0
    start, end = _bounds(as_of - timedelta(days=6), as_of, zone)
    for run in runs:
        if run.distance_m and start <= run.started_at < end:
            speed = run.distance_m / run.moving_time_s
            total += rtss(run.moving_time_s, speed, threshold_speed)
    return total


def _load_status(
    inputs: DailyInputs, runs: list[Activity], vdot_value: float | None, zone: ZoneInfo, as_of: date
) -> LoadStatus:
    daily = inputs.daily_load
    ff = fitness_fatigue(daily)
    return LoadStatus(
        today_au=float(daily[-1]),
        running_7d_au=_window_sum(inputs.running_load, 7),
        strength_7d_au=_window_sum(inputs.strength_load, 7),
        other_7d_au=_window_sum(inputs.other_load, 7),
        trimp_7d=_window_sum(inputs.trimp, 7),
        rtss_7d=_rtss_7d(runs, vdot_value, zone, as_of),
        ctl=float(ff.ctl[-1]),
        atl=float(ff.atl[-1]),
        tsb=float(ff.tsb[-1]),
        acwr_rolling=_finite(acwr_rolling(daily)[-1]),
        acwr_ewma=_finite(acwr_ewma(daily)[-1]),
        monotony=_finite(monotony(daily)[-1]) if daily.size >= 7 else None,
        strain=_finite(strain(daily)[-1]) if daily.size >= 7 else None,
        daily_load_28d_au=tuple(float(v) for v in np.concatenate((np.zeros(28), daily))[-28:]),
        history_days=int(daily.size),
    )


def _volume(inputs: DailyInputs) -> VolumeStatus:
    week = inputs.volume.rolling(7)
    hard_sets = {
        muscle: round(float(series[-1]), 1)
        for muscle, series in week.hard_sets_by_muscle.items()
        if series[-1] > 0
    }
    return VolumeStatus(
        running_distance_7d_m=_window_sum(inputs.running_distance_m, 7),
        running_time_7d_s=_window_sum(inputs.running_time_s, 7),
        running_distance_28d_m=_window_sum(inputs.running_distance_m, 28),
        running_time_28d_s=_window_sum(inputs.running_time_s, 28),
        runs_7d=sum(1 for r in inputs.risk.runs if r.day_index > inputs.n_days - 8),
        strength_sessions_7d=int(_window_sum(inputs.strength_sessions, 7)),
        strength_sessions_28d=int(_window_sum(inputs.strength_sessions, 28)),
        hard_sets_7d_by_muscle=dict(sorted(hard_sets.items(), key=lambda kv: -kv[1])),
        foot_contacts_7d=float(week.foot_contacts[-1]),
    )


def _load_log(
    store: Store, athlete_name: AthleteKey
) -> tuple[Athlete, list[Activity], list[StrengthSession]]:
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_name)
        assert athlete.id is not None
        return (
            athlete,
            uow.activities.list_for_athlete(athlete.id),
            uow.strength.list_for_athlete(athlete.id),
        )


def _window(
    athlete: Athlete,
    activities: list[Activity],
    strength: list[StrengthSession],
    as_of: date | None,
) -> tuple[date, date]:
    zone = ZoneInfo(athlete.timezone)
    # Stores return sessions oldest first, so the first of each list is the earliest.
    days = [_local_day(log[0].started_at, zone) for log in (activities, strength) if log]
    if not days:
        raise ValidationError(f"{athlete.name} has no sessions yet: log or import some first")
    first = min(days)
    today = datetime.now(zone).date()
    last = as_of or today
    if last > today:
        raise ValidationError(f"{last} is in the future: a status needs logged days")
    if last < first:
        raise ValidationError(
            f"{last} is before {athlete.name}'s first session ({first}): choose a later date"
        )
    return first, last


def thresholds_for(athlete: Athlete) -> RiskThresholds:
    """The athlete's risk thresholds: the science defaults with the athlete's own overrides."""
    return RiskThresholds.defaults().with_overrides(**dict(athlete.risk_thresholds))


def athlete_status(
    store: Store, athlete_name: AthleteKey, as_of: date | None = None
) -> AthleteStatus:
    """The athlete's status at the end of ``as_of`` (default: today in the athlete's time zone)."""
    athlete, activities, strength = _load_log(store, athlete_name)
    assert athlete.id is not None
    efforts = [
        (e.started_at, e.distance_m, e.duration_s) for e in stored_efforts(store, athlete.id)
    ]
    status = compute_status(athlete, activities, strength, as_of, best_efforts=efforts)
    return replace(status, readiness=readiness(store, athlete.id, status.as_of))


def compute_status(
    athlete: Athlete,
    activities: list[Activity],
    strength: list[StrengthSession],
    as_of: date | None = None,
    *,
    best_efforts: Sequence[BestEffortPoint] = (),
) -> AthleteStatus:
    """The status from an athlete's log already in memory (no store access); ``best_efforts``
    (from ``services.best_efforts``) fit critical speed when no time trials are logged."""
    first, last = _window(athlete, activities, strength, as_of)
    zone = ZoneInfo(athlete.timezone)
    catalog = load_catalog()
    inputs = build_daily_inputs(athlete, activities, strength, first, last, catalog)
    runs = [a for a in activities if a.is_run]
    performance = _performance(runs, zone, last, best_efforts)
    thresholds = thresholds_for(athlete)
    signals = evaluate_all(inputs.risk, thresholds)
    notes = []
    if inputs.sessions_with_estimated_rpe:
        count = inputs.sessions_with_estimated_rpe
        notes.append(
            f"{count} session{'s' if count != 1 else ''} had no RPE; their load uses a typical "
            "RPE for the session type (expert opinion): log RPE for better numbers"
        )
    return AthleteStatus(
        athlete=athlete,
        as_of=last,
        log_starts=first,
        volume=_volume(inputs),
        load=_load_status(inputs, runs, performance.vdot, zone, last),
        leg_press_e1rm=_leg_press_trend(strength, athlete, zone, last),
        side_balance=_side_balance(strength, zone, last),
        performance=performance,
        signals=signals,
        thresholds=thresholds,
        sessions_with_estimated_rpe=inputs.sessions_with_estimated_rpe,
        notes=tuple(notes),
    )


def squad_status(store: Store, as_of: date | None = None) -> list[AthleteStatus]:
    """The status of every athlete with a log, from two queries (a coach's or club's view),
    each with this morning's readiness (check-in, signals, choices)."""
    with store.unit_of_work() as uow:
        athletes = uow.athletes.list()
        ids = [a.id for a in athletes if a.id is not None]
        activities = uow.activities.list_for_athletes(ids)
        strength = uow.strength.list_for_athletes(ids)
    statuses = []
    for athlete in athletes:
        assert athlete.id is not None
        try:
            status = compute_status(athlete, activities[athlete.id], strength[athlete.id], as_of)
        except ValidationError:  # no log yet, or none before ``as_of``: nothing to show
            continue
        statuses.append(replace(status, readiness=readiness(store, athlete.id, status.as_of)))
    return statuses


def signal_history(
    store: Store, athlete_name: AthleteKey, as_of: date | None = None
) -> tuple[Athlete, date, tuple[RiskSignal, ...]]:
    """Every risk signal on every day of the log up to ``as_of``; ``day_index`` counts from the
    returned first day."""
    athlete, activities, strength = _load_log(store, athlete_name)
    first, last = _window(athlete, activities, strength, as_of)
    inputs = build_daily_inputs(athlete, activities, strength, first, last, load_catalog())
    return athlete, first, evaluate_all(inputs.risk, thresholds_for(athlete), every_day=True)
