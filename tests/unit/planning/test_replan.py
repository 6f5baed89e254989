"""Tests for runstrong.planning.replan: the past kept, missed load not stacked, moves re-solved."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runstrong.domain.plan import Plan, PlannedSession
from runstrong.errors import NotFound, ValidationError
from runstrong.library import Catalog
from runstrong.planning import PlanInfeasible, build_plan
from runstrong.planning.checker import check_plan
from runstrong.planning.replan import replan

from .factories import MONDAY, make_baseline, make_request, with_ids

TODAY = MONDAY + timedelta(days=16)  # Wednesday of week 3


@pytest.fixture(scope="module")
def plan() -> Plan:
    request = make_request(weeks=10, available_days=frozenset({0, 1, 3, 5, 6}), strength_days=2)
    return with_ids(build_plan(request, make_baseline()))


def _week_of(plan: Plan, day: date) -> list[PlannedSession]:
    start = max(w.start for w in plan.weeks if w.start <= day)
    return [s for s in plan.sessions if start <= s.day < start + timedelta(days=7)]


def _future_load(plan: Plan, today: date) -> float:
    return sum(s.planned_load_au for s in plan.sessions if s.day >= today and s.status != "missed")


def test_nothing_changed_means_nothing_moves(plan: Plan) -> None:
    assert replan(plan, TODAY) == plan


def test_the_past_is_kept_and_missed_sessions_are_not_made_up(plan: Plan) -> None:
    past = [s for s in plan.sessions if s.day < TODAY]
    missed = [s.id for s in past if s.key][-2:] + [s.id for s in past if not s.key][-1:]
    done = {s.id: "done" for s in past if s.id not in missed}
    after = replan(plan, TODAY, {**done, **{i: "missed" for i in missed}})
    before_by_id = {s.id: s for s in plan.sessions}
    for session in after.sessions:
        original = before_by_id[session.id]
        if original.day < TODAY:
            assert session.day == original.day and session.slot == original.slot
            assert session.exercises == original.exercises and session.run == original.run
            assert session.status == ("missed" if session.id in missed else "done")
    assert len(after.sessions) <= len(plan.sessions)
    assert {s.id for s in after.sessions} <= set(before_by_id)
    assert _future_load(after, TODAY) <= _future_load(plan, TODAY) + 1e-9
    assert check_plan(after) == []


def test_a_missed_future_key_session_is_dropped_not_doubled(plan: Plan) -> None:
    upcoming = [s for s in _week_of(plan, TODAY) if s.day >= TODAY and s.key and s.run]
    target = next(s for s in upcoming if s.run and s.run.session_type != "race")
    after = replan(plan, TODAY, {target.id: "missed"})
    kept = next(s for s in after.sessions if s.id == target.id)
    assert kept.status == "missed" and kept.day == target.day
    same_kind = [
        s
        for s in after.sessions
        if s.status != "missed" and s.title == target.title and s.day >= TODAY
    ]
    before = [s for s in plan.sessions if s.title == target.title and s.day >= TODAY]
    assert len(same_kind) == len(before) - 1
    for later_week in plan.weeks[3:]:

        def load(p: Plan, start: date = later_week.start) -> float:
            return sum(
                s.planned_load_au
                for s in p.sessions
                if start <= s.day < start + timedelta(days=7) and s.status != "missed"
            )

        assert load(after) <= load(plan) + 1e-9
    assert check_plan(after) == []


def test_moving_heavy_legs_before_a_key_run_resolves_the_week(plan: Plan) -> None:
    for week in plan.weeks:
        sessions = _week_of(plan, week.start)
        heavy = [s for s in sessions if s.heavy_lower_body and s.day > TODAY]
        keys = [s for s in sessions if s.key and s.run and s.run.session_type != "long"]
        days = [
            k.day - timedelta(days=1)
            for k in keys
            if (k.day - timedelta(days=1)).weekday() in plan.request.available_days
            and k.day - timedelta(days=1) >= max(week.start, TODAY)
        ]
        if heavy and days:
            break
    else:
        pytest.fail("the plan has no week with heavy legs and a movable key run")
    after = replan(plan, TODAY, moves={heavy[0].id: days[0]})
    moved = next(s for s in after.sessions if s.id == heavy[0].id)
    assert moved.day == days[0]
    assert check_plan(after) == []  # the key run moved away, or the session was lightened
    week_after = _week_of(after, days[0])
    assert sum(s.key for s in week_after) <= sum(s.key for s in _week_of(plan, days[0]))


def test_move_with_slot(plan: Plan) -> None:
    easy = next(s for s in plan.sessions if s.day > TODAY and s.kind == "run" and not s.key)
    after = replan(plan, TODAY, moves={easy.id: (easy.day, "pm" if easy.slot == "am" else "am")})
    moved = next(s for s in after.sessions if s.id == easy.id)
    assert moved.day == easy.day and moved.slot != easy.slot
    assert check_plan(after) == []


def test_moving_onto_a_rest_day_names_the_rule(plan: Plan) -> None:
    session = next(s for s in plan.sessions if s.day > TODAY + timedelta(days=7))
    rest_day = next(
        session.day + timedelta(days=n)
        for n in range(-6, 7)
        if (session.day + timedelta(days=n)).weekday() not in plan.request.available_days
        and _week_of(plan, session.day + timedelta(days=n)) == _week_of(plan, session.day)
    )
    with pytest.raises(PlanInfeasible, match="rest days are honoured") as raised:
        replan(plan, TODAY, moves={session.id: rest_day})
    assert raised.value.rule == "rest-days"


def test_bad_moves_and_references_are_refused(plan: Plan) -> None:
    past = next(s for s in plan.sessions if s.day < TODAY)
    future = next(s for s in plan.sessions if s.day > TODAY + timedelta(days=7))
    race = plan.sessions[-1]
    with pytest.raises(ValidationError, match="only from today on"):
        replan(plan, TODAY, moves={past.id: TODAY})
    with pytest.raises(ValidationError, match="only from today on"):
        replan(plan, TODAY, moves={future.id: TODAY - timedelta(days=1)})
    with pytest.raises(ValidationError, match="within its week"):
        replan(plan, TODAY, moves={future.id: future.day + timedelta(days=7)})
    with pytest.raises(ValidationError, match="race stays on race day"):
        replan(plan, TODAY, moves={race.id: race.day - timedelta(days=1)})
    with pytest.raises(NotFound, match="id 999"):
        replan(plan, TODAY, {999: "missed"})
    with pytest.raises(ValidationError, match="Unknown status"):
        replan(plan, TODAY, {future.id: "skipped"})  # type: ignore[dict-item]
    busy = next(
        d
        for d in {s.day for s in plan.sessions}
        if sum(s.day == d for s in plan.sessions) > 1 and d > TODAY
    )
    with pytest.raises(ValidationError, match="name the session to move by its id"):
        replan(plan, TODAY, moves={busy: busy})


def test_sessions_can_be_referred_to_by_object_or_day(plan: Plan) -> None:
    first = plan.sessions[0]
    by_object = replan(plan, TODAY, {first: "done"})
    by_day = replan(plan, TODAY, {first.day: "done"})
    assert next(s for s in by_object.sessions if s.id == first.id).status == "done"
    assert all(s.status == "done" for s in by_day.sessions if s.day == first.day)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), weeks=st.integers(4, 12), strength_days=st.integers(0, 3))
def test_replans_keep_every_rule(
    data: st.DataObject, weeks: int, strength_days: int, catalog: Catalog
) -> None:
    days = data.draw(st.sets(st.integers(0, 6), min_size=3))
    request = make_request(
        weeks=weeks,
        available_days=frozenset(days),
        long_run_day=max(days),
        strength_days=min(strength_days, len(days)),
        two_a_days=data.draw(st.booleans()),
    )
    try:
        plan = with_ids(build_plan(request, make_baseline(), catalog))
    except PlanInfeasible:
        return
    today = request.start_date + timedelta(days=data.draw(st.integers(0, 7 * weeks - 1)))
    missed = data.draw(st.sets(st.sampled_from([s.id for s in plan.sessions]), max_size=6))
    statuses = {i: "missed" for i in missed}
    movable = [
        s
        for s in plan.sessions
        if s.day >= today and s.id not in missed and not (s.run and s.run.session_type == "race")
    ]
    moves = {}
    if movable and data.draw(st.booleans()):
        session = data.draw(st.sampled_from(movable))
        week = _week_of(plan, session.day)
        options = sorted(
            d
            for d in {week[0].day + timedelta(days=n) for n in range(-6, 7)}
            if today <= d <= request.race_date and d.weekday() in days and _week_of(plan, d) == week
        )
        if options:
            moves[session.id] = data.draw(st.sampled_from(options))
    try:
        after = replan(plan, today, statuses, moves, catalog=catalog)
    except PlanInfeasible as error:
        assert moves and error.rule in {
            "heavy-legs-48h",
            "lower-body-48h",
            "race-approach",
            "one-run-a-day",
            "two-a-days",
            "one-strength-a-day",
            "rest-days",
        }
        return
    assert check_plan(after, catalog) == []
    before = {s.id: s for s in plan.sessions}
    for session in after.sessions:
        if session.day < today and session.id not in missed:
            assert session == before[session.id]
        if session.id in missed:
            assert session.status == "missed" and session.day == before[session.id].day
    assert _future_load(after, today) <= _future_load(plan, today) + 1e-9
