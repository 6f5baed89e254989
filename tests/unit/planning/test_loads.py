"""Tests for runstrong.planning.loads: weekly limits and fitting a week under them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from runstrong.domain.plan import PlannedSession, PlanWeek
from runstrong.planning.config import PlanningConfig
from runstrong.planning.loads import LoadLimits, fit_week, measure
from runstrong.planning.runs import RunTargets, prescribe_run, run_load_au

from .factories import MONDAY

TARGETS = RunTargets.for_athlete(10000, 50)


def session(kind: str, day: int, minutes: float = 45, volume_min: float = 300) -> PlannedSession:
    run = prescribe_run(kind, volume_min * 60, TARGETS, duration_s=minutes * 60)  # type: ignore[arg-type]
    key = run.session_type not in ("easy", "strides")
    return PlannedSession(
        MONDAY + timedelta(days=day),
        "run",
        kind,
        run=run,
        planned_load_au=run_load_au(run),
        key=key,
    )


WEEK = [session("interval", 1), session("easy", 2), session("easy_strides", 3), session("long", 6)]


def test_measure_leaves_out_the_race() -> None:
    race = session("race", 6)
    load, volume = measure([*WEEK, race])
    assert (load, volume) == measure(WEEK)


def test_limits_follow_the_last_full_loading_week() -> None:
    limits = LoadLimits(PlanningConfig())
    build = PlanWeek(0, MONDAY, "build", False)
    assert limits.caps(build, True) == (float("inf"), float("inf"))
    limits.record(build, True, WEEK)
    load, volume = measure(WEEK)
    load_cap, _ = limits.caps(PlanWeek(1, MONDAY, "build", False), True)
    assert load_cap == pytest.approx(load * 1.10, rel=0.01)
    deload_cap, _ = limits.caps(PlanWeek(1, MONDAY, "build", True), True)
    assert deload_cap < load
    _, taper_cap = limits.caps(PlanWeek(2, MONDAY, "taper", False), True)
    assert taper_cap < volume
    assert limits.caps(PlanWeek(1, MONDAY, "build", False), False)[0] == float("inf")


def test_fit_week_shortens_easy_runs_before_touching_key_runs() -> None:
    load, _volume = measure(WEEK)
    fitted = fit_week(WEEK, (load * 0.9, float("inf")), TARGETS)
    assert measure(fitted)[0] <= load * 0.9
    assert [s.run for s in fitted if s.key] == [s.run for s in WEEK if s.key]
    assert len(fitted) == len(WEEK)


def test_fit_week_can_make_a_key_run_easy_as_a_last_resort() -> None:
    load, _volume = measure(WEEK)
    fitted = fit_week(WEEK, (load * 0.3, float("inf")), TARGETS)
    assert measure(fitted)[0] <= load * 0.3
    assert sum(s.key for s in fitted) < sum(s.key for s in WEEK)


def test_fit_week_leaves_what_may_not_change() -> None:
    load, _volume = measure(WEEK)
    fitted = fit_week(WEEK, (load * 0.5, float("inf")), TARGETS, changeable=lambda s: False)
    assert list(fitted) == WEEK
