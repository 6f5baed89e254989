"""Tests for runstrong.planning.plan: plans that keep every rule, or refusals that name one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runstrong.domain.plan import AthleteBaseline, Plan, PlanRequest
from runstrong.errors import ValidationError
from runstrong.library import EQUIPMENT, Catalog
from runstrong.planning import PlanInfeasible, PlanningConfig, build_plan, minimum_running_days
from runstrong.planning.checker import check_plan
from runstrong.science import percent_one_rep_max

from .factories import MONDAY, make_baseline, make_request

DISTANCES = [100.0, 200.0, 400.0, 800.0, 1500.0, 3000.0, 5000.0, 10000.0, 21097.5, 42195.0]


@st.composite
def requests(draw: st.DrawFn) -> PlanRequest:
    distance = draw(st.sampled_from(DISTANCES))
    start = date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 365)))
    n_days = 7 * draw(st.integers(4, 24)) - draw(st.integers(0, 6))
    available = frozenset(draw(st.sets(st.integers(0, 6), min_size=1)))
    extra = draw(st.sets(st.sampled_from(EQUIPMENT), max_size=8))
    return PlanRequest(
        race_label="race",
        race_distance_m=distance,
        race_date=start + timedelta(days=n_days - 1),
        start_date=start,
        focus=draw(st.sampled_from(["sprint", "middle", "distance"])),
        available_days=available,
        long_run_day=draw(st.sampled_from(sorted(available))),
        strength_days=draw(st.integers(0, min(3, len(available)))),
        equipment=frozenset(extra) | {"bodyweight"},
        two_a_days=draw(st.booleans()),
    )


@st.composite
def baselines(draw: st.DrawFn) -> AthleteBaseline:
    lifts = ("leg-press", "romanian-deadlift", "hip-thrust", "back-squat", "split-squat")
    e1rms = draw(st.dictionaries(st.sampled_from(lifts), st.floats(20, 400), max_size=4))
    return AthleteBaseline(
        vdot=draw(st.one_of(st.none(), st.floats(25, 85))),
        e1rm_kg_by_exercise=e1rms,
        weekly_running_distance_m=draw(st.one_of(st.just(0.0), st.floats(3000, 150000))),
        weekly_runs=draw(st.integers(0, 10)),
        plyometric_level=draw(st.sampled_from(["beginner", "intermediate", "advanced"])),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(request=requests(), baseline=baselines())
def test_every_plan_keeps_every_rule_or_is_refused_for_a_simple_reason(
    request: PlanRequest, baseline: AthleteBaseline, catalog: Catalog
) -> None:
    days = len(request.available_days)
    fewest = minimum_running_days(request.race_distance_m)
    try:
        plan = build_plan(request, baseline, catalog)
    except PlanInfeasible as error:
        # The refusal holds by counting alone: too few days for the runs, or for runs and
        # strength sessions when each needs its own day.
        if error.rule == "running-days":
            assert days < fewest
            assert f"needs at least {fewest} running days; you gave {days}" in str(error)
        else:
            assert error.rule == "two-a-days"
            assert not request.two_a_days and days < fewest + request.strength_days
        return
    assert days >= fewest
    assert request.two_a_days or days >= fewest + request.strength_days
    assert check_plan(plan, catalog) == []
    _assert_loads_within_e1rm(plan)
    _assert_shape(plan)


def _assert_loads_within_e1rm(plan: Plan) -> None:
    e1rms = plan.baseline.e1rm_kg_by_exercise
    for session in plan.sessions:
        for item in session.exercises:
            if item.load_kg is not None:
                assert item.target_rpe is not None
                limit = e1rms[item.exercise_slug] * percent_one_rep_max(item.reps, item.target_rpe)
                assert item.load_kg <= limit / 100 + 1.25
                assert item.load_kg <= e1rms[item.exercise_slug]


def _assert_shape(plan: Plan) -> None:
    request = plan.request
    races = [s for s in plan.sessions if s.run is not None and s.run.session_type == "race"]
    assert [s.day for s in races] == [request.race_date]
    assert plan.weeks[0].start == request.start_date
    assert all(s.status == "planned" and s.id is None for s in plan.sessions)
    assert list(plan.sessions) == sorted(plan.sessions, key=lambda s: (s.day, s.slot))
    for session in plan.sessions:
        if session.kind == "strength":
            assert session.exercises, "every strength session lists exercises"


def _weekly(plan: Plan, what: Any) -> list[float]:
    starts = [w.start for w in plan.weeks] + [plan.request.race_date + timedelta(days=1)]
    return [
        sum(what(s) for s in plan.sessions if starts[n] <= s.day < starts[n + 1])
        for n in range(len(plan.weeks))
    ]


def test_a_sixteen_week_marathon_plan(catalog: Catalog) -> None:
    request = make_request("marathon", 42195, weeks=16, available_days=frozenset({0, 1, 3, 5, 6}))
    plan = build_plan(request, make_baseline(), catalog)
    assert check_plan(plan, catalog) == []
    assert [w.phase for w in plan.weeks].count("taper") == 2
    long_runs = [s for s in plan.sessions if s.run and s.run.session_type == "long"]
    assert long_runs and all(s.day.weekday() == 6 for s in long_runs)
    assert max(s.run.duration_s or 0 for s in long_runs if s.run) <= 150 * 60
    assert any("race pace" in (s.run.description if s.run else "") for s in long_runs)
    volume = _weekly(
        plan, lambda s: s.run.duration_s if s.run and s.run.session_type != "race" else 0
    )
    assert volume[-1] < volume[-2] < max(volume[:-2])


def test_sprint_and_distance_plans_differ(catalog: Catalog) -> None:
    sprint = build_plan(make_request("100m", 100, focus="sprint"), make_baseline(), catalog)
    distance = build_plan(make_request("10k", 10000, focus="distance"), make_baseline(), catalog)

    def main_lifts(plan: Plan) -> list[tuple[int, float]]:
        return [
            (s.exercises[0].reps, s.exercises[0].target_rpe or 0)
            for s in plan.sessions
            if s.kind == "strength" and s.exercises[0].exercise_slug == "leg-press"
        ]

    def contacts(plan: Plan) -> float:
        return sum(e.foot_contacts or 0 for s in plan.sessions for e in s.exercises)

    sprint_lifts, distance_lifts = main_lifts(sprint), main_lifts(distance)
    assert max(r for r, _ in sprint_lifts) < max(r for r, _ in distance_lifts)
    assert sum(r for _, r in sprint_lifts) / len(sprint_lifts) > sum(
        r for _, r in distance_lifts
    ) / len(distance_lifts)
    assert contacts(sprint) >= contacts(distance) > 0  # both dosed by level (rule P1)
    types = {s.run.session_type for s in sprint.sessions if s.run}
    assert "long" not in types and "repetition" in types
    assert "long" in {s.run.session_type for s in distance.sessions if s.run}
    assert sum(s.heavy_lower_body for s in sprint.sessions) > sum(
        s.heavy_lower_body for s in distance.sessions
    )


def test_leg_press_first_when_the_gym_has_one(catalog: Catalog) -> None:
    plan = build_plan(make_request(), make_baseline(), catalog)
    lifts = [s for s in plan.sessions if s.kind == "strength"]
    assert lifts and all(s.exercises[0].exercise_slug == "leg-press" for s in lifts)
    assert all(s.exercises[0].load_kg is not None for s in lifts)


def test_substitutes_with_bodyweight_only(catalog: Catalog) -> None:
    request = make_request(equipment=frozenset({"bodyweight"}))
    plan = build_plan(request, make_baseline(), catalog)
    assert check_plan(plan, catalog) == []
    lifts = [s for s in plan.sessions if s.kind == "strength"]
    slugs = {e.exercise_slug for s in lifts for e in s.exercises}
    assert "leg-press" not in slugs
    assert all(catalog.get(slug).doable_with({"bodyweight"}) for slug in slugs)
    assert all("instead of leg press" in (s.exercises[0].note or "") for s in lifts)


def test_without_e1rm_loads_are_left_to_rpe(catalog: Catalog) -> None:
    plan = build_plan(make_request(), make_baseline(e1rm_kg_by_exercise={}), catalog)
    prescriptions = [e for s in plan.sessions if s.kind == "strength" for e in s.exercises]
    assert all(e.load_kg is None for e in prescriptions)
    assert all(
        e.target_rpe for e in prescriptions if catalog.get(e.exercise_slug).category == "strength"
    )


def test_strength_goes_after_hard_runs_with_two_a_days(catalog: Catalog) -> None:
    plan = build_plan(make_request(strength_days=2), make_baseline(), catalog)
    lifts = [s for s in plan.sessions if s.kind == "strength"]
    hard_days = {s.day for s in plan.sessions if s.key}
    together = [s for s in lifts if s.day in hard_days]
    assert len(together) >= len(lifts) / 2
    assert all(s.slot == "pm" for s in together)


def test_plans_are_deterministic(catalog: Catalog) -> None:
    request, baseline = make_request(weeks=8), make_baseline()
    assert build_plan(request, baseline, catalog) == build_plan(request, baseline, catalog)


def test_configured_rise_limit_is_kept(catalog: Catalog) -> None:
    config = PlanningConfig(volume_rise=0.03, max_weekly_rise=0.05)
    plan = build_plan(make_request(weeks=14), make_baseline(), catalog, config=config)
    assert check_plan(plan, catalog, config) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"race_date": MONDAY}, "not after the plan's start"),
        ({"race_date": MONDAY + timedelta(days=10)}, "at least 14 days"),
        ({"race_date": MONDAY + timedelta(days=7 * 60)}, "at most 52 weeks"),
        ({"equipment": frozenset({"leg-pres"})}, "did you mean 'leg-press'"),
        ({"available_days": frozenset()}, "No available days"),
        ({"available_days": frozenset({0, 2, 4}), "long_run_day": 6}, "long-run day (Sunday)"),
        ({"strength_days": 4}, "0 to 3"),
        (
            {
                "available_days": frozenset({0, 2, 4}),
                "long_run_day": 4,
                "strength_days": 3,
                "race_distance_m": 100,
            },
            None,
        ),  # fits: three days, two-a-days allowed
        ({"race_distance_m": 50000}, "not a running race"),
        ({"race_distance_m": 10}, "not a running race"),
        ({"focus": "ultra"}, "Unknown focus"),
    ],
)
def test_bad_requests_are_refused_in_one_line(changes: dict[str, Any], message: str | None) -> None:
    request = replace(make_request(), **changes)
    if message is None:
        build_plan(request, make_baseline())
        return
    with pytest.raises(
        ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")
    ) as raised:
        build_plan(request, make_baseline())
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("changes", "rule", "message"),
    [
        (
            {"available_days": frozenset({6})},
            "running-days",
            "a marathon plan needs at least 3 running days; you gave 1",
        ),
        (
            {
                "available_days": frozenset({1, 6}),
                "strength_days": 1,
                "two_a_days": False,
                "race_distance_m": 400,
            },
            "two-a-days",
            "need 3 days; you gave 2",
        ),
    ],
)
def test_impossible_requests_name_the_rule(
    changes: dict[str, Any], rule: str, message: str
) -> None:
    request = replace(make_request("marathon", 42195), **changes)
    with pytest.raises(PlanInfeasible, match=message) as raised:
        build_plan(request)
    assert raised.value.rule == rule


def test_baseline_out_of_range_is_refused() -> None:
    with pytest.raises(ValidationError, match="VDOT"):
        build_plan(make_request(), make_baseline(vdot=120))
    with pytest.raises(ValidationError, match="e1RM"):
        build_plan(make_request(), make_baseline(e1rm_kg_by_exercise={"leg-press": 0.0}))
