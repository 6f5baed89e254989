"""What an athlete's log says for planning: VDOT, e1RMs per exercise, recent running volume."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from runstrong.domain.models import Activity, Athlete, StrengthSession
from runstrong.domain.plan import AthleteBaseline, PlyometricLevel
from runstrong.errors import ValidationError
from runstrong.library import Catalog
from runstrong.science import set_one_rep_max, vdot

__all__ = ["baseline_from_log"]

_RACE_WINDOW = timedelta(days=180)
_STRENGTH_WINDOW = timedelta(weeks=12)
_VOLUME_WINDOW = timedelta(weeks=4)


def _best_vdot(runs: list[Activity], zone: ZoneInfo, today: date) -> float | None:
    values = []
    for run in runs:
        day = run.started_at.astimezone(zone).date()
        if run.session_type == "race" and run.distance_m and today - _RACE_WINDOW < day <= today:
            try:
                values.append(vdot(run.distance_m, run.moving_time_s))
            except ValidationError:
                continue
    return max(values) if values else None


def _best_e1rms(strength: list[StrengthSession], zone: ZoneInfo, today: date) -> dict[str, float]:
    best: dict[str, float] = defaultdict(float)
    for session in strength:
        day = session.started_at.astimezone(zone).date()
        if not today - _STRENGTH_WINDOW < day <= today:
            continue
        for item in session.sets:
            if item.load_kg <= 0 or item.exercise_slug.startswith("unknown:"):
                continue
            if not item.estimates_strength:
                continue
            try:
                e1rm = set_one_rep_max(item.load_kg, item.reps, item.rpe)
            except ValidationError:
                continue
            best[item.exercise_slug] = max(best[item.exercise_slug], e1rm)
    return {slug: round(value, 1) for slug, value in best.items()}


def _plyometric_level(
    strength: list[StrengthSession], catalog: Catalog, zone: ZoneInfo, today: date
) -> PlyometricLevel:
    """Beginner until the athlete has done plyometrics regularly: intermediate after 8 sessions
    with jumps in the last 12 weeks, advanced after 16 (NSCA progression; expert opinion)."""
    sessions = 0
    for session in strength:
        day = session.started_at.astimezone(zone).date()
        if not today - _STRENGTH_WINDOW < day <= today:
            continue
        if any(
            item.exercise_slug in catalog
            and catalog.get(item.exercise_slug).category == "plyometric"
            for item in session.sets
        ):
            sessions += 1
    return "advanced" if sessions >= 16 else "intermediate" if sessions >= 8 else "beginner"


def baseline_from_log(
    athlete: Athlete,
    activities: list[Activity],
    strength: list[StrengthSession],
    today: date,
    catalog: Catalog,
) -> AthleteBaseline:
    zone = ZoneInfo(athlete.timezone)
    runs = [a for a in activities if a.is_run]
    recent = [
        r for r in runs if today - _VOLUME_WINDOW < r.started_at.astimezone(zone).date() <= today
    ]
    weeks = _VOLUME_WINDOW.days / 7
    return AthleteBaseline(
        vdot=_best_vdot(runs, zone, today),
        e1rm_kg_by_exercise=_best_e1rms(strength, zone, today),
        weekly_running_distance_m=sum(r.distance_m or 0.0 for r in recent) / weeks,
        weekly_runs=round(len(recent) / weeks),
        plyometric_level=_plyometric_level(strength, catalog, zone, today),
        body_mass_kg=athlete.body_mass_kg,
    )
