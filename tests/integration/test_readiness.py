"""Check-ins and readiness as use cases, on each backend: record, edit, delete, imports merge
field by field; signals act on the plan through the re-planner and the choice is stored;
refused actions change nothing.

The plan starts on Wednesday 25 November 2026 (Repetitions on Thursday 26, an easy run on
Saturday 28) and ends with a 10k on Sunday 17 January 2027.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from runstrong.domain.checkin import Checkin
from runstrong.domain.plan import Plan
from runstrong.errors import ImportFormatError, NotFound, ValidationError
from runstrong.services.accounts import NewAccount, sign_up
from runstrong.services.checkins import (
    delete_checkin,
    get_checkin,
    list_checkins,
    merge_checkins,
    save_checkin,
)
from runstrong.services.plans import PlanChoices, create_plan, get_plan
from runstrong.services.readiness import choose_action, readiness
from runstrong.services.readiness_document import readiness_document
from runstrong.services.wellness_import import import_wellness_file
from runstrong.store import Store

TODAY = date(2026, 11, 25)
KEY_DAY = date(2026, 11, 26)  # the plan's first key run


def _athlete(store: Store) -> int:
    _, athlete = sign_up(
        store,
        NewAccount(
            "alice", "correct horse battery", athlete_name="Alice", timezone="Europe/Ljubljana"
        ),
    )
    assert athlete.id is not None
    return athlete.id


def _plan(store: Store, athlete_id: int) -> Plan:
    return create_plan(store, athlete_id, PlanChoices("10k", date(2027, 1, 17)), today=TODAY)[1]


def test_checkin_crud_and_refusals(store: Store) -> None:
    athlete_id = _athlete(store)
    saved = save_checkin(
        store, athlete_id, Checkin(TODAY, {"quads": 6}, sleep_h=6.5, rmssd_ms=48.0)
    )
    assert saved.id is not None and saved.soreness == {"quads": 6}
    again = save_checkin(store, athlete_id, Checkin(TODAY, {"calves": 2}, resting_hr_bpm=52))
    assert again.rmssd_ms is None and dict(again.soreness) == {"calves": 2}  # replaced whole
    assert len(list_checkins(store, athlete_id)[1]) == 1
    with pytest.raises(ValidationError, match="empty"):
        save_checkin(store, athlete_id, Checkin(TODAY - timedelta(days=1)))
    with pytest.raises(ValidationError, match="future"):
        save_checkin(store, athlete_id, Checkin(date(2099, 1, 1), sleep_h=7))
    with pytest.raises(ValidationError, match="region"):
        Checkin(TODAY, {"elbow": 3})
    with pytest.raises(ValidationError, match="HRV rMSSD"):
        Checkin(TODAY, rmssd_ms=-4)
    assert get_checkin(store, athlete_id, TODAY)[1] == again
    delete_checkin(store, athlete_id, TODAY)
    with pytest.raises(NotFound):
        delete_checkin(store, athlete_id, TODAY)
    assert list_checkins(store, athlete_id)[1] == []


def test_merge_fills_fields_and_is_idempotent(store: Store) -> None:
    athlete_id = _athlete(store)
    save_checkin(store, athlete_id, Checkin(TODAY, {"quads": 3}, note="tired"))
    imported = [Checkin(TODAY, rmssd_ms=55.0, source="hrv4training"), Checkin(TODAY, sleep_h=7)]
    with store.unit_of_work() as uow:
        assert merge_checkins(uow, athlete_id, imported) == (0, 1)
    with store.unit_of_work() as uow:
        assert merge_checkins(uow, athlete_id, imported) == (0, 0)
    stored = get_checkin(store, athlete_id, TODAY)[1]
    assert (stored.note, stored.rmssd_ms, stored.sleep_h) == ("tired", 55.0, 7.0)
    assert stored.soreness == {"quads": 3}


def test_sore_legs_on_key_run_morning_swaps_through_replanner(store: Store) -> None:
    athlete_id = _athlete(store)
    before = _plan(store, athlete_id)
    key = next(s for s in before.sessions if s.day == KEY_DAY and s.key)
    easy = next(s for s in before.sessions if s.day > KEY_DAY and s.kind == "run" and not s.key)
    save_checkin(store, athlete_id, Checkin(KEY_DAY, {"quads": 6, "hips": 8}))
    state = readiness(store, athlete_id, KEY_DAY)
    (signal,) = state.signals
    assert signal.kind == "sore_legs_key_run" and key.title in signal.labels["at_risk"]
    choice = choose_action(store, athlete_id, "sore_legs_key_run", "swap", today=KEY_DAY)
    assert choice.id is not None and choice.action == "swap"
    after = get_plan(store, athlete_id)[1]
    moved = next(s for s in after.sessions if s.id == key.id)
    swapped = next(s for s in after.sessions if s.id == easy.id)
    assert (moved.day, swapped.day) == (easy.day, KEY_DAY)
    document = readiness_document(readiness(store, athlete_id, KEY_DAY), series=True)
    assert document["signals"] == []  # the key run is no longer this morning
    assert [c["action"] for c in document["choices"]] == ["swap"]
    assert document["series"]["dates"][-1] == KEY_DAY.isoformat()


def test_lighten_and_keep_are_stored_and_refusals_change_nothing(store: Store) -> None:
    athlete_id = _athlete(store)
    plan = _plan(store, athlete_id)
    heavy = next(s for s in plan.sessions if s.heavy_lower_body)
    day = heavy.day
    with pytest.raises(ValidationError, match="no sore legs"):
        choose_action(store, athlete_id, "sore_legs_key_run", "keep", today=day)
    save_checkin(store, athlete_id, Checkin(day, {"hamstrings": 7}), today=day)
    with pytest.raises(ValidationError, match="unknown action"):
        choose_action(store, athlete_id, "sore_legs_key_run", "nap", today=day)
    assert get_plan(store, athlete_id)[1].sessions == plan.sessions
    choose_action(store, athlete_id, "sore_legs_key_run", "lighten", today=day)
    after = next(s for s in get_plan(store, athlete_id)[1].sessions if s.id == heavy.id)
    assert not after.heavy_lower_body and after.planned_load_au < heavy.planned_load_au
    kept = choose_action(store, athlete_id, "sore_legs_key_run", "keep", today=day)
    assert kept.action == "keep"  # a second choice replaces the first for the day
    with store.unit_of_work() as uow:
        assert [c.action for c in uow.checkins.choices(athlete_id)] == ["keep"]


def test_hrv_low_needs_two_days_below(store: Store) -> None:
    athlete_id = _athlete(store)
    for back in range(62, 0, -1):
        value = 50.0 if back <= 1 else (60.0 if back % 2 else 70.0)
        save_checkin(store, athlete_id, Checkin(TODAY - timedelta(days=back), rmssd_ms=value))
    save_checkin(store, athlete_id, Checkin(TODAY, rmssd_ms=50.0))
    assert readiness(store, athlete_id, TODAY).signals == ()
    save_checkin(store, athlete_id, Checkin(TODAY + timedelta(days=1), rmssd_ms=50.0))
    nxt = readiness(store, athlete_id, TODAY + timedelta(days=1))
    assert [s.kind for s in nxt.signals] == ["hrv_low"]


DATA = Path(__file__).resolve().parents[1] / "data" / "wellness"


def test_wellness_imports_are_idempotent_and_broken_files_store_nothing(store: Store) -> None:
    athlete_id = _athlete(store)
    save_checkin(store, athlete_id, Checkin(date(2026, 10, 2), {"quads": 5}, note="stairs"))
    first = import_wellness_file(store, athlete_id, DATA / "hrv4training_export.csv")
    assert (first.days_read, first.days_added, first.days_changed) == (30, 29, 1)
    again = import_wellness_file(store, athlete_id, DATA / "hrv4training_export.csv")
    assert (again.days_added, again.days_changed) == (0, 0)
    apple = import_wellness_file(store, athlete_id, DATA / "apple_health_export.xml")
    # HRV4Training gave SDNN, resting HR and sleep for these days already: another source
    # fills gaps only, it never overwrites
    assert (apple.days_read, apple.days_changed) == (10, 0)
    kept = get_checkin(store, athlete_id, date(2026, 10, 2))[1]
    assert kept.note == "stairs" and kept.soreness == {"quads": 5}
    assert kept.rmssd_ms is not None and kept.sdnn_ms is not None
    before = list_checkins(store, athlete_id)[1]
    with pytest.raises(ImportFormatError, match="nothing was imported"):
        import_wellness_file(store, athlete_id, DATA / "broken_apple_health_cut.xml")
    assert list_checkins(store, athlete_id)[1] == before


def test_checkin_text_the_store_cannot_keep_is_refused() -> None:
    with pytest.raises(ValidationError, match="NUL"):
        Checkin(TODAY, note="tired\x00")
    with pytest.raises(ValidationError, match="longer"):
        Checkin(TODAY, hrv_source="x" * 41)


def test_archive_carries_checkins_and_choices(store: Store, tmp_path: Path) -> None:
    from runstrong.services.archive import export_athlete, restore_athlete

    athlete_id = _athlete(store)
    _plan(store, athlete_id)
    save_checkin(store, athlete_id, Checkin(KEY_DAY, {"quads": 6}, sdnn_ms=41.0, note="stairs"))
    choose_action(store, athlete_id, "sore_legs_key_run", "keep", today=KEY_DAY)
    path = tmp_path / "alice.zip"
    exported = export_athlete(store, athlete_id, path)
    assert (exported.counts["checkins"], exported.counts["readiness_choices"]) == (1, 1)
    restored = restore_athlete(store, path, new_name="Alice Copy")
    assert restored.counts == exported.counts
    with store.unit_of_work() as uow:
        copy = uow.athletes.get_by_name("Alice Copy")
        assert copy is not None and copy.id is not None
        (checkin,) = uow.checkins.list_for_athlete(copy.id)
        (choice,) = uow.checkins.choices(copy.id)
    assert (checkin.soreness, checkin.sdnn_ms, checkin.note) == ({"quads": 6}, 41.0, "stairs")
    assert choice.action == "keep" and choice.day == KEY_DAY


def test_a_second_source_fills_gaps_and_never_overwrites(store: Store) -> None:
    athlete_id = _athlete(store)
    day = date(2026, 10, 2)
    import_wellness_file(store, athlete_id, DATA / "hrv4training_export.csv")
    before = get_checkin(store, athlete_id, day)[1]
    garmin = import_wellness_file(store, athlete_id, DATA / "garmin_wellness_sleep_uds.json")
    after = get_checkin(store, athlete_id, day)[1]
    assert after.rmssd_ms == before.rmssd_ms and after.sleep_h == before.sleep_h
    assert garmin.days_changed == 0  # every Garmin field was already filled by HRV4Training
    again = import_wellness_file(store, athlete_id, DATA / "hrv4training_export.csv")
    assert (again.days_added, again.days_changed) == (0, 0)
