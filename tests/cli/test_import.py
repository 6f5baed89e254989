"""``runstrong import``: files, folders and archives in; a summary with a reason for every failed
file out; exit code 2 when any file failed, and a store untouched by the files that failed."""

from __future__ import annotations

import gzip
import io
import json
import re
import shutil
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from typer.testing import Result

from tests.cli.helpers import Invoke, assert_one_line_error, output_json
from tests.conftest import SHARED_DATA

DATA = Path(__file__).resolve().parents[1] / "data"
ALL_TABLES = ("athletes", "activities", "activity_samples", "strength_sessions", "strength_sets")


def _shared(relative: str) -> Path:
    """A real device file from the shared folder; the test is skipped when it is not there."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared device files not found at {SHARED_DATA}")
    return SHARED_DATA / relative


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
                for table in ALL_TABLES
            }
    finally:
        engine.dispose()


def _failed_json(result: Result) -> Any:
    """The JSON report of a run in which some file failed: exit 2 and a one-line error."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    payload = json.loads(result.stdout)
    assert result.stderr.strip() == (
        f"error: {payload['failed']} of {len(payload['files'])} files failed to import"
    )
    return payload


def _files(payload: Any) -> dict[str, dict[str, Any]]:
    return {Path(entry["name"]).name: entry for entry in payload["files"]}


def _words(text_: str) -> str:
    """Output with the terminal's line wrapping undone."""
    return " ".join(text_.split())


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return buffer.getvalue()


def _gzip_bomb() -> bytes:
    """600 gzip members of 1 MiB of zeros each: 600 MiB out of about 600 kB."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    member = compressor.compress(b"\0" * (1 << 20)) + compressor.flush()
    return member * 600


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _run_fit() -> bytes:
    return (DATA / "fit" / "run.fit").read_bytes()


#: Broken inputs: id -> (builder of the path to import, failed item's name, message fragment).
BROKEN: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    "truncated-beyond-use": (
        lambda d: _write(d / "cut.fit", _run_fit()[:100]),
        "cut.fit",
        "ends early",
    ),
    "bad-crc": (
        lambda d: _shared("fit/activity-filecrc.fit"),
        "activity-filecrc.fit",
        "checksum does not match",
    ),
    "wrong-header": (
        lambda d: _shared("fit/activity-settings-corruptheader.fit"),
        "activity-settings-corruptheader.fit",
        "header is damaged",
    ),
    "zero-length": (lambda d: _write(d / "zero.fit", b""), "zero.fit", "empty"),
    "xml-bomb": (
        lambda d: DATA / "gpx" / "billion-laughs.gpx",
        "billion-laughs.gpx",
        "XML bomb",
    ),
    "wrong-columns": (
        lambda d: DATA / "csv" / "wrong-columns.csv",
        "wrong-columns.csv",
        "missing Strong columns",
    ),
    "non-utf8": (lambda d: DATA / "csv" / "latin1.csv", "latin1.csv", "not UTF-8"),
    "gzip-bomb": (
        lambda d: _write(d / "huge.fit.gz", _gzip_bomb()),
        "huge.fit.gz",
        "decompression bomb",
    ),
    "zip-bomb": (
        lambda d: _write(d / "bomb.zip", _zip([("bomb.fit", b"\0" * (20 << 20))])),
        "bomb.fit",
        "zip bomb",
    ),
    "path-traversal": (
        lambda d: _write(d / "traversal.zip", _zip([("../../evil.fit", _run_fit())])),
        "evil.fit",
        "outside the archive",
    ),
    "missing-path": (lambda d: d / "not-there.fit", "not-there.fit", "no such file"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_input_fails_with_its_reason_and_changes_nothing(
    cli: Invoke, db_url: str, ana: str, tmp_path: Path, case: str
) -> None:
    build, name, fragment = BROKEN[case]
    path = build(tmp_path / "in")
    before = _counts(db_url)

    payload = _failed_json(cli("import", str(path), "--athlete", ana, "--json"))

    assert (payload["imported"], payload["failed"]) == (0, 1)
    (entry,) = payload["files"]
    assert Path(entry["name"]).name == name
    assert entry["status"] == "failed"
    assert name in entry["message"]
    assert fragment.lower() in entry["message"].lower(), entry["message"]
    assert _counts(db_url) == before


def test_folder_with_nothing_importable_is_an_error(
    cli: Invoke, db_url: str, ana: str, tmp_path: Path
) -> None:
    folder = tmp_path / "holiday"
    _write(folder / "notes.txt", b"ran a lot\n")
    before = _counts(db_url)

    payload = _failed_json(cli("import", str(folder), "--athlete", ana, "--json"))

    (entry,) = payload["files"]
    assert entry["status"] == "failed" and str(folder) in entry["message"]
    assert "nothing to import" in entry["message"]
    assert _counts(db_url) == before


def test_json_summary_names_every_file_with_its_status_and_reason(
    cli: Invoke, db_url: str, ana: str, tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    for relative in ("fit/run.fit", "fit/workout.fit", "fit/bad-crc.fit", "csv/strong-legacy.csv"):
        shutil.copy(DATA / relative, _write(folder / Path(relative).name, b""))

    payload = _failed_json(cli("import", str(folder), "--athlete", ana, "--json"))

    assert payload["athlete"] == ana
    assert {k: payload[k] for k in ("imported", "already_present", "skipped", "failed")} == {
        "imported": 2,
        "already_present": 0,
        "skipped": 1,
        "failed": 1,
    }
    assert payload["samples_added"] == 300
    files = _files(payload)
    assert {name: entry["status"] for name, entry in files.items()} == {
        "run.fit": "imported",
        "workout.fit": "skipped",
        "bad-crc.fit": "failed",
        "strong-legacy.csv": "imported",
    }
    assert "not an activity" in files["workout.fit"]["message"]
    assert "checksum" in files["bad-crc.fit"]["message"]
    assert files["run.fit"]["message"] is None
    assert (files["run.fit"]["activities_added"], files["run.fit"]["format"]) == (1, "fit")
    assert files["strong-legacy.csv"]["strength_sessions_added"] == 2
    assert "unknown exercise kept: Zercher Good Morning" in files["strong-legacy.csv"]["warnings"]
    counts = _counts(db_url)
    assert (counts["activities"], counts["activity_samples"]) == (1, 1)
    assert counts["strength_sessions"] == 2


def test_human_summary_and_a_second_run_that_adds_nothing(
    cli: Invoke, db_url: str, ana: str
) -> None:
    paths = [str(DATA / "fit" / "run.fit"), str(DATA / "csv" / "strong.csv")]

    first = cli("import", *paths)  # the only athlete: no --athlete needed

    assert first.exit_code == 0, first.stderr
    assert first.stderr == ""
    assert (
        "Ana: 2 imported (1 activities, 1 strength sessions, 300 samples), 0 already present, "
        "0 skipped, 0 failed." in _words(first.stdout)
    )
    after_first = _counts(db_url)

    second = cli("import", *paths)

    assert second.exit_code == 0, second.stderr
    assert (
        "Ana: 0 imported (0 activities, 0 strength sessions, 0 samples), 2 already present, "
        "0 skipped, 0 failed." in _words(second.stdout)
    )
    assert _counts(db_url) == after_first


def test_human_output_lists_the_failed_file_and_why(cli: Invoke, db_url: str, ana: str) -> None:
    result = cli(
        "import", str(DATA / "fit" / "run.fit"), str(DATA / "fit" / "empty.fit"), "-a", ana
    )

    assert result.exit_code == 2
    assert result.stderr.strip() == "error: 1 of 2 files failed to import"
    out = _words(result.stdout)
    assert "Files needing a look" in out
    assert "empty.fit" in out and "the file is empty" in out
    assert "1 imported" in out and "1 failed" in out
    assert _counts(db_url)["activities"] == 1


def test_archives_import_once(cli: Invoke, db_url: str, ana: str) -> None:
    garmin = str(DATA / "archives" / "garmin-export.zip")
    strava = str(DATA / "archives" / "strava-export.zip")

    first = output_json(cli("import", garmin, "--json"))
    assert (first["imported"], first["skipped"], first["failed"]) == (2, 1, 0)
    # the Strava export lists a file it does not contain: that one fails, the rest import;
    # its FIT is the one Garmin's export already brought
    strava_first = _failed_json(cli("import", strava, "--json"))
    assert {n: e["status"] for n, e in _files(strava_first).items()} == {
        "1001.fit.gz": "already_present",
        "1002.gpx.gz": "imported",
        "1003.tcx": "imported",
        "1005.fit.gz": "failed",
    }
    counts = _counts(db_url)

    again = _failed_json(cli("import", garmin, strava, "--json"))

    assert _counts(db_url) == counts
    assert (again["imported"], again["already_present"], again["failed"]) == (0, 5, 1)
    assert again["samples_added"] == 0


def test_kind_is_detected_by_content_not_name(
    cli: Invoke, db_url: str, ana: str, tmp_path: Path
) -> None:
    dat = shutil.copy(DATA / "fit" / "run.fit", tmp_path / "watch-export.dat")
    disguised = _write(tmp_path / "ride.gpx", _shared("fit/garmin-fenix-5-bike.fit").read_bytes())
    tcx_gz = _write(tmp_path / "laps.tcx.gz", gzip.compress((DATA / "tcx/run.tcx").read_bytes()))

    payload = output_json(cli("import", str(dat), str(disguised), str(tcx_gz), "--json"))

    files = _files(payload)
    assert {n: (e["status"], e["format"]) for n, e in files.items()} == {
        "watch-export.dat": ("imported", "fit"),
        "ride.gpx": ("imported", "fit"),
        "laps.tcx.gz": ("imported", "tcx"),
    }
    assert _counts(db_url)["activities"] == 3


def test_workers_and_decoder_options(cli: Invoke, db_url: str, ana: str, tmp_path: Path) -> None:
    folder = tmp_path / "runs"
    for name in (
        "garmin-fenix-5-run.fit",
        "garmin-fenix-5-walk.fit",
        "activity-small-fenix2-run.fit",
    ):
        shutil.copy(_shared(f"fit/{name}"), _write(folder / name, b""))
    shutil.copy(DATA / "gpx" / "run.gpx", folder / "run.gpx")

    payload = output_json(
        cli("import", str(folder), "--workers", "2", "--decoder", "fitdecode", "--json")
    )

    assert payload["imported"] == 4
    assert _counts(db_url)["activities"] == _counts(db_url)["activity_samples"] == 4

    before = _counts(db_url)
    assert_one_line_error(cli("import", str(folder), "--workers", "0"), "--workers")
    assert_one_line_error(cli("import", str(folder), "--decoder", "magic"), "unknown decoder")
    assert _counts(db_url) == before


def test_unknown_athlete_is_a_one_line_error_in_json_mode(
    cli: Invoke, db_url: str, ana: str
) -> None:
    before = _counts(db_url)
    result = cli("import", str(DATA / "fit" / "run.fit"), "--athlete", "Nobody", "--json")
    assert_one_line_error(result, "no athlete named 'Nobody'")
    assert _counts(db_url) == before


def test_unknown_athlete_is_a_one_line_error(cli: Invoke, db_url: str, ana: str) -> None:
    result = cli("import", str(DATA / "fit" / "run.fit"), "--athlete", "Nobody")
    assert_one_line_error(result, "no athlete named 'Nobody'")


def test_warnings_of_a_file_read_as_one_line_without_stray_full_stops(
    cli: Invoke, ana: str
) -> None:
    result = cli("import", str(DATA / "fit" / "truncated.fit"), "-a", ana)

    assert result.exit_code == 0, result.stderr
    why = re.sub(r"[\s│┃]+", "", result.stdout)  # the table wraps the column over lines
    assert "recordsbeforeit;nosessionsummaryinthefile;derivedit" in why
    assert ".;" not in why
