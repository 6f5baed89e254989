"""Acting on an earlier morning's readiness signal: allowed while the signal still exists and
its session at risk is today or later; refused, with nothing changed, otherwise.

The plan starts on Wednesday 25 November 2026: Repetitions on Thursday 26, an easy run on
Saturday 28 and the long run on Sunday 29. rMSSD is low from the 24th to the 26th, so the 26th
has an HRV signal (7-day mean below range) concerning the key runs of the next three days.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from runstrong.domain.checkin import Checkin
from runstrong.errors import ValidationError
from runstrong.services.accounts import NewAccount, sign_up
from runstrong.services.checkins import save_checkin
from runstrong.services.plans import PlanChoices, create_plan, get_plan
from runstrong.services.readiness import choose_action
from runstrong.store import Store

START = date(2026, 11, 25)
SIGNAL_DAY = START + timedelta(days=1)


def _athlete_with_low_hrv(store: Store) -> int:
    _, athlete = sign_up(
        store,
        NewAccount("alice", "correct horse battery", athlete_name="Alice", timezone="UTC"),
    )
    assert athlete.id is not None
    create_plan(store, athlete.id, PlanChoices("10k", date(2027, 1, 17)), today=START)
    for back in range(62, -2, -1):
        day = START - timedelta(days=back)
        value = 50.0 if back <= 1 else (60.0 if back % 2 else 70.0)
        save_checkin(store, athlete.id, Checkin(day, rmssd_ms=value), today=SIGNAL_DAY)
    return athlete.id


def _choices(store: Store, athlete_id: int) -> list[tuple[date, str]]:
    with store.unit_of_work() as uow:
        return [(c.day, c.action) for c in uow.checkins.choices(athlete_id)]


def test_an_earlier_signal_moves_a_key_run_still_ahead(store: Store) -> None:
    athlete_id = _athlete_with_low_hrv(store)
    before = get_plan(store, athlete_id)[1]
    long_run = next(s for s in before.sessions if s.key and s.day == date(2026, 11, 29))
    now = SIGNAL_DAY + timedelta(days=1)  # Friday: Thursday's Repetitions are past
    choice = choose_action(store, athlete_id, "hrv_low", "swap", day=SIGNAL_DAY, today=now)
    assert choice.day == SIGNAL_DAY and choice.detail["moved"].startswith(long_run.title)
    after = get_plan(store, athlete_id)[1]
    moved = next(s for s in after.sessions if s.id == long_run.id)
    assert now <= moved.day != long_run.day
    assert _choices(store, athlete_id) == [(SIGNAL_DAY, "swap")]


def test_an_earlier_signal_is_refused_once_its_sessions_are_past(store: Store) -> None:
    athlete_id = _athlete_with_low_hrv(store)
    plan = get_plan(store, athlete_id)[1]
    monday = date(2026, 11, 30)  # Sunday's long run, the last in the look-ahead, is past
    with pytest.raises(ValidationError, match="already past"):
        choose_action(store, athlete_id, "hrv_low", "keep", day=SIGNAL_DAY, today=monday)
    with pytest.raises(ValidationError, match="already past"):
        choose_action(store, athlete_id, "hrv_low", "swap", day=SIGNAL_DAY, today=monday)
    with pytest.raises(ValidationError, match="in the future"):
        choose_action(store, athlete_id, "hrv_low", "keep", day=monday, today=SIGNAL_DAY)
    assert get_plan(store, athlete_id)[1].sessions == plan.sessions
    assert _choices(store, athlete_id) == []


def test_an_earlier_signal_that_no_longer_exists_is_refused(store: Store) -> None:
    athlete_id = _athlete_with_low_hrv(store)
    friday = SIGNAL_DAY + timedelta(days=1)
    for back in range(3):  # the low mornings corrected: the 7-day mean is back in range
        day = SIGNAL_DAY - timedelta(days=back)
        save_checkin(store, athlete_id, Checkin(day, rmssd_ms=75.0), today=SIGNAL_DAY)
    with pytest.raises(ValidationError, match="no hrv low signal on 2026-11-26"):
        choose_action(store, athlete_id, "hrv_low", "keep", day=SIGNAL_DAY, today=friday)
    assert _choices(store, athlete_id) == []


def test_lighten_only_on_its_own_morning(store: Store) -> None:
    athlete_id = _athlete_with_low_hrv(store)
    plan = get_plan(store, athlete_id)[1]
    heavy = next(s for s in plan.sessions if s.heavy_lower_body)
    save_checkin(store, athlete_id, Checkin(heavy.day, {"hamstrings": 7}), today=heavy.day)
    later = heavy.day + timedelta(days=1)
    with pytest.raises(ValidationError, match="already past: only that morning"):
        choose_action(store, athlete_id, "sore_legs_key_run", "lighten", day=heavy.day, today=later)
    assert get_plan(store, athlete_id)[1].sessions == plan.sessions
