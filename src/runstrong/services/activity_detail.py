"""Use case: everything the activity page, ``runstrong activity show`` and the API show of one
activity: splits and laps with grade-adjusted pace, time in zones, best efforts with badges, the
route, chart series, and the strength sessions of the 72 h before a key run.

One read transaction loads the activity with its samples and laps, the athlete, the strength
sessions before it and the races that give the current VDOT; the analyses run on the samples in
memory (vectorised; a 6-hour run at 1 Hz takes a few milliseconds). Best efforts come from the
store (found at import, see ``services.best_efforts``).

Results are cached per process under (athlete, activity, the athlete's ``data_version``): every
unit of work that changes the athlete's data raises that version, so a cached analysis is
current whenever its key is; a miss (or another process) computes it again.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import timedelta

import numpy as np

from runstrong.domain.models import Activity, Athlete, Lap, StrengthSession
from runstrong.errors import NotFound, ValidationError
from runstrong.library import load_catalog
from runstrong.science.activity import (
    KILOMETRE_M,
    MILE_M,
    ChartSeries,
    HrModel,
    Route,
    Segment,
    ZoneTime,
    chart_series,
    hr_zones,
    pace_zones,
    route,
    run_segments,
)
from runstrong.science.muscle_volume import hard_set_rule
from runstrong.science.risk._signals import signal_names
from runstrong.science.running import vdot
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.services.best_efforts import RankedEffort, badges_for, stored_efforts
from runstrong.store import Store
from runstrong.store import activity_extras as extras
from runstrong.store import history_queries as queries

__all__ = [
    "HEAVY_LEGS_WINDOW_H",
    "ActivityDetail",
    "HardSet",
    "HeavyLegsSession",
    "LapDetail",
    "activity_detail",
    "activity_detail_for",
    "activity_samples",
    "clear_activity_cache",
]

#: Strength sessions this long before a key run are shown beside it.
HEAVY_LEGS_WINDOW_H = 72
#: The columns charted on the page (positions are drawn as the route instead).
_CHART_FIELDS = (
    "time_s",
    "distance_m",
    "speed_m_per_s",
    "hr_bpm",
    "cadence_spm",
    "altitude_m",
    "power_w",
)
#: Analyses kept per store (each a few hundred kB: chart series, route, tables).
_CACHE_ENTRIES = 32
#: Races this long before a run set the VDOT its pace zones use.
_VDOT_WINDOW = timedelta(days=180)


@dataclass(frozen=True, slots=True)
class LapDetail:
    """A device lap: the device's totals and the same columns as a split, from the samples."""

    lap: Lap
    segment: Segment | None


@dataclass(frozen=True, slots=True)
class HardSet:
    exercise_slug: str
    exercise_name: str
    reps: int
    load_kg: float
    rpe: float | None
    side: str


@dataclass(frozen=True, slots=True)
class HeavyLegsSession:
    """A strength session of the 72 h before a key run, with its hard lower-body sets."""

    session: StrengthSession
    hours_before: float
    hard_sets: tuple[HardSet, ...]


@dataclass(frozen=True, slots=True, eq=False, weakref_slot=True)
class ActivityDetail:
    athlete: Athlete
    activity: Activity
    split_m: float
    split_unit: str
    splits: tuple[Segment, ...]
    laps: tuple[LapDetail, ...]
    overall: Segment | None
    hr_zones: tuple[ZoneTime, ...]
    hr_model: HrModel | None
    hr_zone_note: str | None
    pace_zones: tuple[ZoneTime, ...]
    vdot: float | None
    vdot_from: str | None
    best_efforts: tuple[RankedEffort, ...]
    route: Route | None
    charts: ChartSeries | None
    key_run: bool
    heavy_legs: tuple[HeavyLegsSession, ...]
    sample_count: int


def _load(
    store: Store, athlete_id: int, activity_id: int
) -> tuple[Athlete, Activity, tuple[Lap, ...], list[StrengthSession], list[Activity]]:
    with store.unit_of_work() as uow:
        athlete = uow.athletes.get(athlete_id)
        found = queries.activity_of(uow.session, athlete_id, activity_id)
        if athlete is None or found is None:
            raise NotFound(f"no activity with id {activity_id} for this athlete")
        activity = uow.activities.get(activity_id, with_samples=True)
        assert activity is not None
        laps = extras.laps_of(uow.session, activity_id)
        start = activity.started_at - timedelta(hours=HEAVY_LEGS_WINDOW_H)
        strength = uow.strength.list_for_athlete(athlete_id, start, activity.started_at)
        recent = uow.activities.list_for_athlete(
            athlete_id,
            activity.started_at - _VDOT_WINDOW,
            activity.started_at + timedelta(seconds=1),
        )
    return athlete, activity, laps, strength, recent


def _current_vdot(runs: list[Activity]) -> tuple[float | None, str | None]:
    best: tuple[float, Activity] | None = None
    for run in runs:
        if run.session_type != "race" or not run.is_run or not run.distance_m:
            continue
        try:
            value = vdot(run.distance_m, run.moving_time_s)
        except ValidationError:
            continue
        if best is None or value > best[0]:
            best = (value, run)
    if best is None:
        return None, None
    value, race = best
    assert race.distance_m is not None
    return value, f"race of {race.distance_m / 1000:.1f} km on {race.started_at.date().isoformat()}"


def _heavy_legs(
    activity: Activity, sessions: list[StrengthSession]
) -> tuple[HeavyLegsSession, ...]:
    rule = hard_set_rule()
    catalog = load_catalog()
    lower_muscles = frozenset(rule.lower_body_muscles)
    found = []
    for session in sessions:
        hard = []
        for item in session.sets:
            if item.exercise_slug not in catalog:
                continue
            exercise = catalog.get(item.exercise_slug)
            if exercise.category not in rule.lower_body_categories:
                continue
            if not lower_muscles & set(exercise.primary_muscles):
                continue
            rpe = item.rpe if item.rpe is not None else session.rpe
            if rpe is None or rpe < rule.min_rpe:
                continue
            hard.append(
                HardSet(
                    item.exercise_slug, exercise.name, item.reps, item.load_kg, item.rpe, item.side
                )
            )
        hours = (activity.started_at - session.started_at).total_seconds() / 3600.0
        found.append(HeavyLegsSession(session, hours, tuple(hard)))
    return tuple(sorted(found, key=lambda s: s.hours_before))


_Key = tuple[int, int, int, int]  # athlete id, activity id, data_version, max_points
_cache_lock = threading.Lock()
_cache: weakref.WeakKeyDictionary[Store, OrderedDict[_Key, ActivityDetail]] = (
    weakref.WeakKeyDictionary()
)


def clear_activity_cache() -> None:
    """Forget every cached analysis (benchmarks measure the cold path with it)."""
    with _cache_lock:
        _cache.clear()


def activity_detail(
    store: Store, athlete_id: int, activity_id: int, *, max_points: int = 2000
) -> ActivityDetail:
    """Everything shown of one activity; :class:`NotFound` if missing or someone else's."""
    with store.unit_of_work() as uow:
        version = uow.sharing.data_version(athlete_id)
    key = (athlete_id, activity_id, version, max_points)
    with _cache_lock:
        entries = _cache.get(store)
        if entries is not None and key in entries:
            entries.move_to_end(key)
            return entries[key]
    detail = _activity_detail(store, athlete_id, activity_id, max_points)
    with _cache_lock:
        entries = _cache.setdefault(store, OrderedDict())
        entries[key] = detail
        while len(entries) > _CACHE_ENTRIES:
            entries.popitem(last=False)
    return detail


def _activity_detail(
    store: Store, athlete_id: int, activity_id: int, max_points: int
) -> ActivityDetail:
    athlete, activity, laps, strength, recent = _load(store, athlete_id, activity_id)
    imperial = athlete.units == "imperial"
    split_m = MILE_M if imperial else KILOMETRE_M
    samples = activity.samples
    has_samples = samples is not None and len(samples) > 1
    current_vdot, vdot_from = _current_vdot(recent) if activity.is_run else (None, None)
    split_rows: tuple[Segment, ...] = ()
    lap_rows: tuple[LapDetail, ...] = tuple(LapDetail(lap, None) for lap in laps)
    overall = None
    zones_hr: tuple[ZoneTime, ...] = ()
    zones_pace: tuple[ZoneTime, ...] = ()
    hr_model: HrModel | None = None
    hr_note = None
    drawn = None
    charts = None
    if samples is not None and has_samples:
        starts = np.array([lap.start_s for lap in laps])
        ends = np.array([laps[-1].start_s + laps[-1].elapsed_time_s]) if laps else starts
        found = run_segments(samples, split_m, starts, ends)
        split_rows, overall, segments = found.splits, found.whole, found.laps
        if laps:
            lap_rows = tuple(
                LapDetail(lap, segments[i] if i < len(segments) else None)
                for i, lap in enumerate(laps)
            )
        if np.isfinite(samples.hr_bpm).any():
            if athlete.hr_max_bpm:
                zones_hr, hr_model = hr_zones(samples, athlete.hr_max_bpm, athlete.hr_rest_bpm)
            else:
                hr_note = "Set your maximum heart rate (athlete settings) to see heart-rate zones."
        if activity.is_run and current_vdot is not None:
            zones_pace = pace_zones(samples, current_vdot)
        drawn = route(samples.latitude_deg, samples.longitude_deg, samples.distance_m, split_m)
        charts = chart_series(samples, _CHART_FIELDS, max_points=max_points)
    efforts: tuple[RankedEffort, ...] = ()
    if activity.is_run and has_samples:
        efforts = tuple(badges_for(stored_efforts(store, athlete_id), activity_id))
    key_run = activity.is_run and (activity.session_type or "") in signal_names(
        "heavy_legs_before_key_run"
    )
    return ActivityDetail(
        athlete=athlete,
        activity=replace(activity, samples=None),  # analysed; not kept in the cache
        split_m=split_m,
        split_unit="mi" if imperial else "km",
        splits=split_rows,
        laps=lap_rows,
        overall=overall,
        hr_zones=zones_hr,
        hr_model=hr_model,
        hr_zone_note=hr_note,
        pace_zones=zones_pace,
        vdot=current_vdot,
        vdot_from=vdot_from,
        best_efforts=efforts,
        route=drawn,
        charts=charts,
        key_run=key_run,
        heavy_legs=_heavy_legs(activity, strength) if key_run else (),
        sample_count=len(samples) if samples is not None else 0,
    )


def activity_detail_for(
    store: Store, activity_id: int, athlete_key: AthleteKey = None
) -> ActivityDetail:
    """The detail of an activity found by id alone (the command line, which reads every
    athlete of its store); with ``athlete_key`` it must be that athlete's."""
    with store.unit_of_work() as uow:
        owner = extras.athlete_of_activity(uow.session, activity_id)
        wanted = resolve_athlete(uow, athlete_key).id if athlete_key is not None else owner
    if owner is None or owner != wanted:
        whose = " for this athlete" if athlete_key is not None else ""
        raise NotFound(f"no activity with id {activity_id}{whose}")
    return activity_detail(store, owner, activity_id)


def activity_samples(
    store: Store,
    athlete_id: int,
    activity_id: int,
    fields: tuple[str, ...],
    *,
    step: int | None = None,
    max_points: int | None = None,
) -> tuple[ChartSeries, int]:
    """Columns of an activity's samples for scripts, every ``step``-th block averaged (all
    samples when neither ``step`` nor ``max_points`` is given); and the number of samples."""
    with store.unit_of_work() as uow:
        found = queries.activity_of(uow.session, athlete_id, activity_id)
        if found is None:
            raise NotFound(f"no activity with id {activity_id} for this athlete")
        activity = uow.activities.get(activity_id, with_samples=True)
    assert activity is not None
    samples = activity.samples
    if samples is None or len(samples) == 0:
        return ChartSeries(1, {name: np.zeros(0) for name in ("time_s",)}), 0
    return chart_series(samples, fields, max_points=max_points, step=step), len(samples)
