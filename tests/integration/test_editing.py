"""Editing and deleting over a real store (SQLite and PostgreSQL): derived numbers follow by
exactly the expected amount, a deleted session leaves no row behind, edits survive re-import of
the same file and a deleted run's file imports again, bad input changes nothing, an edit and an
import at once lose nothing, and export/restore keeps edited values."""

from __future__ import annotations

import hashlib
import shutil
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from runstrong.domain.models import Activity, Athlete, StrengthSession, StrengthSet
from runstrong.domain.set_edits import SetChanges
from runstrong.errors import NotFound, PermissionDenied, ValidationError
from runstrong.services.accounts import create_user
from runstrong.services.archive import export_athlete, restore_athlete
from runstrong.services.athletes import create_athlete
from runstrong.services.editing import (
    delete_activity,
    delete_strength_session,
    edit_activity,
    edit_strength_session,
    list_sessions,
)
from runstrong.services.imports import import_paths
from runstrong.services.logging import log_activity, log_strength_session
from runstrong.services.removal import delete_account, delete_athlete
from runstrong.services.sharing import add_comment, share_with_coach
from runstrong.services.status import athlete_status
from runstrong.store import Store
from runstrong.store.tables import Base

DATA = Path(__file__).resolve().parents[1] / "data"
RUN_FIT = DATA / "fit" / "run.fit"
PASSWORD = "correct horse battery staple"
DAY = date(2024, 5, 6)
CTL_DAYS = 42


def _digest(store: Store) -> str:
    digest = hashlib.sha256()
    with store.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in sorted(repr(tuple(r)) for r in connection.execute(select(table))):
                digest.update(row.encode())
    return digest.hexdigest()


def _count(store: Store, table: str, where: str = "", **params: object) -> int:
    query = f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")
    with store.engine.connect() as connection:
        return int(connection.execute(text(query), params).scalar_one())


@pytest.fixture
def ana(store: Store) -> Athlete:
    return create_athlete(store, Athlete("Ana", timezone="Europe/Ljubljana", body_mass_kg=58))


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _lift(store: Store, rpe: float = 6.0, day: date = DAY) -> StrengthSession:
    sets = (
        StrengthSet("leg-press", 6, 140.0, 8.0),
        StrengthSet("single-leg-leg-press", 8, 60.0, None, "left"),
        StrengthSet("single-leg-leg-press", 8, 57.5, None, "right"),
    )
    return log_strength_session(
        store, "Ana", StrengthSession(_at(day, 16), sets, duration_s=3600, rpe=rpe)
    )


def _run(store: Store, day: date, rpe: float = 4.0) -> Activity:
    return log_activity(
        store, "Ana", Activity(_at(day, 6), "running", 2400.0, distance_m=8000.0, rpe=rpe)
    )


def test_editing_rpe_moves_the_days_load_and_ctl_by_exactly_the_expected_amount(
    store: Store, ana: Athlete
) -> None:
    _run(store, DAY - timedelta(days=10))
    lift = _lift(store, rpe=6.0)
    as_of = DAY + timedelta(days=3)
    before = athlete_status(store, "Ana", as_of)
    day_before = athlete_status(store, "Ana", DAY)
    assert lift.id is not None
    edit_strength_session(store, "Ana", lift.id, {"rpe": 8.0})
    after = athlete_status(store, "Ana", as_of)
    day_after = athlete_status(store, "Ana", DAY)
    delta_load = (8.0 - 6.0) * 3600 / 60  # Foster session RPE: RPE x minutes
    assert day_after.load.today_au - day_before.load.today_au == pytest.approx(delta_load)
    # CTL_t = CTL_t-1 + (L_t - CTL_t-1) / 42 is linear in the loads: a change of dL on day D
    # changes CTL on day D by dL/42, and three days later by dL/42 * (41/42)^3.
    decay = (1 - 1 / CTL_DAYS) ** 3
    assert day_after.load.ctl - day_before.load.ctl == pytest.approx(delta_load / CTL_DAYS)
    assert after.load.ctl - before.load.ctl == pytest.approx(delta_load / CTL_DAYS * decay)
    assert after.load.strength_7d_au - before.load.strength_7d_au == pytest.approx(delta_load)


def test_editing_a_run_changes_its_load_and_bumps_the_data_version(
    store: Store, ana: Athlete
) -> None:
    run = _run(store, DAY, rpe=4.0)
    assert run.id is not None
    version = _version(store)
    before = athlete_status(store, "Ana", DAY)
    edited = edit_activity(store, "Ana", run.id, {"rpe": 7.0, "moving_time_s": 3000.0})
    assert edited.elapsed_time_s == 3000.0  # a hand-logged run's elapsed time follows
    after = athlete_status(store, "Ana", DAY)
    assert after.load.today_au - before.load.today_au == pytest.approx(7 * 50 - 4 * 40)
    assert _version(store) == version + 1


def _version(store: Store) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(text("SELECT data_version FROM athletes")).scalar_one())


def _owner_and_coach(store: Store, athlete: Athlete):  # type: ignore[no-untyped-def]
    owner = create_user(store, "ana", PASSWORD, athlete_name="Ana")
    coach = create_user(store, "carl", PASSWORD)
    assert athlete.id is not None
    share_with_coach(store, owner, athlete.id, "carl")
    return owner, coach


def test_deleting_a_session_leaves_no_row_of_it(store: Store, ana: Athlete) -> None:
    _owner, coach = _owner_and_coach(store, ana)
    assert ana.id is not None
    report = import_paths(store, "Ana", [RUN_FIT], workers=1)
    assert report.count("imported") == 1
    lift = _lift(store, day=DAY)
    keep = _lift(store, day=DAY - timedelta(days=1))
    run_id = list_sessions(store, "Ana", kind="run")[1][0].id
    assert lift.id is not None and keep.id is not None
    for subject, subject_id in (("activity", run_id), ("strength_session", lift.id)):
        add_comment(store, coach, ana.id, "knees out", subject=subject, subject_id=subject_id)
    add_comment(store, coach, ana.id, "keep this", subject="strength_session", subject_id=keep.id)
    assert _count(store, "activity_samples") == 1
    delete_activity(store, "Ana", run_id)
    delete_strength_session(store, "Ana", lift.id)
    assert _count(store, "activities") == 0 and _count(store, "activity_samples") == 0
    assert _count(store, "strength_sessions", "id = :i", i=lift.id) == 0
    assert _count(store, "strength_sets", "session_id = :i", i=lift.id) == 0
    assert _count(store, "comments", "subject_id IN (:a, :b)", a=run_id, b=lift.id) == 0
    # the other session, its sets and its comment stay
    assert _count(store, "strength_sets", "session_id = :i", i=keep.id) == 3
    assert _count(store, "comments") == 1
    status = athlete_status(store, "Ana", DAY)
    assert status.load.today_au == 0  # nothing of the deleted session is counted


def test_edits_survive_reimport_and_a_deleted_run_imports_again(
    store: Store, ana: Athlete, tmp_path: Path
) -> None:
    import_paths(store, "Ana", [RUN_FIT], workers=1)
    run = list_sessions(store, "Ana", kind="run")[1][0]
    assert run.activity is not None and run.activity.rpe is None
    edit_activity(store, "Ana", run.id, {"rpe": 6.0, "session_type": "long"})
    copy = tmp_path / "same-run.fit"
    shutil.copy(RUN_FIT, copy)
    again = import_paths(store, "Ana", [RUN_FIT, copy], workers=1)
    assert [o.status for o in again.outcomes] == ["already_present", "already_present"]
    kept = list_sessions(store, "Ana", kind="run")[1]
    assert len(kept) == 1 and kept[0].activity is not None
    assert (kept[0].activity.rpe, kept[0].activity.session_type) == (6.0, "long")
    with store.unit_of_work() as uow:
        assert uow.edits.edited_fields("activity", run.id) == ("rpe", "session_type")
    delete_activity(store, "Ana", run.id)
    back = import_paths(store, "Ana", [RUN_FIT], workers=1)
    assert back.count("imported") == 1 and back.samples_added > 0
    fresh = list_sessions(store, "Ana", kind="run")[1]
    assert len(fresh) == 1 and fresh[0].activity is not None and fresh[0].activity.rpe is None


@pytest.mark.parametrize(
    ("action", "error"),
    [
        (lambda s, ids: edit_activity(s, "Ana", 999_999, {"rpe": 5.0}), NotFound),
        (lambda s, ids: edit_activity(s, "Ana", ids["other_run"], {"rpe": 5.0}), NotFound),
        (lambda s, ids: edit_activity(s, "Ana", ids["run"], {"rpe": 11.0}), ValidationError),
        (lambda s, ids: edit_activity(s, "Ana", ids["run"], {"device": "x"}), ValidationError),
        (
            lambda s, ids: edit_activity(
                s, "Ana", ids["run"], {"started_at": datetime.now(UTC) + timedelta(days=2)}
            ),
            ValidationError,
        ),
        (
            lambda s, ids: edit_activity(
                s, "Ana", ids["run"], {"pain_score": 5.0}
            ),  # pain without a location
            ValidationError,
        ),
        (
            lambda s, ids: edit_strength_session(s, "Ana", ids["lift"], {"rpe": 11.0}),
            ValidationError,
        ),
        (
            lambda s, ids: edit_strength_session(
                s, "Ana", ids["lift"], {}, SetChanges(deletes=(1, 2, 3))
            ),
            ValidationError,
        ),
        (
            lambda s, ids: edit_strength_session(
                s, "Ana", ids["lift"], {}, SetChanges(replace_all=(StrengthSet("nope", 5, 1.0),))
            ),
            NotFound,
        ),
        (lambda s, ids: delete_activity(s, "Ana", ids["other_run"]), NotFound),
        (lambda s, ids: delete_strength_session(s, "Ana", 999_999), NotFound),
    ],
)
def test_bad_edits_change_nothing(store: Store, ana: Athlete, action, error) -> None:  # type: ignore[no-untyped-def]
    run = _run(store, DAY)
    lift = _lift(store)
    create_athlete(store, Athlete("Bo"))
    other = log_activity(store, "Bo", Activity(_at(DAY, 7), "running", 1800.0, distance_m=5000.0))
    ids = {"run": run.id, "lift": lift.id, "other_run": other.id}
    before = _digest(store)
    with pytest.raises(error):
        action(store, ids)
    assert _digest(store) == before


def test_deleting_twice_is_an_error_the_second_time(store: Store, ana: Athlete) -> None:
    run = _run(store, DAY)
    assert run.id is not None
    delete_activity(store, "Ana", run.id)
    before = _digest(store)
    with pytest.raises(NotFound, match="no run with id"):
        delete_activity(store, "Ana", run.id)
    assert _digest(store) == before


def test_set_changes_edit_delete_and_add(store: Store, ana: Athlete) -> None:
    from runstrong.domain.set_edits import SetEdit
    from runstrong.domain.set_notation import parse_set_group

    lift = _lift(store)
    assert lift.id is not None
    changes = SetChanges(
        edits=(SetEdit(1, parse_set_group("1x6@145kg rpe8")),),
        deletes=(3,),
        adds=(StrengthSet("standing-calf-raise", 12, 60.0),),
    )
    edited = edit_strength_session(store, "Ana", lift.id, {"notes": "heavier"}, changes)
    assert [(s.exercise_slug, s.load_kg, s.side) for s in edited.sets] == [
        ("leg-press", 145.0, "both"),
        ("single-leg-leg-press", 60.0, "left"),
        ("standing-calf-raise", 60.0, "both"),
    ]
    assert edited.notes == "heavier"
    assert _count(store, "strength_sets", "session_id = :i", i=lift.id) == 3


def test_changing_one_set_keeps_the_warm_ups_and_holds_of_the_others(
    store: Store, ana: Athlete
) -> None:
    from runstrong.domain.set_edits import SetEdit
    from runstrong.domain.set_notation import parse_set_group

    sets = (
        StrengthSet("leg-press", 10, 60.0, warmup=True),
        StrengthSet("leg-press", 6, 140.0, 8.0),
        StrengthSet("front-plank", 1, 0.0, duration_s=40.0),
        StrengthSet("front-plank", 1, 0.0, warmup=True, duration_s=20.0),
    )
    lift = log_strength_session(store, "Ana", StrengthSession(_at(DAY, 16), sets, rpe=6.0))
    assert lift.id is not None
    changes = SetChanges(
        edits=(SetEdit(2, parse_set_group("1x6@145kg rpe8")),),
        adds=parse_set_group("2x45s bw").expand("side-plank"),
    )
    edit_strength_session(store, "Ana", lift.id, {}, changes)
    with store.engine.connect() as connection:
        stored = connection.execute(
            text(
                "SELECT exercise_slug, load_kg, warmup, duration_s FROM strength_sets "
                "WHERE session_id = :i ORDER BY position"
            ),
            {"i": lift.id},
        ).all()
    assert [(slug, load, bool(warm), hold) for slug, load, warm, hold in stored] == [
        ("leg-press", 60.0, True, None),
        ("leg-press", 145.0, False, None),
        ("front-plank", 0.0, False, 40.0),
        ("front-plank", 0.0, True, 20.0),
        ("side-plank", 0.0, False, 45.0),
        ("side-plank", 0.0, False, 45.0),
    ]
    # the stored session reads back the same, and a session-field edit leaves the sets alone
    again = edit_strength_session(store, "Ana", lift.id, {"notes": "plank felt easy"})
    assert [(s.warmup, s.duration_s) for s in again.sets] == [
        (True, None), (False, None), (False, 40.0), (True, 20.0), (False, 45.0), (False, 45.0),
    ]  # fmt: skip


def test_an_edit_and_an_import_at_once_lose_nothing(store: Store, ana: Athlete) -> None:
    runs = [_run(store, DAY - timedelta(days=n), rpe=3.0) for n in range(1, 9)]
    errors: list[BaseException] = []

    def edit_all() -> None:
        try:
            for number, run in enumerate(runs):
                assert run.id is not None
                edit_activity(store, "Ana", run.id, {"rpe": 5.0 + number % 3})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def import_file() -> None:
        try:
            import_paths(store, "Ana", [RUN_FIT], workers=1)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=edit_all), threading.Thread(target=import_file)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    stored = {line.id: line.activity for line in list_sessions(store, "Ana", kind="run")[1]}
    assert len(stored) == len(runs) + 1
    for number, run in enumerate(runs):
        found = stored[run.id or 0]
        assert found is not None and found.rpe == 5.0 + number % 3
    assert _count(store, "activity_samples") == 1


def test_export_and_restore_keep_edited_values(store: Store, ana: Athlete, tmp_path: Path) -> None:
    import_paths(store, "Ana", [RUN_FIT], workers=1)
    run_id = list_sessions(store, "Ana", kind="run")[1][0].id
    lift = _lift(store)
    assert lift.id is not None
    edit_activity(store, "Ana", run_id, {"rpe": 6.0, "notes": "hot day"})
    edit_strength_session(store, "Ana", lift.id, {"rpe": 9.0})
    export_athlete(store, "Ana", tmp_path / "ana.zip")
    restore_athlete(store, tmp_path / "ana.zip", new_name="Ana copy")
    _, lines = list_sessions(store, "Ana copy")
    run = next(line.activity for line in lines if line.activity is not None)
    copy = next(line.strength_session for line in lines if line.strength_session is not None)
    assert run.rpe == 6.0 and run.notes == "hot day" and copy is not None and copy.rpe == 9.0
    with store.unit_of_work() as uow:
        assert uow.edits.edited_fields("activity", run.id or 0) == ("notes", "rpe")
    export_athlete(store, "Ana copy", tmp_path / "copy.zip")
    import zipfile

    with (
        zipfile.ZipFile(tmp_path / "ana.zip") as first,
        zipfile.ZipFile(tmp_path / "copy.zip") as second,
    ):
        assert first.read("activities.jsonl") == second.read("activities.jsonl")


def test_delete_athlete_removes_everything_of_theirs(store: Store, ana: Athlete) -> None:
    _owner, coach = _owner_and_coach(store, ana)
    assert ana.id is not None
    import_paths(store, "Ana", [RUN_FIT], workers=1)
    _lift(store)
    add_comment(store, coach, ana.id, "well done")
    create_athlete(store, Athlete("Bo"))
    removed = delete_athlete(store, "Ana")
    assert (removed.activities, removed.strength_sessions) == (1, 1)
    for table in ("activities", "activity_samples", "strength_sessions", "strength_sets"):
        assert _count(store, table) == 0, table
    assert _count(store, "comments") == 0 and _count(store, "coach_shares") == 0
    assert _count(store, "athletes") == 1 and _count(store, "users") == 2
    with pytest.raises(NotFound):
        delete_athlete(store, "Ana")


def test_delete_account_checks_the_password(store: Store, ana: Athlete) -> None:
    owner, coach = _owner_and_coach(store, ana)
    assert ana.id is not None
    _lift(store)
    add_comment(store, coach, ana.id, "well done")
    before = _digest(store)
    with pytest.raises(PermissionDenied):
        delete_account(store, owner, "wrong password")
    assert _digest(store) == before
    assert delete_account(store, coach, PASSWORD) == []  # a coach: access and comments only
    assert _count(store, "comments") == 0 and _count(store, "strength_sessions") == 1
    removed = delete_account(store, owner, PASSWORD)
    assert [r.name for r in removed] == ["Ana"]
    for table in ("users", "athletes", "strength_sessions", "strength_sets", "coach_shares"):
        assert _count(store, table) == 0, table


def test_a_version_1_archive_without_edit_fields_still_restores(
    store: Store, ana: Athlete, tmp_path: Path
) -> None:
    import json

    from tests.integration.test_archive import _rewrite, as_version_2

    _run(store, DAY)
    _lift(store)
    export_athlete(store, "Ana", tmp_path / "v2.zip")

    def as_version_1(members: dict[str, bytes]) -> None:
        as_version_2(members)
        for name in ("activities.jsonl", "strength_sessions.jsonl"):
            records = [json.loads(line) for line in members[name].splitlines()]
            for record in records:
                del record["edited_fields"], record["edited_at"]
            members[name] = b"".join(json.dumps(r).encode() + b"\n" for r in records)
        manifest = json.loads(members["manifest.json"])
        manifest["format_version"] = 1
        members["manifest.json"] = json.dumps(manifest).encode()

    old = _rewrite(tmp_path / "v2.zip", tmp_path / "v1.zip", as_version_1)
    restored = restore_athlete(store, old, new_name="Ana v1")
    assert restored.counts["activities"] == 1 and restored.counts["strength_sets"] == 3


def test_the_cached_dashboard_follows_edits_and_deletes(store: Store, ana: Athlete) -> None:
    from runstrong.services.dashboard import dashboard_data

    assert ana.id is not None
    lift = _lift(store, rpe=6.0)
    assert lift.id is not None
    as_of = DAY + timedelta(days=1)
    first = dashboard_data(store, ana.id, as_of, days=28)
    assert dashboard_data(store, ana.id, as_of, days=28) is first  # served from the cache
    index = first.series.days.index(DAY)
    assert first.series.strength_load_au[index] == pytest.approx(360.0)
    assert first.leg_press_e1rm and first.weekly_hard_sets.by_muscle
    edit_strength_session(store, "Ana", lift.id, {"rpe": 8.0})
    edited = dashboard_data(store, ana.id, as_of, days=28)
    assert edited.data_version > first.data_version
    assert edited.series.strength_load_au[index] == pytest.approx(480.0)
    delete_strength_session(store, "Ana", lift.id)
    emptied = dashboard_data(store, ana.id, as_of, days=28)
    assert not emptied.leg_press_e1rm
    assert sum(emptied.series.strength_load_au) == 0
