from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import numpy as np
import pytest
from sqlalchemy import inspect, text

from runstrong.domain.models import Activity, ActivitySamples, Athlete, StrengthSession, StrengthSet
from runstrong.store import Store, open_store
from runstrong.store.migrations_runner import current_revision, head_revision


def _athlete(store: Store, name: str = "Ana") -> int:
    with store.unit_of_work() as uow:
        athlete = uow.athletes.add(
            Athlete(name=name, body_mass_kg=60.0, timezone="Europe/Ljubljana")
        )
    assert athlete.id is not None
    return athlete.id


def test_migrations_reach_head_and_create_every_table(store: Store) -> None:
    assert current_revision(store.engine) == head_revision()
    tables = set(inspect(store.engine).get_table_names())
    assert {
        "athletes",
        "activities",
        "activity_samples",
        "strength_sessions",
        "strength_sets",
    } <= tables


def test_opening_twice_does_not_migrate_again(store: Store) -> None:
    again = open_store(store.engine.url.render_as_string(hide_password=False))
    assert current_revision(again.engine) == head_revision()
    again.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    store.dispose()


def test_activity_round_trip_keeps_values_time_zone_and_samples(store: Store) -> None:
    athlete_id = _athlete(store)
    started = datetime(2026, 3, 1, 23, 30, tzinfo=timezone(timedelta(hours=1)))
    seconds = np.arange(0, 3600, dtype=np.float64)
    samples = ActivitySamples(
        time_s=seconds,
        distance_m=seconds * 3.1,
        speed_m_per_s=np.full_like(seconds, 3.1),
        hr_bpm=np.linspace(120, 160, seconds.size),
        cadence_spm=np.full_like(seconds, np.nan),
        altitude_m=np.full_like(seconds, 300.5),
        latitude_deg=np.linspace(46.0, 46.01, seconds.size),
        longitude_deg=np.linspace(14.5, 14.51, seconds.size),
    )
    activity = Activity(
        started_at=started,
        sport="running",
        moving_time_s=3600.0,
        distance_m=11160.0,
        session_type="easy",
        avg_hr_bpm=140.0,
        rpe=4.0,
        external_id="x:1",
        samples=samples,
    )
    with store.unit_of_work() as uow:
        stored = uow.activities.add(athlete_id, activity)
    with store.unit_of_work() as uow:
        loaded = uow.activities.get(stored.id or 0, with_samples=True)
    assert loaded is not None
    assert loaded.started_at == started
    assert loaded.started_at.tzinfo is not None
    assert loaded.distance_m == pytest.approx(11160.0)
    assert loaded.samples is not None and len(loaded.samples) == 3600
    np.testing.assert_allclose(loaded.samples.hr_bpm, samples.hr_bpm, rtol=1e-6)
    np.testing.assert_allclose(
        loaded.samples.latitude_deg, samples.latitude_deg, rtol=0, atol=1e-12
    )
    assert np.isnan(loaded.samples.cadence_spm).all()


def test_strength_session_keeps_set_order_and_sides(store: Store) -> None:
    athlete_id = _athlete(store)
    sets = (
        StrengthSet("leg-press", 6, 140.0, 8.0),
        StrengthSet("single-leg-leg-press", 8, 70.0, 7.5, "left"),
        StrengthSet("single-leg-leg-press", 8, 62.5, 7.5, "right"),
    )
    with store.unit_of_work() as uow:
        uow.strength.add(
            athlete_id, StrengthSession(datetime(2026, 3, 2, 18, tzinfo=UTC), sets, 2700, 7)
        )
    with store.unit_of_work() as uow:
        [loaded] = uow.strength.list_for_athlete(athlete_id)
    assert loaded.sets == sets
    assert loaded.duration_s == 2700


def test_failed_unit_of_work_leaves_nothing(store: Store) -> None:
    athlete_id = _athlete(store)
    with pytest.raises(RuntimeError), store.unit_of_work() as uow:
        uow.activities.add(
            athlete_id,
            Activity(
                started_at=datetime(2026, 3, 1, tzinfo=UTC), sport="running", moving_time_s=60
            ),
        )
        raise RuntimeError("boom")
    with store.unit_of_work() as uow:
        assert uow.activities.count() == 0


def test_database_refuses_impossible_rows(store: Store) -> None:
    athlete_id = _athlete(store)
    with pytest.raises(Exception, match=r"(?i)check|constraint"), store.unit_of_work() as uow:
        uow.strength.add(
            athlete_id,
            StrengthSession(
                datetime(2026, 3, 1, tzinfo=UTC), (StrengthSet("leg-press", 0, 100.0),)
            ),
        )
    with store.unit_of_work() as uow:
        assert uow.strength.count() == 0


def test_external_id_is_unique_per_athlete(store: Store) -> None:
    first, second = _athlete(store, "Ana"), _athlete(store, "Bo")
    run = Activity(
        started_at=datetime(2026, 3, 1, tzinfo=UTC),
        sport="running",
        moving_time_s=600,
        external_id="sha256:abc",
    )
    with store.unit_of_work() as uow:
        uow.activities.add(first, run)
        uow.activities.add(second, run)
    with pytest.raises(Exception, match=r"(?i)unique|duplicate"), store.unit_of_work() as uow:
        uow.activities.add(first, run)
    with store.unit_of_work() as uow:
        assert uow.activities.existing_external_ids(first, ["sha256:abc", "other"]) == {
            "sha256:abc"
        }
        assert uow.activities.count() == 2


def test_deleting_an_athlete_removes_their_sessions(store: Store) -> None:
    athlete_id = _athlete(store)
    with store.unit_of_work() as uow:
        uow.strength.add(
            athlete_id,
            StrengthSession(
                datetime(2026, 3, 1, tzinfo=UTC), (StrengthSet("leg-press", 5, 100.0),)
            ),
        )
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM athletes"))
    with store.unit_of_work() as uow:
        assert uow.strength.count() == 0
        assert uow.strength.count_sets() == 0
