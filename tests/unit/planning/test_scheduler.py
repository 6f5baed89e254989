"""Tests for runstrong.planning.scheduler: hard rules, soft goals, errors naming the rule."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runstrong.planning.scheduler import (
    SCHEDULER_RULES,
    Placement,
    PlanInfeasible,
    SessionToPlace,
    WeekFrame,
    schedule_week,
)

from .factories import MONDAY

WEEK = tuple(MONDAY + timedelta(days=n) for n in range(7))


def frame(available: range | list[int] = range(7), **changes: object) -> WeekFrame:
    days = frozenset(WEEK[n] for n in available)
    return WeekFrame(WEEK, days, **changes)  # type: ignore[arg-type]


def run(name: str, key: bool = False, **changes: object) -> SessionToPlace:
    return SessionToPlace(name, "run", key=key, **changes)  # type: ignore[arg-type]


def lift(name: str = "Legs", heavy: bool = True, **changes: object) -> SessionToPlace:
    return SessionToPlace(name, "strength", heavy_lower_body=heavy, **changes)  # type: ignore[arg-type]


def hour(placement: Placement) -> int:
    return placement.day.toordinal() * 24 + (7 if placement.slot == "am" else 18)


def test_heavy_legs_stay_48_hours_clear_of_key_runs() -> None:
    sessions = [
        run("Intervals", key=True),
        run("Tempo", key=True),
        run("Long", key=True, fixed_day=WEEK[6]),
        lift("Legs A"),
        lift("Legs B"),
    ]
    placed = schedule_week(sessions, frame())
    for key in placed[:3]:
        for heavy in placed[3:]:
            assert not 0 < hour(key) - hour(heavy) <= 48
    assert len({p.day for p in placed[:3]}) == 3


def test_rest_days_get_nothing_and_runs_are_one_a_day() -> None:
    placed = schedule_week(
        [run(f"Run {n}") for n in range(3)] + [lift(heavy=False)], frame([0, 2, 4])
    )
    assert {p.day for p in placed} <= {WEEK[0], WEEK[2], WEEK[4]}
    assert len({p.day for p in placed[:3]}) == 3


def test_strength_goes_after_the_hard_run_with_two_a_days() -> None:
    placed = schedule_week([run("Intervals", key=True, fixed_day=WEEK[1]), lift()], frame())
    assert placed[1] == Placement(WEEK[1], "pm") and placed[0].slot == "am"


def test_hard_and_easy_days_alternate_when_they_can() -> None:
    sessions = [run("Intervals", key=True), run("Tempo", key=True), run("Easy"), run("Easy 2")]
    placed = schedule_week(sessions, frame([0, 1, 2, 3]))
    hard_days = sorted(p.day for p in placed[:2])
    assert hard_days[1] - hard_days[0] > timedelta(days=1)


def test_strength_days_are_spread() -> None:
    placed = schedule_week([lift("A", heavy=False), lift("B", heavy=False)], frame())
    assert abs((placed[0].day - placed[1].day).days) > 1


def test_without_two_a_days_each_session_has_its_own_day() -> None:
    sessions = [run("Easy"), run("Tempo", key=True), lift(heavy=False)]
    placed = schedule_week(sessions, frame([0, 2, 4], two_a_days=False))
    assert len({p.day for p in placed}) == 3


def test_race_approach_is_kept_clear() -> None:
    race_day = WEEK[6]
    sessions = [
        run("Race", key=True, race=True, fixed_day=race_day),
        run("Sharpener", key=True),
        lift(heavy=False),
    ]
    placed = schedule_week(sessions, frame(race_day=race_day))
    assert placed[1].day <= race_day - timedelta(days=3)
    assert placed[2].day <= race_day - timedelta(days=3)


def test_neighbouring_weeks_block_days() -> None:
    sessions = [run("Intervals", key=True), lift()]
    blocked = frame(key_blocked_days=frozenset(WEEK[:4]), heavy_blocked_days=frozenset(WEEK[3:]))
    placed = schedule_week(sessions, blocked)
    assert placed[0].day >= WEEK[4] and placed[1].day <= WEEK[2]


@pytest.mark.parametrize(
    ("sessions", "week", "rule", "words"),
    [
        ([run(f"Run {n}") for n in range(4)], frame([0, 2, 4]), "one-run-a-day", "4 runs"),
        (
            [run("Easy"), lift(heavy=False)],
            frame([3], two_a_days=False),
            "two-a-days",
            "without two-a-days",
        ),
        (
            [run("Intervals", key=True, fixed_day=WEEK[2]), lift(fixed_day=WEEK[1])],
            frame(),
            "heavy-legs-48h",
            "48 h",
        ),
        ([run("Easy", fixed_day=WEEK[5])], frame([0, 1]), "rest-days", "rest days"),
    ],
)
def test_infeasible_weeks_name_the_rule(
    sessions: list[SessionToPlace], week: WeekFrame, rule: str, words: str
) -> None:
    with pytest.raises(PlanInfeasible, match=words) as raised:
        schedule_week(sessions, week)
    assert raised.value.rule == rule
    assert raised.value.exit_code == 2


@settings(max_examples=60, deadline=None)
@given(
    available=st.sets(st.integers(0, 6), min_size=1),
    n_runs=st.integers(0, 7),
    n_keys=st.integers(0, 3),
    n_lifts=st.integers(0, 3),
    two_a_days=st.booleans(),
)
def test_placements_meet_the_rules_or_the_week_is_refused(
    available: set[int], n_runs: int, n_keys: int, n_lifts: int, two_a_days: bool
) -> None:
    sessions = [run(f"R{n}", key=n < n_keys) for n in range(n_runs)]
    sessions += [lift(f"L{n}") for n in range(n_lifts)]
    week = frame(sorted(available), two_a_days=two_a_days)
    try:
        placed = schedule_week(sessions, week)
    except PlanInfeasible as error:
        assert error.rule in SCHEDULER_RULES
        return
    assert all(p.day in week.available_days for p in placed)
    assert len(set(placed)) == len(placed)
    run_days = [p.day for p, s in zip(placed, sessions, strict=True) if s.kind == "run"]
    assert len(set(run_days)) == len(run_days)
    if not two_a_days:
        assert len({p.day for p in placed}) == len(placed)
    keys = [p for p, s in zip(placed, sessions, strict=True) if s.key]
    heavy = [p for p, s in zip(placed, sessions, strict=True) if s.heavy_lower_body]
    assert all(not 0 < hour(k) - hour(h) <= 48 for k in keys for h in heavy)


def test_a_week_with_only_counting_problems_is_refused_quickly() -> None:
    sessions = [run(f"Run {n}") for n in range(8)]
    with pytest.raises(PlanInfeasible):
        schedule_week(sessions, frame(), time_limit_s=1.0)
