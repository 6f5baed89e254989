"""Expanding files, folders and zip archives (Strava and Garmin exports) into import items."""

from __future__ import annotations

import io
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from runstrong.errors import ImportFormatError
from runstrong.exports.fit_activity import encode_activity
from runstrong.importers import ImportItem, ImportOptions, iter_import_items, parse_item
from runstrong.importers.base import ParsedFile

from .conftest import SYNTHETIC, synthetic

ARCHIVES = SYNTHETIC / "archives"


def _outcomes(path: Path, **limits: int) -> dict[str, ParsedFile | str]:
    """Each item's parsed file, or the message of the error it raised."""
    results: dict[str, ParsedFile | str] = {}
    for item in iter_import_items(path, **limits):
        try:
            results[item.name] = parse_item(item, ImportOptions(timezone="UTC"))
        except ImportFormatError as exc:
            results[item.name] = str(exc)
    return results


def test_strava_export_uses_its_index() -> None:
    path = ARCHIVES / "strava-export.zip"
    results = _outcomes(path)
    base = str(path)
    assert set(results) == {
        f"{base}/activities/1001.fit.gz",
        f"{base}/activities/1002.gpx.gz",
        f"{base}/activities/1003.tcx",
        f"{base}/activities/1005.fit.gz",
    }  # no media, routes or profile; the hand-entered activity 1004 has no file
    run = results[f"{base}/activities/1001.fit.gz"]
    hike = results[f"{base}/activities/1002.gpx.gz"]
    laps = results[f"{base}/activities/1003.tcx"]
    assert isinstance(run, ParsedFile) and isinstance(hike, ParsedFile)
    assert isinstance(laps, ParsedFile)
    assert (run.activities[0].name, run.activities[0].sport) == ("Shakeout", "running")
    assert (hike.activities[0].name, hike.activities[0].sport) == ("Hill walk", "hiking")
    assert laps.activities[0].name == "Laps"
    assert "missing from the archive" in str(results[f"{base}/activities/1005.fit.gz"])


def test_garmin_export_nested_zips() -> None:
    path = ARCHIVES / "garmin-export.zip"
    results = _outcomes(path)
    prefix = f"{path}/DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/"
    assert sorted(results) == [prefix + f"runner@example.com_100{n}.fit" for n in (1, 2, 3)]
    parsed = [results[prefix + f"runner@example.com_100{n}.fit"] for n in (1, 2, 3)]
    assert all(isinstance(p, ParsedFile) for p in parsed)
    assert [len(p.activities) for p in parsed if isinstance(p, ParsedFile)] == [1, 5, 0]
    workout = parsed[2]
    assert isinstance(workout, ParsedFile) and workout.skip_reason is not None


def test_path_traversal_fails_only_that_item() -> None:
    path = ARCHIVES / "path-traversal.zip"
    results = _outcomes(path)
    assert "points outside the archive" in str(results[f"{path}/../../evil.fit"])
    ok = results[f"{path}/ok/run.fit"]
    assert isinstance(ok, ParsedFile) and len(ok.activities) == 1


def test_corrupt_zip_is_one_failed_item() -> None:
    path = ARCHIVES / "corrupt.zip"
    results = _outcomes(path)
    assert list(results) == [str(path)]
    assert "damaged zip archive" in str(results[str(path)])


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return buffer.getvalue()


def test_zip_bomb_member_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    path.write_bytes(
        _zip([("bomb.fit", b"\0" * (32 * 1024 * 1024)), ("run.fit", synthetic.run_fit(30))])
    )
    results = _outcomes(path)
    assert "possible zip bomb" in str(results[f"{path}/bomb.fit"])
    assert isinstance(results[f"{path}/run.fit"], ParsedFile)


def test_member_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.zip"
    path.write_bytes(_zip([("run.fit", synthetic.run_fit(300))]))
    results = _outcomes(path, max_member_bytes=1000)
    assert "possible zip bomb" in str(results[f"{path}/run.fit"])


def test_nesting_is_limited(tmp_path: Path) -> None:
    data = synthetic.run_fit(10)
    nested = _zip([("run.fit", data)])
    for level in range(4):
        nested = _zip([(f"level{level}.zip", nested)])
    path = tmp_path / "deep.zip"
    path.write_bytes(nested)
    (message,) = _outcomes(path).values()
    assert "nested more than 3 deep" in str(message)


def test_folder_is_searched_recursively(tmp_path: Path) -> None:
    (tmp_path / "watch" / "2024").mkdir(parents=True)
    shutil.copy(SYNTHETIC / "fit/run.fit", tmp_path / "watch/2024/run.fit")
    shutil.copy(SYNTHETIC / "gpx/run.gpx", tmp_path / "watch/run.gpx")
    shutil.copy(SYNTHETIC / "csv/hevy-kg.csv", tmp_path / "hevy.csv")
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n")  # not a strength export: ignored
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / ".hidden.fit").write_bytes(b"")
    names = [
        Path(item.name).relative_to(tmp_path).as_posix() for item in iter_import_items(tmp_path)
    ]
    assert names == ["hevy.csv", "watch/run.gpx", "watch/2024/run.fit"]


def test_a_named_file_is_taken_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "download"
    shutil.copy(SYNTHETIC / "tcx/run.tcx", path)
    (item,) = iter_import_items(path)
    assert parse_item(item).format == "tcx"


def test_unreadable_file_is_a_failed_item(tmp_path: Path) -> None:
    (item,) = iter_import_items(tmp_path / "missing.fit")
    with pytest.raises(ImportFormatError, match="cannot read the file"):
        item.read()


def test_hints_apply_only_where_they_make_sense() -> None:
    multisport = (SYNTHETIC / "fit/multisport.fit").read_bytes()
    parsed = parse_item(ImportItem("m.fit", multisport, activity_name="Tri", sport="running"))
    assert [a.name for a in parsed.activities] == ["Tri"] * 5
    assert [a.sport for a in parsed.activities] == [
        "running",
        "transition",
        "cycling",
        "transition",
        "running",
    ]


def test_plain_running_hint_keeps_a_more_precise_run() -> None:
    track = synthetic.run_track(60)
    trail = encode_activity([replace(track, sub_sport="trail")])
    hinted = parse_item(ImportItem("t.fit", trail, sport="running")).activities[0]
    assert hinted.sport == "trail_running"
    corrected = parse_item(ImportItem("t.fit", trail, sport="hiking")).activities[0]
    assert corrected.sport == "hiking"
