"""Warm-up and timed sets and idempotency keys in the store, the archive and the migration, on
SQLite and PostgreSQL."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from runstrong.domain.models import Athlete, StrengthSession, StrengthSet
from runstrong.errors import ValidationError
from runstrong.services.archive import export_athlete, restore_athlete
from runstrong.services.athletes import create_athlete
from runstrong.services.gym import get_gym_settings, update_gym_settings
from runstrong.services.lifts import get_exercise_history, log_session_with_records
from runstrong.store import Store

SETS = (
    StrengthSet("leg-press", 10, 60.0, warmup=True),
    StrengthSet("leg-press", 5, 150.0, 8.0),
    StrengthSet("front-plank", 1, 0.0, duration_s=40.0),
    StrengthSet("single-leg-leg-press", 8, 70.0, 8.0, "left", warmup=False),
)


@pytest.fixture
def athlete_id(store: Store) -> int:
    created = create_athlete(store, Athlete("Mia", timezone="Europe/Ljubljana"))
    assert created.id is not None
    return created.id


def _session(day: int = 5) -> StrengthSession:
    return StrengthSession(datetime(2026, 1, day, 7, tzinfo=UTC), SETS)


def test_flags_and_holds_round_trip(store: Store, athlete_id: int) -> None:
    logged = log_session_with_records(store, athlete_id, _session())
    assert logged.created and logged.session.sets == SETS
    with store.unit_of_work() as uow:
        (listed,) = uow.strength.list_for_athlete(athlete_id)
    assert listed.sets == SETS
    history = get_exercise_history(store, athlete_id, "front-plank")
    assert history.sessions[0].longest_hold_s == 40.0


def test_idempotency_key_stores_once_per_athlete(store: Store, athlete_id: int) -> None:
    other = create_athlete(store, Athlete("Noor")).id
    first = log_session_with_records(store, athlete_id, _session(), idempotency_key="k-1")
    again = log_session_with_records(store, athlete_id, _session(6), idempotency_key="k-1")
    assert (first.created, again.created) == (True, False)
    assert again.session.id == first.session.id
    assert again.session.started_at == first.session.started_at  # the first one's, not the resend's
    elsewhere = log_session_with_records(store, other, _session(), idempotency_key="k-1")
    assert elsewhere.created  # keys are per athlete
    with store.unit_of_work() as uow:
        assert uow.strength.count(athlete_id) == 1
        assert uow.strength.by_idempotency_key(athlete_id, "k-2") is None
    with pytest.raises(ValidationError):
        log_session_with_records(store, athlete_id, _session(), idempotency_key=" ")


def test_archive_keeps_flags_and_reads_archives_written_before_them(
    store: Store, athlete_id: int, tmp_path: Path
) -> None:
    log_session_with_records(store, athlete_id, _session(), idempotency_key="phone-1")
    archive = tmp_path / "mia.zip"
    export_athlete(store, athlete_id, archive)
    with zipfile.ZipFile(archive) as opened:
        line = json.loads(opened.read("strength_sessions.jsonl").splitlines()[0])
    assert "idempotency_key" not in line  # the server's, not the athlete's
    assert [s["warmup"] for s in line["sets"]] == [True, False, False, False]
    restore_athlete(store, archive, new_name="Mia Copy")
    with store.unit_of_work() as uow:
        copy = uow.athletes.get_by_name("Mia Copy")
        assert copy is not None and copy.id is not None
        (restored,) = uow.strength.list_for_athlete(copy.id)
    assert restored.sets == SETS

    older = tmp_path / "older.zip"  # the same archive as written before warm-ups existed
    with zipfile.ZipFile(archive) as opened:
        members = {name: opened.read(name) for name in opened.namelist()}
    for set_record in line["sets"]:
        del set_record["warmup"], set_record["duration_s"]
    members["strength_sessions.jsonl"] = json.dumps(line).encode() + b"\n"
    manifest = json.loads(members["manifest.json"])
    import hashlib

    for name, entry in manifest["members"].items():
        entry["sha256"] = hashlib.sha256(members[name]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(older, "w") as written:
        for name, data in members.items():
            written.writestr(name, data)
    restore_athlete(store, older, new_name="Mia Old")
    with store.unit_of_work() as uow:
        old = uow.athletes.get_by_name("Mia Old")
        assert old is not None and old.id is not None
        (session,) = uow.strength.list_for_athlete(old.id)
    assert not any(s.warmup or s.duration_s for s in session.sets)


def test_gym_settings_in_pounds(store: Store, athlete_id: int) -> None:
    assert get_gym_settings(store, athlete_id).bar_kg == 20.0  # the default
    saved = update_gym_settings(store, athlete_id, unit="lb", bar=45, plates=[45, 25, 10], sled=100)
    assert saved.bar_kg == pytest.approx(20.41165665)
    assert saved.plates_kg == pytest.approx((45 * 0.45359237, 25 * 0.45359237, 10 * 0.45359237))
    assert get_gym_settings(store, athlete_id) == saved


def test_migration_0007_downgrades_and_upgrades(store: Store, athlete_id: int) -> None:
    from sqlalchemy import inspect

    from runstrong.store.migrations_runner import migrate

    log_session_with_records(store, athlete_id, _session(), idempotency_key="k")
    try:
        migrate(store.engine, "0006")  # as `runstrong.store.migrate` does: SQLite keys off
        inspector = inspect(store.engine)
        assert "warmup" not in {c["name"] for c in inspector.get_columns("strength_sets")}
        assert "gym_settings" not in inspector.get_table_names()
    finally:
        migrate(store.engine, "head")
    with store.unit_of_work() as uow:
        (kept,) = uow.strength.list_for_athlete(athlete_id)
    assert [s.warmup for s in kept.sets] == [False] * 4  # the flags went with the columns
    assert [s.reps for s in kept.sets] == [s.reps for s in SETS]


def _plan_today(store: Store, athlete_id: int, today: date) -> None:
    from runstrong.domain.plan import (
        AthleteBaseline,
        ExercisePrescription,
        Plan,
        PlannedSession,
        PlanRequest,
        PlanWeek,
    )

    request = PlanRequest("10k", 10_000.0, today + timedelta(days=60), today, "distance")
    session = PlannedSession(
        today,
        "strength",
        "Strength A",
        exercises=(
            ExercisePrescription("leg-press", 3, 5, target_rpe=8.0),
            ExercisePrescription("front-plank", 3, 1, hold_s=30.0),
        ),
    )
    plan = Plan(request, AthleteBaseline(), (PlanWeek(0, today, "base", False),), (session,))
    with store.unit_of_work() as uow:
        uow.plans.add(athlete_id, plan)


def test_gym_data_offers_todays_planned_session_with_loads_from_the_e1rm(
    store: Store, athlete_id: int
) -> None:
    from zoneinfo import ZoneInfo

    from runstrong.science.strength import load_for_target, set_one_rep_max
    from runstrong.services.gym import gym_floor_data

    log_session_with_records(store, athlete_id, _session())  # 5 x 150 kg @8
    today = datetime.now(UTC).astimezone(ZoneInfo("Europe/Ljubljana")).date()
    _plan_today(store, athlete_id, today)
    data = gym_floor_data(store, athlete_id)
    assert data["plan_today"]["title"] == "Strength A"
    assert [e["exercise"] for e in data["plan_today"]["exercises"]] == ["leg-press", "front-plank"]
    leg_press = data["suggestions"]["leg-press"]
    assert leg_press["source"] == "plan"
    assert leg_press["load_kg"] == load_for_target(set_one_rep_max(150.0, 5, 8.0), 5, 8.0)
    assert data["suggestions"]["front-plank"]["hold_s"] == 30.0
