"""What a strength prescription weighs: the athlete's targets, loads from e1RM and a target RPE,
the heavy line and a session's load.

Heavy means a lower-body set at ≥ 80 % of 1RM or RPE ≥ 8, the line of the 48-hour rule
(``docs/science.md`` section 4). Loads come from the athlete's own e1RM through Tuchscherer's RPE
chart (:func:`runstrong.science.load_for_target`); without an e1RM only the RPE is set and the
first session finds the load. Session load is session-RPE × minutes (Foster et al. 2001).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from runstrong.domain.models import EventFocus
from runstrong.domain.plan import ExercisePrescription, PlyometricLevel
from runstrong.errors import ValidationError
from runstrong.library import Catalog, Exercise
from runstrong.science import load_for_target, percent_one_rep_max

__all__ = [
    "HEAVY_RPE",
    "LOWER_BODY_MUSCLES",
    "StrengthTargets",
    "StrengthWorkout",
    "heavy_set",
    "heavy_workout",
    "is_lower_body",
    "load_au",
    "prescribe_lift",
]

LOWER_BODY_MUSCLES: Final = frozenset(
    {"quadriceps", "hamstrings", "glutes", "hip-abductors", "adductors", "hip-flexors", "calves"}
    | {"tibialis"}
)
HEAVY_RPE: Final = 8.0
_HEAVY_PERCENT: Final = 80.0


@dataclass(frozen=True, slots=True)
class StrengthTargets:
    """What strength prescriptions need to know about the athlete."""

    focus: EventFocus
    equipment: frozenset[str]
    e1rm_kg_by_exercise: Mapping[str, float]
    level: PlyometricLevel
    catalog: Catalog
    plate_step_kg: float = 2.5


@dataclass(frozen=True, slots=True)
class StrengthWorkout:
    """One strength session's content, before it has a day."""

    title: str
    exercises: tuple[ExercisePrescription, ...]
    heavy_lower_body: bool
    load_au: float


def prescribe_lift(
    targets: StrengthTargets,
    exercise: Exercise,
    sets: int,
    reps: int,
    rpe: float,
    note: str | None = None,
) -> ExercisePrescription:
    e1rm = targets.e1rm_kg_by_exercise.get(exercise.slug)
    load = None
    if e1rm is not None and e1rm > 0:
        try:
            load = load_for_target(e1rm, reps, rpe, targets.plate_step_kg)
        except ValidationError:
            load = None
    if load is None:
        in_reserve = f"{10 - rpe:g}"
        first = (
            f"body weight: add load (a backpack) or slow the lowering until only {in_reserve} "
            "more reps would be left"
            if exercise.equipment == ("bodyweight",)
            else f"no e1RM logged: use a load you could lift {in_reserve} more times; this "
            "session finds your starting load"
        )
        note = f"{first}; {note}" if note else first
    return ExercisePrescription(
        exercise.slug,
        sets,
        reps,
        load_kg=load,
        target_rpe=rpe,
        per_side=exercise.unilateral,
        note=note,
    )


def is_lower_body(exercise: Exercise) -> bool:
    return exercise.category == "strength" and bool(
        LOWER_BODY_MUSCLES.intersection(exercise.primary_muscles)
    )


def heavy_set(item: ExercisePrescription, targets: StrengthTargets) -> bool:
    rpe = item.target_rpe
    if rpe is not None and rpe >= HEAVY_RPE:
        return True
    e1rm = targets.e1rm_kg_by_exercise.get(item.exercise_slug)
    if item.load_kg is not None and e1rm:
        return item.load_kg / e1rm * 100 >= _HEAVY_PERCENT
    if rpe is None or item.reps + (10 - rpe) > 12:
        return False
    return percent_one_rep_max(item.reps, rpe) >= _HEAVY_PERCENT


def heavy_workout(exercises: Sequence[ExercisePrescription], targets: StrengthTargets) -> bool:
    catalog = targets.catalog
    return any(
        is_lower_body(catalog.get(item.exercise_slug)) and heavy_set(item, targets)
        for item in exercises
    )


def load_au(
    exercises: Sequence[ExercisePrescription], targets: StrengthTargets, heavy: bool
) -> float:
    """Session-RPE × estimated minutes (Foster et al. 2001): 10 min warm-up, then work and rest
    per set by category (3 min rest after heavy sets, 2 min after others)."""
    seconds = 600.0
    for item in exercises:
        category = targets.catalog.get(item.exercise_slug).category
        work = 45.0 * (2 if item.per_side else 1)
        rest = {"strength": 180.0 if heavy else 120.0, "plyometric": 60.0, "drill": 0.0}.get(
            category, 30.0
        )
        seconds += item.sets * (work + rest)
    rpe = (
        7.0 if heavy else 6.0 if any(e.target_rpe and e.target_rpe >= 7 for e in exercises) else 5.0
    )
    return round(rpe * seconds / 60, 1)
