"""Plans survive the store unchanged, and re-planning replaces sessions in place."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from runstrong.domain.models import Athlete
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
from runstrong.store import Store


def _plan() -> Plan:
    request = PlanRequest(
        race_label="10k",
        race_distance_m=10000.0,
        race_date=date(2027, 3, 14),
        start_date=date(2027, 1, 4),
        focus="distance",
        available_days=frozenset({1, 3, 5, 6}),
        long_run_day=6,
        strength_days=2,
        equipment=frozenset({"leg-press", "bodyweight"}),
    )
    intervals = RunPrescription(
        session_type="interval",
        steps=(
            WorkoutStep("warmup", duration_s=900, pace_slow_s_per_km=330),
            WorkoutStep(
                "active",
                distance_m=800,
                pace_fast_s_per_km=232,
                pace_slow_s_per_km=238,
                repeat=6,
                recovery_s=120,
            ),
            WorkoutStep("cooldown", duration_s=600),
        ),
        description="6 × 800 m at I pace",
        distance_m=9800.0,
    )
    lift = (
        ExercisePrescription("leg-press", 4, 5, load_kg=152.5, target_rpe=8.0),
        ExercisePrescription("single-leg-leg-press", 3, 8, target_rpe=7.5, per_side=True),
        ExercisePrescription("pogo-jumps", 3, 20, foot_contacts=60),
    )
    return Plan(
        request=request,
        baseline=AthleteBaseline(vdot=48.0, e1rm_kg_by_exercise={"leg-press": 185.0}),
        weeks=(PlanWeek(0, date(2027, 1, 4), "base", False),),
        sessions=(
            PlannedSession(
                date(2027, 1, 5), "run", "Intervals", run=intervals, key=True, planned_load_au=480.0
            ),
            PlannedSession(
                date(2027, 1, 5),
                "strength",
                "Heavy legs",
                slot="pm",
                exercises=lift,
                heavy_lower_body=True,
                planned_load_au=315.0,
            ),
        ),
    )


def _athlete(store: Store) -> int:
    with store.unit_of_work() as uow:
        athlete = uow.athletes.add(Athlete(name="Ana"))
    assert athlete.id is not None
    return athlete.id


def test_a_plan_round_trips_through_the_store(store: Store) -> None:
    athlete_id = _athlete(store)
    plan = _plan()
    with store.unit_of_work() as uow:
        stored = uow.plans.add(athlete_id, plan)
    with store.unit_of_work() as uow:
        loaded = uow.plans.active(athlete_id)
    assert loaded is not None and loaded.id == stored.id
    assert loaded.request == plan.request
    assert loaded.baseline == plan.baseline
    assert loaded.weeks == plan.weeks
    assert [replace(s, id=None) for s in loaded.sessions] == list(plan.sessions)
    assert all(s.id is not None for s in loaded.sessions)


def test_a_new_plan_retires_the_old_one(store: Store) -> None:
    athlete_id = _athlete(store)
    with store.unit_of_work() as uow:
        first = uow.plans.add(athlete_id, _plan())
        second = uow.plans.add(athlete_id, _plan())
    with store.unit_of_work() as uow:
        active = uow.plans.active(athlete_id)
    assert active is not None and active.id == second.id != first.id


def test_replace_sessions_updates_adds_and_deletes(store: Store) -> None:
    athlete_id = _athlete(store)
    with store.unit_of_work() as uow:
        stored = uow.plans.add(athlete_id, _plan())
    run, lift = stored.sessions
    moved = replace(run, day=date(2027, 1, 6), status="planned")
    added = PlannedSession(date(2027, 1, 10), "run", "Long run", key=True)
    assert stored.id is not None
    with store.unit_of_work() as uow:
        result = uow.plans.replace_sessions(stored.id, [moved, added])
    assert [(s.day, s.title) for s in result.sessions] == [
        (date(2027, 1, 6), "Intervals"),
        (date(2027, 1, 10), "Long run"),
    ]
    assert result.sessions[0].id == run.id  # updated in place
    assert lift.id not in {s.id for s in result.sessions}  # deleted


def test_a_failed_plan_write_leaves_nothing(store: Store) -> None:
    athlete_id = _athlete(store)
    bad = replace(_plan(), sessions=(replace(_plan().sessions[0], slot="pm", kind="swim"),))  # type: ignore[arg-type]
    with pytest.raises(Exception, match=r"(?i)check|constraint"), store.unit_of_work() as uow:
        uow.plans.add(athlete_id, bad)
    with store.unit_of_work() as uow:
        assert uow.plans.active(athlete_id) is None
