"""Planned against done: matching by day and kind, compliance status, weekly totals."""

from __future__ import annotations

from datetime import date

import pytest

from runstrong.domain.plan import PlannedSession, RunPrescription
from runstrong.planning.compliance import (
    PARTLY_BELOW,
    DoneSession,
    match_sessions,
    week_totals,
)

SUNDAY = date(2026, 3, 1)
MONDAY = date(2026, 2, 23)


def _long_run(day: date = SUNDAY, distance_m: float = 16000.0, **changes: object) -> PlannedSession:
    run = RunPrescription("long", (), "Long run", distance_m=distance_m)
    return PlannedSession(
        day, "run", "Long run", run=run, planned_load_au=300.0, key=True, id=1, **changes
    )  # type: ignore[arg-type]


def _strength(day: date, load_au: float = 240.0, slot: str = "pm", id: int = 2) -> PlannedSession:
    return PlannedSession(day, "strength", "Heavy legs", slot=slot, planned_load_au=load_au, id=id)  # type: ignore[arg-type]


def _run(
    day: date = SUNDAY, distance_m: float = 16000.0, hour: float = 9.0, id: int = 7
) -> DoneSession:
    return DoneSession(id, day, "run", "Run", hour, distance_m / 3.0, 320.0, distance_m)


def _lift(day: date, load_au: float, hard_sets: int = 8, id: int = 9) -> DoneSession:
    return DoneSession(id, day, "strength", "Strength", 18.0, 2700.0, load_au, None, hard_sets)


def test_a_done_run_on_the_planned_day_matches_with_its_distance_ratio() -> None:
    (entry,) = match_sessions([_long_run()], [_run(distance_m=15200.0)], today=date(2026, 3, 2))
    assert entry.status == "done"
    assert entry.planned is not None and entry.done is not None
    assert entry.ratio == pytest.approx(15200.0 / 16000.0)


def test_a_run_well_short_of_the_plan_is_partly_done() -> None:
    short = 16000.0 * PARTLY_BELOW - 100.0
    (entry,) = match_sessions([_long_run()], [_run(distance_m=short)], today=date(2026, 3, 2))
    assert entry.status == "partly"
    assert entry.ratio == pytest.approx(short / 16000.0)


def test_strength_is_compared_by_load() -> None:
    (entry,) = match_sessions([_strength(SUNDAY, 200.0)], [_lift(SUNDAY, 100.0)], date(2026, 3, 2))
    assert (entry.status, entry.ratio) == ("partly", pytest.approx(0.5))


def test_kinds_never_match_each_other() -> None:
    entries = match_sessions([_long_run()], [_lift(SUNDAY, 200.0)], today=date(2026, 3, 2))
    assert sorted(e.status for e in entries) == ["missed", "unplanned"]


def test_a_session_on_another_day_does_not_match() -> None:
    entries = match_sessions([_long_run()], [_run(day=date(2026, 2, 28))], today=date(2026, 3, 2))
    assert {e.day: e.status for e in entries} == {date(2026, 2, 28): "unplanned", SUNDAY: "missed"}


def test_an_unmatched_session_today_or_later_is_still_planned() -> None:
    (today,) = match_sessions([_long_run()], [], today=SUNDAY)
    (past,) = match_sessions([_long_run()], [], today=date(2026, 3, 2))
    (recorded,) = match_sessions([_long_run(status="missed")], [], today=SUNDAY)
    assert (today.status, past.status, recorded.status) == ("planned", "missed", "missed")


def test_without_a_plan_every_done_session_is_unplanned() -> None:
    entries = match_sessions([], [_run(), _lift(MONDAY, 200.0)], today=SUNDAY)
    assert [e.status for e in entries] == ["unplanned", "unplanned"]
    assert [e.kind for e in entries] == ["strength", "run"]


def test_two_sessions_of_a_kind_on_a_day_pair_in_time_order() -> None:
    am = _strength(SUNDAY, 100.0, slot="am", id=3)
    pm = _strength(SUNDAY, 300.0, slot="pm", id=4)
    morning = DoneSession(11, SUNDAY, "strength", "a", 7.0, 1800.0, 100.0)
    evening = DoneSession(12, SUNDAY, "strength", "b", 19.0, 1800.0, 150.0)
    entries = match_sessions([pm, am], [evening, morning], today=date(2026, 3, 2))
    assert [(e.planned.id, e.done.id, e.status) for e in entries if e.planned and e.done] == [
        (3, 11, "done"),
        (4, 12, "partly"),
    ]


def test_week_totals_add_what_was_done_and_what_was_planned() -> None:
    planned = [_long_run(), _strength(MONDAY, 240.0)]
    done = [_run(distance_m=15000.0), _lift(MONDAY, 200.0, hard_sets=9), _run(MONDAY, 5000.0, id=8)]
    entries = match_sessions(planned, done, today=date(2026, 3, 2))
    totals = week_totals(entries, MONDAY)
    assert totals.distance_m == pytest.approx(20000.0)
    assert totals.duration_s == pytest.approx(15000.0 / 3 + 5000.0 / 3 + 2700.0)
    assert totals.running_load_au == pytest.approx(640.0)
    assert totals.strength_load_au == pytest.approx(200.0)
    assert totals.hard_sets == 9
    assert totals.planned_distance_m == pytest.approx(16000.0)
    assert totals.planned_strength_load_au == pytest.approx(240.0)
    assert totals.counts == {"done": 2, "partly": 0, "missed": 0, "planned": 0, "unplanned": 1}
    assert week_totals(entries, date(2026, 3, 2)).distance_m == 0.0
