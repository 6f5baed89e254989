"""The experiment inside the plan: blocks, test-run days, strength skipped in control blocks."""

from __future__ import annotations

from datetime import date, timedelta

from runstrong.domain.plan import PlannedSession
from runstrong.planning.experiment_blocks import (
    BlockSpec,
    is_test_day,
    session_note,
    skipped_sessions,
    strength_only_in_intervention,
    week_of,
)

SPEC = BlockSpec(date(2027, 1, 4), block_weeks=6, n_weeks=24, run_in_weeks=2, order="BAAB",
                 test_weekday=5)  # fmt: skip


def _strength(day: date, session_id: int) -> PlannedSession:
    return PlannedSession(day, "strength", "Strength A", id=session_id, heavy_lower_body=True)


def _run(day: date, session_id: int, key: bool = False) -> PlannedSession:
    return PlannedSession(day, "run", "Easy run", id=session_id, key=key)


def test_weeks_map_to_blocks_with_run_in() -> None:
    first = week_of(SPEC, date(2027, 1, 4))
    assert first is not None
    assert (first.block, first.arm, first.run_in, first.weeks_left) == (1, "B", True, 24)
    control = week_of(SPEC, date(2027, 1, 4) + timedelta(weeks=8, days=3))
    assert control is not None
    assert (control.block, control.arm, control.run_in) == (2, "A", False)
    assert "control" in control.label
    assert week_of(SPEC, date(2027, 1, 3)) is None
    assert week_of(SPEC, SPEC.end_date) is not None
    assert week_of(SPEC, SPEC.end_date + timedelta(days=1)) is None


def test_strength_is_skipped_only_in_control_blocks_and_runs_stay() -> None:
    in_b = _strength(date(2027, 1, 6), 1)
    in_a = _strength(date(2027, 2, 17), 2)  # week 6: block 2 (A)
    run_in_a = _run(date(2027, 2, 18), 3)
    sessions = (in_b, in_a, run_in_a, _strength(date(2027, 7, 1), 4))
    assert skipped_sessions(SPEC, sessions) == {2}
    assert session_note(SPEC, in_a) == "Skip: experiment control block"
    assert session_note(SPEC, in_b) is None
    assert session_note(SPEC, run_in_a) is None


def test_the_test_run_is_on_the_same_weekday_every_week() -> None:
    saturdays = [date(2027, 1, 9) + timedelta(weeks=w) for w in range(24)]
    assert all(is_test_day(SPEC, day) for day in saturdays)
    assert not is_test_day(SPEC, date(2027, 1, 8))
    assert not is_test_day(SPEC, date(2027, 1, 9) + timedelta(weeks=24))
    assert session_note(SPEC, _run(date(2027, 1, 9), 5)) == "Test run: steady, flat, same route"
    assert session_note(SPEC, _run(date(2027, 1, 9), 6, key=True)) is None


def test_a_new_plan_keeps_strength_only_in_intervention_blocks_and_every_run() -> None:
    control = date(2027, 2, 16)  # block 2 (A)
    sessions = (
        _strength(date(2027, 1, 5), 1),  # B: kept
        _strength(control, 2),  # A, planned: dropped (kept before ``since``)
        _run(control, 3),  # runs stay in every block
        PlannedSession(control + timedelta(days=2), "strength", "Done lift", status="done", id=4),
        _strength(date(2027, 3, 2), 5),  # A: dropped (also after ``since`` below)
        _strength(date(2027, 6, 21), 6),  # after the experiment: kept
    )
    kept = strength_only_in_intervention(SPEC, sessions)
    assert [s.id for s in kept] == [1, 3, 4, 6]
    assert [s.id for s in strength_only_in_intervention(SPEC, sessions, date(2027, 2, 20))] == [
        1, 2, 3, 4, 6,
    ]  # fmt: skip
