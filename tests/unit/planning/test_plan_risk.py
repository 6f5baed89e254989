"""A plan passes runstrong's own risk engine: logging every planned session exactly as planned
raises no "heavy legs before a key run", no load spike and no running-distance spike.

The log before the plan is the athlete's usual week, the plan's first full week, for six weeks
(the plan starts from the log); morning sessions at 07:00, evening ones at 18:00, as the checker
counts them. Signals are read up to the day before the race: on race day a marathon is meant to be
the biggest run of the year.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from runstrong.domain.plan import Plan, PlannedSession, week_spans
from runstrong.library import Catalog
from runstrong.planning import build_plan
from runstrong.planning.strength import LOWER_BODY_MUSCLES
from runstrong.science.risk import LegSession, RiskInputs, RunSession, evaluate_all

from .factories import MONDAY, make_baseline, make_request

_HOUR = {"am": 7.0, "pm": 18.0}
_HISTORY_WEEKS = 6
RACES = [("5k", 5000.0), ("10k", 10000.0), ("half", 21097.5), ("marathon", 42195.0)]


def _logged(plan: Plan) -> list[PlannedSession]:
    """Six weeks of the athlete's usual week, then every planned session as planned."""
    first_full = next(
        (first, last) for week, first, last in week_spans(plan) if (last - first).days == 6
    )
    usual = [s for s in plan.sessions if first_full[0] <= s.day <= first_full[1]]
    start = plan.request.start_date - timedelta(days=7 * _HISTORY_WEEKS)
    history = []
    for week in range(_HISTORY_WEEKS):
        for session in usual:
            offset = (session.day - first_full[0]).days + 7 * week
            history.append(
                PlannedSession(
                    start + timedelta(days=offset),
                    session.kind,
                    session.title,
                    session.slot,
                    session.run,
                    session.exercises,
                    session.planned_load_au,
                    session.key,
                    session.heavy_lower_body,
                )
            )
    return history + list(plan.sessions)


def _risk_inputs(plan: Plan, catalog: Catalog) -> tuple[RiskInputs, int]:
    sessions = _logged(plan)
    first = min(s.day for s in sessions)
    n_days = (plan.request.race_date - first).days + 1
    load, distance = np.zeros(n_days), np.zeros(n_days)
    runs, legs = [], []
    e1rms = plan.baseline.e1rm_kg_by_exercise
    for session in sessions:
        index = (session.day - first).days
        start_h = index * 24 + _HOUR[session.slot]
        load[index] += session.planned_load_au
        if session.run is not None:
            distance[index] += session.run.distance_m or 0.0
            runs.append(RunSession(start_h, session.run.session_type))
            continue
        lower = [
            e
            for e in session.exercises
            if catalog.get(e.exercise_slug).category == "strength"
            and LOWER_BODY_MUSCLES & set(catalog.get(e.exercise_slug).primary_muscles)
        ]
        if lower:
            rpes = [e.target_rpe for e in lower if e.target_rpe is not None]
            percents = [
                100 * e.load_kg / e1rms[e.exercise_slug]
                for e in lower
                if e.load_kg is not None and e.exercise_slug in e1rms
            ]
            legs.append(LegSession(start_h, max(percents, default=None), max(rpes, default=None)))
    inputs = RiskInputs(
        load, distance, np.zeros(n_days), runs=tuple(runs), leg_sessions=tuple(legs)
    )
    return inputs, (plan.request.start_date - first).days


@pytest.mark.parametrize("start_offset", [0, 3])
@pytest.mark.parametrize(("race", "distance"), RACES)
def test_logging_the_plan_as_planned_raises_no_risk_signal(
    race: str, distance: float, start_offset: int, catalog: Catalog
) -> None:
    request = make_request(race, distance, weeks=14, start=MONDAY + timedelta(days=start_offset))
    plan = build_plan(request, make_baseline(), catalog)
    inputs, plan_day = _risk_inputs(plan, catalog)
    signals = evaluate_all(inputs, every_day=True)
    watched = {"heavy_legs_before_key_run", "load_spike", "running_distance_spike"}
    race_day = inputs.n_days - 1
    raised = [
        (s.kind, s.day_index - plan_day)
        for s in signals
        if s.kind in watched and s.day_index < race_day
    ]
    assert raised == []
    assert any(leg.top_rpe and leg.top_rpe >= 8 for leg in inputs.leg_sessions)  # heavy work is in


def test_the_risk_engine_would_see_a_broken_plan(catalog: Catalog) -> None:
    """The same check fires when a heavy session is put the evening before a key run."""
    plan = build_plan(make_request("10k", 10000, weeks=8), make_baseline(), catalog)
    key = next(s for s in plan.sessions if s.key and s.run and s.run.session_type == "interval")
    heavy = next(s for s in plan.sessions if s.heavy_lower_body)
    moved = tuple(
        PlannedSession(
            key.day - timedelta(days=1),
            s.kind,
            s.title,
            "pm",
            s.run,
            s.exercises,
            s.planned_load_au,
            s.key,
            s.heavy_lower_body,
        )
        if s is heavy
        else s
        for s in plan.sessions
    )
    broken = Plan(plan.request, plan.baseline, plan.weeks, moved)
    inputs, _ = _risk_inputs(broken, catalog)
    kinds = {s.kind for s in evaluate_all(inputs, every_day=True)}
    assert "heavy_legs_before_key_run" in kinds
