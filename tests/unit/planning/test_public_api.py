"""Pin the public surface of runstrong.planning: changing it must be a deliberate decision."""

from __future__ import annotations

import inspect

import runstrong.planning as planning

EXPECTED_ALL = [
    "MIN_PLAN_DAYS",
    "SCHEDULER_RULES",
    "MoveTarget",
    "Placement",
    "PlanInfeasible",
    "PlanningConfig",
    "RuleViolation",
    "SessionRef",
    "SessionToPlace",
    "WeekFrame",
    "build_plan",
    "check_plan",
    "default_focus",
    "minimum_running_days",
    "race_group",
    "replan",
    "schedule_week",
    "validate_request",
]


def test_all_is_pinned() -> None:
    assert planning.__all__ == EXPECTED_ALL


def test_every_public_name_exists_and_is_documented() -> None:
    for name in planning.__all__:
        obj = getattr(planning, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert inspect.getdoc(obj), name


def test_plan_infeasible_is_a_validation_error() -> None:
    from runstrong.errors import ValidationError

    assert issubclass(planning.PlanInfeasible, ValidationError)
    assert planning.PlanInfeasible("x", "rest-days").exit_code == 2
