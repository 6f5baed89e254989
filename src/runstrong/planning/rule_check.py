"""The plan rules C1-D1 (``docs/science.md``, "The plan rules"), checked from the plan alone.

Part of the independent checker (:mod:`runstrong.planning.checker`): it reads the plan, the
library and the shared thresholds (:mod:`runstrong.planning.rules`), never the planner's code.
Every rule is checked over the whole plan, across week boundaries. A week's recorded bends
(:class:`~runstrong.domain.plan.RuleBend`) excuse that rule in that week: such findings are
reported as *bent*, the rest as *broken* (:func:`check_rules`). C1 is reported as
``heavy-legs-48h`` by :func:`runstrong.planning.checker.check_plan` (its older name).

Missed sessions do not count for the calendar rules (C1-C3, D1); the weekly rules judge the plan
as prescribed. The volume and intensity rules (T1's volume cut, T2's frequency, S4's volume cut,
V1, I1, S1-S3) are endurance findings: they are checked for races beyond 3000 m (5 km to the
marathon); the spacing, taper-length, activation and dosing rules hold for every plan.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from datetime import date

from runstrong.domain.plan import Plan, PlannedSession, week_spans
from runstrong.library import Catalog
from runstrong.planning.rule_basics import (
    ALIASES,
    ENDURANCE_FROM_M,
    RuleFinding,
    category,
    heavy_set,
    hour,
    is_heavy_lift,
    is_key_run,
    plyometric,
    running_volume,
)
from runstrong.planning.rule_weekly import (
    intensity_findings,
    strength_findings,
    taper_findings,
    volume_findings,
)
from runstrong.planning.rules import RuleNumbers, rules

__all__ = [
    "ALIASES",
    "RuleFinding",
    "bent_in",
    "excused",
    "heavy_set",
    "is_heavy_lift",
    "is_key_run",
    "rule_findings",
    "running_volume",
]


def rule_findings(plan: Plan, library: Catalog) -> list[RuleFinding]:
    """Every place where a rule C2-D1 does not hold (C1: see the module docstring)."""
    numbers = rules()
    active = [s for s in plan.sessions if s.status != "missed"]
    e1rms = plan.baseline.e1rm_kg_by_exercise
    found = _c2(active)
    found += _c3(plan, active, library, e1rms, numbers)
    found += taper_findings(plan, library, e1rms, numbers)
    if plan.request.race_distance_m > ENDURANCE_FROM_M:
        found += volume_findings(plan, numbers)
    found += intensity_findings(plan, numbers)
    found += strength_findings(plan, library, e1rms)
    found += _p1(plan, active, library, numbers)
    found += _d1(active, library, numbers)
    return found


def bent_in(plan: Plan) -> dict[str, list[tuple[date, date]]]:
    """Rule code → the spans of the weeks where the plan records that it gave way."""
    spans: dict[str, list[tuple[date, date]]] = {}
    for week, first, last in week_spans(plan):
        for bend in week.bends:
            spans.setdefault(bend.rule, []).append((first, last))
    return spans


def _c2(active: Sequence[PlannedSession]) -> list[RuleFinding]:
    found = []
    for lift in (s for s in active if s.kind == "strength" and s.slot == "am"):
        for run in active:
            if run.kind == "run" and run.day == lift.day and run.slot == "pm":
                what = "a key run" if is_key_run(run) else "a run"
                found.append(RuleFinding("C2", f"'{lift.title}' lifts before {what}", lift.day))
    return found


def _c3(
    plan: Plan,
    active: Sequence[PlannedSession],
    library: Catalog,
    e1rms: Mapping[str, float],
    numbers: RuleNumbers,
) -> list[RuleFinding]:
    lower = sorted(
        (
            s
            for s in active
            if is_heavy_lift(s, library, e1rms) or (s.kind == "strength" and plyometric(s, library))
        ),
        key=hour,
    )
    found = []
    for first, second in itertools.pairwise(lower):
        gap = hour(second) - hour(first)
        if gap < numbers.c3_hours:
            message = (
                f"lower-body sessions '{first.title}' and '{second.title}' {gap} h apart "
                f"(at least {numbers.c3_hours:g} h)"
            )
            found.append(RuleFinding("C3", message, second.day))
    for week, start, end in week_spans(plan):
        heavy = [s for s in active if start <= s.day <= end and is_heavy_lift(s, library, e1rms)]
        if len(heavy) > numbers.c3_heavy_per_week:
            message = f"{len(heavy)} heavy lower-body sessions in week {week.index + 1}"
            found.append(RuleFinding("C3", message, start))
    return found


def _p1(
    plan: Plan, active: Sequence[PlannedSession], library: Catalog, numbers: RuleNumbers
) -> list[RuleFinding]:
    low, high = numbers.p1_contacts[plan.baseline.plyometric_level]
    loading = {
        (first, last)
        for week, first, last in week_spans(plan)
        if week.phase in ("base", "build") and not week.deload
    }
    found = []
    for session in active:
        plyos = [e for e in session.exercises if category(e, library) == "plyometric"]
        if not plyos:
            continue
        if any(e.foot_contacts is None for e in plyos):
            found.append(RuleFinding("P1", "plyometrics without foot contacts", session.day))
            continue
        total = sum(e.foot_contacts or 0 for e in plyos)
        in_loading = any(first <= session.day <= last for first, last in loading)
        if total > high or (in_loading and total < low):
            message = f"{total} foot contacts (a {plan.baseline.plyometric_level}: {low}-{high})"
            found.append(RuleFinding("P1", message, session.day))
    return found


def _d1(
    active: Sequence[PlannedSession], library: Catalog, numbers: RuleNumbers
) -> list[RuleFinding]:
    low_sets, high_sets = numbers.d1_sets
    low_m, high_m = numbers.d1_distance_m
    found = []
    for session in active:
        drills = [e for e in session.exercises if category(e, library) == "drill"]
        if not drills:
            continue
        run = session.run
        placed = run is not None and (run.session_type == "strides" or is_key_run(session))
        if not placed:
            found.append(
                RuleFinding(
                    "D1",
                    f"drills in '{session.title}', not before strides or a key run",
                    session.day,
                )
            )
        for item in drills:
            distance = item.distance_m
            if distance is None or not (
                low_sets <= item.sets <= high_sets and low_m <= distance <= high_m
            ):
                dose = f"{item.sets} × {distance:g} m" if distance else f"{item.sets} × {item.reps}"
                wanted = f"{low_sets}-{high_sets} × {low_m:g}-{high_m:g} m"
                message = f"drill '{item.exercise_slug}' dosed {dose} (not {wanted})"
                found.append(RuleFinding("D1", message, session.day))
    return found


def excused(
    finding_rule: str, day: date | None, bends: Mapping[str, list[tuple[date, date]]]
) -> bool:
    """Whether the plan records that ``finding_rule`` gave way in the week of ``day``."""
    code = ALIASES.get(finding_rule, finding_rule)
    if day is None:
        return False
    return any(first <= day <= last for first, last in bends.get(code, ()))
