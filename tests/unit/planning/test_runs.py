"""Tests for runstrong.planning.runs: Daniels paces, workout sizes, effort targets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.planning.runs import (
    KEY_RUN_KINDS,
    RunKind,
    RunTargets,
    as_easy,
    prescribe_run,
    run_load_au,
)
from runstrong.science import equivalent_time_s, training_paces

KINDS: list[RunKind] = [
    "easy",
    "easy_strides",
    "extensive_tempo",
    "long",
    "long_race_pace",
    "tempo",
    "interval",
    "repetition",
    "acceleration",
    "max_velocity",
    "speed_endurance",
    "sharpener",
    "race",
]


def test_paces_come_from_vdot() -> None:
    targets = RunTargets.for_athlete(10000, 50)
    paces = training_paces(50)
    tempo = prescribe_run("tempo", 300 * 60, targets)
    block = tempo.steps[1]
    assert block.pace_fast_s_per_km == pytest.approx(paces.threshold_s_per_km - 3)
    assert block.pace_slow_s_per_km == pytest.approx(paces.threshold_s_per_km + 3)
    assert targets.race_pace_s_per_km == pytest.approx(equivalent_time_s(50, 10000) / 10)
    assert "4:15/km" in tempo.description  # science.md: VDOT 50 threshold 4:15/km
    easy = prescribe_run("easy", 300 * 60, targets, duration_s=2400)
    assert easy.steps[0].pace_slow_s_per_km == pytest.approx(paces.easy_slow_s_per_km)
    assert easy.distance_m is not None and 7000 < easy.distance_m < 8500


def test_without_vdot_targets_are_efforts() -> None:
    targets = RunTargets.for_athlete(5000, None)
    for kind in KINDS:
        run = prescribe_run(kind, 200 * 60, targets, duration_s=1800)
        assert run.distance_m is None
        assert all(step.pace_fast_s_per_km is None for step in run.steps)
    assert "RPE" in prescribe_run("interval", 200 * 60, targets).description


@given(volume_min=st.floats(60, 900), vdot=st.one_of(st.none(), st.floats(30, 80)))
def test_quality_volume_follows_daniels_limits(volume_min: float, vdot: float | None) -> None:
    targets = RunTargets.for_athlete(42195, vdot)
    volume_s = volume_min * 60
    interval = prescribe_run("interval", volume_s, targets).steps[1]
    tempo = prescribe_run("tempo", volume_s, targets).steps[1]
    long_run = prescribe_run("long", volume_s, targets)
    if interval.duration_s is not None:  # effort-based: 3-minute reps
        work_s = interval.duration_s * interval.repeat
        assert work_s <= max(0.08 * volume_s, 3 * 180) + 180  # I ≤ 8 % of the week (or 3 reps)
        assert interval.repeat <= 10
    assert tempo.repeat <= 8  # T ≤ 10 % of the week and ≤ 40 min in 5-minute reps
    assert long_run.duration_s is not None and long_run.duration_s <= 150 * 60  # Daniels' cap


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_steps_duration_and_the_right_key_flag(kind: RunKind) -> None:
    run = prescribe_run(kind, 240 * 60, RunTargets.for_athlete(400, None), duration_s=1800)
    assert run.steps and run.duration_s and run.duration_s > 0
    key_types = {"interval", "repetition", "tempo", "long", "race"}
    assert (run.session_type in key_types) == (kind in KEY_RUN_KINDS)
    assert run.description


def test_sprint_sessions_are_short_near_maximal_efforts() -> None:
    targets = RunTargets.for_athlete(100, None)
    acceleration = prescribe_run("acceleration", 90 * 60, targets)
    block = acceleration.steps[1]
    assert block.distance_m == 30 and block.repeat >= 3 and "95 %" in acceleration.description
    speed = prescribe_run("speed_endurance", 90 * 60, RunTargets.for_athlete(400, None))
    assert speed.steps[1].distance_m == 300


def test_as_easy_keeps_the_length_and_lowers_the_load() -> None:
    targets = RunTargets.for_athlete(10000, 45)
    interval = prescribe_run("interval", 300 * 60, targets)
    easy = as_easy(interval, targets)
    assert easy.session_type == "easy"
    assert easy.duration_s == pytest.approx(interval.duration_s, abs=60)
    assert run_load_au(easy) < run_load_au(interval)


def test_load_is_session_rpe_times_minutes() -> None:
    run = prescribe_run("tempo", 300 * 60, RunTargets(10000))
    assert run.duration_s is not None
    assert run_load_au(run) == pytest.approx(6.0 * run.duration_s / 60, abs=0.1)
