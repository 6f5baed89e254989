"""Strength sessions of a plan as FIT workout files (sport training, sub-sport strength_training).

Same layout as the run workouts (:mod:`runstrong.exports.fit_workout`, after the FIT SDK's
``WorkoutRepeatSteps.fit``): ``file_id`` (type workout), ``workout``, then per exercise

* the work step: ``duration_type`` reps with the rep count (per side for single-leg work), or
  time in ms for a hold; ``exercise_category`` / ``exercise_name`` from the library's FIT names
  (``library/fit_exercises.toml``; leg press = squat / leg_press); the planned load as
  ``exercise_weight`` (kg × 100) with ``weight_display_unit`` kilogram; an exercise without a FIT
  name gets the category nearest its movement pattern and its own name in the step's ``notes``;
* a rest step (``intensity`` rest, time) with the exercise's rest (the gym's rest for its kind
  of exercise: :data:`runstrong.domain.gym.DEFAULT_REST_S` unless given);
* for more than one set, a ``repeat_until_steps_cmplt`` step back to the work step, with the
  number of sets.

>>> from datetime import date
>>> from runstrong.domain.plan import ExercisePrescription, PlannedSession
>>> session = PlannedSession(date(2024, 5, 2), "strength", "Legs",
...     exercises=(ExercisePrescription("leg-press", 3, 8, load_kg=120.0),))
>>> strength_session_to_fit(session, "Legs")[8:12]
b'.FIT'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from fitdecode import profile  # type: ignore[import-untyped]

from runstrong.domain.gym import DEFAULT_REST_S
from runstrong.domain.plan import ExercisePrescription, PlannedSession
from runstrong.errors import ValidationError
from runstrong.exports._fit_workout_file import STEP_NAME_BYTES, StepRow, cut, workout_file
from runstrong.exports.fit_writer import BaseType, MessageDefinition
from runstrong.exports.fit_writer import Field as F
from runstrong.library import Catalog, load_catalog
from runstrong.library.fit_names import FitNames, load_fit_names

__all__ = ["FIT_SPORT_TRAINING", "FIT_SUB_SPORT_STRENGTH", "strength_session_to_fit"]

FIT_SPORT_TRAINING: Final = 10
FIT_SUB_SPORT_STRENGTH: Final = 20
_NOTES_BYTES: Final = 64
_DURATION_TIME, _DURATION_REPEAT, _DURATION_REPS = 0, 6, 29
_TARGET_OPEN: Final = 2
_INTENSITY_ACTIVE, _INTENSITY_REST = 0, 1
_KILOGRAM: Final = 1
_CATEGORY_NUMBERS: Final = {
    str(name): number for number, name in profile.FIELD_TYPES["exercise_category"].enum.items()
}

_STEP = MessageDefinition(
    27,
    (
        F(254, BaseType.UINT16),  # message_index
        F(0, BaseType.STRING, STEP_NAME_BYTES),  # wkt_step_name
        F(1, BaseType.ENUM),  # duration_type
        F(2, BaseType.UINT32),  # duration_value: reps, ms, or the step to repeat from
        F(3, BaseType.ENUM),  # target_type
        F(4, BaseType.UINT32),  # target_value: the number of repetitions of a repeat
        F(7, BaseType.ENUM),  # intensity
        F(8, BaseType.STRING, _NOTES_BYTES),  # notes
        F(10, BaseType.UINT16),  # exercise_category
        F(11, BaseType.UINT16),  # exercise_name
        F(12, BaseType.UINT16),  # exercise_weight, kg x 100
        F(13, BaseType.UINT16),  # weight_display_unit
    ),
)


def strength_session_to_fit(
    session: PlannedSession,
    name: str,
    *,
    rest_s: Mapping[str, float] | None = None,
    catalog: Catalog | None = None,
) -> bytes:
    """One planned strength session as a FIT workout file named ``name`` (cut to 31 bytes).

    ``rest_s`` overrides the rest by exercise slug. Raises :class:`ValidationError` for a
    session without exercises.
    """
    if session.kind != "strength" or not session.exercises:
        raise ValidationError(
            f"'{session.title}' on {session.day} has no strength exercises to put on a watch"
        )
    catalog = catalog or load_catalog()
    names = load_fit_names()
    rows: list[StepRow] = []
    for item in session.exercises:
        rows.extend(_exercise_rows(item, len(rows), catalog, names, rest_s or {}))
    return workout_file(session, name, FIT_SPORT_TRAINING, FIT_SUB_SPORT_STRENGTH, _STEP, rows)


def _exercise_rows(
    item: ExercisePrescription,
    first: int,
    catalog: Catalog,
    names: FitNames,
    rest_s: Mapping[str, float],
) -> list[StepRow]:
    """The work step, its rest and (for several sets) the repeat step of one exercise."""
    exercise = catalog.get(item.exercise_slug)
    fit = names.fit_for(exercise.slug)
    notes = [] if fit is not None else [exercise.name]
    if item.per_side:
        notes.append("each side")
    category = fit[0] if fit is not None else names.nearest_category(exercise.pattern)
    name_number = _name_number(category, fit[1]) if fit is not None else None
    if item.hold_s is not None:
        duration: tuple[int, int] = (_DURATION_TIME, round(item.hold_s * 1000))
    else:
        duration = (_DURATION_REPS, item.reps)
    weight = round(item.load_kg * 100) if item.load_kg else None
    rest = rest_s.get(exercise.slug, DEFAULT_REST_S.get(exercise.category, 90))
    rows: list[StepRow] = [
        [
            first,
            cut(exercise.name, STEP_NAME_BYTES),
            *duration,
            _TARGET_OPEN,
            None,
            _INTENSITY_ACTIVE,
            cut(", ".join(notes), _NOTES_BYTES) if notes else None,
            _CATEGORY_NUMBERS[category],
            name_number,
            weight,
            _KILOGRAM if weight is not None else None,
        ],
        [first + 1, "Rest", _DURATION_TIME, round(rest * 1000), _TARGET_OPEN, None,
         _INTENSITY_REST, None, None, None, None, None],
    ]  # fmt: skip
    if item.sets > 1:
        rows.append(
            [first + 2, f"{item.sets} sets", _DURATION_REPEAT, first, _TARGET_OPEN, item.sets,
             _INTENSITY_ACTIVE, None, None, None, None, None]
        )  # fmt: skip
    return rows


def _name_number(category: str, name: str) -> int | None:
    field_type = profile.FIELD_TYPES.get(f"{category}_exercise_name")
    if field_type is None:
        return None
    return next((int(k) for k, v in field_type.enum.items() if v == name), None)
