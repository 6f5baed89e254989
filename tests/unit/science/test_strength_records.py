"""Exercise history and records against a small log computed by hand.

The log (UTC; weeks start on Monday):

* S1 Mon 2026-01-05: leg press warm-up 10 × 60 kg, 5 × 140 @8, 5 × 140 @9; plank 40 s and 45 s
  (the 45 s one a warm-up).
* S2 Thu 2026-01-08: leg press warm-up single 1 × 170 kg, 8 × 130 @7, 3 × 155 @8.
* S3 Mon 2026-01-12: leg press 5 × 150 @8, 6 × 145 @6.

Rep maxes (heaviest load for at least r reps, warm-ups left out): 1-3 reps 155 kg (S2),
4-5 reps 150 kg (S3), 6 reps 145 kg (S3), 7-8 reps 130 kg (S2). With the warm-ups counted, 1 rep
would be 170 kg and 9-10 reps 60 kg. Volume (working sets only): S1 1400 kg, S2 1505 kg,
S3 1620 kg. Hard sets (RPE >= 7): week of 5 Jan 4 (the warm-ups are not hard sets), week of
12 Jan 1 (6 × 145 @6 is not hard).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from runstrong.domain.models import StrengthSession, StrengthSet
from runstrong.science.strength import percent_one_rep_max
from runstrong.science.strength_records import exercise_history, new_records, rep_records

LP = "leg-press"
PLANK = "front-plank"


def _at(day: int, hour: int = 7) -> datetime:
    return datetime(2026, 1, day, hour, tzinfo=UTC)


S1 = StrengthSession(
    _at(5),
    (
        StrengthSet(LP, 10, 60.0, warmup=True),
        StrengthSet(LP, 5, 140.0, 8.0),
        StrengthSet(LP, 5, 140.0, 9.0),
        StrengthSet(PLANK, 1, 0.0, duration_s=40.0),
        StrengthSet(PLANK, 1, 0.0, warmup=True, duration_s=45.0),
    ),
    id=1,
)
S2 = StrengthSession(
    _at(8),
    (
        StrengthSet(LP, 1, 170.0, warmup=True),
        StrengthSet(LP, 8, 130.0, 7.0),
        StrengthSet(LP, 3, 155.0, 8.0),
    ),
    id=2,
)
S3 = StrengthSession(
    _at(12), (StrengthSet(LP, 5, 150.0, 8.0), StrengthSet(LP, 6, 145.0, 6.0)), id=3
)


def _e1rm(load_kg: float, reps: int, rpe: float) -> float:
    return load_kg / percent_one_rep_max(reps, rpe) * 100


def test_rep_records_leave_out_warm_ups() -> None:
    history = exercise_history([S3, S1, S2], LP, UTC)  # any order in
    assert [(r.reps, r.load_kg, r.session_id) for r in history.records] == [
        (1, 155.0, 2),
        (2, 155.0, 2),
        (3, 155.0, 2),
        (4, 150.0, 3),
        (5, 150.0, 3),
        (6, 145.0, 3),
        (7, 130.0, 2),
        (8, 130.0, 2),
    ]
    assert history.records[0].day == date(2026, 1, 8)


def test_sessions_volume_and_e1rm_trend() -> None:
    history = exercise_history([S1, S2, S3], LP, UTC)
    assert [entry.session_id for entry in history.sessions] == [1, 2, 3]
    assert [entry.volume_kg for entry in history.sessions] == [1400.0, 1505.0, 1620.0]
    assert len(history.sessions[0].sets) == 3  # the warm-up is shown with the session
    expected = [
        _e1rm(140, 5, 8),
        max(_e1rm(130, 8, 7), _e1rm(155, 3, 8)),  # not the 170 kg warm-up single
        max(_e1rm(150, 5, 8), _e1rm(145, 6, 6)),
    ]
    assert [entry.e1rm_kg for entry in history.e1rm_trend] == pytest.approx(expected)
    assert history.best_volume is not None and history.best_volume.session_id == 3
    assert history.best_e1rm is not None
    assert history.best_e1rm.e1rm_kg == pytest.approx(max(expected))


def test_weekly_hard_sets_leave_out_warm_ups_and_easy_sets() -> None:
    history = exercise_history([S1, S2, S3], LP, UTC)
    assert [(w.week_start, w.hard_sets) for w in history.weekly_hard_sets] == [
        (date(2026, 1, 5), 4),
        (date(2026, 1, 12), 1),
    ]


def test_days_and_weeks_are_local() -> None:
    late = StrengthSession(datetime(2026, 1, 11, 23, 30, tzinfo=UTC), S3.sets, id=4)
    history = exercise_history([late], LP, ZoneInfo("Europe/Ljubljana"))
    assert history.sessions[0].day == date(2026, 1, 12)
    assert history.weekly_hard_sets[0].week_start == date(2026, 1, 12)


def test_timed_holds_have_no_records_or_e1rm() -> None:
    history = exercise_history([S1], PLANK, UTC)
    (entry,) = history.sessions
    assert entry.longest_hold_s == 40.0  # the 45 s hold was a warm-up
    assert entry.e1rm_kg is None
    assert history.records == ()
    assert history.best_e1rm is None


def test_single_leg_sides_and_asymmetry() -> None:
    slp = "single-leg-leg-press"
    session = StrengthSession(
        _at(6),
        (
            StrengthSet(slp, 8, 70.0, 8.0, "left"),
            StrengthSet(slp, 8, 63.0, 8.0, "right"),
            StrengthSet(slp, 8, 40.0, None, "right", warmup=True),
        ),
        id=9,
    )
    (pair,) = exercise_history([session], slp, UTC).sides
    assert pair.left_e1rm_kg == pytest.approx(_e1rm(70, 8, 8))
    assert pair.right_e1rm_kg == pytest.approx(_e1rm(63, 8, 8))
    assert pair.asymmetry_percent == pytest.approx(10.0)  # 63 / 70 = 90 % symmetry


def test_new_records_of_a_session() -> None:
    found = new_records([S1, S2], S3, UTC)
    assert [(r.exercise_slug, r.reps, r.load_kg, r.previous_kg) for r in found[:2]] == [
        (LP, 5, 150.0, 140.0),
        (LP, 6, 145.0, 130.0),
    ]
    # e1RM: S2 best was 130 kg x 8 @7 (about 184 kg); S3 150 kg x 5 @8 (about 185 kg)
    # is beaten by its 145 kg x 6 @6 (4 reps in reserve: 145 / 73.9 % = about 196 kg)
    assert len(found) == 3
    assert found[2].reps is None
    assert found[2].load_kg == pytest.approx(_e1rm(145, 6, 6))
    assert found[2].previous_kg == pytest.approx(_e1rm(130, 8, 7))


def test_first_session_and_warm_ups_announce_nothing() -> None:
    assert new_records([], S1, UTC) == ()
    heavy_warm_up = StrengthSession(_at(20), (StrengthSet(LP, 5, 300.0, warmup=True),), id=7)
    assert new_records([S1, S2, S3], heavy_warm_up, UTC) == ()


def test_rep_records_of_nothing() -> None:
    assert rep_records([]) == ()
