"""Use case: "did the strength work go with better running?" for one athlete, from the log.

Builds weekly series (a running marker, strength exposure, running volume, race weeks) and
hands them to the statistics in :mod:`runstrong.science.evidence`; adds the published evidence
and the leg press trend. The answer is an association in observational data, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from runstrong.domain.checkin import ReadinessChoice
from runstrong.domain.models import Activity, Athlete, StrengthSession
from runstrong.errors import ValidationError
from runstrong.library import Catalog, load_catalog
from runstrong.science import (
    EffectEstimate,
    PublishedFinding,
    WeeklySeries,
    efficiency_marker,
    estimate_strength_effect,
    published_evidence,
    set_one_rep_max,
    vdot,
    weekly_best,
    weekly_median,
)
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.services.daily_series import build_daily_inputs
from runstrong.store import Store

__all__ = ["EvidenceReport", "MarkerChoice", "evidence_report"]

MarkerChoice = Literal["efficiency", "vdot"]
ExposureChoice = Literal["sessions", "hard_sets"]
FloatArray = npt.NDArray[np.float64]
_EASY_TYPES = frozenset({"easy", "recovery", "long"})


@dataclass(frozen=True, slots=True)
class EvidenceReport:
    athlete: Athlete
    first_week: date
    n_weeks: int
    marker_kind: MarkerChoice
    exposure: ExposureChoice
    marker: FloatArray
    strength_sessions: FloatArray
    hard_sets: FloatArray
    running_km: FloatArray
    leg_press_e1rm_per_kg: FloatArray
    estimate: EffectEstimate
    published: tuple[PublishedFinding, ...]
    published_caveat: str
    marker_method: str
    #: The readiness signals the runner acted on up to the report's day (swap, lighten, keep):
    #: each moved or eased sessions, so they belong with what went into the weeks.
    readiness_choices: tuple[ReadinessChoice, ...] = ()


_LEG_MUSCLES = frozenset(
    {"quadriceps", "hamstrings", "glutes", "calves", "adductors", "hip-abductors"}
)


def _is_lower_body(slug: str, catalog: Catalog) -> bool:
    """Strength or plyometric work whose main muscles are leg or hip muscles."""
    if slug not in catalog:
        return False
    exercise = catalog.get(slug)
    return exercise.category in ("strength", "plyometric") and bool(
        _LEG_MUSCLES & set(exercise.primary_muscles)
    )


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _week_index(moment: datetime, zone: ZoneInfo, first_week: date) -> int:
    return (moment.astimezone(zone).date() - first_week).days // 7


def _efficiency(
    runs: list[Activity], zone: ZoneInfo, first_week: date, n_weeks: int
) -> tuple[FloatArray, str]:
    easy = [
        r
        for r in runs
        if r.session_type in _EASY_TYPES and r.avg_hr_bpm and r.distance_m and r.moving_time_s
    ]
    if not easy:
        return np.full(n_weeks, np.nan), "no easy runs with heart rate"
    weeks = np.array([_week_index(r.started_at, zone, first_week) for r in easy])
    speed = np.array([(r.distance_m or 0.0) / r.moving_time_s for r in easy])
    hr = np.array([r.avg_hr_bpm or 0.0 for r in easy])
    marker = efficiency_marker(speed, hr, weeks)
    label = f"speed at {marker.reference_hr_bpm:.0f} bpm on easy runs ({marker.method})"
    return weekly_median(weeks, marker.speed_m_per_s, n_weeks), label


def _race_vdot(runs: list[Activity], zone: ZoneInfo, first_week: date, n_weeks: int) -> FloatArray:
    weeks, values = [], []
    for run in runs:
        if run.session_type != "race" or not run.distance_m:
            continue
        try:
            values.append(vdot(run.distance_m, run.moving_time_s))
        except ValidationError:
            continue
        weeks.append(_week_index(run.started_at, zone, first_week))
    if not weeks:
        return np.full(n_weeks, np.nan)
    return weekly_best(np.array(weeks), np.array(values), n_weeks)


def _leg_press_per_kg(
    strength: list[StrengthSession],
    athlete: Athlete,
    zone: ZoneInfo,
    first_week: date,
    n_weeks: int,
) -> FloatArray:
    weeks, values = [], []
    for session in strength:
        for item in session.sets:
            if item.exercise_slug != "leg-press" or item.load_kg <= 0:
                continue
            if not item.estimates_strength:
                continue
            try:
                e1rm = set_one_rep_max(item.load_kg, item.reps, item.rpe)
            except ValidationError:
                continue
            weeks.append(_week_index(session.started_at, zone, first_week))
            values.append(e1rm / athlete.body_mass_kg if athlete.body_mass_kg else e1rm)
    if not weeks:
        return np.full(n_weeks, np.nan)
    return weekly_best(np.array(weeks), np.array(values), n_weeks)


def evidence_report(
    store: Store,
    athlete_name: AthleteKey,
    *,
    marker: MarkerChoice = "efficiency",
    exposure: ExposureChoice = "sessions",
    as_of: date | None = None,
) -> EvidenceReport:
    if marker not in ("efficiency", "vdot"):
        raise ValidationError(f"unknown marker {marker!r}: use efficiency or vdot")
    if exposure not in ("sessions", "hard_sets"):
        raise ValidationError(f"unknown exposure {exposure!r}: use sessions or hard_sets")
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_name)
        assert athlete.id is not None
        zone = ZoneInfo(athlete.timezone)
        today = datetime.now(zone).date()
        last_day = as_of or today
        if last_day > today:
            raise ValidationError(f"{last_day} is in the future: the report needs logged weeks")
        # Nothing after the report's day may shape it (the marker's reference HR and slope too).
        end = datetime.combine(last_day + timedelta(days=1), datetime.min.time(), tzinfo=zone)
        activities = uow.activities.list_for_athlete(athlete.id, end=end)
        strength = uow.strength.list_for_athlete(athlete.id, end=end)
        choices = tuple(c for c in uow.checkins.choices(athlete.id) if c.day <= last_day)
    moments = [log[0].started_at for log in (activities, strength) if log]
    if not moments:
        raise ValidationError(
            f"{athlete.name} has no sessions on or before {last_day}: log or import some first"
        )
    first_day = min(m.astimezone(zone).date() for m in moments)
    first_week = _monday(first_day)
    n_weeks = (_monday(last_day) - first_week).days // 7 + 1
    catalog = load_catalog()
    daily = build_daily_inputs(
        athlete,
        activities,
        strength,
        first_week,
        first_week + timedelta(weeks=n_weeks) - timedelta(days=1),
        catalog,
    )
    runs = [a for a in activities if a.is_run]
    lower_body_days = np.zeros(daily.n_days)
    for session in strength:
        if any(_is_lower_body(item.exercise_slug, catalog) for item in session.sets):
            index = (session.started_at.astimezone(zone).date() - first_week).days
            if 0 <= index < daily.n_days:
                lower_body_days[index] += 1
    if marker == "vdot":
        series, method = _race_vdot(runs, zone, first_week, n_weeks), "VDOT of races"
    else:
        series, method = _efficiency(runs, zone, first_week, n_weeks)
    by_week = np.arange(daily.n_days) // 7
    sessions = np.bincount(by_week, weights=lower_body_days, minlength=n_weeks)[:n_weeks]
    hard_sets = np.bincount(by_week, weights=daily.volume.lower_body_hard_sets, minlength=n_weeks)[
        :n_weeks
    ]
    distance = np.bincount(by_week, weights=daily.running_distance_m, minlength=n_weeks)[:n_weeks]
    race_weeks = np.zeros(n_weeks, dtype=bool)
    for run in runs:
        if run.session_type == "race":
            index = _week_index(run.started_at, zone, first_week)
            if 0 <= index < n_weeks:
                race_weeks[index] = True
    weekly = WeeklySeries(
        first_week_start=first_week,
        marker=series,
        strength_sessions=sessions,
        running_distance_m=distance,
        marker_kind=marker,
        hard_sets=hard_sets,
        race_week=race_weeks,
    )
    evidence = published_evidence()
    return EvidenceReport(
        athlete=athlete,
        first_week=first_week,
        n_weeks=n_weeks,
        marker_kind=marker,
        exposure=exposure,
        marker=series,
        strength_sessions=sessions,
        hard_sets=hard_sets,
        running_km=distance / 1000,
        leg_press_e1rm_per_kg=_leg_press_per_kg(strength, athlete, zone, first_week, n_weeks),
        estimate=estimate_strength_effect(weekly, exposure=exposure),
        published=evidence.findings,
        published_caveat=evidence.caveat,
        marker_method=method,
        readiness_choices=choices,
    )
