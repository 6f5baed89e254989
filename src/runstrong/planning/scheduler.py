"""Weekly scheduling by a constraint solver (OR-Tools CP-SAT): which day and slot for each session.

Hard rules (each can be named in :class:`PlanInfeasible`):

* ``rest-days`` - sessions only on available days (the race excepted: its date is given);
* ``one-session-per-slot`` - at most one session in the morning and one in the evening;
* ``one-run-a-day`` - at most one run a day, hence at most one hard run a day;
* ``one-strength-a-day`` - at most one strength session a day;
* ``two-a-days`` - one session a day when two-a-days are off;
* ``strength-after-run`` - on a day with a run and a strength session the run comes first
  (concurrent training: lift after the run, ``docs/science.md`` section 5);
* ``heavy-legs-48h`` - no heavy lower-body session within 48 h before intervals, tempo, a long run
  or the race, counted in calendar days: no key run on the two days after one, nor later on the
  same day (expert opinion, ``docs/science.md`` sections 4 and 5);
* ``race-approach`` - no strength session in the two days before the race or on race day, and
  no other key run in the two days before it;
* ``lower-body-48h`` - sessions with lower-body load (heavy lower-body work or plyometrics) at
  least 48 h apart, with morning sessions at 07:00 and evening ones at 18:00, within the week and
  against the lower-body sessions of the weeks around it (rule C3, ``docs/science.md``).

Soft goals, in order of weight: stay on the day a session already had (re-planning), no hard runs
on consecutive days (hard/easy alternation), no 7-day window across the boundary with the week
before holding more runs than a week has (so rolling weekly distance does not spike where weeks
meet), strength on hard-run days after the run when two-a-days are allowed, strength days spread
apart, runs spread apart (fewer runs on consecutive days), strength in the evening slot.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from runstrong.errors import RunstrongError
from runstrong.planning.schedule_model import WeekModel
from runstrong.planning.schedule_problem import (
    SCHEDULER_RULES,
    Placement,
    PlanInfeasible,
    SessionToPlace,
    WeekFrame,
    day_label,
    lower_body_blocked,
)

if TYPE_CHECKING:  # OR-Tools (and the pandas it loads) is imported on first use: ~0.2 s saved
    from ortools.sat.python import cp_model

__all__ = [
    "SCHEDULER_RULES",
    "Placement",
    "PlanInfeasible",
    "SessionToPlace",
    "WeekFrame",
    "lower_body_blocked",
    "schedule_week",
]


def schedule_week(
    sessions: Sequence[SessionToPlace],
    frame: WeekFrame,
    *,
    time_limit_s: float = 10.0,
    explain: bool = True,
) -> tuple[Placement, ...]:
    """Place each session on a day and slot of ``frame`` under the hard rules, best by the soft
    goals; one placement per session, in order.

    With ``explain`` (the default) an infeasible week is solved again without one rule at a time
    to find the rules that conflict; without it the error names the first rule of
    :data:`SCHEDULER_RULES` (for callers that only ask whether a week can be placed).

    Raises
    ------
    PlanInfeasible
        If no placement meets every hard rule; the message names the rule and the counts.

    Examples
    --------
    >>> from datetime import date, timedelta
    >>> monday = date(2025, 3, 3)
    >>> days = tuple(monday + timedelta(days=n) for n in range(7))
    >>> frame = WeekFrame(days, frozenset(days))
    >>> plan = schedule_week([SessionToPlace("Intervals", "run", key=True, fixed_day=days[1]),
    ...                       SessionToPlace("Legs", "strength", heavy_lower_body=True)], frame)
    >>> plan[0], plan[1].day - plan[0].day >= timedelta(0)
    (Placement(day=datetime.date(2025, 3, 4), slot='am'), True)
    >>> try:
    ...     schedule_week([SessionToPlace(f"Run {n}", "run") for n in range(8)], frame)
    ... except PlanInfeasible as error:
    ...     print(error.rule, "|", str(error).split(" but")[0])
    one-run-a-day | one run a day: 8 runs need 8 days
    """
    from ortools.sat.python import cp_model

    everything = frozenset(SCHEDULER_RULES)
    model, solver, status = _solve(sessions, frame, everything, time_limit_s)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return model.placements(solver)
    if status == cp_model.INFEASIBLE:
        rules = _conflict(sessions, frame, time_limit_s) if explain else list(SCHEDULER_RULES)
        raise _explain(rules, sessions, frame)
    raise RunstrongError(
        f"the scheduler found no answer within {time_limit_s:g} s for the week from "
        f"{day_label(frame.days[0])}; try again or raise solver_time_limit_s"
    )


def _solve(
    sessions: Sequence[SessionToPlace],
    frame: WeekFrame,
    rules: frozenset[str],
    time_limit_s: float,
) -> tuple[WeekModel, cp_model.CpSolver, cp_model.CpSolverStatus]:
    from ortools.sat.python import cp_model

    model = WeekModel(sessions, frame, rules)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = time_limit_s
    return model, solver, solver.solve(model.model)


def _conflict(
    sessions: Sequence[SessionToPlace], frame: WeekFrame, time_limit_s: float
) -> list[str]:
    """An irreducible set of hard rules that together make the week infeasible.

    Rules are dropped one at a time, last in :data:`SCHEDULER_RULES` first, while the week stays
    infeasible without them (deletion filter). Solving without assumption literals keeps CP-SAT's
    presolve, which proves counting conflicts at once where assumptions take seconds.
    """
    from ortools.sat.python import cp_model

    needed = set(SCHEDULER_RULES)
    for rule in reversed(SCHEDULER_RULES):
        _model, _solver, status = _solve(sessions, frame, frozenset(needed - {rule}), time_limit_s)
        if status == cp_model.INFEASIBLE:
            needed.discard(rule)
    return [rule for rule in SCHEDULER_RULES if rule in needed] or ["rest-days"]


def _explain(
    rules: Sequence[str], sessions: Sequence[SessionToPlace], frame: WeekFrame
) -> PlanInfeasible:
    """A one-line message for the first rule of the conflict (in :data:`SCHEDULER_RULES` order):
    the counts when counting explains it, else the sessions that are pinned to their days."""
    ordered = [rule for rule in SCHEDULER_RULES if rule in rules]
    rule = ordered[0]
    days = sum(1 for day in frame.days if day in frame.available_days)
    week = f"the week from {day_label(frame.days[0])}"
    counts = {
        "one-run-a-day": (sum(1 for s in sessions if s.kind == "run"), "runs"),
        "one-strength-a-day": (sum(1 for s in sessions if s.kind == "strength"), "strength days"),
        "two-a-days": (len(sessions), "sessions"),
        "one-session-per-slot": ((len(sessions) + 1) // 2, "double days"),
    }
    pinned = [f"'{s.name}' ({day_label(s.fixed_day)})" for s in sessions if s.fixed_day]
    count, noun = counts.get(rule, (0, ""))
    if count > days:
        why = f"{count} {noun} need {count} days but {week} has {days} available"
    elif pinned:
        why = f"{week} cannot fit its sessions around {', '.join(pinned[:3])}"
    else:
        why = f"{week} cannot fit its sessions on its {days} available day(s)"
    statements = {
        "heavy-legs-48h": "no heavy lower-body session within 48 h before intervals, tempo, "
        "long run or race",
        "race-approach": "no strength and no other key run in the two days before the race",
        "lower-body-48h": "heavy lower-body and plyometric sessions at least 48 h apart",
        "two-a-days": "without two-a-days every session needs its own day",
        "one-run-a-day": "one run a day",
        "one-strength-a-day": "one strength session a day",
        "one-session-per-slot": "at most two sessions a day (am and pm)",
        "strength-after-run": "a run comes before strength on the same day",
        "rest-days": "rest days are honoured",
    }
    also = [statements[other] for other in ordered[1:]]
    suffix = f" (with: {'; '.join(also)})" if also else ""
    return PlanInfeasible(f"{statements[rule]}: {why}{suffix}", rule)
