"""exports/fit_workout.py: run sessions as FIT workouts that fitdecode (and watches) read back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import fitdecode
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runstrong.domain.plan import Plan, PlannedSession, RunPrescription, WorkoutStep
from runstrong.errors import ValidationError
from runstrong.exports.fit_workout import plan_to_fit_files, run_session_to_fit
from runstrong.exports.fit_writer import crc16

from .conftest import INTERVALS, STRENGTH

SHARED_FIT = Path(__file__).resolve().parents[4] / "shared" / "data" / "fit"


def _frames(data: bytes) -> list[object]:
    with fitdecode.FitReader(data, check_crc=fitdecode.CrcCheck.RAISE) as reader:
        return list(reader)


def _messages(data: bytes, name: str) -> list[dict[str, object]]:
    return [
        {field.name: field.value for field in frame.fields}
        for frame in _frames(data)
        if isinstance(frame, fitdecode.FitDataMessage) and frame.name == name
    ]


def _session(*steps: WorkoutStep, title: str = "Workout") -> PlannedSession:
    run = RunPrescription("interval", tuple(steps), "test")
    return PlannedSession(date(2024, 3, 26), "run", title, run=run)


@pytest.fixture
def intervals() -> bytes:
    return run_session_to_fit(
        PlannedSession(date(2024, 3, 26), "run", "6x800", run=INTERVALS), "6 × 800 m"
    )


def test_file_is_a_running_workout_with_valid_crcs(intervals: bytes) -> None:
    frames = _frames(intervals)  # CrcCheck.RAISE: fitdecode checks the file CRC
    header = frames[0]
    assert isinstance(header, fitdecode.FitHeader)
    assert header.crc_matched
    assert crc16(intervals) == 0  # the trailing CRC makes the whole file's CRC zero
    [file_id] = _messages(intervals, "file_id")
    assert file_id["type"] == "workout"
    [workout] = _messages(intervals, "workout")
    assert workout["sport"] == "running"
    assert workout["wkt_name"] == "6 × 800 m"
    assert workout["num_valid_steps"] == len(_messages(intervals, "workout_step")) == 5


def test_steps_have_durations_targets_intensities_and_a_repeat(intervals: bytes) -> None:
    warmup, interval, recovery, repeat, cooldown = _messages(intervals, "workout_step")
    assert [s["message_index"] for s in (warmup, interval, recovery, repeat, cooldown)] == [
        0,
        1,
        2,
        3,
        4,
    ]

    assert warmup["intensity"] == "warmup"
    assert warmup["duration_type"] == "time"
    assert warmup["duration_time"] == pytest.approx(900.0)
    assert warmup["target_type"] == "speed"
    assert warmup["custom_target_speed_low"] == pytest.approx(1000 / 360, abs=1e-3)
    assert warmup["custom_target_speed_high"] == pytest.approx(1000 / 330, abs=1e-3)

    assert interval["intensity"] == "active"
    assert interval["duration_type"] == "distance"
    assert interval["duration_distance"] == pytest.approx(800.0)
    assert interval["target_type"] == "speed"
    assert interval["target_speed_zone"] == 0  # custom range
    assert interval["custom_target_speed_low"] == pytest.approx(4.444, abs=1e-3)  # 3:45/km
    assert interval["custom_target_speed_high"] == pytest.approx(4.545, abs=1e-3)  # 3:40/km

    assert recovery["intensity"] == "recovery"
    assert recovery["duration_time"] == pytest.approx(120.0)
    assert recovery["target_type"] == "open"

    assert repeat["duration_type"] == "repeat_until_steps_cmplt"
    assert repeat["duration_step"] == 1  # back to the interval
    assert repeat["repeat_steps"] == 6

    assert cooldown["intensity"] == "cooldown"
    assert cooldown["duration_time"] == pytest.approx(600.0)
    assert cooldown["target_type"] == "open"


@pytest.mark.skipif(not SHARED_FIT.exists(), reason="shared FIT examples not available")
def test_layout_mirrors_the_fit_sdk_example_workouts(intervals: bytes) -> None:
    def definitions(data: bytes) -> dict[int, set[int]]:
        return {
            frame.global_mesg_num: {field.def_num for field in frame.field_defs}
            for frame in _frames(data)
            if isinstance(frame, fitdecode.FitDefinitionMessage)
        }

    ours = definitions(intervals)
    for name in ("WorkoutCustomTargetValues.fit", "WorkoutRepeatSteps.fit"):
        example = definitions((SHARED_FIT / name).read_bytes())
        assert list(ours) == list(example) == [0, 26, 27]  # file_id, workout, workout_step
        for number, fields in example.items():
            assert fields <= ours[number], f"message {number} lacks fields of {name}"


def test_a_single_pace_gets_a_window_and_a_step_without_length_is_open() -> None:
    data = run_session_to_fit(_session(WorkoutStep("active", pace_fast_s_per_km=300)), "Run")
    [step] = _messages(data, "workout_step")
    assert step["duration_type"] == "open"
    assert step["custom_target_speed_low"] == pytest.approx(1000 / 305, abs=1e-3)
    assert step["custom_target_speed_high"] == pytest.approx(1000 / 295, abs=1e-3)


def test_repeats_without_recovery_repeat_the_step_alone() -> None:
    data = run_session_to_fit(_session(WorkoutStep("active", duration_s=60, repeat=10)), "Hills")
    interval, repeat = _messages(data, "workout_step")
    assert interval["duration_time"] == pytest.approx(60.0)
    assert repeat["duration_step"] == 0
    assert repeat["repeat_steps"] == 10


def test_long_names_are_cut_without_splitting_a_character() -> None:
    name = "Intervals × " * 5
    data = run_session_to_fit(_session(WorkoutStep("active", duration_s=600)), name)
    [workout] = _messages(data, "workout")
    assert isinstance(workout["wkt_name"], str)
    assert name.startswith(workout["wkt_name"])
    assert len(workout["wkt_name"].encode("utf-8")) <= 31


def test_plan_gives_one_file_per_run_session_with_steps(plan: Plan) -> None:
    files = {
        name: data
        for name, data in plan_to_fit_files(plan).items()
        if _messages(data, "workout")[0]["sport"] == "running"
    }
    assert sorted(files) == [
        "2024-03-26-am-intervals-6-800-m.fit",
        "2024-03-28-am-easy-run.fit",
        "2024-03-31-am-long-run.fit",
        "2024-04-02-am-intervals-6-800-m.fit",
        "2024-04-04-am-easy-run.fit",
        "2024-04-07-am-long-run.fit",
    ]
    for name, data in files.items():
        [workout] = _messages(data, "workout")
        assert workout["sport"] == "running", name
    [long_step] = _messages(files["2024-03-31-am-long-run.fit"], "workout_step")
    assert long_step["duration_distance"] == pytest.approx(18_000.0)


def test_missed_and_stepless_sessions_are_left_out_and_names_stay_unique(plan: Plan) -> None:
    first = plan.sessions[0]
    missed = replace(first, status="missed")
    stepless = replace(first, title="Free run", run=replace(INTERVALS, steps=()))
    twin = replace(plan.sessions[2])  # a second "Easy run" on the same day and slot
    files = plan_to_fit_files(replace(plan, sessions=(missed, stepless, plan.sessions[2], twin)))
    assert sorted(files) == ["2024-03-28-am-easy-run-2.fit", "2024-03-28-am-easy-run.fit"]


def test_a_strength_session_is_refused() -> None:
    session = PlannedSession(date(2024, 3, 26), "strength", "Legs", exercises=STRENGTH)
    with pytest.raises(ValidationError, match="no run workout steps"):
        run_session_to_fit(session, "Legs")


_steps = st.builds(
    WorkoutStep,
    kind=st.sampled_from(["warmup", "active", "recovery", "cooldown"]),
    duration_s=st.none() | st.floats(1, 20_000),
    distance_m=st.none() | st.floats(1, 50_000),
    pace_fast_s_per_km=st.none() | st.floats(120, 600),
    pace_slow_s_per_km=st.none() | st.floats(120, 600),
    repeat=st.integers(1, 20),
    recovery_s=st.none() | st.floats(1, 600),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_steps, min_size=1, max_size=8))
def test_any_workout_decodes_with_consistent_steps(steps: list[WorkoutStep]) -> None:
    data = run_session_to_fit(_session(*steps), "Random")
    decoded = _messages(data, "workout_step")
    [workout] = _messages(data, "workout")
    assert workout["num_valid_steps"] == len(decoded)
    assert [s["message_index"] for s in decoded] == list(range(len(decoded)))
    repeats = [s for s in decoded if s["duration_type"] == "repeat_until_steps_cmplt"]
    assert len(repeats) == sum(1 for s in steps if s.repeat > 1)
    for repeat in repeats:
        target = decoded[int(repeat["duration_step"])]  # type: ignore[call-overload]
        assert target["duration_type"] != "repeat_until_steps_cmplt"
        assert int(repeat["message_index"]) > int(repeat["duration_step"])  # type: ignore[call-overload]
    for step in decoded:
        if step["target_type"] == "speed":
            assert step["custom_target_speed_low"] <= step["custom_target_speed_high"]  # type: ignore[operator]


def test_drills_are_open_steps_named_with_their_dose_after_the_warm_up() -> None:
    from runstrong.domain.plan import ExercisePrescription

    drills = (
        ExercisePrescription("high-knees", 2, 1, distance_m=20),
        ExercisePrescription("butt-kicks", 2, 1, distance_m=20),
    )
    session = PlannedSession(date(2024, 3, 26), "run", "6x800", run=INTERVALS, exercises=drills)
    steps = _messages(run_session_to_fit(session, "6 × 800 m"), "workout_step")
    names = [step["wkt_step_name"] for step in steps]
    assert names[:3] == ["Warm-up", "2x20m High Knee", "2x20m Butt Kick"]
    assert steps[1]["duration_type"] == "open" and steps[1]["intensity"] == "warmup"
    assert [step["message_index"] for step in steps] == list(range(len(steps)))
    repeat = next(step for step in steps if step["duration_type"] == "repeat_until_steps_cmplt")
    assert steps[repeat["duration_step"]]["wkt_step_name"] == "Interval"  # still points at it


def test_a_run_with_drills_keeps_its_own_workout_name() -> None:
    from runstrong.domain.plan import ExercisePrescription

    drills = (ExercisePrescription("high-knees", 2, 1, distance_m=20),)
    session = PlannedSession(date(2024, 3, 26), "run", "6x800", run=INTERVALS, exercises=drills)
    (workout,) = _messages(run_session_to_fit(session, "6 × 800 m"), "workout")
    assert workout["wkt_name"] == "6 × 800 m"  # not the last drill's step name
