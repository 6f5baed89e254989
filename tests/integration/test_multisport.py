"""Multisport files: one event with its legs and transitions, on both backends; transitions
count in the load; stores from before transitions were kept are grouped by migration 0009 and
completed by importing the file again, without duplicates."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from runstrong.domain.models import Athlete
from runstrong.importers import content_id
from runstrong.library.catalog import load_catalog
from runstrong.services.athletes import create_athlete
from runstrong.services.daily_series import build_daily_inputs, estimated_rpe
from runstrong.services.imports import import_paths
from runstrong.services.multisport import events_with_legs
from runstrong.store import Store
from runstrong.store.migrations_runner import migrate, upgrade_to_head
from tests.conftest import SHARED_DATA

RACE = SHARED_DATA / "fit" / "activity-large-fenxi2-multisport.fit"
needs_shared = pytest.mark.skipif(not RACE.is_file(), reason=f"{RACE} not found")


def _rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    with store.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def _count(store: Store, table: str) -> int:
    return int(_rows(store, f"SELECT count(*) FROM {table}")[0][0])


def _activities(store: Store) -> list[tuple[object, ...]]:
    return _rows(
        store, "SELECT external_id, sport, event_id FROM activities ORDER BY started_at, id"
    )


@needs_shared
def test_a_race_is_one_event_with_its_legs_and_transitions(store: Store) -> None:
    athlete = create_athlete(store, Athlete(name="Ana"))
    assert athlete.id is not None

    report = import_paths(store, "Ana", [RACE], workers=1)

    (outcome,) = report.outcomes
    assert (outcome.status, outcome.activities_added) == ("imported", 7)
    stored = _activities(store)
    assert [sport for _, sport, _ in stored] == [
        "other",
        "transition",
        "running",
        "transition",
        "running",
        "transition",
        "cycling",
    ]
    (event_id,) = {event for _, _, event in stored}
    assert isinstance(event_id, int)
    events = _rows(store, "SELECT kind, external_id, transitions_complete FROM multisport_events")
    assert events == [("multisport", content_id(RACE.read_bytes()), True)]
    grouped = events_with_legs(store, athlete.id, [event_id, None])
    legs = grouped[event_id]
    assert (legs.leg_count, legs.transition_count) == (4, 3)
    assert legs.moving_time_s == pytest.approx(
        11738.24 + 334.79 + 2294.84 + 4.3 + 6764.48 + 269.81 + 3211.0
    )
    assert [legs.position(leg.id) for leg in legs.legs if leg.id] == list(range(1, 8))

    again = import_paths(store, "Ana", [RACE], workers=1)
    assert again.outcomes[0].status == "already_present"
    assert (_count(store, "activities"), _count(store, "multisport_events")) == (7, 1)


@needs_shared
def test_transition_time_counts_in_the_daily_load(store: Store) -> None:
    athlete = create_athlete(store, Athlete(name="Ana"))
    import_paths(store, "Ana", [RACE], workers=1)
    assert athlete.id is not None
    with store.unit_of_work() as uow:
        activities = uow.activities.list_for_athlete(athlete.id)
    day = date(2015, 8, 29)
    catalog = load_catalog()
    with_transitions = build_daily_inputs(athlete, activities, [], day, day, catalog)
    legs_only = [a for a in activities if a.sport != "transition"]
    without = build_daily_inputs(athlete, legs_only, [], day, day, catalog)
    transition_minutes = (334.79 + 4.3 + 269.81) / 60.0
    expected = estimated_rpe(None) * transition_minutes  # session RPE x minutes (Foster 2001)
    difference = with_transitions.daily_load[0] - without.daily_load[0]
    assert difference == pytest.approx(expected, rel=1e-6)


@needs_shared
def test_legs_imported_before_transitions_were_kept_are_grouped_and_completed(
    store: Store,
) -> None:
    create_athlete(store, Athlete(name="Ana"))
    import_paths(store, "Ana", [RACE], workers=1)
    # make the store look as the importer before migration 0009 left it: legs only
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM activities WHERE sport = 'transition'"))
        connection.execute(text("UPDATE activities SET event_id = NULL"))
        connection.execute(text("DELETE FROM multisport_events"))
    migrate(store.engine, "0008")
    legacy = _rows(store, "SELECT external_id, sport FROM activities ORDER BY started_at")
    assert [external_id.rsplit("#", 1)[1] for external_id, _ in legacy] == ["0", "2", "4", "6"]

    upgrade_to_head(store.engine)

    stored = _activities(store)
    assert len(stored) == 4 and len({event for _, _, event in stored}) == 1
    assert stored[0][2] is not None
    assert _rows(store, "SELECT kind, transitions_complete FROM multisport_events") == [
        ("multisport", False)
    ]

    report = import_paths(store, "Ana", [RACE], workers=1)

    (outcome,) = report.outcomes
    assert (outcome.status, outcome.activities_added) == ("imported", 3)  # the transitions
    stored = _activities(store)
    assert [sport for _, sport, _ in stored].count("transition") == 3
    assert len({external_id for external_id, _, _ in stored}) == len(stored) == 7
    assert len({event for _, _, event in stored}) == 1
    assert _rows(store, "SELECT transitions_complete FROM multisport_events") == [(True,)]
    assert import_paths(store, "Ana", [RACE], workers=1).outcomes[0].status == "already_present"
    assert _count(store, "activities") == 7


def test_a_broken_multisport_file_leaves_no_event(store: Store, tmp_path: object) -> None:
    from pathlib import Path

    from tests.data import make_synthetic

    create_athlete(store, Athlete(name="Ana"))
    data = bytearray(make_synthetic.multisport_fit())
    data[-1] ^= 0xFF  # the file CRC no longer matches
    broken = Path(str(tmp_path)) / "race.fit"
    broken.write_bytes(bytes(data))

    report = import_paths(store, "Ana", [broken], workers=1)

    assert report.outcomes[0].status == "failed"
    assert (_count(store, "activities"), _count(store, "multisport_events")) == (0, 0)


@needs_shared
def test_export_and_restore_keep_a_race_as_one_event(store: Store, tmp_path: object) -> None:
    from pathlib import Path

    from runstrong.services.archive import export_athlete, restore_athlete

    create_athlete(store, Athlete(name="Ana"))
    import_paths(store, "Ana", [RACE], workers=1)
    archive = Path(str(tmp_path)) / "ana.zip"
    export_athlete(store, "Ana", archive)

    restore_athlete(store, archive, new_name="Ana (copy)")

    events = _rows(
        store,
        "SELECT e.athlete_id, e.kind, e.transitions_complete, count(a.id) FROM multisport_events e "
        "JOIN activities a ON a.event_id = e.id GROUP BY e.athlete_id, e.kind, "
        "e.transitions_complete ORDER BY e.athlete_id",
    )
    assert [(kind, complete, legs) for _, kind, complete, legs in events] == [
        ("multisport", True, 7),
        ("multisport", True, 7),
    ]
