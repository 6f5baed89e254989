"""The import use case over a real store (SQLite, and PostgreSQL when one answers): every file
kind, dedupe across files and containers, one transaction per file, broken files, worker
processes, and the stored samples checked against an independent fitdecode read."""

from __future__ import annotations

import functools
import gzip
import io
import math
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fitdecode
import numpy as np
import pytest
from sqlalchemy import text

from runstrong.domain.models import Activity, Athlete
from runstrong.importers import content_id
from runstrong.services.athletes import create_athlete
from runstrong.services.imports import FileOutcome, ImportReport, import_paths
from runstrong.store import Store
from runstrong.store.repositories import ActivityRepository
from tests.conftest import SHARED_DATA

DATA = Path(__file__).resolve().parents[1] / "data"
TABLES = ("athletes", "activities", "activity_samples", "strength_sessions", "strength_sets")
MULTISPORT = SHARED_DATA / "fit" / "activity-large-fenxi2-multisport.fit"
#: The shared files a runner cannot use: a bad file CRC, a damaged header.
SHARED_BROKEN = {
    "activity-activity-filecrc.fit",
    "activity-filecrc.fit",
    "activity-settings-corruptheader.fit",
}

needs_shared = pytest.mark.skipif(
    not SHARED_DATA.is_dir(), reason=f"shared device files not found at {SHARED_DATA}"
)


# ---------------------------------------------------------------------------------------------
# helpers


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in TABLES
        }


def _event_count(store: Store) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM multisport_events")).scalar_one())


def _stored_sample_total(store: Store) -> int:
    with store.engine.connect() as connection:
        query = text("SELECT coalesce(sum(sample_count), 0) FROM activity_samples")
        return int(connection.execute(query).scalar_one())


def _ana(store: Store, name: str = "Ana") -> Athlete:
    return create_athlete(store, Athlete(name=name, timezone="Europe/Ljubljana"))


def _activities(store: Store, name: str = "Ana") -> list[Activity]:
    with store.unit_of_work() as uow:
        athlete = uow.athletes.get_by_name(name)
        assert athlete is not None and athlete.id is not None
        return uow.activities.list_for_athlete(athlete.id)


def _by_name(report: ImportReport) -> dict[str, FileOutcome]:
    outcomes = {Path(o.name).name: o for o in report.outcomes}
    assert len(outcomes) == len(report.outcomes), "file names in a test must be unique"
    return outcomes


def _statuses(report: ImportReport) -> dict[str, str]:
    return {name: outcome.status for name, outcome in _by_name(report).items()}


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return buffer.getvalue()


def _nested_zip(content: bytes, depth: int) -> bytes:
    data = _zip([("run.fit", content)])
    for _ in range(depth - 1):
        data = _zip([("inner.zip", data)])
    return data


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _run_fit() -> bytes:
    return (DATA / "fit" / "run.fit").read_bytes()


# Broken inputs: (file name, builder writing it under a folder, fragment of the error message).
BrokenCase = tuple[str, Callable[[Path], Path], str]
BROKEN: list[BrokenCase] = [
    ("cut.fit", lambda d: _write(d / "cut.fit", _run_fit()[:100]), "ends early"),
    (
        "activity-filecrc.fit",
        lambda d: SHARED_DATA / "fit" / "activity-filecrc.fit",
        "checksum does not match",
    ),
    (
        "activity-settings-corruptheader.fit",
        lambda d: SHARED_DATA / "fit" / "activity-settings-corruptheader.fit",
        "header is damaged",
    ),
    ("zero.fit", lambda d: _write(d / "zero.fit", b""), "empty"),
    ("billion-laughs.gpx", lambda d: DATA / "gpx" / "billion-laughs.gpx", "bomb"),
    ("external-entity.gpx", lambda d: DATA / "gpx" / "external-entity.gpx", "DOCTYPE"),
    ("wrong-columns.csv", lambda d: DATA / "csv" / "wrong-columns.csv", "missing Strong columns"),
    ("latin1.csv", lambda d: DATA / "csv" / "latin1.csv", "not UTF-8"),
    (
        "bomb.fit",
        lambda d: _write(d / "zip-bomb.zip", _zip([("bomb.fit", b"\0" * (20 << 20))])),
        "zip bomb",
    ),
    (
        "evil.fit",
        lambda d: _write(d / "traversal.zip", _zip([("../../evil.fit", _run_fit())])),
        "outside the archive",
    ),
    (
        "inner.zip",
        lambda d: _write(d / "deep.zip", _nested_zip(_run_fit(), 5)),
        "nested more than 3 deep",
    ),
    ("corrupt.zip", lambda d: DATA / "archives" / "corrupt.zip", "damaged zip"),
    ("no-such-file.fit", lambda d: d / "no-such-file.fit", "no such file"),
]


def _fitdecode_reference(path: Path) -> dict[str, Any]:
    """What fitdecode itself reads from a FIT file: records and the first session."""
    records: list[fitdecode.FitDataMessage] = []
    sessions: list[fitdecode.FitDataMessage] = []
    with fitdecode.FitReader(str(path)) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                if frame.name == "record":
                    records.append(frame)
                elif frame.name == "session":
                    sessions.append(frame)

    def value(message: fitdecode.FitDataMessage, field: str) -> Any:
        return message.get_value(field) if message.has_field(field) else None

    timed = [r for r in records if value(r, "timestamp") is not None]
    heart_rates = [value(r, "heart_rate") for r in timed]
    distances = [value(r, "distance") for r in timed]
    (session,) = sessions
    return {
        "records": len(timed),
        "mean_hr": float(np.mean([h for h in heart_rates if h is not None])),
        "last_distance": float([d for d in distances if d is not None][-1]),
        "start": value(session, "start_time"),
        "total_distance": float(value(session, "total_distance")),
        "avg_hr": value(session, "avg_heart_rate"),
    }


@functools.cache
def _fitdecode_rejects(path: Path) -> bool:
    """Whether fitdecode refuses the file as damaged (bad CRC or header), as opposed to cut
    short or merely odd, where the records before the problem are good."""
    try:
        with fitdecode.FitReader(
            str(path), check_crc=fitdecode.CrcCheck.RAISE, processor=fitdecode.DataProcessorBase()
        ) as reader:
            for _ in reader:
                pass
    except (fitdecode.FitCRCError, fitdecode.FitHeaderError):
        return True
    except fitdecode.FitError:
        return False
    return False


# ---------------------------------------------------------------------------------------------
# files, folders and archives of every kind


@needs_shared
def test_every_kind_imports_and_is_detected_by_content(store: Store, tmp_path: Path) -> None:
    _ana(store)
    shared = SHARED_DATA
    folder = tmp_path / "watch"
    _write(
        folder / "fenix2.fit.gz",
        gzip.compress((shared / "fit/activity-small-fenix2-run.fit").read_bytes()),
    )
    _write(folder / "laps.tcx.gz", gzip.compress((DATA / "tcx/run.tcx").read_bytes()))
    _write(
        folder / "lake.gpx.gz", gzip.compress((shared / "gpx/cerknicko-jezero.gpx").read_bytes())
    )
    # a FIT file under a wrong name is still a FIT file
    dat = shutil.copy(shared / "fit/sample-activity.fit", tmp_path / "mystery.dat")
    fake_gpx = shutil.copy(shared / "fit/garmin-fenix-5-walk.fit", tmp_path / "walk.gpx")
    paths = [
        folder,
        shared / "fit/garmin-fenix-5-run.fit",
        DATA / "gpx/run.gpx",
        shared / "tcx/mapmyride_biking.tcx",
        Path(dat),
        Path(fake_gpx),
        DATA / "csv/strong.csv",
        DATA / "csv/hevy-kg.csv",
    ]

    report = import_paths(store, "Ana", paths, workers=1)

    outcomes = _by_name(report)
    assert {n: o.status for n, o in outcomes.items()} == {
        "fenix2.fit.gz": "imported",
        "laps.tcx.gz": "imported",
        "lake.gpx.gz": "imported",
        "garmin-fenix-5-run.fit": "imported",
        "run.gpx": "imported",
        "mapmyride_biking.tcx": "imported",
        "mystery.dat": "imported",
        "walk.gpx": "imported",
        "strong.csv": "imported",
        "hevy-kg.csv": "imported",
    }
    assert {n: o.format for n, o in outcomes.items()} == {
        "fenix2.fit.gz": "fit",
        "laps.tcx.gz": "tcx",
        "lake.gpx.gz": "gpx",
        "garmin-fenix-5-run.fit": "fit",
        "run.gpx": "gpx",
        "mapmyride_biking.tcx": "tcx",
        "mystery.dat": "fit",
        "walk.gpx": "fit",
        "strong.csv": "strong_csv",
        "hevy-kg.csv": "hevy_csv",
    }
    assert report.count("imported") == 10 and not report.any_failed
    counts = _counts(store)
    assert counts["activities"] == 8 == sum(o.activities_added for o in report.outcomes)
    assert counts["strength_sessions"] == 2
    sports = sorted(a.sport for a in _activities(store))
    # the lake GPX says no sport: its speed profile (5.4 km/h) makes it a walk
    assert sports == sorted(
        ["running", "running", "running", "running", "walking", "cycling", "cycling", "walking"]
    )


def test_strava_export_zip(store: Store) -> None:
    _ana(store)
    archive = DATA / "archives" / "strava-export.zip"

    report = import_paths(store, "Ana", [archive], workers=1)

    outcomes = _by_name(report)
    # 1004 was entered by hand (no file); photos, routes and profile.csv are not activities
    assert set(outcomes) == {"1001.fit.gz", "1002.gpx.gz", "1003.tcx", "1005.fit.gz"}
    assert [outcomes[n].status for n in ("1001.fit.gz", "1002.gpx.gz", "1003.tcx")] == [
        "imported"
    ] * 3
    assert [outcomes[n].format for n in ("1001.fit.gz", "1002.gpx.gz", "1003.tcx")] == [
        "fit",
        "gpx",
        "tcx",
    ]
    missing = outcomes["1005.fit.gz"]
    assert missing.status == "failed"
    assert missing.message is not None and "missing from the archive" in missing.message
    # the names and types from activities.csv win
    stored = {(a.name, a.sport) for a in _activities(store)}
    assert stored == {("Shakeout", "running"), ("Hill walk", "hiking"), ("Laps", "running")}
    assert _counts(store)["activity_samples"] == 3


def test_garmin_connect_export_with_nested_zips(store: Store) -> None:
    _ana(store)
    report = import_paths(store, "Ana", [DATA / "archives" / "garmin-export.zip"], workers=1)

    outcomes = _by_name(report)
    assert _statuses(report) == {
        "runner@example.com_1001.fit": "imported",
        "runner@example.com_1002.fit": "imported",
        "runner@example.com_1003.fit": "skipped",
    }
    assert "workout" in (outcomes["runner@example.com_1003.fit"].message or "")
    multisport = outcomes["runner@example.com_1002.fit"]
    # the multisport's first run leg starts with the same watch at the same second as
    # the 1001 run: the same session, stored once; its transitions are stored
    assert multisport.activities_added == 4
    assert sorted(a.sport for a in _activities(store)) == [
        "cycling",
        "running",
        "running",
        "transition",
        "transition",
    ]
    assert _counts(store)["activity_samples"] == 5
    # ... and that run (stored from 1001) is the first leg of the race
    with store.engine.connect() as connection:
        linked = connection.execute(
            text("SELECT count(*) FROM activities WHERE event_id IS NOT NULL")
        ).scalar_one()
    assert (_event_count(store), linked) == (1, 5)


# ---------------------------------------------------------------------------------------------
# what is stored: summary fields and compact samples


@needs_shared
@pytest.mark.parametrize("file_name", ["activity-small-fenix2-run.fit", "garmin-fenix-5-run.fit"])
def test_stored_run_matches_an_independent_fitdecode_read(store: Store, file_name: str) -> None:
    path = SHARED_DATA / "fit" / file_name
    reference = _fitdecode_reference(path)
    _ana(store)

    report = import_paths(store, "Ana", [path], workers=1)

    (outcome,) = report.outcomes
    assert (outcome.status, outcome.activities_added) == ("imported", 1)
    assert outcome.samples_added == reference["records"]
    # one samples row per activity, however many samples it holds
    assert _counts(store)["activities"] == 1
    assert _counts(store)["activity_samples"] == 1
    assert _stored_sample_total(store) == reference["records"]
    (listed,) = _activities(store)
    with store.unit_of_work() as uow:
        assert listed.id is not None
        run = uow.activities.get(listed.id, with_samples=True)
    assert run is not None and run.samples is not None
    assert run.sport == "running"
    assert run.external_id == content_id(path.read_bytes())
    assert run.started_at == reference["start"]
    assert run.distance_m == pytest.approx(reference["total_distance"], abs=0.01)
    if reference["avg_hr"] is not None:
        assert run.avg_hr_bpm == pytest.approx(reference["avg_hr"])
    else:  # no summary value in the file: the records' mean
        assert run.avg_hr_bpm == pytest.approx(reference["mean_hr"], rel=1e-3)
    samples = run.samples
    assert len(samples) == reference["records"]
    assert float(np.nanmean(samples.hr_bpm)) == pytest.approx(reference["mean_hr"], rel=1e-4)
    assert float(np.nanmax(samples.distance_m)) == pytest.approx(
        reference["last_distance"], abs=0.05
    )
    assert samples.time_s[0] == 0.0 and bool(np.all(np.diff(samples.time_s) >= 0))


# ---------------------------------------------------------------------------------------------
# idempotence and dedupe


def test_importing_everything_again_adds_nothing(store: Store) -> None:
    _ana(store)
    first = import_paths(store, "Ana", [DATA], workers=1)
    after_first = _counts(store)

    second = import_paths(store, "Ana", [DATA], workers=1)

    assert _counts(store) == after_first
    assert second.count("imported") == 0
    assert sum(o.activities_added + o.strength_sessions_added for o in second.outcomes) == 0
    assert len(second.outcomes) == len(first.outcomes)
    failed = {o.name for o in first.outcomes if o.status == "failed"}
    assert {o.name for o in second.outcomes if o.status == "failed"} == failed
    skipped = {o.name for o in first.outcomes if o.status == "skipped"}
    assert {o.name for o in second.outcomes if o.status == "skipped"} == skipped
    assert after_first["activities"] > 0 and after_first["strength_sessions"] > 0


def test_same_activity_in_another_container_is_not_duplicated(store: Store, tmp_path: Path) -> None:
    _ana(store)
    run = _run_fit()
    gzipped = _write(tmp_path / "watch.fit.gz", gzip.compress(run))
    zipped = _write(tmp_path / "runs.zip", _zip([("watch/again.fit", run)]))

    first = import_paths(store, "Ana", [gzipped], workers=1)
    assert _statuses(first) == {"watch.fit.gz": "imported"}
    before = _counts(store)

    again = import_paths(store, "Ana", [DATA / "fit" / "run.fit", zipped, gzipped], workers=1)
    assert _statuses(again) == {
        "run.fit": "already_present",
        "again.fit": "already_present",
        "watch.fit.gz": "already_present",
    }
    assert _counts(store) == before

    strava = import_paths(store, "Ana", [DATA / "archives" / "strava-export.zip"], workers=1)
    assert _statuses(strava)["1001.fit.gz"] == "already_present"  # the same FIT, gzipped
    same_run = [a for a in _activities(store) if a.external_id == content_id(run)]
    assert len(same_run) == 1


def test_gzipped_first_then_plain(store: Store, tmp_path: Path) -> None:
    _ana(store)
    tcx = (DATA / "tcx" / "run.tcx").read_bytes()
    gzipped = _write(tmp_path / "laps.tcx.gz", gzip.compress(tcx))
    import_paths(store, "Ana", [gzipped], workers=1)
    before = _counts(store)

    report = import_paths(store, "Ana", [DATA / "tcx" / "run.tcx"], workers=1)

    assert _statuses(report) == {"run.tcx": "already_present"}
    assert _counts(store) == before


# ---------------------------------------------------------------------------------------------
# one transaction per file; broken files


@needs_shared
def test_broken_files_fail_alone_and_leave_the_store_untouched(
    store: Store, tmp_path: Path
) -> None:
    _ana(store)
    broken = [build(tmp_path / "broken") for _, build, _ in BROKEN]
    good = [DATA / "fit" / "run.fit", DATA / "csv" / "strong.csv"]

    report = import_paths(store, "Ana", [good[0], *broken, good[1]], workers=1)

    outcomes = _by_name(report)
    assert outcomes["run.fit"].status == "imported"
    assert outcomes["strong.csv"].status == "imported"
    for name, _, fragment in BROKEN:
        outcome = outcomes[name]
        assert outcome.status == "failed", (name, outcome)
        assert outcome.message is not None
        assert name in outcome.message, outcome.message  # the message names the file
        assert fragment.lower() in outcome.message.lower(), outcome.message
        assert outcome.activities_added == outcome.samples_added == 0
    assert report.count("failed") == len(BROKEN)
    assert _counts(store) == {
        "athletes": 1,
        "activities": 1,
        "activity_samples": 1,
        "strength_sessions": 1,
        "strength_sets": 3,
    }


def test_path_traversal_member_fails_and_the_other_member_imports(store: Store) -> None:
    _ana(store)
    report = import_paths(store, "Ana", [DATA / "archives" / "path-traversal.zip"], workers=1)

    assert _statuses(report) == {"evil.fit": "failed", "run.fit": "imported"}
    evil = _by_name(report)["evil.fit"]
    assert evil.message is not None and "outside the archive" in evil.message
    assert _counts(store)["activities"] == 1


def test_folder_or_archive_with_nothing_importable_is_a_failure(
    store: Store, tmp_path: Path
) -> None:
    _ana(store)
    folder = _write(tmp_path / "holiday" / "notes.txt", b"ran a lot\n").parent
    _write(folder / "photo.jpg", b"\xff\xd8\xff\xe0 not really a photo")
    photos = _write(tmp_path / "photos.zip", _zip([("beach.jpg", b"\xff\xd8\xff\xe0")]))
    before = _counts(store)

    report = import_paths(store, "Ana", [folder, photos], workers=1)

    assert [(o.name, o.status) for o in report.outcomes] == [
        (str(folder), "failed"),
        (str(photos), "failed"),
    ]
    for outcome, path in zip(report.outcomes, (folder, photos), strict=True):
        assert outcome.message is not None
        assert str(path) in outcome.message and "nothing to import" in outcome.message
    assert _counts(store) == before


@needs_shared
def test_crash_in_the_middle_of_a_multisport_file_stores_nothing_of_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ana(store)
    multisport_id = content_id(MULTISPORT.read_bytes())
    original = ActivityRepository.add
    calls = {"multisport": 0}

    def crashing_add(self: ActivityRepository, athlete_id: int, activity: Activity, **kw: Any):
        if (activity.external_id or "").startswith(multisport_id):
            calls["multisport"] += 1
            if calls["multisport"] == 2:
                raise RuntimeError("simulated crash while storing the second leg")
        return original(self, athlete_id, activity, **kw)

    monkeypatch.setattr(ActivityRepository, "add", crashing_add)
    paths = [DATA / "fit" / "run.fit", MULTISPORT, DATA / "tcx" / "run.tcx"]

    with pytest.raises(RuntimeError, match="simulated crash"):
        import_paths(store, "Ana", paths, workers=1)

    assert calls["multisport"] == 2
    # the file before the crash committed on its own; nothing of the multisport file is left
    stored = _activities(store)
    assert [a.external_id for a in stored] == [content_id(_run_fit())]
    assert _counts(store)["activity_samples"] == 1
    assert _event_count(store) == 0

    monkeypatch.undo()
    report = import_paths(store, "Ana", paths, workers=1)

    assert _statuses(report) == {
        "run.fit": "already_present",
        "activity-large-fenxi2-multisport.fit": "imported",
        "run.tcx": "imported",
    }
    assert _by_name(report)["activity-large-fenxi2-multisport.fit"].activities_added == 7
    counts = _counts(store)
    assert counts["activities"] == counts["activity_samples"] == 9
    assert _event_count(store) == 1
    legs = [a for a in _activities(store) if (a.external_id or "").startswith(multisport_id)]
    assert len(legs) == 7


# ---------------------------------------------------------------------------------------------
# the shared folder of real device files


@needs_shared
def test_whole_shared_folder_imports_once_with_consistent_counts(store: Store) -> None:
    _ana(store)
    files = sorted(
        p for p in SHARED_DATA.rglob("*") if p.suffix.lower() in (".fit", ".gpx", ".tcx")
    )

    first = import_paths(store, "Ana", [SHARED_DATA])

    # every file once, in one of the four states
    assert sorted(o.name for o in first.outcomes) == sorted(str(p) for p in files)
    total = sum(first.count(s) for s in ("imported", "already_present", "skipped", "failed"))
    assert total == len(files)
    # failed: exactly the files fitdecode also rejects as damaged (the cut-short ones are kept)
    failed = {Path(o.name).name for o in first.outcomes if o.status == "failed"}
    assert failed == SHARED_BROKEN
    # (files over 200 kB all import; reading them all with fitdecode would take seconds)
    small_fit = [p for p in files if p.suffix.lower() == ".fit" and p.stat().st_size < 200_000]
    assert failed == {p.name for p in small_fit if _fitdecode_rejects(p)}
    for outcome in first.outcomes:
        if outcome.status == "failed":
            assert outcome.message and Path(outcome.name).name in outcome.message
        elif outcome.status == "skipped":
            assert outcome.message, outcome  # a reason for each skip
            assert outcome.activities_added == 0
        elif outcome.status == "imported":
            assert outcome.activities_added + outcome.strength_sessions_added >= 1
        else:
            assert outcome.activities_added == 0
    outcomes = _by_name(first)
    for kept in ("nick.fit", "garmin-fenix-5-run.fit", "activity-small-fenix2-run.fit"):
        assert outcomes[kept].status == "imported"
    assert any("ends early" in w for w in outcomes["nick.fit"].warnings)
    assert outcomes["Settings.fit"].status == "skipped"
    strength = outcomes["garmin-fr965-strength-training.fit"]
    assert (strength.activities_added, strength.strength_sessions_added) == (0, 1)
    assert outcomes["route.gpx"].status == "skipped"
    # the stored rows are what the report says
    counts = _counts(store)
    assert counts["activities"] == sum(o.activities_added for o in first.outcomes)
    assert counts["activity_samples"] == counts["activities"]
    assert _stored_sample_total(store) == first.samples_added

    second = import_paths(store, "Ana", [SHARED_DATA])

    assert _counts(store) == counts
    assert second.count("imported") == 0
    assert second.samples_added == 0
    assert {Path(o.name).name for o in second.outcomes if o.status == "failed"} == SHARED_BROKEN
    assert second.count("skipped") == first.count("skipped")
    assert second.count("already_present") == first.count("imported") + first.count(
        "already_present"
    )


@needs_shared
def test_one_and_two_workers_store_the_same(store: Store) -> None:
    _ana(store, "One")
    _ana(store, "Two")
    paths = [SHARED_DATA, DATA]

    serial = import_paths(store, "One", paths, workers=1)
    parallel = import_paths(store, "Two", paths, workers=2)

    assert [(o.name, o.status, o.activities_added, o.samples_added) for o in serial.outcomes] == [
        (o.name, o.status, o.activities_added, o.samples_added) for o in parallel.outcomes
    ]

    def stored(name: str) -> list[tuple[Any, ...]]:
        return sorted(
            (
                a.started_at,
                a.sport,
                None if a.distance_m is None else round(a.distance_m, 3),
                a.external_id,
            )
            for a in _activities(store, name)
        )

    one, two = stored("One"), stored("Two")
    assert one == two
    assert len(one) > 30
    assert not any(d is not None and math.isnan(d) for _, _, d, _ in one)


# ---------------------------------------------------------------------------------------------
# strength-app CSV exports


def test_strong_and_hevy_sessions_with_library_slugs_and_unknown_names(store: Store) -> None:
    _ana(store)
    paths = [DATA / "csv" / "strong-legacy.csv", DATA / "csv" / "hevy-kg.csv"]

    report = import_paths(store, "Ana", paths, workers=1)

    outcomes = _by_name(report)
    assert outcomes["strong-legacy.csv"].strength_sessions_added == 2
    assert outcomes["hevy-kg.csv"].strength_sessions_added == 1
    assert "unknown exercise kept: Zercher Good Morning" in outcomes["strong-legacy.csv"].warnings
    assert not any(w.startswith("unknown exercise") for w in outcomes["hevy-kg.csv"].warnings)
    with store.unit_of_work() as uow:
        athlete = uow.athletes.get_by_name("Ana")
        assert athlete is not None and athlete.id is not None
        sessions = uow.strength.list_for_athlete(athlete.id)
    slugs = [[s.exercise_slug for s in session.sets] for session in sessions]
    assert slugs == [
        ["back-squat", "back-squat", "back-squat", "standing-calf-raise", "front-plank"],
        ["nordic-hamstring-curl", "unknown:zercher-good-morning"],
        ["leg-press", "leg-press", "leg-press", "single-leg-calf-raise"],
    ]
    squat = sessions[0].sets[2]
    assert (squat.reps, squat.load_kg, squat.rpe) == (5, 102.5, 8.5)
    assert [s.warmup for s in sessions[0].sets] == [True, False, False, False, False]
    assert sessions[0].sets[4].duration_s == 60.0  # the plank's 60 seconds
    assert sessions[2].sets[0].warmup  # Hevy's warm-up set
    assert sessions[0].started_at.hour == 16  # 18:00 in Ljubljana, stored in UTC
    assert _counts(store)["strength_sets"] == 11
    before = _counts(store)

    again = import_paths(store, "Ana", [*paths, DATA / "csv" / "hevy-lbs.csv"], workers=1)

    assert set(_statuses(again).values()) == {"already_present"}  # the lbs file: same workout
    assert _counts(store) == before
