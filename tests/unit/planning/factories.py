"""Factories for plan requests, baselines and stored-looking plans."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from runstrong.domain.plan import AthleteBaseline, Plan, PlanRequest

MONDAY = date(2025, 3, 3)
GYM = frozenset({"leg-press", "barbell", "dumbbell", "box", "bodyweight", "bench", "step"})


def make_request(
    race: str = "10k",
    distance_m: float = 10000,
    weeks: int = 12,
    start: date = MONDAY,
    **changes: Any,
) -> PlanRequest:
    """A request for a race on the last day of week ``weeks`` counted from ``start``."""
    focus = "sprint" if distance_m <= 400 else "middle" if distance_m <= 3000 else "distance"
    request = PlanRequest(
        race_label=race,
        race_distance_m=distance_m,
        race_date=start + timedelta(days=7 * weeks - 1),
        start_date=start,
        focus=focus,
        equipment=GYM,
    )
    return replace(request, **changes)


def make_baseline(**changes: Any) -> AthleteBaseline:
    baseline = AthleteBaseline(
        vdot=48.0,
        e1rm_kg_by_exercise={"leg-press": 200.0, "romanian-deadlift": 110.0, "hip-thrust": 140.0},
        weekly_running_distance_m=35000.0,
        weekly_runs=4,
        plyometric_level="intermediate",
    )
    return replace(baseline, **changes)


def with_ids(plan: Plan) -> Plan:
    """The plan as the store returns it: every session with an id."""
    sessions = tuple(replace(s, id=n + 1) for n, s in enumerate(plan.sessions))
    return replace(plan, sessions=sessions)
