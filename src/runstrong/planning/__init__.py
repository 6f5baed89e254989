"""The planner: periodized plans for runners who strength-train, scheduled by a constraint solver.

Pure: plain values in, a :class:`runstrong.domain.plan.Plan` out; no store, no I/O.

* :func:`build_plan` - a plan from today to race day (:func:`validate_request` first);
* :func:`replan` - after sessions were done, missed or moved;
* :func:`check_plan` - an independent check of every hard rule and load limit;
* :func:`schedule_week` - the weekly CP-SAT scheduler on its own.

>>> from datetime import date
>>> from runstrong.domain.plan import PlanRequest
>>> plan = build_plan(PlanRequest("5k", 5000, date(2025, 5, 4), date(2025, 3, 3), "distance"))
>>> check_plan(plan)
[]
"""

from runstrong.planning.checker import RuleViolation, check_plan
from runstrong.planning.config import PlanningConfig
from runstrong.planning.events import default_focus, minimum_running_days, race_group
from runstrong.planning.plan import MIN_PLAN_DAYS, build_plan, validate_request
from runstrong.planning.replan import MoveTarget, SessionRef, replan
from runstrong.planning.scheduler import (
    SCHEDULER_RULES,
    Placement,
    PlanInfeasible,
    SessionToPlace,
    WeekFrame,
    schedule_week,
)

__all__ = [
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
