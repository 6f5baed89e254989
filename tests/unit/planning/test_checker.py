"""Tests for runstrong.planning.checker: each rule caught on a small hand-made plan."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest

from runstrong.domain.plan import (
    AthleteBaseline,
    ExercisePrescription,
    Plan,
    PlannedSession,
    PlanWeek,
    RunPrescription,
    Slot,
)
from runstrong.planning.checker import check_plan

from .factories import MONDAY, make_request

REQUEST = make_request("5k", 5000, weeks=3, available_days=frozenset({0, 1, 2, 3, 5, 6}))
RACE_DAY = REQUEST.race_date
PLAN_RULE = re.compile(r"[A-Z]\d")
BASELINE = AthleteBaseline(e1rm_kg_by_exercise={"leg-press": 200.0})
WEEKS = (
    PlanWeek(0, MONDAY, "build", False),
    PlanWeek(1, MONDAY + timedelta(days=7), "build", False),
    PlanWeek(2, MONDAY + timedelta(days=14), "taper", False),
)


def run(
    day: date, kind: str = "easy", minutes: float = 40, slot: Slot = "am", **changes: object
) -> PlannedSession:
    prescription = RunPrescription(kind, (), kind, duration_s=minutes * 60)  # type: ignore[arg-type]
    load = {"easy": 3.0, "race": 9.0}.get(kind, 7.0) * minutes
    key = kind != "easy"
    session = PlannedSession(day, "run", kind, slot, prescription, planned_load_au=load, key=key)
    return replace(session, **changes)


def lift(
    day: date, *exercises: ExercisePrescription, slot: Slot = "pm", load: float = 300.0
) -> PlannedSession:
    return PlannedSession(day, "strength", "Legs", slot, exercises=exercises, planned_load_au=load)


LIGHT = ExercisePrescription("leg-press", 3, 8, load_kg=140.0, target_rpe=7.0)
HEAVY = ExercisePrescription("leg-press", 4, 3, load_kg=175.0, target_rpe=8.5)
RACE = run(RACE_DAY, "race", 20)


def plan(*sessions: PlannedSession, weeks: tuple[PlanWeek, ...] = WEEKS) -> Plan:
    return Plan(REQUEST, BASELINE, weeks, (*sessions, RACE))


def house_rules(found: Plan) -> list[str]:
    """The rules named by word; the plan rules C1-D1 have their own tests (test_rule_check.py),
    and these small hand-made plans are not meant to keep them."""
    return [v.rule for v in check_plan(found) if not PLAN_RULE.fullmatch(v.rule)]


def rules(found: Plan) -> set[str]:
    return set(house_rules(found))


def day(n: int) -> date:
    return MONDAY + timedelta(days=n)


def test_a_sound_plan_passes() -> None:
    assert rules(plan(run(day(0)), lift(day(0), LIGHT), run(day(1), "interval"))) == set()


def test_heavy_legs_found_from_the_exercises_not_only_the_flag() -> None:
    assert rules(plan(lift(day(0), HEAVY), run(day(2), "interval"))) == {"heavy-legs-48h"}
    flagged = replace(lift(day(0), LIGHT), heavy_lower_body=True)
    assert rules(plan(flagged, run(day(1), "tempo"))) == {"heavy-legs-48h"}
    assert rules(plan(lift(day(0), HEAVY, slot="am"), run(day(0), "long", slot="pm"))) == {
        "heavy-legs-48h"
    }
    # after the run on the same day, or three days before the next one: fine
    assert rules(plan(run(day(0), "interval"), lift(day(0), HEAVY), run(day(3), "tempo"))) == set()


def test_missed_sessions_do_not_count_for_calendar_rules() -> None:
    missed = replace(lift(day(0), HEAVY), status="missed")
    assert rules(plan(missed, run(day(1), "interval"))) == set()


@pytest.mark.parametrize(
    ("sessions", "rule"),
    [
        ((run(day(4)),), "rest-days"),
        ((run(day(1), "interval"), run(day(1), "tempo", slot="pm")), "one-hard-run-a-day"),
        ((run(day(1)), lift(day(1), LIGHT, slot="am")), "one-session-per-slot"),
        ((run(MONDAY - timedelta(days=1)),), "within-plan"),
        ((lift(day(0), ExercisePrescription("not-an-exercise", 3, 5)),), "library"),
        (
            (lift(day(0), ExercisePrescription("nordic-hamstring-curl", 3, 5, target_rpe=7)),),
            "equipment",
        ),
        ((lift(day(0), replace(LIGHT, load_kg=190.0)),), "load-limit"),
        (
            (lift(day(0), ExercisePrescription("hip-thrust", 3, 5, load_kg=100.0, target_rpe=7)),),
            "load-limit",
        ),
        (
            (lift(day(0), ExercisePrescription("pogo-jumps", 15, 10, foot_contacts=150)),),
            "plyometric-contacts",
        ),
        ((lift(day(0), LIGHT), lift(day(2), LIGHT), lift(day(4 - 1), LIGHT)), "strength-days"),
    ],
)
def test_each_rule_is_caught(sessions: tuple[PlannedSession, ...], rule: str) -> None:
    assert rule in rules(plan(*sessions))


def test_two_a_days_off() -> None:
    no_doubles = replace(REQUEST, two_a_days=False)
    found = Plan(no_doubles, BASELINE, WEEKS, (run(day(0)), lift(day(0), LIGHT), RACE))
    assert rules(found) == {"two-a-days"}


def test_race_must_be_on_race_day() -> None:
    found = Plan(REQUEST, BASELINE, WEEKS, (run(day(0)),))
    assert rules(found) == {"race-day"}


def test_weekly_load_rise_deload_and_taper() -> None:
    def week(start: int, minutes: float) -> list[PlannedSession]:
        return [run(day(start + n), minutes=minutes) for n in (0, 1, 3)]

    rising = plan(*week(0, 40), *week(7, 50), *week(14, 30))
    assert rules(rising) == {"weekly-load-rise"}  # +25 %
    deload_weeks = (WEEKS[0], replace(WEEKS[1], deload=True), WEEKS[2])
    assert rules(plan(*week(0, 40), *week(7, 40), *week(14, 30), weeks=deload_weeks)) == {
        "deload-drops"
    }
    assert rules(plan(*week(0, 40), *week(7, 42), *week(14, 45))) == {"taper-volume"}
    assert rules(plan(*week(0, 40), *week(7, 42), *week(14, 30))) == set()


def test_violations_say_what_and_when() -> None:
    found = check_plan(plan(lift(day(0), HEAVY), run(day(1), "interval")))
    [violation] = [v for v in found if not PLAN_RULE.fullmatch(v.rule)]
    assert violation.day == day(1)
    assert "h before" in violation.message
