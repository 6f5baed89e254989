"""Athlete archives and database backups against real stores (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from runstrong.domain.models import Athlete
from runstrong.errors import Conflict, NotFound, ValidationError
from runstrong.services.archive import (
    RECORD_FIELDS,
    SERVER_FIELDS,
    export_athlete,
    restore_athlete,
)
from runstrong.services.athletes import create_athlete
from runstrong.services.backup import backup_database, upgrade_database
from runstrong.services.demo import seed_demo
from runstrong.services.experiments import design_experiment, start_experiment
from runstrong.services.imports import import_paths
from runstrong.services.plans import PlanChoices, create_plan
from runstrong.store import Store, open_store
from runstrong.store.migrations_runner import HEAD_REVISION
from runstrong.store.tables import (
    ActivityRow,
    ActivitySamplesRow,
    AthleteRow,
    Base,
    ExperimentRow,
    PlanRow,
    PlanSessionRow,
    StrengthSessionRow,
    StrengthSetRow,
)
from tests.conftest import SHARED_DATA

TODAY = date(2026, 11, 25)
FIT_RUN = SHARED_DATA / "fit" / "garmin-fenix-5-run.fit"
_TABLES: tuple[type[Base], ...] = (
    AthleteRow,
    ActivityRow,
    ActivitySamplesRow,
    StrengthSessionRow,
    StrengthSetRow,
    PlanRow,
    PlanSessionRow,
    ExperimentRow,
)


def row_counts(store: Store) -> dict[str, int]:
    with store.unit_of_work() as uow:
        return {
            table.__tablename__: int(
                uow.session.scalar(select(func.count()).select_from(table)) or 0
            )
            for table in _TABLES
        }


@pytest.fixture(scope="module")
def demo_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo athlete with a plan (and a FIT run with samples, when the file is there)."""
    folder = tmp_path_factory.mktemp("demo")
    store = open_store(f"sqlite:///{folder / 'demo.db'}")
    try:
        name = seed_demo(store, today=TODAY).athlete.name
        create_plan(store, name, PlanChoices(race="10k", race_date=date(2027, 3, 7)), today=TODAY)
        design = design_experiment(store, name, start=date(2026, 5, 4), as_of=TODAY)
        start_experiment(design, store, started_by="test", order="BAAB")
        if FIT_RUN.is_file():
            report = import_paths(store, name, [FIT_RUN], workers=1)
            assert [outcome.status for outcome in report.outcomes] == ["imported"]
        path = export_athlete(store, name, folder / "demo.zip").path
    finally:
        store.dispose()
    return path


def test_records_cover_every_stored_column() -> None:
    keys = {"id", "athlete_id", "activity_id", "session_id", "plan_id", "position"}
    for table, fields in RECORD_FIELDS.items():
        columns = {column.name for column in table.__table__.columns} - keys
        assert set(fields) | set(SERVER_FIELDS.get(table, ())) == columns, table.__tablename__
        assert not set(fields) & set(SERVER_FIELDS.get(table, ()))


def test_the_demo_archive_holds_everything(demo_archive: Path) -> None:
    with zipfile.ZipFile(demo_archive) as archive:
        assert archive.namelist()[0] == "manifest.json"
        manifest = json.loads(archive.read("manifest.json"))
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        first_line = archive.read("activities.jsonl").splitlines()[0]
    assert manifest["format"] == "runstrong-athlete"
    assert manifest["format_version"] == 3
    assert manifest["athlete"] == "Demo Runner"
    assert manifest["counts"]["plans"] == 1
    assert manifest["counts"]["plan_sessions"] > 0
    assert manifest["counts"]["activity_samples"] == (1 if FIT_RUN.is_file() else 0)
    assert manifest["counts"]["strength_sets"] > manifest["counts"]["strength_sessions"] > 0
    assert '"id"' not in first_line.decode()


def test_export_restore_export_is_byte_identical(
    store: Store, demo_archive: Path, tmp_path: Path
) -> None:
    restored = restore_athlete(store, demo_archive)
    first = export_athlete(store, "Demo Runner", tmp_path / "again.zip")
    second = export_athlete(store, "Demo Runner", tmp_path / "twice.zip")
    assert first.path.read_bytes() == demo_archive.read_bytes()
    assert second.path.read_bytes() == demo_archive.read_bytes()
    assert restored.counts == first.counts
    assert row_counts(store)["plans"] == 1


def test_experiments_survive_export_and_restore(store: Store, demo_archive: Path) -> None:
    restore_athlete(store, demo_archive)
    with store.unit_of_work() as uow:
        athlete = uow.athletes.get_by_name("Demo Runner")
        assert athlete is not None and athlete.id is not None
        (experiment,) = uow.experiments.list_for_athlete(athlete.id)
    assert experiment.block_order == "BAAB"
    assert experiment.start_date == date(2026, 5, 4)
    assert not experiment.registered_in_advance
    assert experiment.started_by == "test"


#: What format version 3 added: optional members, their counts, and strength-session and set
#: fields (the watch's heart rate, the RPE estimate, rests).
_V3_MEMBERS = ("experiments.jsonl", "checkins.jsonl")
_V3_COUNTS = ("experiments", "checkins", "readiness_choices")
_V3_SESSION_FIELDS = ("avg_hr_bpm", "max_hr_bpm", "hr_series", "rpe_estimate")
_V3_SET_FIELDS = ("rest_s",)


def as_version_2(members: dict[str, bytes]) -> None:
    """Rewrite a version 3 archive's members as a version 2 runstrong wrote them."""
    manifest = json.loads(members["manifest.json"])
    for name in _V3_MEMBERS:
        members.pop(name, None)
        manifest["members"].pop(name, None)
    for count in _V3_COUNTS:
        manifest["counts"].pop(count, None)
    records = [json.loads(line) for line in members["strength_sessions.jsonl"].splitlines()]
    for record in records:
        for field in _V3_SESSION_FIELDS:
            del record[field]
        for item in record["sets"]:
            for field in _V3_SET_FIELDS:
                del item[field]
    members["strength_sessions.jsonl"] = b"".join(json.dumps(r).encode() + b"\n" for r in records)
    manifest["format_version"] = 2
    members["manifest.json"] = json.dumps(manifest).encode()


def test_a_version_2_archive_without_experiments_still_restores(
    store: Store, demo_archive: Path, tmp_path: Path
) -> None:
    older = _rewrite(demo_archive, tmp_path / "v2.zip", as_version_2)
    summary = restore_athlete(store, older)
    assert "experiments" not in summary.counts
    assert row_counts(store)["experiments"] == 0
    assert row_counts(store)["plans"] == 1


def test_restore_refuses_a_name_in_use_unless_renamed(store: Store, demo_archive: Path) -> None:
    restore_athlete(store, demo_archive)
    before = row_counts(store)
    with pytest.raises(Conflict, match="--as"):
        restore_athlete(store, demo_archive)
    assert row_counts(store) == before
    copy = restore_athlete(store, demo_archive, new_name="Demo Copy")
    assert copy.athlete == "Demo Copy"
    after = row_counts(store)
    assert after == {table: 2 * count for table, count in before.items()}


def _rewrite(
    source: Path,
    target: Path,
    change: Callable[[dict[str, bytes]], object],
    *,
    fix_checksums: bool = True,
) -> Path:
    """A copy of the archive with members changed (and, unless told, checksums made to match)."""
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    change(members)
    if fix_checksums and "manifest.json" in members:
        manifest = json.loads(members["manifest.json"])
        for name, entry in manifest["members"].items():
            if name in members:
                entry["sha256"] = hashlib.sha256(members[name]).hexdigest()
        members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


Change = Callable[[dict[str, bytes]], object]


def _replace_first_line(member: str, edit: Callable[[dict[str, Any]], object]) -> Change:
    def change(members: dict[str, bytes]) -> None:
        lines = members[member].splitlines()
        record = json.loads(lines[0])
        edit(record)
        lines[0] = json.dumps(record).encode()
        members[member] = b"\n".join(lines) + b"\n"

    return change


def _set_version(members: dict[str, bytes]) -> None:
    manifest = json.loads(members["manifest.json"])
    manifest["format_version"] = 4
    members["manifest.json"] = json.dumps(manifest).encode()


def _malformed_line(members: dict[str, bytes]) -> None:
    members["strength_sessions.jsonl"] += b'{"started_at": \n'


def _tamper(members: dict[str, bytes]) -> None:
    members["athlete.json"] = members["athlete.json"].replace(b"Demo Runner", b"Evil Runner")


BROKEN: dict[str, tuple[Change, bool, str]] = {
    "missing member": (lambda m: m.pop("plans.jsonl"), True, "plans.jsonl is missing"),
    "checksum mismatch": (_tamper, False, "checksum mismatch for athlete.json"),
    "format version": (_set_version, True, "format version 4"),
    "malformed json line": (_malformed_line, True, "strength_sessions.jsonl line"),
    "rpe 11": (
        _replace_first_line("activities.jsonl", lambda r: r.update(rpe=11.0)),
        True,
        "RPE must be between 0 and 10",
    ),
    "set rpe 11": (
        _replace_first_line("strength_sessions.jsonl", lambda r: r["sets"][0].update(rpe=11)),
        True,
        "set RPE",
    ),
    "missing field": (
        _replace_first_line("activities.jsonl", lambda r: r.pop("sport")),
        True,
        "missing fields ['sport']",
    ),
    "naive time": (
        _replace_first_line(
            "activities.jsonl", lambda r: r.update(started_at="2026-01-01T07:00:00")
        ),
        True,
        "needs a UTC offset",
    ),
    "bad plan": (
        _replace_first_line("plans.jsonl", lambda r: r["sessions"][0].update(slot="noon")),
        True,
        "unknown plan session slot",
    ),
    "counts": (
        lambda m: m.__setitem__("plans.jsonl", b""),
        True,
        "counts do not match",
    ),
    "bad experiment order": (
        _replace_first_line("experiments.jsonl", lambda r: r.update(block_order="AABB")),
        True,
        "order 'AABB' does not fit",
    ),
    "experiment missing field": (
        _replace_first_line("experiments.jsonl", lambda r: r.pop("started_by")),
        True,
        "missing fields ['started_by']",
    ),
    "zip slip": (
        lambda m: m.__setitem__("../../evil.sh", b"echo pwned"),
        True,
        "unexpected member '../../evil.sh'",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_archive_is_refused_and_nothing_written(
    case: str, demo_archive: Path, tmp_path: Path, sqlite_url: str
) -> None:
    change, fix, message = BROKEN[case]
    broken = _rewrite(demo_archive, tmp_path / "broken.zip", change, fix_checksums=fix)
    store = open_store(sqlite_url)
    try:
        create_athlete(store, Athlete(name="Ana"))
        before = row_counts(store)
        with pytest.raises(ValidationError, match=message.replace("[", r"\[").replace("]", r"\]")):
            restore_athlete(store, broken)
        assert row_counts(store) == before
        assert not (tmp_path / "evil.sh").exists()
    finally:
        store.dispose()


def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path, sqlite_url: str) -> None:
    (tmp_path / "notes.zip").write_text("not a zip at all")
    store = open_store(sqlite_url)
    try:
        with pytest.raises(ValidationError, match="not a readable zip archive"):
            restore_athlete(store, tmp_path / "notes.zip")
        with pytest.raises(NotFound, match="no archive"):
            restore_athlete(store, tmp_path / "missing.zip")
        assert row_counts(store)["athletes"] == 0
    finally:
        store.dispose()


def test_backup_copies_a_live_sqlite_database(
    demo_archive: Path, tmp_path: Path, sqlite_url: str
) -> None:
    store = open_store(sqlite_url)
    try:
        restore_athlete(store, demo_archive)
        expected = row_counts(store)
        target = tmp_path / "copies" / "backup.db"
        result = backup_database(sqlite_url, target)
        assert result.size_bytes == target.stat().st_size > 0
        with pytest.raises(Conflict, match="--force"):
            backup_database(sqlite_url, target)
        backup_database(sqlite_url, target, force=True)
    finally:
        store.dispose()
    copy = open_store(f"sqlite:///{target}", migrate=False)
    try:
        assert row_counts(copy) == expected
    finally:
        copy.dispose()


def test_backup_of_postgresql_names_pg_dump_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "club.dump"
    with pytest.raises(ValidationError, match="pg_dump --format=custom") as caught:
        backup_database("postgresql+psycopg://coach:secret@db.example/club", target, force=True)
    assert "secret" not in str(caught.value)
    assert "'postgresql://coach@db.example/club'" in str(caught.value)
    assert not target.exists()


def test_upgrade_reports_the_revision_before_and_after(sqlite_url: str) -> None:
    first = upgrade_database(sqlite_url)
    assert (first.revision_before, first.revision_after) == (None, HEAD_REVISION)
    again = upgrade_database(sqlite_url)
    assert (again.revision_before, again.revision_after) == (HEAD_REVISION, HEAD_REVISION)
