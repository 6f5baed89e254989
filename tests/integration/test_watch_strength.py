"""Strength sessions from a watch over a real store (SQLite, and PostgreSQL when one answers):
import, re-import, naming unidentified sets, earlier "other" imports converted, bricks, the
load on the session's day, exercise history and the archive."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from runstrong.domain.models import Activity, Athlete
from runstrong.domain.plan import ExercisePrescription, PlannedSession
from runstrong.errors import NotFound, ValidationError
from runstrong.importers import content_id
from runstrong.library.fit_names import UNIDENTIFIED_SLUG
from runstrong.planning.compliance import match_sessions
from runstrong.services.archive import export_athlete, restore_athlete
from runstrong.services.athletes import create_athlete
from runstrong.services.editing import (
    delete_activity,
    delete_strength_session,
    edit_strength_session,
)
from runstrong.services.gym import gym_floor_data
from runstrong.services.history import get_strength_session, list_strength_sessions
from runstrong.services.imports import import_paths
from runstrong.services.lifts import get_exercise_history
from runstrong.services.multisport import events_with_legs
from runstrong.services.week_log import done_sessions
from runstrong.store import Store

DATA = Path(__file__).resolve().parents[1] / "data" / "fit"
WATCH = DATA / "strength-watch.fit"
BRICK = DATA / "brick-gym-run-gym.fit"


def _athlete(store: Store, hr_max: float | None = 190) -> Athlete:
    return create_athlete(
        store,
        Athlete(name="Ana", timezone="UTC", hr_max_bpm=hr_max, hr_rest_bpm=50 if hr_max else None),
    )


def _count(store: Store, table: str) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def _only_session(store: Store, athlete: Athlete):  # type: ignore[no-untyped-def]
    assert athlete.id is not None
    sessions = list_strength_sessions(store, athlete.id).items
    assert len(sessions) == 1
    return get_strength_session(store, athlete.id, sessions[0].id or 0)


def test_import_stores_sets_rests_heart_rate_and_an_estimated_rpe(store: Store) -> None:
    athlete = _athlete(store)
    report = import_paths(store, "Ana", [WATCH])
    assert [o.status for o in report.outcomes] == ["imported"]
    assert report.outcomes[0].strength_sessions_added == 1
    assert _count(store, "activities") == 0
    session = _only_session(store, athlete)
    assert len(session.sets) == 9 and session.sets[1].rest_s == 90.0
    assert session.sets[5].duration_s == 45.0
    assert (session.avg_hr_bpm, session.max_hr_bpm) == (112.0, 135.0)
    assert len(session.hr_series) == 1800
    assert session.rpe is None and session.rpe_estimate is not None
    assert 0 < session.rpe_estimate < 10
    # re-import adds nothing
    again = import_paths(store, "Ana", [WATCH])
    assert [o.status for o in again.outcomes] == ["already_present"]
    assert _count(store, "strength_sessions") == 1 and _count(store, "strength_sets") == 9


def test_without_hr_max_there_is_no_estimate(store: Store) -> None:
    athlete = _athlete(store, hr_max=None)
    import_paths(store, "Ana", [WATCH])
    assert _only_session(store, athlete).rpe_estimate is None


def test_naming_unidentified_sets_survives_reimport(store: Store, tmp_path: Path) -> None:
    athlete = _athlete(store)
    import_paths(store, "Ana", [WATCH])
    session = _only_session(store, athlete)
    assert session.id is not None
    with pytest.raises(NotFound):
        edit_strength_session(store, "Ana", session.id, {}, name_unidentified="no-such-lift")
    named = edit_strength_session(store, "Ana", session.id, {}, name_unidentified="Goblet Squat")
    assert [s.exercise_slug for s in named.sets].count("goblet-squat") == 2
    assert UNIDENTIFIED_SLUG not in {s.exercise_slug for s in named.sets}
    assert named.sets[1].rest_s == 90.0  # the rest of the sets kept as they were
    with pytest.raises(ValidationError, match="no unidentified sets"):
        edit_strength_session(store, "Ana", session.id, {}, name_unidentified="goblet-squat")
    copy = tmp_path / "again.fit"  # the same file under another name
    shutil.copy(WATCH, copy)
    import_paths(store, "Ana", [copy])
    kept = _only_session(store, athlete)
    assert [s.exercise_slug for s in kept.sets].count("goblet-squat") == 2


def test_a_given_rpe_replaces_the_estimate_in_the_load(store: Store) -> None:
    athlete = _athlete(store)
    import_paths(store, "Ana", [WATCH])
    session = _only_session(store, athlete)
    day = date(2024, 5, 2)
    [estimated] = [d for d in done_sessions(store, athlete, day, day) if d.kind == "strength"]
    assert session.rpe_estimate is not None and session.duration_s is not None
    assert estimated.load_au == pytest.approx(session.rpe_estimate * session.duration_s / 60)
    assert estimated.load_au > 0
    assert session.id is not None
    edit_strength_session(store, "Ana", session.id, {"rpe": 7.0})
    [rated] = [d for d in done_sessions(store, athlete, day, day) if d.kind == "strength"]
    assert rated.load_au == pytest.approx(7.0 * session.duration_s / 60)


def test_an_earlier_other_activity_of_the_file_becomes_the_strength_session(
    store: Store,
) -> None:
    athlete = _athlete(store)
    assert athlete.id is not None
    file_id = content_id(WATCH.read_bytes())
    with store.unit_of_work() as uow:  # as an import before this change stored it
        from datetime import UTC, datetime

        uow.activities.add(
            athlete.id,
            Activity(
                started_at=datetime(2024, 5, 2, 17, tzinfo=UTC),
                sport="other",
                moving_time_s=1799.0,
                elapsed_time_s=1799.0,
                rpe=8.0,
                notes="heavy day",
                source="fit",
                external_id=file_id,
            ),
        )
    report = import_paths(store, "Ana", [WATCH])
    assert [o.status for o in report.outcomes] == ["imported"]
    assert _count(store, "activities") == 0
    session = _only_session(store, athlete)
    assert (session.rpe, session.notes, len(session.sets)) == (8.0, "heavy day", 9)
    assert session.external_id == file_id
    again = import_paths(store, "Ana", [WATCH])
    assert [o.status for o in again.outcomes] == ["already_present"]
    assert _count(store, "strength_sessions") == 1


def test_brick_imports_both_strength_legs_and_the_run_once(store: Store) -> None:
    _athlete(store)
    report = import_paths(store, "Ana", [BRICK])
    [outcome] = report.outcomes
    assert outcome.status == "imported", outcome.message
    assert (outcome.activities_added, outcome.strength_sessions_added) == (2, 2)
    assert any("0.757 s" in w for w in outcome.warnings)
    with store.engine.connect() as connection:
        sports = connection.execute(text("SELECT sport FROM activities ORDER BY started_at"))
        assert [row[0] for row in sports] == ["running", "transition"]
    assert _count(store, "multisport_events") == 1
    import_paths(store, "Ana", [BRICK])
    assert (_count(store, "activities"), _count(store, "strength_sessions")) == (2, 2)


def test_watch_sets_show_in_exercise_history_without_warm_ups(store: Store) -> None:
    _athlete(store)
    import_paths(store, "Ana", [WATCH])
    history = get_exercise_history(store, "Ana", "leg-press")
    assert len(history.sessions) == 1
    assert next(r.load_kg for r in history.records if r.reps == 8) == 110.0
    assert sum(w.hard_sets for w in history.weekly_hard_sets) == 3


def test_archive_keeps_the_watch_fields(store: Store, tmp_path: Path) -> None:
    athlete = _athlete(store)
    import_paths(store, "Ana", [WATCH])
    before = _only_session(store, athlete)
    path = tmp_path / "ana.zip"
    export_athlete(store, "Ana", path)
    restored_name = "Ana restored"
    restore_athlete(store, path, new_name=restored_name)
    with store.unit_of_work() as uow:
        copy = uow.athletes.get_by_name(restored_name)
    assert copy is not None
    after = _only_session(store, copy)
    assert after.hr_series == before.hr_series
    assert (after.avg_hr_bpm, after.max_hr_bpm, after.rpe_estimate) == (
        before.avg_hr_bpm,
        before.max_hr_bpm,
        before.rpe_estimate,
    )
    assert [s.rest_s for s in after.sets] == [s.rest_s for s in before.sets]


def test_watch_rests_feed_the_gym_timer_defaults(store: Store) -> None:
    athlete = _athlete(store)
    assert athlete.id is not None
    import_paths(store, "Ana", [WATCH])
    rests = {e["slug"]: e["rest_s"] for e in gym_floor_data(store, athlete.id)["exercises"]}
    assert rests["leg-press"] == 90  # median of the watch's 90, 90 and 120 s
    assert rests["front-plank"] == 60
    assert rests["goblet-squat"] == 150  # never recorded: the strength default


def test_a_watch_session_matches_its_planned_session(store: Store) -> None:
    athlete = _athlete(store)
    import_paths(store, "Ana", [WATCH])
    day = date(2024, 5, 2)
    done = [d for d in done_sessions(store, athlete, day, day) if d.kind == "strength"]
    exercises = (ExercisePrescription("leg-press", sets=3, reps=10, load_kg=100.0),)
    small = PlannedSession(day, "strength", "Legs", exercises=exercises, planned_load_au=50.0)
    big = PlannedSession(day, "strength", "Legs", exercises=exercises, planned_load_au=5000.0)
    [matched] = match_sessions([small], done, today=date(2024, 5, 3))
    assert matched.status == "done" and matched.done is not None
    [partly] = match_sessions([big], done, today=date(2024, 5, 3))
    assert partly.status == "partly"


def test_an_earlier_other_leg_of_a_brick_is_converted_too(store: Store) -> None:
    athlete = _athlete(store)
    assert athlete.id is not None
    file_id = content_id(BRICK.read_bytes())
    import_paths(store, "Ana", [BRICK])
    with store.unit_of_work() as uow:  # as if the last leg had been stored as "other"
        [second] = [
            s for s in uow.strength.list_for_athlete(athlete.id) if s.external_id == f"{file_id}#4"
        ]
        assert second.id is not None
        uow.edits.delete_strength_session(athlete.id, second.id)
        uow.activities.add(
            athlete.id,
            Activity(
                started_at=second.started_at,
                sport="other",
                moving_time_s=599.0,
                elapsed_time_s=599.0,
                source="fit",
                external_id=f"{file_id}#4",
            ),
        )
    report = import_paths(store, "Ana", [BRICK])
    assert [o.strength_sessions_added for o in report.outcomes] == [1]
    with store.engine.connect() as connection:
        others = connection.execute(text("SELECT count(*) FROM activities WHERE sport = 'other'"))
        assert others.scalar_one() == 0
    assert _count(store, "strength_sessions") == 2


def _event_ids(store: Store, table: str) -> list[object]:
    with store.engine.connect() as connection:
        rows = connection.execute(text(f"SELECT event_id FROM {table} ORDER BY started_at"))
        return [row[0] for row in rows]


def test_a_brick_is_one_event_holding_its_gym_legs_the_run_and_the_transition(
    store: Store,
) -> None:
    athlete = _athlete(store)
    assert athlete.id is not None
    import_paths(store, "Ana", [BRICK])
    [event_id] = set(_event_ids(store, "activities"))
    assert event_id is not None
    assert _event_ids(store, "strength_sessions") == [event_id, event_id]
    legs = events_with_legs(store, athlete.id, [int(str(event_id))])[int(str(event_id))]
    assert legs.event.kind == "multisport"
    assert [getattr(m, "sport", "strength") for m in legs.members] == [
        "strength",
        "running",
        "transition",
        "strength",
    ]
    assert (legs.leg_count, legs.transition_count) == (3, 1)
    # 17:00:00 (first gym leg) to 17:20:31 + 599 s (end of the second)
    assert legs.elapsed_time_s == pytest.approx(30 * 60 + 30)
    assert legs.event.started_at == legs.strength[0].started_at
    second = legs.strength[1]
    assert second.id is not None and legs.strength_position(second.id) == 4

    report = import_paths(store, "Ana", [BRICK])  # again: nothing new, the same one event
    assert [o.status for o in report.outcomes] == ["already_present"]
    assert _count(store, "multisport_events") == 1
    assert _event_ids(store, "strength_sessions") == [event_id, event_id]
    assert (_count(store, "activities"), _count(store, "strength_sessions")) == (2, 2)


def test_deleting_the_bricks_run_leaves_its_gym_legs_and_the_event(store: Store) -> None:
    athlete = _athlete(store)
    assert athlete.id is not None
    import_paths(store, "Ana", [BRICK])
    with store.engine.connect() as connection:
        run_id = connection.execute(
            text("SELECT id FROM activities WHERE sport = 'running'")
        ).scalar_one()
    delete_activity(store, athlete.id, int(run_id))
    [event_id] = set(_event_ids(store, "strength_sessions"))
    assert event_id is not None and _count(store, "strength_sessions") == 2
    assert _count(store, "strength_sets") == 4
    # removing the event itself unlinks its strength sessions (ON DELETE SET NULL), keeps them
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM multisport_events"))
    assert _event_ids(store, "strength_sessions") == [None, None]
    assert _count(store, "strength_sets") == 4


def test_gym_legs_stored_outside_the_event_join_it_when_the_file_comes_again(
    store: Store,
) -> None:
    athlete = _athlete(store)
    assert athlete.id is not None
    import_paths(store, "Ana", [BRICK])
    first = min(list_strength_sessions(store, athlete.id).items, key=lambda s: s.started_at)
    assert first.id is not None
    delete_strength_session(store, athlete.id, first.id)  # so the file is read again
    with store.engine.begin() as connection:  # the other as stored before legs had an event
        connection.execute(text("UPDATE strength_sessions SET event_id = NULL"))
    report = import_paths(store, "Ana", [BRICK])
    assert [o.strength_sessions_added for o in report.outcomes] == [1]
    [event_id] = set(_event_ids(store, "activities"))
    assert _event_ids(store, "strength_sessions") == [event_id, event_id]
    assert (_count(store, "multisport_events"), _count(store, "strength_sessions")) == (1, 2)


def test_archive_restore_rebuilds_the_brick_with_its_gym_legs(store: Store, tmp_path: Path) -> None:
    _athlete(store)
    import_paths(store, "Ana", [BRICK])
    path = tmp_path / "ana.zip"
    export_athlete(store, "Ana", path)
    restore_athlete(store, path, new_name="Ana restored")
    with store.unit_of_work() as uow:
        copy = uow.athletes.get_by_name("Ana restored")
    assert copy is not None and copy.id is not None
    with store.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT e.id, (SELECT count(*) FROM activities a WHERE a.event_id = e.id), "
                "(SELECT count(*) FROM strength_sessions s WHERE s.event_id = e.id) "
                "FROM multisport_events e WHERE e.athlete_id = :athlete"
            ),
            {"athlete": copy.id},
        ).all()
    assert [(activities, lifts) for _, activities, lifts in rows] == [(2, 2)]
