"""Plan value objects to and from JSON-ready dicts, for the JSON columns of the plan tables."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from runstrong.domain.plan import (
    AthleteBaseline,
    ExercisePrescription,
    PlannedSession,
    PlanRequest,
    PlanWeek,
    RuleBend,
    RunPrescription,
    WorkoutStep,
)

__all__ = [
    "baseline_from_json",
    "baseline_to_json",
    "request_from_json",
    "request_to_json",
    "session_from_payload",
    "session_payload",
    "weeks_from_json",
    "weeks_to_json",
]


def request_to_json(request: PlanRequest) -> dict[str, Any]:
    data = asdict(request)
    data["race_date"] = request.race_date.isoformat()
    data["start_date"] = request.start_date.isoformat()
    data["available_days"] = sorted(request.available_days)
    data["equipment"] = sorted(request.equipment)
    return data


def request_from_json(data: dict[str, Any]) -> PlanRequest:
    return PlanRequest(
        **{
            **data,
            "race_date": date.fromisoformat(data["race_date"]),
            "start_date": date.fromisoformat(data["start_date"]),
            "available_days": frozenset(data["available_days"]),
            "equipment": frozenset(data["equipment"]),
        }
    )


def baseline_to_json(baseline: AthleteBaseline) -> dict[str, Any]:
    data = asdict(baseline)
    data["e1rm_kg_by_exercise"] = dict(baseline.e1rm_kg_by_exercise)
    return data


def baseline_from_json(data: dict[str, Any]) -> AthleteBaseline:
    return AthleteBaseline(**data)


def weeks_to_json(weeks: tuple[PlanWeek, ...]) -> list[dict[str, Any]]:
    return [{**asdict(week), "start": week.start.isoformat()} for week in weeks]


def weeks_from_json(data: list[dict[str, Any]]) -> tuple[PlanWeek, ...]:
    """Weeks as stored; weeks stored before rule bends were recorded have none."""
    return tuple(
        PlanWeek(
            **{
                **week,
                "start": date.fromisoformat(week["start"]),
                "bends": tuple(RuleBend(**bend) for bend in week.get("bends", ())),
            }
        )
        for week in data
    )


def session_payload(session: PlannedSession) -> dict[str, Any]:
    """What a session prescribes, beyond the columns the tables index."""
    return {
        "run": None if session.run is None else asdict(session.run),
        "exercises": [asdict(exercise) for exercise in session.exercises],
    }


def session_from_payload(payload: dict[str, Any], **columns: Any) -> PlannedSession:
    run_data = payload.get("run")
    run = None
    if run_data is not None:
        steps = tuple(WorkoutStep(**step) for step in run_data["steps"])
        run = RunPrescription(**{**run_data, "steps": steps})
    exercises = tuple(ExercisePrescription(**item) for item in payload.get("exercises", []))
    return PlannedSession(run=run, exercises=exercises, **columns)
