"""Hand-built plans for the export tests: a factory and the two-week plan most tests use."""

from __future__ import annotations

from datetime import date

import pytest

from runstrong.domain.plan import (
    AthleteBaseline,
    ExercisePrescription,
    Plan,
    PlannedSession,
    PlanRequest,
    PlanWeek,
    RunPrescription,
    WorkoutStep,
)

#: Monday of week 1. Europe switches to summer time on Sunday 2024-03-31, in week 2.
START = date(2024, 3, 25)

INTERVALS = RunPrescription(
    session_type="interval",
    steps=(
        WorkoutStep("warmup", duration_s=900, pace_fast_s_per_km=330, pace_slow_s_per_km=360),
        WorkoutStep(
            "active",
            distance_m=800,
            pace_fast_s_per_km=220,
            pace_slow_s_per_km=225,
            repeat=6,
            recovery_s=120,
        ),
        WorkoutStep("cooldown", duration_s=600),
    ),
    description="6 × 800 m at 5k pace",
)
EASY = RunPrescription(
    session_type="easy",
    steps=(WorkoutStep("active", duration_s=2700, pace_fast_s_per_km=330, pace_slow_s_per_km=360),),
    description="Easy run, conversational",
    duration_s=2700,
)
LONG = RunPrescription(
    session_type="long",
    steps=(
        WorkoutStep("active", distance_m=18_000, pace_fast_s_per_km=320, pace_slow_s_per_km=350),
    ),
    description="Long run, steady",
    distance_m=18_000,
)
STRENGTH = (
    ExercisePrescription("leg-press", sets=4, reps=6, load_kg=140.0),
    ExercisePrescription("single-leg-leg-press", sets=3, reps=8, target_rpe=7, per_side=True),
    ExercisePrescription("pogo-jumps", sets=3, reps=20, foot_contacts=60),
    ExercisePrescription("front-plank", sets=3, reps=1, note="hold 40 s"),
)


def make_plan(*, weeks: int = 2, sessions: bool = True, plan_id: int | None = 7) -> Plan:
    """A plan of ``weeks`` weeks (the second a deload) with, each week: intervals on Tuesday
    morning, heavy strength on Tuesday evening, an easy run on Thursday and a long run on
    Sunday; with ``sessions=False``, the weeks only."""
    request = PlanRequest(
        race_label="Ljubljana 10k",
        race_distance_m=10_000,
        race_date=date(2024, 4, 21),
        start_date=START,
        focus="distance",
    )
    plan_weeks = tuple(
        PlanWeek(
            index=n,  # the planner counts weeks from 0
            start=date.fromordinal(START.toordinal() + 7 * n),
            phase="build",
            deload=n == 1,
        )
        for n in range(weeks)
    )
    planned: list[PlannedSession] = []
    for week in plan_weeks if sessions else ():
        monday = week.start.toordinal()
        planned += [
            PlannedSession(
                date.fromordinal(monday + 1), "run", "Intervals 6 × 800 m", run=INTERVALS, key=True
            ),
            PlannedSession(
                date.fromordinal(monday + 1),
                "strength",
                "Strength: legs",
                slot="pm",
                exercises=STRENGTH,
                heavy_lower_body=True,
            ),
            PlannedSession(date.fromordinal(monday + 3), "run", "Easy run", run=EASY),
            PlannedSession(date.fromordinal(monday + 6), "run", "Long run", run=LONG, key=True),
        ]
    return Plan(request, AthleteBaseline(), plan_weeks, tuple(planned), id=plan_id)


@pytest.fixture
def plan() -> Plan:
    return make_plan()


@pytest.fixture
def empty_plan() -> Plan:
    return make_plan(sessions=False)
