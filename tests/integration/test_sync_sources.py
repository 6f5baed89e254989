"""Folder sources: new, complete files reach the source's athlete once, through the import use
case; broken files fail alone with their reason; a missing folder stops nothing else."""

from __future__ import annotations

import os
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from runstrong.domain.models import Athlete
from runstrong.errors import Conflict, NotFound, PermissionDenied, ValidationError
from runstrong.services.accounts import create_user
from runstrong.services.athletes import create_athlete
from runstrong.services.sources import (
    add_folder_source,
    failed_files,
    list_sources,
    remove_source,
)
from runstrong.services.sync import sync_source, sync_sources
from runstrong.store import Store
from tests.conftest import SHARED_DATA

FIT = SHARED_DATA / "fit"
RUN = FIT / "garmin-fenix-5-run.fit"
OTHER_RUN = FIT / "activity-small-fenix2-run.fit"
BROKEN = FIT / "activity-settings-corruptheader.fit"
pytestmark = pytest.mark.skipif(
    not FIT.is_dir(), reason=f"shared device files not found at {SHARED_DATA}"
)


def _athlete(store: Store, name: str) -> int:
    athlete = create_athlete(store, Athlete(name=name, timezone="Europe/Ljubljana"))
    assert athlete.id is not None
    return athlete.id


def _activity_count(store: Store, athlete_id: int) -> int:
    with store.engine.connect() as connection:
        query = text("SELECT count(*) FROM activities WHERE athlete_id = :a")
        return int(connection.execute(query, {"a": athlete_id}).scalar_one())


def _sample_total(store: Store, athlete_id: int) -> int:
    with store.engine.connect() as connection:
        query = text(
            "SELECT coalesce(sum(s.sample_count), 0) FROM activity_samples s "
            "JOIN activities a ON a.id = s.activity_id WHERE a.athlete_id = :a"
        )
        return int(connection.execute(query, {"a": athlete_id}).scalar_one())


def _age(path: Path, seconds: float = 60) -> None:
    """Make the file look written ``seconds`` ago (a file that has settled)."""
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_two_folders_sync_into_two_athletes_once(store: Store, tmp_path: Path) -> None:
    ana_dir, ben_dir = tmp_path / "ana", tmp_path / "ben"
    ana_dir.mkdir()
    (ben_dir / "GARMIN" / "Activity").mkdir(parents=True)
    shutil.copy(RUN, ana_dir)
    shutil.copy(BROKEN, ana_dir)
    shutil.copy(FIT / "Settings.fit", ana_dir)
    shutil.copy(OTHER_RUN, ben_dir / "GARMIN" / "Activity")
    (ana_dir / "notes.txt").write_text("not an activity")
    ana, ben = _athlete(store, "Ana"), _athlete(store, "Ben")
    add_folder_source(store, "Ana", str(ana_dir))
    add_folder_source(store, "Ben", str(ben_dir))

    results = sync_sources(store, settle_s=0)

    by_athlete = {r.source.athlete_name: {f.path: f for f in r.files} for r in results}
    assert by_athlete["Ana"][RUN.name].status == "imported"
    assert by_athlete["Ana"][BROKEN.name].status == "failed"
    assert "header" in (by_athlete["Ana"][BROKEN.name].reason or "")
    assert by_athlete["Ana"]["Settings.fit"].status == "skipped"
    assert "notes.txt" not in by_athlete["Ana"]
    assert by_athlete["Ben"][f"GARMIN/Activity/{OTHER_RUN.name}"].status == "imported"
    assert (_activity_count(store, ana), _activity_count(store, ben)) == (1, 1)
    listed = {s.athlete_name: s for s in list_sources(store, every=True)}
    assert (listed["Ana"].files_imported, listed["Ana"].files_failed) == (1, 1)
    assert listed["Ana"].last_sync_at is not None
    [failure] = failed_files(store, listed["Ana"].id)
    assert failure.path == BROKEN.name and failure.reason

    again = sync_sources(store, settle_s=0)
    assert all(r.files == () for r in again)  # nothing new, the broken file is not retried
    assert (_activity_count(store, ana), _activity_count(store, ben)) == (1, 1)


def test_renamed_and_copied_files_are_not_imported_twice(store: Store, tmp_path: Path) -> None:
    shutil.copy(RUN, tmp_path / "a.fit")
    ana = _athlete(store, "Ana")
    source = add_folder_source(store, "Ana", str(tmp_path))
    sync_source(store, source.id, settle_s=0)
    (tmp_path / "a.fit").rename(tmp_path / "renamed.fit")
    shutil.copy(tmp_path / "renamed.fit", tmp_path / "copy.fit")

    result = sync_source(store, source.id, settle_s=0)

    assert {f.path: f.status for f in result.files} == {
        "renamed.fit": "duplicate",
        "copy.fit": "duplicate",
    }
    assert _activity_count(store, ana) == 1


def test_a_changed_file_is_imported_again(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "today.fit"
    shutil.copy(RUN, target)
    ana = _athlete(store, "Ana")
    source = add_folder_source(store, "Ana", str(tmp_path))
    sync_source(store, source.id, settle_s=0)
    shutil.copyfile(OTHER_RUN, target)  # the same name, another recording
    _age(target, 30)

    result = sync_source(store, source.id, settle_s=0)

    assert [(f.path, f.status) for f in result.files] == [("today.fit", "imported")]
    assert _activity_count(store, ana) == 2


def test_a_half_written_file_is_taken_only_when_complete(store: Store, tmp_path: Path) -> None:
    data = RUN.read_bytes()
    target = tmp_path / "writing.fit"
    target.write_bytes(data[: len(data) // 2])  # the copy is half-way: just modified
    ana = _athlete(store, "Ana")
    source = add_folder_source(store, "Ana", str(tmp_path))

    first = sync_source(store, source.id, settle_s=30)
    assert [(f.path, f.status) for f in first.files] == [("writing.fit", "waiting")]
    assert _activity_count(store, ana) == 0

    with target.open("ab") as handle:
        handle.write(data[len(data) // 2 :])
    _age(target)  # the copy finished a minute ago
    second = sync_source(store, source.id, settle_s=30)

    assert [(f.path, f.status) for f in second.files] == [("writing.fit", "imported")]
    reference = _athlete(store, "Reference")
    shutil.copy(RUN, tmp_path.parent / "reference.fit")
    from runstrong.services.imports import import_paths

    import_paths(store, reference, [tmp_path.parent / "reference.fit"])
    assert _sample_total(store, ana) == _sample_total(store, reference) > 0


def test_a_missing_folder_is_reported_and_the_others_go_on(store: Store, tmp_path: Path) -> None:
    gone, here = tmp_path / "watch", tmp_path / "here"
    gone.mkdir()
    here.mkdir()
    shutil.copy(RUN, here)
    _athlete(store, "Ana")
    ben = _athlete(store, "Ben")
    add_folder_source(store, "Ana", str(gone))
    add_folder_source(store, "Ben", str(here))
    gone.rmdir()  # the watch is unplugged

    results = sync_sources(store, settle_s=0)

    errors = {r.source.athlete_name: r.error for r in results}
    assert errors["Ana"] is not None and "folder not found" in errors["Ana"]
    assert errors["Ben"] is None
    assert _activity_count(store, ben) == 1
    listed = {s.athlete_name: s for s in list_sources(store, every=True)}
    assert listed["Ana"].last_error == errors["Ana"]


def test_links_and_odd_files_are_not_read(store: Store, tmp_path: Path) -> None:
    folder, outside = tmp_path / "source", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    shutil.copy(RUN, outside / "secret.fit")
    (folder / "link.fit").symlink_to(outside / "secret.fit")
    (folder / "linked-dir").symlink_to(outside, target_is_directory=True)
    os.mkfifo(folder / "pipe.fit")
    shutil.copy(OTHER_RUN, folder / ".hidden.fit")
    shutil.copy(OTHER_RUN, folder / "download.fit.part")
    ana = _athlete(store, "Ana")
    source = add_folder_source(store, "Ana", str(folder))

    result = sync_source(store, source.id, settle_s=0)

    assert result.files == ()
    assert _activity_count(store, ana) == 0


def test_a_source_another_worker_holds_is_left_alone(store: Store, tmp_path: Path) -> None:
    shutil.copy(RUN, tmp_path)
    ana = _athlete(store, "Ana")
    source = add_folder_source(store, "Ana", str(tmp_path))
    now = datetime.now(UTC)
    with store.unit_of_work() as uow:
        assert uow.sources.take_lease(source.id, "other", now, now + timedelta(minutes=5))
        assert not uow.sources.take_lease(source.id, "third", now, now + timedelta(minutes=5))

    held = sync_source(store, source.id, settle_s=0)
    assert held.busy and held.files == ()
    assert _activity_count(store, ana) == 0

    later = now + timedelta(minutes=6)  # the holder died: its lease ran out
    with store.unit_of_work() as uow:
        assert uow.sources.take_lease(source.id, "rescuer", later, later + timedelta(minutes=5))
        uow.sources.release_lease(source.id, "rescuer")
    assert sync_source(store, source.id, settle_s=0).count("imported") == 1


def test_web_users_add_folders_only_under_their_own_base(store: Store, tmp_path: Path) -> None:
    root = tmp_path / "sources"
    (root / "ana" / "watch").mkdir(parents=True)
    (root / "ben").mkdir(parents=True)
    (root / "ana" / "escape").symlink_to(root / "ben", target_is_directory=True)
    user = create_user(store, "ana", "a long password 1", athlete_name="Ana")

    with pytest.raises(PermissionDenied, match="only the operator"):
        add_folder_source(store, "Ana", str(root / "ana" / "watch"), user=user)
    for refused in ("/etc", str(root / "ben"), "../ben", "escape"):
        with pytest.raises(PermissionDenied, match="only folders under"):
            add_folder_source(store, "Ana", refused, user=user, source_root=str(root))
    with pytest.raises(ValidationError, match="no such folder"):
        add_folder_source(store, "Ana", "nothing-here", user=user, source_root=str(root))
    assert list_sources(store, "Ana") == []

    added = add_folder_source(store, "Ana", "watch", user=user, source_root=str(root))
    assert added.location == str((root / "ana" / "watch").resolve())
    assert added.added_by_user_id == user.id
    with pytest.raises(Conflict):
        add_folder_source(store, "Ana", "watch", user=user, source_root=str(root))
    remove_source(store, added.id, user=user)
    assert list_sources(store, "Ana") == []


def test_one_folder_feeds_one_athlete(store: Store, tmp_path: Path) -> None:
    (tmp_path / "inner").mkdir()
    _athlete(store, "Ana")
    _athlete(store, "Ben")
    add_folder_source(store, "Ana", str(tmp_path))
    for other in (tmp_path, tmp_path / "inner", tmp_path.parent):
        with pytest.raises(Conflict, match="another athlete"):
            add_folder_source(store, "Ben", str(other))


def test_operator_sources_cannot_be_removed_from_the_web(store: Store, tmp_path: Path) -> None:
    user = create_user(store, "ana", "a long password 1", athlete_name="Ana")
    source = add_folder_source(store, "Ana", str(tmp_path))
    with pytest.raises(PermissionDenied, match="operator"):
        remove_source(store, source.id, athlete_id=source.athlete_id, user=user)
    with pytest.raises(NotFound):
        remove_source(store, source.id, athlete_id=source.athlete_id + 1)
    assert [s.id for s in list_sources(store, "Ana")] == [source.id]


def test_deleting_the_athlete_removes_their_sources(store: Store, tmp_path: Path) -> None:
    from runstrong.services.removal import delete_athlete

    shutil.copy(RUN, tmp_path)
    _athlete(store, "Ana")
    source = add_folder_source(store, "Ana", str(tmp_path))
    sync_source(store, source.id, settle_s=0)
    delete_athlete(store, "Ana")
    with store.engine.connect() as connection:
        for table in ("sources", "source_files"):
            assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 0


def test_an_export_zip_dropped_in_the_folder_is_one_file(store: Store, tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "export.zip", "w") as archive:
        archive.write(RUN, "activities/a.fit")
        archive.write(OTHER_RUN, "activities/b.fit")
        archive.writestr("activities/broken.fit", b"not a FIT file at all")
    ana = _athlete(store, "Ana")
    source = add_folder_source(store, "Ana", str(tmp_path))

    [result] = sync_source(store, source.id, settle_s=0).files

    assert (result.path, result.status, result.activities_added) == ("export.zip", "failed", 2)
    assert result.reason is not None and "broken.fit" in result.reason
    assert _activity_count(store, ana) == 2
