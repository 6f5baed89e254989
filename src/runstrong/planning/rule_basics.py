"""What the plan rules share: findings, key and hard runs, heavy sets, weeks and volumes.

Part of the independent checker (:mod:`runstrong.planning.rule_check`); reads plans only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from runstrong.domain.plan import ExercisePrescription, Plan, PlannedSession, PlanWeek, week_spans
from runstrong.library import Catalog
from runstrong.science import percent_one_rep_max

__all__ = [
    "ALIASES",
    "ENDURANCE_FROM_M",
    "EPS",
    "LEGS",
    "RuleFinding",
    "WeekSessions",
    "by_distance",
    "category",
    "full_week",
    "heavy_set",
    "hour",
    "is_hard_run",
    "is_heavy_lift",
    "is_key_run",
    "main_lift",
    "plan_weeks",
    "plyometric",
    "running_volume",
]

#: Older checker names of the same rule (a taper that does not fall is part of T1).
ALIASES: Final = {"heavy-legs-48h": "C1", "taper-volume": "T1"}
_KEY_TYPES: Final = frozenset({"interval", "repetition", "tempo", "long", "race"})
_HARD_TYPES: Final = frozenset({"interval", "repetition", "tempo", "race"})
LEGS: Final = frozenset(
    {"quadriceps", "hamstrings", "glutes", "hip-abductors", "adductors", "hip-flexors"}
    | {"calves", "tibialis"}
)
_HOUR: Final = {"am": 7, "pm": 18}
EPS: Final = 1e-6
ENDURANCE_FROM_M: Final = 3000.0

#: A week of the plan with its first and last day and its sessions.
WeekSessions = tuple[PlanWeek, date, date, list[PlannedSession]]


@dataclass(frozen=True, slots=True)
class RuleFinding:
    """One place where a rule does not hold: rule code, what is wrong, and the day."""

    rule: str
    message: str
    day: date | None = None


def is_key_run(session: PlannedSession) -> bool:
    by_type = session.run is not None and session.run.session_type in _KEY_TYPES
    return session.kind == "run" and (session.key or by_type)


def is_hard_run(session: PlannedSession) -> bool:
    """Hard for the intensity rule: intervals, repetitions, tempo, race, and a long run with a
    faster part (more than one active step); a long run at easy pace is easy running."""
    run = session.run
    if session.kind != "run" or run is None:
        return False
    if run.session_type in _HARD_TYPES:
        return True
    if run.session_type == "long":
        return sum(1 for step in run.steps if step.kind == "active") > 1
    return False


def heavy_set(item: ExercisePrescription, library: Catalog, e1rms: Mapping[str, float]) -> bool:
    """A lower-body strength set at ≥ 80 % of e1RM or RPE ≥ 8 (docs/science.md section 4)."""
    if item.exercise_slug not in library:
        return False
    exercise = library.get(item.exercise_slug)
    if exercise.category != "strength" or not LEGS.intersection(exercise.primary_muscles):
        return False
    rpe = item.target_rpe
    if rpe is not None and rpe >= 8:
        return True
    e1rm = e1rms.get(item.exercise_slug)
    if item.load_kg is not None and e1rm:
        return item.load_kg >= 0.8 * e1rm
    if rpe is None:
        return item.reps <= 6
    reps_at_failure = item.reps + (10 - rpe)
    return reps_at_failure <= 12 and percent_one_rep_max(item.reps, rpe) >= 80


def is_heavy_lift(session: PlannedSession, library: Catalog, e1rms: Mapping[str, float]) -> bool:
    return session.kind == "strength" and (
        session.heavy_lower_body or any(heavy_set(e, library, e1rms) for e in session.exercises)
    )


def category(item: ExercisePrescription, library: Catalog) -> str:
    return library.get(item.exercise_slug).category if item.exercise_slug in library else ""


def plyometric(session: PlannedSession, library: Catalog) -> bool:
    return any(category(e, library) == "plyometric" for e in session.exercises)


def hour(session: PlannedSession) -> int:
    return session.day.toordinal() * 24 + _HOUR[session.slot]


def running_volume(sessions: Sequence[PlannedSession], by_distance: bool) -> float:
    """Planned running (metres, else seconds) of ``sessions``, the race left out."""
    total = 0.0
    for session in sessions:
        run = session.run
        if run is None or run.session_type == "race":
            continue
        total += (run.distance_m or 0.0) if by_distance else (run.duration_s or 0.0)
    return total


def plan_weeks(plan: Plan) -> list[WeekSessions]:
    return [
        (week, first, last, [s for s in plan.sessions if first <= s.day <= last])
        for week, first, last in week_spans(plan)
    ]


def by_distance(plan: Plan) -> bool:
    runs = [s.run for s in plan.sessions if s.run is not None and s.run.session_type != "race"]
    return bool(runs) and all(run.distance_m for run in runs)


def full_week(first: date, last: date, plan: Plan) -> bool:
    return (last - first).days == 6 and first >= plan.request.start_date


def main_lift(session: PlannedSession, library: Catalog) -> ExercisePrescription | None:
    for item in session.exercises:
        if item.exercise_slug in library:
            exercise = library.get(item.exercise_slug)
            if exercise.category == "strength" and LEGS.intersection(exercise.primary_muscles):
                return item
    return None
