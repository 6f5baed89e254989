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

import zlib
from collections.abc import Mapping
from datetime import UTC, datetime, time
from typing import Final

from fitdecode import profile  # type: ignore[import-untyped]

from runstrong.domain.gym import DEFAULT_REST_S
from runstrong.domain.plan import ExercisePrescription, PlannedSession
from runstrong.errors import ValidationError
from runstrong.exports.fit_activity import FIT_EPOCH
from runstrong.exports.fit_writer import BaseType, FitEncoder, MessageDefinition
from runstrong.exports.fit_writer import Field as F
from runstrong.library import Catalog, load_catalog
from runstrong.library.fit_names import FitNames, load_fit_names

__all__ = ["FIT_SPORT_TRAINING", "FIT_SUB_SPORT_STRENGTH", "strength_session_to_fit"]

FIT_SPORT_TRAINING: Final = 10
FIT_SUB_SPORT_STRENGTH: Final = 20
_NAME_BYTES: Final = 32
_STEP_NAME_BYTES: Final = 16
_NOTES_BYTES: Final = 64
_FILE_TYPE_WORKOUT: Final = 5
_MANUFACTURER_DEVELOPMENT: Final = 255
_DURATION_TIME, _DURATION_REPEAT, _DURATION_REPS = 0, 6, 29
_TARGET_OPEN: Final = 2
_INTENSITY_ACTIVE, _INTENSITY_REST = 0, 1
_KILOGRAM: Final = 1
_CATEGORY_NUMBERS: Final = {
    str(name): number for number, name in profile.FIELD_TYPES["exercise_category"].enum.items()
}

_FILE_ID = MessageDefinition(
    0,
    (
        F(0, BaseType.ENUM),  # type
        F(1, BaseType.UINT16),  # manufacturer
        F(2, BaseType.UINT16),  # product
        F(3, BaseType.UINT32Z),  # serial_number
        F(4, BaseType.UINT32),  # time_created
    ),
)
_WORKOUT = MessageDefinition(
    26,
    (
        F(8, BaseType.STRING, _NAME_BYTES),  # wkt_name
        F(4, BaseType.ENUM),  # sport
        F(11, BaseType.ENUM),  # sub_sport
        F(6, BaseType.UINT16),  # num_valid_steps
    ),
)
_STEP = MessageDefinition(
    27,
    (
        F(254, BaseType.UINT16),  # message_index
        F(0, BaseType.STRING, _STEP_NAME_BYTES),  # wkt_step_name
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

_Row = list[int | str | None]


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
    rows: list[_Row] = []
    for item in session.exercises:
        rows.extend(_exercise_rows(item, len(rows), catalog, names, rest_s or {}))
    created = datetime.combine(session.day, time(7 if session.slot == "am" else 18), tzinfo=UTC)
    encoder = FitEncoder(protocol_version=0x10)
    encoder.define(0, _FILE_ID)
    encoder.write(
        0,
        [
            _FILE_TYPE_WORKOUT,
            _MANUFACTURER_DEVELOPMENT,
            0,
            zlib.crc32(f"{session.day}{session.slot}{name}".encode()) or 1,
            round(created.timestamp()) - FIT_EPOCH,
        ],
    )
    encoder.define(0, _WORKOUT)
    encoder.write(
        0, [_cut(name, _NAME_BYTES), FIT_SPORT_TRAINING, FIT_SUB_SPORT_STRENGTH, len(rows)]
    )
    encoder.define(0, _STEP)
    for row in rows:
        encoder.write(0, row)
    return encoder.finish()


def _exercise_rows(
    item: ExercisePrescription,
    first: int,
    catalog: Catalog,
    names: FitNames,
    rest_s: Mapping[str, float],
) -> list[_Row]:
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
    rows: list[_Row] = [
        [
            first,
            _cut(exercise.name, _STEP_NAME_BYTES),
            *duration,
            _TARGET_OPEN,
            None,
            _INTENSITY_ACTIVE,
            _cut(", ".join(notes), _NOTES_BYTES) if notes else None,
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


def _cut(text: str, size: int) -> str:
    """``text`` in at most ``size - 1`` UTF-8 bytes (room for the NUL), characters kept whole."""
    return text.encode("utf-8")[: size - 1].decode("utf-8", "ignore")
