"""Run sessions of a plan as FIT workout files, for Garmin, Coros, Suunto and Wahoo watches.

Written with runstrong's own encoder (:mod:`runstrong.exports.fit_writer`), in the layout of the
FIT SDK's example workouts (``WorkoutRepeatSteps.fit``, ``WorkoutCustomTargetValues.fit``):
protocol 1.0 header, then

* ``file_id`` (type 5 = workout, manufacturer 255 = development);
* ``workout``: name, sport running, ``num_valid_steps`` = the number of step messages;
* one ``workout_step`` per step: ``duration_type`` time (``duration_value`` in ms), distance
  (cm) or open (until the lap button); a pace range becomes ``target_type`` speed with
  ``target_value`` 0 (custom) and ``custom_target_value_low``/``high`` in mm/s (m/s × 1000, the
  slow end of the range low); ``intensity`` warmup, active, recovery or cooldown.

Running drills of the session (``2 × 20 m`` each, rule D1) become open steps (press lap when
done) named with their dose, ``2x20m High Knee``, after the warm-up or before the strides.

An interval block (an ``active`` step with ``repeat`` > 1) becomes the interval step, its
recovery jog, and a ``repeat_until_steps_cmplt`` step pointing back at the interval
(``duration_value`` = its message index, ``target_value`` = the number of repetitions). As on
the watches' own editors, the last repetition is followed by its recovery too; the cool-down
or the end of the workout follows.

>>> from datetime import date
>>> from runstrong.domain.plan import PlannedSession, RunPrescription, WorkoutStep
>>> run = RunPrescription("interval", (WorkoutStep("active", distance_m=400, repeat=8,
...                                                recovery_s=90),), "8 × 400 m")
>>> data = run_session_to_fit(PlannedSession(date(2024, 5, 2), "run", "8x400", run=run), "8x400")
>>> data[8:12], len(data)
(b'.FIT', 253)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from runstrong.domain.plan import Plan, PlannedSession, WorkoutStep
from runstrong.errors import ValidationError
from runstrong.exports._fit_workout_file import STEP_NAME_BYTES, StepRow, cut, workout_file
from runstrong.exports._plan_text import drill_index, exercise_name, slug
from runstrong.exports.fit_activity import FIT_SPORTS
from runstrong.exports.fit_writer import BaseType, MessageDefinition
from runstrong.exports.fit_writer import Field as F

__all__ = ["plan_to_fit_files", "run_session_to_fit"]

#: A pace given as one number (no range) becomes this window on each side, in s/km.
_SINGLE_PACE_WINDOW_S_PER_KM: Final = 5.0

# FIT profile enums (Profile.xlsx: wkt_step_duration, wkt_step_target, intensity).
_DURATION_TIME, _DURATION_DISTANCE, _DURATION_OPEN, _DURATION_REPEAT = 0, 1, 5, 6
_TARGET_SPEED, _TARGET_OPEN = 0, 2
_INTENSITY: Final = {"active": 0, "warmup": 2, "cooldown": 3, "recovery": 4}
_STEP_NAMES: Final = {
    "warmup": "Warm-up",
    "active": "Run",
    "recovery": "Recovery",
    "cooldown": "Cool-down",
}

_WORKOUT_STEP = MessageDefinition(
    27,
    (
        F(254, BaseType.UINT16),  # message_index
        F(0, BaseType.STRING, STEP_NAME_BYTES),  # wkt_step_name
        F(1, BaseType.ENUM),  # duration_type
        F(2, BaseType.UINT32),  # duration_value: ms, cm, or the step to repeat from
        F(3, BaseType.ENUM),  # target_type
        F(4, BaseType.UINT32),  # target_value: zone (0 = custom), or the repetitions
        F(5, BaseType.UINT32),  # custom_target_value_low: speed in mm/s
        F(6, BaseType.UINT32),  # custom_target_value_high
        F(7, BaseType.ENUM),  # intensity
    ),
)


def run_session_to_fit(session: PlannedSession, name: str) -> bytes:
    """One run session's workout as a FIT workout file named ``name`` (cut to 31 bytes).

    Raises
    ------
    ValidationError
        If the session is not a run with workout steps.
    """
    if session.run is None or not session.run.steps:
        raise ValidationError(
            f"'{session.title}' on {session.day} has no run workout steps to put on a watch"
        )
    steps = session.run.steps
    at = drill_index(steps)
    rows = _step_rows(steps[:at])
    for drill in (p for p in session.exercises if p.distance_m is not None):
        drill_name = f"{drill.sets}x{drill.distance_m:g}m {exercise_name(drill.exercise_slug)}"
        step_name = cut(drill_name, STEP_NAME_BYTES)
        rows.append([len(rows), step_name, _DURATION_OPEN, None, _TARGET_OPEN, None, None, None])
        rows[-1].append(_INTENSITY["warmup"])
    offset = len(rows)
    for row in _step_rows(steps[at:]):
        row[0] = offset + int(row[0] or 0)
        if row[2] == _DURATION_REPEAT:
            row[3] = offset + int(row[3] or 0)
        rows.append(row)
    return workout_file(session, name, FIT_SPORTS["running"], 0, _WORKOUT_STEP, rows)


def plan_to_fit_files(plan: Plan) -> dict[str, bytes]:
    """A FIT workout per run session with steps and per strength session with exercises
    (:mod:`runstrong.exports.fit_strength_workout`), keyed by file name.

    Names are ``<day>-<slot>-<title>.fit`` (``2024-05-02-am-intervals.fit``), unique within the
    result. Missed sessions are left out.
    """
    from runstrong.exports.fit_strength_workout import strength_session_to_fit

    files: dict[str, bytes] = {}
    for session in plan.sessions:
        if session.status == "missed":
            continue
        runs = session.run is not None and bool(session.run.steps)
        lifts = session.kind == "strength" and bool(session.exercises)
        if not (runs or lifts):
            continue
        stem = f"{session.day:%Y-%m-%d}-{session.slot}-{slug(session.title)}"
        file_name, number = f"{stem}.fit", 1
        while file_name in files:
            number += 1
            file_name = f"{stem}-{number}.fit"
        write = run_session_to_fit if runs else strength_session_to_fit
        files[file_name] = write(session, session.title)
    return files


def _step_rows(steps: Sequence[WorkoutStep]) -> list[StepRow]:
    """The ``workout_step`` values, interval blocks expanded into step, recovery and repeat."""
    rows: list[StepRow] = []
    for step in steps:
        first = len(rows)
        name = "Interval" if step.repeat > 1 else _STEP_NAMES[step.kind]
        rows.append([first, name, *_duration(step), *_target(step), _INTENSITY[step.kind]])
        if step.repeat <= 1:
            continue
        if step.recovery_s:
            recovery_ms = round(step.recovery_s * 1000)
            rows.append(
                [
                    len(rows),
                    "Recovery",
                    _DURATION_TIME,
                    recovery_ms,
                    _TARGET_OPEN,
                    None,
                    None,
                    None,
                    _INTENSITY["recovery"],
                ]
            )
        rows.append(
            [
                len(rows),
                f"Repeat {step.repeat}x",
                _DURATION_REPEAT,
                first,
                _TARGET_OPEN,
                step.repeat,
                None,
                None,
                _INTENSITY["active"],
            ]
        )
    return rows


def _duration(step: WorkoutStep) -> tuple[int, int | None]:
    if step.distance_m is not None:
        return _DURATION_DISTANCE, round(step.distance_m * 100)
    if step.duration_s is not None:
        return _DURATION_TIME, round(step.duration_s * 1000)
    return _DURATION_OPEN, None


def _target(step: WorkoutStep) -> tuple[int, int | None, int | None, int | None]:
    """Target type, zone and custom speed range (mm/s) of a step: a speed range from its paces."""
    paces = [p for p in (step.pace_fast_s_per_km, step.pace_slow_s_per_km) if p is not None]
    if not paces:
        return _TARGET_OPEN, None, None, None
    fast, slow = min(paces), max(paces)
    if fast == slow:
        fast -= _SINGLE_PACE_WINDOW_S_PER_KM
        slow += _SINGLE_PACE_WINDOW_S_PER_KM
    return _TARGET_SPEED, 0, _speed_mm_per_s(slow), _speed_mm_per_s(fast)


def _speed_mm_per_s(pace_s_per_km: float) -> int:
    """A pace in s/km as a FIT speed (m/s × 1000).

    >>> _speed_mm_per_s(240)
    4167
    """
    return round(1_000_000 / pace_s_per_km)
