"""Refuse a plan request that cannot make a sound plan, with one line saying what to change."""

from __future__ import annotations

import difflib

from runstrong.domain.plan import AthleteBaseline, PlanRequest
from runstrong.errors import ValidationError
from runstrong.library import EQUIPMENT
from runstrong.planning.events import (
    MAX_RACE_DISTANCE_M,
    MIN_RACE_DISTANCE_M,
    minimum_running_days,
    race_group,
    race_name,
)
from runstrong.planning.scheduler import PlanInfeasible

__all__ = ["MIN_PLAN_DAYS", "validate_request"]

MIN_PLAN_DAYS = 14
_MAX_PLAN_WEEKS = 52
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def validate_request(request: PlanRequest, baseline: AthleteBaseline | None = None) -> None:
    """Refuse a request that cannot make a sound plan, with one line saying what to change.

    Raises
    ------
    ValidationError
        Race date not after the start, race under 14 days or over 52 weeks away, a distance
        that is not a running race, unknown focus or equipment, no or invalid available days,
        a long-run day that is not available, more strength days than 3 or than available days,
        a baseline out of range.
    PlanInfeasible
        Fewer available days than the race needs (``running-days``), or without two-a-days fewer
        days than runs plus strength sessions (``two-a-days``).

    Examples
    --------
    >>> from datetime import date
    >>> request = PlanRequest("marathon", 42195, date(2025, 6, 1), date(2025, 3, 1), "distance",
    ...                       available_days=frozenset({6}))
    >>> try:
    ...     validate_request(request)
    ... except PlanInfeasible as error:
    ...     print(f"{error.rule}: {error}")
    running-days: a marathon plan needs at least 3 running days; you gave 1
    """
    chosen = baseline or AthleteBaseline()
    _check_calendar(request)
    _check_days(request)
    _check_equipment(request)
    _check_baseline(chosen)
    available = len(request.available_days)
    fewest = minimum_running_days(request.race_distance_m)
    name = race_name(request.race_distance_m)
    if available < fewest:
        raise PlanInfeasible(
            f"a {name} plan needs at least {fewest} running days; you gave {available}",
            "running-days",
        )
    if request.strength_days > available:
        raise ValidationError(
            f"{request.strength_days} strength days do not fit in {available} available "
            "day(s); ask for fewer strength days or add days."
        )
    if not request.two_a_days and available < fewest + request.strength_days:
        raise PlanInfeasible(
            f"without two-a-days each session needs its own day: {fewest} runs and "
            f"{request.strength_days} strength sessions need {fewest + request.strength_days} "
            f"days; you gave {available} (allow two-a-days, add days or lift less often)",
            "two-a-days",
        )


def _check_calendar(request: PlanRequest) -> None:
    start, race = request.start_date, request.race_date
    if request.focus not in ("sprint", "middle", "distance"):
        raise ValidationError(
            f"Unknown focus '{request.focus}'; choose sprint, middle or distance."
        )
    distance = request.race_distance_m
    if not MIN_RACE_DISTANCE_M <= distance <= MAX_RACE_DISTANCE_M:
        raise ValidationError(
            f"{distance:g} m is not a running race runstrong can plan for; "
            f"use {MIN_RACE_DISTANCE_M:g} m to the marathon ({MAX_RACE_DISTANCE_M:g} m)."
        )
    if race <= start:
        raise ValidationError(
            f"The race date {race} is not after the plan's start {start}; pick a future race."
        )
    days = (race - start).days + 1
    if days < MIN_PLAN_DAYS:
        raise ValidationError(
            f"The race is {days - 1} days away; a plan needs at least {MIN_PLAN_DAYS} days "
            "before it. Pick a later race or just run easy and rest before this one."
        )
    if days > 7 * _MAX_PLAN_WEEKS:
        raise ValidationError(
            f"The race is {days // 7} weeks away; plans cover at most {_MAX_PLAN_WEEKS} weeks. "
            "Create the plan later."
        )


def _check_days(request: PlanRequest) -> None:
    days = request.available_days
    if not days:
        raise ValidationError(
            "No available days: give at least one training day (e.g. mon,wed,sat)."
        )
    wrong = sorted(d for d in days if d not in range(7))
    if wrong or request.long_run_day not in range(7):
        bad = wrong[0] if wrong else request.long_run_day
        raise ValidationError(f"Weekdays are 0 (Monday) to 6 (Sunday); got {bad}.")
    if race_group(request.race_distance_m) != "sprint" and request.long_run_day not in days:
        names = ", ".join(_WEEKDAYS[d][:3] for d in sorted(days))
        raise ValidationError(
            f"The long-run day ({_WEEKDAYS[request.long_run_day]}) is not one of your available "
            f"days ({names}); add it or pick the long-run day among them."
        )
    if not 0 <= request.strength_days <= 3:
        raise ValidationError(
            f"Strength days must be 0 to 3 a week (programs that worked used 2-3); "
            f"got {request.strength_days}."
        )


def _check_equipment(request: PlanRequest) -> None:
    for item in sorted(request.equipment):
        if item not in EQUIPMENT:
            close = difflib.get_close_matches(item, EQUIPMENT, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ValidationError(
                f"Unknown equipment '{item}'{hint}; known: {', '.join(EQUIPMENT)}."
            )


def _check_baseline(baseline: AthleteBaseline) -> None:
    if baseline.vdot is not None and not 20 <= baseline.vdot <= 90:
        raise ValidationError(f"VDOT must be from 20 to 90, got {baseline.vdot:g}.")
    for slug, e1rm in baseline.e1rm_kg_by_exercise.items():
        if not e1rm > 0:
            raise ValidationError(f"The e1RM of '{slug}' must be above 0 kg, got {e1rm:g}.")
    if baseline.weekly_running_distance_m < 0 or baseline.weekly_runs < 0:
        raise ValidationError("Weekly running distance and runs cannot be negative.")
    if baseline.plyometric_level not in ("beginner", "intermediate", "advanced"):
        raise ValidationError(
            f"Unknown plyometric level '{baseline.plyometric_level}'; "
            "choose beginner, intermediate or advanced."
        )
