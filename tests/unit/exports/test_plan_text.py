"""exports/_plan_text.py: how sessions are put into words, and the evidence notes' data file."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import date
from importlib import resources

import pytest

from runstrong.domain.plan import ExercisePrescription, PlannedSession, RunPrescription, WorkoutStep
from runstrong.errors import ValidationError
from runstrong.exports import _plan_text as text
from runstrong.library import GRADES

from .conftest import EASY, INTERVALS, LONG, make_plan


@pytest.mark.parametrize(
    ("step", "metric", "imperial"),
    [
        (
            WorkoutStep("warmup", duration_s=900, pace_fast_s_per_km=330, pace_slow_s_per_km=360),
            "Warm-up: 15 min @ 5:30–6:00/km",
            "Warm-up: 15 min @ 8:51–9:39/mi",
        ),
        (
            WorkoutStep("active", distance_m=18_000, pace_fast_s_per_km=300),
            "Run: 18.0 km @ 5:00/km",
            "Run: 11.2 mi @ 8:03/mi",
        ),
        (
            WorkoutStep("active", distance_m=400, repeat=8, recovery_s=90),
            "Intervals: 8 × 400 m, 1:30 recovery between",
            "Intervals: 8 × 400 m, 1:30 recovery between",
        ),
        (
            WorkoutStep("active", duration_s=20, repeat=6, recovery_s=60),
            "Intervals: 6 × 20 s, 1 min recovery between",
            "Intervals: 6 × 20 s, 1 min recovery between",
        ),
        (
            WorkoutStep("cooldown"),
            "Cool-down: until you press lap",
            "Cool-down: until you press lap",
        ),
    ],
)
def test_step_text(step: WorkoutStep, metric: str, imperial: str) -> None:
    assert text.step_text(step, "metric") == metric
    assert text.step_text(step, "imperial") == imperial


@pytest.mark.parametrize(
    ("prescription", "metric", "imperial"),
    [
        (
            ExercisePrescription("leg-press", 4, 6, load_kg=141.3),
            "Leg Press: 4 × 6 @ 141.5 kg",
            "Leg Press: 4 × 6 @ 312 lb",
        ),
        (
            ExercisePrescription("leg-press", 3, 5, load_kg=100, target_rpe=8.5),
            "Leg Press: 3 × 5 @ 100 kg, RPE 8.5",
            "Leg Press: 3 × 5 @ 220 lb, RPE 8.5",
        ),
        (
            ExercisePrescription("bounding", 4, 10, foot_contacts=80, note="on grass"),
            "Bounding: 4 × 10 (80 foot contacts) – on grass",
            "Bounding: 4 × 10 (80 foot contacts) – on grass",
        ),
        (
            ExercisePrescription("side-plank", 3, 1, per_side=True, hold_s=30),
            "Side Plank: 3 × 30 s each side",
            "Side Plank: 3 × 30 s each side",
        ),
        (
            ExercisePrescription("high-knees", 2, 1, distance_m=20, note="walk back"),
            "High Knees: 2 × 20 m – walk back",
            "High Knees: 2 × 20 m – walk back",
        ),
    ],
)
def test_exercise_text(prescription: ExercisePrescription, metric: str, imperial: str) -> None:
    assert text.exercise_text(prescription, "metric") == metric
    assert text.exercise_text(prescription, "imperial") == imperial


def test_drills_print_with_their_dose_after_the_warm_up() -> None:
    drills = (
        ExercisePrescription("high-knees", 2, 1, distance_m=20),
        ExercisePrescription("butt-kicks", 3, 1, distance_m=30),
    )
    session = PlannedSession(date(2024, 3, 26), "run", "Intervals", run=INTERVALS, exercises=drills)
    lines = text.session_lines(session, "metric")
    warm_up = next(n for n, line in enumerate(lines) if line.startswith("Warm-up"))
    assert lines[warm_up + 1] == "Drills: High Knees 2 × 20 m, Butt Kicks 3 × 30 m (walk back)"
    assert lines[warm_up + 2].startswith("Intervals: 6 ×")


def test_session_duration_prefers_the_prescription_then_the_steps_then_defaults() -> None:
    day = date(2024, 3, 26)
    assert text.session_duration_s(PlannedSession(day, "run", "Easy", run=EASY)) == 2700
    long_run = PlannedSession(day, "run", "Long", run=LONG)
    assert text.session_duration_s(long_run) == pytest.approx(18 * 335)
    # 900 + 6 × 0.8 km × 222.5 s/km + 5 × 120 + 600
    intervals = PlannedSession(day, "run", "Intervals", run=INTERVALS)
    assert text.session_duration_s(intervals) == pytest.approx(900 + 6 * 178 + 600 + 600)
    open_ended = replace(LONG, steps=(WorkoutStep("active", distance_m=10_000),))
    assert text.session_duration_s(PlannedSession(day, "run", "?", run=open_ended)) == 3600
    no_steps = RunPrescription("easy", (), "Easy by feel")
    assert text.session_duration_s(PlannedSession(day, "run", "?", run=no_steps)) == 3600
    assert text.session_duration_s(PlannedSession(day, "strength", "Gym")) == 2700
    assert text.planned_duration_s(long_run) == 105 * 60
    assert text.planned_duration_text(long_run) == "1 h 45 min"


def test_units_are_checked() -> None:
    assert text.check_units("imperial") == "imperial"
    with pytest.raises(ValidationError, match="'metric' or 'imperial'"):
        text.check_units("Metric")


def test_evidence_notes_follow_what_the_plan_contains() -> None:
    plan = make_plan()
    assert {n.applies_to for n in text.plan_evidence(plan)} == {
        "strength",
        "heavy_lower_body",
        "plyometric",
        "deload",
    }
    taper_week = replace(plan.weeks[0], phase="taper")
    only_runs = replace(
        plan, weeks=(taper_week,), sessions=tuple(s for s in plan.sessions if s.kind == "run")
    )
    assert [n.applies_to for n in text.plan_evidence(only_runs)] == ["taper"]


def test_evidence_file_schema() -> None:
    raw = tomllib.loads(
        resources.files("runstrong.exports").joinpath("plan_evidence.toml").read_text("utf-8")
    )
    assert raw["schema_version"] == 1
    notes = raw["note"]
    assert {n["applies_to"] for n in notes} == {
        "strength",
        "heavy_lower_body",
        "plyometric",
        "deload",
        "taper",
    }
    for note in notes:
        assert set(note) == {"applies_to", "advice", "grade", "source"}
        assert note["grade"] in GRADES
        assert note["advice"].endswith(".") and note["source"].endswith(".")
