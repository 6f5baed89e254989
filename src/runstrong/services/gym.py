"""Gym-floor mode: the athlete's gym settings, and everything the gym-floor page needs to work
without a network — the exercises, the last session, each exercise's sets of last time, today's
planned strength session, next-load suggestions and plate math.

Suggestions come from the active plan when it prescribes the exercise (a load, or a target RPE
turned into a load from the athlete's e1RM), otherwise from
:func:`runstrong.science.progression.double_progression`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from runstrong.domain.gym import DEFAULT_REST_S, GymSettings, LoadUnit
from runstrong.domain.models import Athlete, StrengthSession, StrengthSet
from runstrong.domain.plan import ExercisePrescription, Plan, PlannedSession
from runstrong.domain.units import lb_to_kg
from runstrong.errors import ValidationError
from runstrong.library import load_catalog
from runstrong.science.plates import LB_PLATES_KG, plates_per_side
from runstrong.science.progression import PROGRESSION_RULE, NextLoad, double_progression
from runstrong.science.strength import load_for_target
from runstrong.science.strength_records import best_e1rm_kg
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.store import Store
from runstrong.store import history_queries as queries

__all__ = [
    "Suggestion",
    "default_gym_settings",
    "get_gym_settings",
    "gym_floor_data",
    "next_loads",
    "suggestion_for",
    "update_gym_settings",
]

_PLAN_LOOKAHEAD_DAYS = 7


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Next time's load for one exercise and where it comes from (``plan`` or ``rule``)."""

    exercise_slug: str
    sets: int
    reps: int
    load_kg: float | None
    source: str
    reason: str
    hold_s: float | None = None
    target_rpe: float | None = None
    #: For single-leg work logged per side: each side's own next load.
    side_loads_kg: dict[str, float] | None = None


def default_gym_settings(athlete: Athlete) -> GymSettings:
    """A 20 kg bar and kilogram plates, or a 45 lb bar and pound plates for imperial units."""
    if athlete.units == "imperial":
        return GymSettings(unit="lb", bar_kg=lb_to_kg(45), plates_kg=LB_PLATES_KG)
    return GymSettings()


def get_gym_settings(store: Store, athlete_key: AthleteKey) -> GymSettings:
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_key)
        assert athlete.id is not None
        return uow.gym.get(athlete.id) or default_gym_settings(athlete)


def update_gym_settings(
    store: Store,
    athlete_key: AthleteKey,
    *,
    unit: str,
    bar: float,
    plates: list[float],
    sled: float,
) -> GymSettings:
    """Store the gym, with the bar, plates and sled given in ``unit`` (kg or lb)."""
    if unit not in ("kg", "lb"):
        raise ValidationError(f"unknown unit {unit!r}: use kg or lb")
    to_kg = lb_to_kg if unit == "lb" else float
    for label, value, high in (("bar", bar, 100), ("sled", sled, 500)):
        if not math.isfinite(value) or not 0 <= value <= high:
            raise ValidationError(f"the {label} must weigh 0 to {high} {unit}, got {value:g}")
    if not 1 <= len(plates) <= 12:
        raise ValidationError("give 1 to 12 plate sizes, e.g. 25, 20, 15, 10, 5, 2.5, 1.25")
    if any(not math.isfinite(p) or not 0 < p <= 60 for p in plates):
        raise ValidationError(f"plate sizes must be above 0 and at most 60 {unit}")
    plates_kg = tuple(sorted({round(to_kg(p), 6) for p in plates}, reverse=True))
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_key)
        assert athlete.id is not None
        current = uow.gym.get(athlete.id) or default_gym_settings(athlete)
        unit_name: LoadUnit = "lb" if unit == "lb" else "kg"
        settings = replace(
            current,
            unit=unit_name,
            bar_kg=round(to_kg(bar), 6),
            plates_kg=plates_kg,
            sled_kg=round(to_kg(sled), 6),
        )
        uow.gym.put(athlete.id, settings)
        return settings


def _from_plan(item: ExercisePrescription, e1rm_kg: float | None, step_kg: float) -> Suggestion:
    load = item.load_kg
    reason = "from your plan"
    if load is None and item.target_rpe is not None and e1rm_kg is not None and item.reps <= 12:
        try:
            load = load_for_target(e1rm_kg, item.reps, item.target_rpe, step_kg)
            reason = f"from your plan: {item.reps} reps at RPE {item.target_rpe:g} of your e1RM"
        except ValidationError:
            load = None
    return Suggestion(
        item.exercise_slug,
        item.sets,
        item.reps,
        load,
        "plan",
        reason,
        hold_s=item.hold_s,
        target_rpe=item.target_rpe,
    )


def _from_rule(found: NextLoad) -> Suggestion:
    return Suggestion(
        found.exercise_slug,
        found.sets,
        found.reps,
        found.load_kg,
        "rule",
        found.reason,
        hold_s=found.hold_s,
    )


def suggestion_for(
    slug: str,
    last_sets: tuple[StrengthSet, ...],
    planned: list[PlannedSession],
    e1rm_kg: float | None,
    step_kg: float,
) -> Suggestion | None:
    """The plan's prescription for ``slug`` in the first of ``planned`` that has one, or the
    double-progression rule on ``last_sets``."""
    for session in planned:
        for item in session.exercises:
            if item.exercise_slug == slug:
                return _from_plan(item, e1rm_kg, step_kg)
    sides = {side: [s for s in last_sets if s.side == side] for side in ("left", "right")}
    if all(sides.values()):  # single-leg work: each side progresses on its own
        per_side = {side: double_progression(sets, step_kg) for side, sets in sides.items()}
        left, right = per_side["left"], per_side["right"]
        if left is not None and right is not None:
            reason = f"left: {left.reason}; right: {right.reason}"
            return replace(
                _from_rule(left),
                load_kg=max(left.load_kg, right.load_kg),
                reason=reason,
                side_loads_kg={"left": left.load_kg, "right": right.load_kg},
            )
    found = double_progression(last_sets, step_kg)
    return _from_rule(found) if found is not None else None


def _upcoming(plan: Plan | None, today: date) -> list[PlannedSession]:
    if plan is None:
        return []
    end = today + timedelta(days=_PLAN_LOOKAHEAD_DAYS)
    return sorted(
        (
            s
            for s in plan.sessions
            if s.kind == "strength" and s.status == "planned" and today <= s.day <= end
        ),
        key=lambda s: (s.day, s.slot),
    )


def _suggestions(
    sessions: list[StrengthSession],
    by_exercise: dict[str, tuple[int, datetime, tuple[StrengthSet, ...]]],
    upcoming: list[PlannedSession],
    zone: ZoneInfo,
    step_kg: float,
) -> dict[str, Suggestion]:
    catalog = load_catalog()
    planned_slugs = {i.exercise_slug for s in upcoming for i in s.exercises}
    found_by_slug: dict[str, Suggestion] = {}
    for slug in sorted(set(by_exercise) | planned_slugs):
        if slug not in catalog:
            continue
        e1rm = best_e1rm_kg(sessions, slug)
        last_sets = by_exercise[slug][2] if slug in by_exercise else ()
        found = suggestion_for(slug, last_sets, upcoming, e1rm, step_kg)
        if found is not None:
            found_by_slug[slug] = found
    return found_by_slug


def next_loads(store: Store, athlete_id: int) -> dict[str, Suggestion]:
    """Next session's suggestion for every exercise logged or planned in the coming week."""
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_id)
        settings = uow.gym.get(athlete_id) or default_gym_settings(athlete)
        plan = uow.plans.active(athlete_id)
        by_exercise = queries.last_sets_by_exercise(uow.session, athlete_id)
        sessions = uow.strength.list_for_athlete(athlete_id)
    zone = ZoneInfo(athlete.timezone)
    today = datetime.now(UTC).astimezone(zone).date()
    step_kg = lb_to_kg(5) if settings.unit == "lb" else 2.5
    return _suggestions(sessions, by_exercise, _upcoming(plan, today), zone, step_kg)


def _set_json(item: StrengthSet) -> dict[str, Any]:
    return {
        "exercise": item.exercise_slug,
        "reps": item.reps,
        "load_kg": item.load_kg,
        "rpe": item.rpe,
        "side": item.side,
        "warmup": item.warmup,
        "duration_s": item.duration_s,
    }


def _watch_rest(last: tuple[int, datetime, tuple[StrengthSet, ...]] | None) -> int | None:
    """The median rest a watch recorded after the working sets of an exercise's latest session
    (seconds, whole), ``None`` when it recorded none: a rest you set yourself wins over it."""
    rests = sorted(s.rest_s for s in (last[2] if last else ()) if s.rest_s and not s.warmup)
    if not rests:
        return None
    middle = len(rests) // 2
    median = rests[middle] if len(rests) % 2 else (rests[middle - 1] + rests[middle]) / 2
    return round(median)


def gym_floor_data(store: Store, athlete_id: int) -> dict[str, Any]:
    """Everything the gym-floor page works from, as JSON values (kg, seconds)."""
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_id)
        settings = uow.gym.get(athlete_id) or default_gym_settings(athlete)
        plan = uow.plans.active(athlete_id)
        last: StrengthSession | None = queries.last_strength_session(uow.session, athlete_id)
        by_exercise = queries.last_sets_by_exercise(uow.session, athlete_id)
        sessions = uow.strength.list_for_athlete(athlete_id)
    zone = ZoneInfo(athlete.timezone)
    today = datetime.now(UTC).astimezone(zone).date()
    upcoming = _upcoming(plan, today)
    step_kg = lb_to_kg(5) if settings.unit == "lb" else 2.5
    catalog = load_catalog()
    exercises = []
    for exercise in sorted(catalog, key=lambda e: e.name):
        rest = settings.rest_s.get(exercise.slug) or _watch_rest(by_exercise.get(exercise.slug))
        rest = rest or DEFAULT_REST_S.get(exercise.category, 90)
        barbell = "barbell" in exercise.equipment
        sled = exercise.slug.startswith(("leg-press", "single-leg-leg-press", "calf-press"))
        exercises.append(
            {
                "slug": exercise.slug,
                "name": exercise.name,
                "category": exercise.category,
                "unilateral": exercise.unilateral,
                "rest_s": rest,
                "implement": "barbell" if barbell else "sled" if sled else None,
            }
        )
    previous: dict[str, Any] = {}
    suggestions: dict[str, Any] = {}
    for slug, (session_id, started_at, sets) in by_exercise.items():
        previous[slug] = {
            "date": started_at.astimezone(zone).date().isoformat(),
            "session_id": session_id,
            "sets": [_set_json(s) for s in sets],
        }
    found_by_slug = _suggestions(sessions, by_exercise, upcoming, zone, step_kg)
    for slug, found in found_by_slug.items():
        implement = next(e["implement"] for e in exercises if e["slug"] == slug)
        plates = None
        if found.load_kg and implement:
            base = settings.bar_kg if implement == "barbell" else settings.sled_kg
            load = plates_per_side(found.load_kg, base, settings.plates_kg)
            plates = {"per_side_kg": list(load.per_side_kg), "short_kg": round(load.short_kg, 3)}
        suggestions[slug] = {
            "sets": found.sets,
            "reps": found.reps,
            "load_kg": found.load_kg,
            "hold_s": found.hold_s,
            "target_rpe": found.target_rpe,
            "side_loads_kg": found.side_loads_kg,
            "source": found.source,
            "reason": found.reason,
            "plates": plates,
        }
    today_plan = next((s for s in upcoming if s.day == today), None)
    return {
        "athlete_id": athlete_id,
        "units": athlete.units,
        "unit": "lb" if athlete.units == "imperial" else "kg",
        "exercises": exercises,
        "previous": previous,
        "suggestions": suggestions,
        "progression_rule": PROGRESSION_RULE,
        "last_session": None
        if last is None
        else {
            "date": last.started_at.astimezone(zone).date().isoformat(),
            "sets": [_set_json(s) for s in last.sets if s.exercise_slug in catalog],
        },
        "plan_today": None
        if today_plan is None
        else {
            "title": today_plan.title,
            "exercises": [
                {
                    "exercise": item.exercise_slug,
                    "sets": item.sets,
                    "reps": item.reps,
                    "hold_s": item.hold_s,
                    "per_side": item.per_side,
                }
                for item in today_plan.exercises
                if item.exercise_slug in catalog
            ],
        },
        "gym": {
            "unit": settings.unit,
            "bar_kg": settings.bar_kg,
            "plates_kg": list(settings.plates_kg),
            "sled_kg": settings.sled_kg,
        },
    }
