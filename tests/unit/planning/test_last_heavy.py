"""Rule S4's last heavy lower-body session: the planner puts one, on the taper's few sets at a heavy
intensity, 7-10 days before a distance race, at least 48 h before the next key run; where it
cannot, the plan names why (Pritchard et al. 2015, docs/science.md "The plan rules")."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from runstrong.domain.plan import AthleteBaseline, Plan
from runstrong.library import Catalog
from runstrong.planning import build_plan
from runstrong.planning.checker import check_rules
from runstrong.planning.rule_basics import heavy_set, is_key_run
from runstrong.planning.strength import StrengthTargets, prescribe_strength

from .factories import MONDAY, make_request

BASELINE = AthleteBaseline(vdot=48, e1rm_kg_by_exercise={"leg-press": 200.0})


def _last_heavy_bends(plan: Plan) -> list[str]:
    return [
        bend.reason
        for week in plan.weeks
        for bend in week.bends
        if bend.rule == "S4" and "heavy lower-body session" in bend.reason
    ]


@pytest.mark.parametrize(
    ("race", "distance", "offset"),
    [("5k", 5000.0, 0), ("10k", 10000.0, 3), ("half", 21097.5, 5), ("marathon", 42195.0, 6)],
)
def test_the_last_heavy_session_falls_seven_to_ten_days_out(
    race: str, distance: float, offset: int, catalog: Catalog
) -> None:
    start = MONDAY + timedelta(days=offset)  # a plan started on another weekday
    request = make_request(race, distance, weeks=10, start=start, strength_days=2)
    plan = build_plan(request, BASELINE, catalog)
    heavy = [s for s in plan.sessions if s.heavy_lower_body]
    last = heavy[-1]
    assert 7 <= (request.race_date - last.day).days <= 10
    assert last.title.startswith("Last heavy strength")
    main = last.exercises[0]
    assert main.target_rpe is not None and main.target_rpe >= 8.0  # intensity kept
    assert heavy_set(main, catalog, BASELINE.e1rm_kg_by_exercise)
    peak_sets = max(
        s.exercises[0].sets
        for s in heavy
        if s.day < last.day - timedelta(days=14) and s.exercises[0].exercise_slug == "leg-press"
    )
    assert main.sets < peak_sets  # volume cut (S4: 30-70 %)
    # C1: no key run on the two days after it (nor later on its day)
    after = [s for s in plan.sessions if is_key_run(s) and (s.day, s.slot) > (last.day, last.slot)]
    assert after and all((s.day - last.day).days >= 3 for s in after)
    assert not _last_heavy_bends(plan)
    assert not [v for v in check_rules(plan, catalog).broken if v.rule in ("S4", "C1", "C3")]


def test_no_strength_days_names_the_bend(catalog: Catalog) -> None:
    request = make_request("10k", 10000.0, weeks=8, strength_days=0)
    plan = build_plan(request, BASELINE, catalog)
    bends = _last_heavy_bends(plan)
    assert len(bends) == 1 and bends[0].startswith("no strength days")
    assert "no strength days, so there is no heavy session" in bends[0]
    report = check_rules(plan, catalog)
    assert not [v for v in report.broken if v.rule == "S4"]
    assert [v for v in report.bent if v.rule == "S4"]


def test_rest_days_over_the_window_name_the_bend(catalog: Catalog) -> None:
    request = make_request("half", 21097.5, weeks=10, strength_days=2)
    race = request.race_date
    window = {(race - timedelta(days=n)).weekday() for n in range(7, 11)}
    days = frozenset(range(7)) - window
    request = replace(request, available_days=days, long_run_day=min(days))
    plan = build_plan(request, BASELINE, catalog)
    assert not [s for s in plan.sessions if s.heavy_lower_body and 7 <= (race - s.day).days <= 10]
    bends = _last_heavy_bends(plan)
    assert len(bends) == 1 and "rest days" in bends[0]
    assert not [v for v in check_rules(plan, catalog).broken if v.rule == "S4"]


def test_middle_distance_plans_keep_their_one_week_taper(catalog: Catalog) -> None:
    request = make_request("1500", 1500.0, weeks=8, strength_days=2)
    plan = build_plan(request, BASELINE, catalog)
    assert not _last_heavy_bends(plan)
    assert not any(s.title.startswith("Last heavy") for s in plan.sessions)


def test_the_last_heavy_prescription(catalog: Catalog) -> None:
    targets = StrengthTargets(
        "distance",
        frozenset({"leg-press", "bodyweight"}),
        {"leg-press": 200.0},
        "beginner",
        catalog,
    )
    taper = prescribe_strength(targets, "taper")
    last = prescribe_strength(targets, "taper", last_heavy=True)
    peak = prescribe_strength(targets, "peak")
    assert not taper.heavy_lower_body and last.heavy_lower_body
    assert last.exercises[0].sets == taper.exercises[0].sets  # the taper's few sets
    assert last.exercises[0].reps == peak.exercises[0].reps  # the peak's intensity
    assert (last.exercises[0].load_kg or 0) >= 0.8 * 200.0
    assert sum(e.sets for e in last.exercises) == sum(e.sets for e in taper.exercises)
    assert last.title == "Last heavy strength A"
