"""exports/fit_strength_workout.py: planned strength sessions as FIT workouts, read back by
fitdecode with the CRC checked (planned exercises, reps, loads, holds, rests, repeats)."""

from __future__ import annotations

from datetime import date

import fitdecode
import pytest
from fitdecode import profile

from runstrong.domain.plan import ExercisePrescription, Plan, PlannedSession
from runstrong.errors import ValidationError
from runstrong.exports.fit_strength_workout import strength_session_to_fit
from runstrong.exports.fit_workout import plan_to_fit_files

from .conftest import STRENGTH


def _messages(data: bytes, name: str) -> list[dict[str, object]]:
    with fitdecode.FitReader(data, check_crc=fitdecode.CrcCheck.RAISE) as reader:
        return [
            {field.name: field.value for field in frame.fields}
            for frame in reader
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == name
        ]


def _exercise_name(step: dict[str, object]) -> str:
    enum = profile.FIELD_TYPES[f"{step['exercise_category']}_exercise_name"].enum
    return str(enum[step["exercise_name"]])


def _legs(*exercises: ExercisePrescription) -> PlannedSession:
    return PlannedSession(date(2024, 3, 26), "strength", "Legs", exercises=exercises)


def test_leg_press_sets_reps_load_rest_and_repeat() -> None:
    data = strength_session_to_fit(
        _legs(ExercisePrescription("leg-press", sets=4, reps=6, load_kg=142.5)), "Legs"
    )
    [workout] = _messages(data, "workout")
    assert (workout["sport"], workout["sub_sport"]) == ("training", "strength_training")
    work, rest, repeat = _messages(data, "workout_step")
    assert workout["num_valid_steps"] == 3
    assert (work["duration_type"], work["duration_reps"]) == ("reps", 6)
    assert (work["exercise_category"], _exercise_name(work)) == ("squat", "leg_press")
    assert work["exercise_weight"] == pytest.approx(142.5)
    assert work["weight_display_unit"] == "kilogram"
    assert (rest["intensity"], rest["duration_time"]) == ("rest", 150.0)  # strength rest
    assert repeat["duration_type"] == "repeat_until_steps_cmplt"
    assert (repeat["duration_step"], repeat["repeat_steps"]) == (0, 4)


def test_holds_are_time_steps_and_unmapped_exercises_get_the_nearest_category() -> None:
    data = strength_session_to_fit(
        _legs(
            ExercisePrescription("front-plank", sets=1, reps=1, hold_s=45),
            ExercisePrescription("tibialis-raise", sets=2, reps=15),
            ExercisePrescription(
                "bulgarian-split-squat", sets=3, reps=8, load_kg=20, per_side=True
            ),
        ),
        "Legs",
    )
    steps = _messages(data, "workout_step")
    plank, plank_rest, tibialis = steps[0], steps[1], steps[2]
    assert (plank["duration_type"], plank["duration_time"]) == ("time", 45.0)
    assert (plank["exercise_category"], _exercise_name(plank)) == ("plank", "plank")
    assert plank_rest["duration_time"] == 60.0  # core rest
    assert tibialis["exercise_category"] == "calf_raise"  # ankle-dorsiflexion → nearest
    assert tibialis.get("exercise_name") is None and tibialis["notes"] == "Tibialis Raise"
    split = steps[5]
    assert (split["exercise_category"], _exercise_name(split)) == (
        "lunge",
        "dumbbell_bulgarian_split_squat",
    )
    assert split["notes"] == "each side"
    assert "exercise_weight" not in tibialis or tibialis["exercise_weight"] is None


def test_plan_export_holds_strength_workouts_beside_the_runs(plan: Plan) -> None:
    files = plan_to_fit_files(plan)
    strength = {
        name: data
        for name, data in files.items()
        if _messages(data, "workout")[0]["sport"] == "training"
    }
    planned = [s for s in plan.sessions if s.kind == "strength" and s.exercises]
    assert len(strength) == len(planned) > 0
    data = next(iter(strength.values()))
    work = [s for s in _messages(data, "workout_step") if s["intensity"] == "active"]
    first = work[0]
    assert (_exercise_name(first), first["duration_reps"]) == ("leg_press", STRENGTH[0].reps)
    assert first["exercise_weight"] == pytest.approx(STRENGTH[0].load_kg)


def test_a_session_without_exercises_is_refused() -> None:
    with pytest.raises(ValidationError, match="no strength exercises"):
        strength_session_to_fit(_legs(), "Legs")
    with pytest.raises(ValidationError, match="no strength exercises"):
        strength_session_to_fit(PlannedSession(date(2024, 3, 26), "run", "Run"), "Run")
