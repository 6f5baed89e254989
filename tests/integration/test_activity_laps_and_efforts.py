"""Laps and best efforts over a real store (SQLite, and PostgreSQL when one answers): stored at
import from FIT and TCX, given to activities stored before laps were kept when their file is
imported again (without a second activity), and best efforts brought up to date on first use."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from sqlalchemy import delete, func, select, text

from runstrong.domain.models import Activity, Athlete, Lap
from runstrong.importers._samples import make_samples
from runstrong.services.activity_detail import activity_detail
from runstrong.services.athletes import create_athlete
from runstrong.services.best_efforts import (
    BEST_EFFORTS_VERSION,
    athlete_bests,
    ensure_best_efforts,
    stored_efforts,
)
from runstrong.services.imports import import_paths
from runstrong.services.logging import log_activity
from runstrong.store import Store
from runstrong.store import activity_extras as extras
from runstrong.store.tables import ActivityBestEffortsRow, ActivityLapRow
from tests.conftest import SHARED_DATA

FIT_RUN = SHARED_DATA / "fit" / "activity-small-fenix2-run.fit"
TCX_SKI = SHARED_DATA / "tcx" / "cross-country-skiing_activity_1.tcx"

needs_shared = pytest.mark.skipif(
    not FIT_RUN.is_file(), reason=f"shared device files not found at {SHARED_DATA}"
)


def _athlete(store: Store) -> int:
    athlete = create_athlete(store, Athlete("Lena", hr_max_bpm=190, hr_rest_bpm=50))
    assert athlete.id is not None
    return athlete.id


def _count(store: Store, table: str) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


@needs_shared
def test_fit_laps_and_best_efforts_are_stored_at_import(store: Store) -> None:
    athlete_id = _athlete(store)
    report = import_paths(store, athlete_id, [FIT_RUN], workers=1)
    assert report.count("imported") == 1
    with store.unit_of_work() as uow:
        (run,) = uow.activities.list_for_athlete(athlete_id)
        assert run.id is not None
        laps = extras.laps_of(uow.session, run.id)
        efforts = extras.best_efforts_of_activity(uow.session, run.id, BEST_EFFORTS_VERSION)
        pending = extras.runs_needing_best_efforts(uow.session, athlete_id, BEST_EFFORTS_VERSION)
    assert [round(lap.distance_m or 0) for lap in laps] == [849, 2988, 2979, 2193]
    assert laps[1].start_s == pytest.approx(272.0)
    assert efforts is not None and [e[0] for e in efforts] == [400.0, 1000.0, 1609.344, 5000.0]
    assert pending == []


@needs_shared
def test_tcx_laps_are_stored(store: Store) -> None:
    athlete_id = _athlete(store)
    import_paths(store, athlete_id, [TCX_SKI], workers=1)
    with store.unit_of_work() as uow:
        (activity,) = uow.activities.list_for_athlete(athlete_id)
        assert activity.id is not None
        laps = extras.laps_of(uow.session, activity.id)
    assert len(laps) == 2 and laps[0].distance_m == pytest.approx(5000.0)
    assert laps[0].avg_hr_bpm == pytest.approx(144.0)


@needs_shared
def test_reimport_gives_laps_to_an_activity_stored_without_them(store: Store) -> None:
    athlete_id = _athlete(store)
    import_paths(store, athlete_id, [FIT_RUN], workers=1)
    with store.unit_of_work() as uow:  # as stored by a runstrong that did not keep laps
        uow.session.execute(delete(ActivityLapRow))
        version = uow.sharing.data_version(athlete_id)
    report = import_paths(store, athlete_id, [FIT_RUN], workers=1)
    with store.unit_of_work() as uow:  # cached views of the activity know it changed
        assert uow.sharing.data_version(athlete_id) > version
    (outcome,) = report.outcomes
    assert outcome.status == "already_present"
    assert outcome.laps_added == 4 and outcome.message and "4 device laps" in outcome.message
    assert _count(store, "activities") == 1
    assert _count(store, "activity_laps") == 4
    again = import_paths(store, athlete_id, [FIT_RUN], workers=1)
    assert again.outcomes[0].status == "already_present" and again.outcomes[0].laps_added == 0
    assert _count(store, "activity_laps") == 4


@needs_shared
def test_best_efforts_missing_or_out_of_date_are_computed_on_first_use(store: Store) -> None:
    athlete_id = _athlete(store)
    import_paths(store, athlete_id, [FIT_RUN], workers=1)
    with store.unit_of_work() as uow:
        uow.session.execute(delete(ActivityBestEffortsRow))
    assert ensure_best_efforts(store, athlete_id) == 1
    assert ensure_best_efforts(store, athlete_id) == 0
    with store.unit_of_work() as uow:
        uow.session.execute(
            ActivityBestEffortsRow.__table__.update().values(version=BEST_EFFORTS_VERSION - 1)
        )
    efforts = stored_efforts(store, athlete_id)
    assert len(efforts) == 4 and all(e.badge == "personal best" for e in efforts)
    with store.unit_of_work() as uow:
        versions = uow.session.scalars(select(ActivityBestEffortsRow.version)).all()
    assert versions == [BEST_EFFORTS_VERSION]


def _synthetic_run(store: Store, athlete_id: int, day: int, speed_m_per_s: float) -> int:
    time_s = np.arange(0.0, 1201.0)
    samples = make_samples(time_s, distance_m=time_s * speed_m_per_s, hr_bpm=np.full(1201, 150.0))
    stored = log_activity(
        store,
        athlete_id,
        Activity(
            started_at=datetime(2024, 1, day, 7, tzinfo=UTC),
            sport="running",
            moving_time_s=1200.0,
            distance_m=1200 * speed_m_per_s,
            samples=samples,
        ),
    )
    assert stored.id is not None
    return stored.id


def test_badges_personal_best_and_best_this_year(store: Store) -> None:
    athlete_id = _athlete(store)
    slow = _synthetic_run(store, athlete_id, 1, 3.0)
    fast = _synthetic_run(store, athlete_id, 2, 4.0)
    bests = athlete_bests(store, athlete_id)
    assert {e.activity_id for e in bests.all_time} == {fast}
    assert bests.all_time[0].name == "400 m" and bests.all_time[0].duration_s == pytest.approx(
        100.0
    )
    slow_detail = activity_detail(store, athlete_id, slow)
    fast_detail = activity_detail(store, athlete_id, fast)
    assert {e.badge for e in fast_detail.best_efforts} == {"personal best"}
    assert {e.badge for e in slow_detail.best_efforts} == {None}


def test_a_deleted_activity_takes_its_laps_and_efforts_with_it(store: Store) -> None:
    athlete_id = _athlete(store)
    run_id = _synthetic_run(store, athlete_id, 3, 3.5)
    ensure_best_efforts(store, athlete_id)
    with store.unit_of_work() as uow:
        extras.add_laps(uow.session, run_id, [Lap(0.0, 600.0), Lap(600.0, 600.0)])
    with store.engine.begin() as connection:
        if store.engine.dialect.name == "sqlite":
            connection.execute(text("PRAGMA foreign_keys=ON"))
        connection.execute(text("DELETE FROM activities WHERE id = :id"), {"id": run_id})
    with store.unit_of_work() as uow:
        laps = uow.session.scalar(select(func.count()).select_from(ActivityLapRow))
        efforts = uow.session.scalar(select(func.count()).select_from(ActivityBestEffortsRow))
    assert laps == 0 and efforts == 0


def test_status_fits_critical_speed_to_best_efforts_without_time_trials(store: Store) -> None:
    from runstrong.services.status import athlete_status

    athlete_id = _athlete(store)
    # 1 km at 5 m/s, then 1000 s at 3.5 m/s: best 1 km 200 s, best mile 200 + 609.344 / 3.5 s
    speed = np.concatenate((np.full(200, 5.0), np.full(1000, 3.5)))
    distance = np.concatenate(([0.0], np.cumsum(speed)))
    time_s = np.arange(len(distance), dtype=np.float64)
    started = datetime.now(UTC) - timedelta(days=10)
    log_activity(
        store,
        athlete_id,
        Activity(
            started_at=started,
            sport="running",
            moving_time_s=1200.0,
            distance_m=float(distance[-1]),
            samples=make_samples(time_s, distance_m=distance),
        ),
    )
    performance = athlete_status(store, athlete_id).performance
    assert performance.critical_speed_from == "best efforts"
    assert performance.critical_speed_m_per_s == pytest.approx(3.5, rel=1e-3)
    assert performance.d_prime_m == pytest.approx(300.0, rel=0.01)
    assert performance.critical_speed_note and "no time trials" in performance.critical_speed_note
