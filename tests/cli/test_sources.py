"""``runstrong sources`` and ``runstrong sync``: real device files, broken input, and a watch
that imports files dropped into the folder while it runs and stops cleanly on Ctrl-C."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.cli.helpers import Invoke
from tests.conftest import SHARED_DATA

FIT = SHARED_DATA / "fit"
pytestmark = pytest.mark.skipif(
    not FIT.is_dir(), reason=f"shared device files not found at {SHARED_DATA}"
)


def _count(db_url: str, sql: str) -> int:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(sql)).scalar_one())
    finally:
        engine.dispose()


def test_two_folders_two_athletes_and_a_broken_file(cli: Invoke, tmp_path: Path) -> None:
    ana_dir, ben_dir = tmp_path / "ana", tmp_path / "ben"
    ana_dir.mkdir()
    ben_dir.mkdir()
    shutil.copy(FIT / "garmin-fenix-5-run.fit", ana_dir)
    shutil.copy(FIT / "activity-settings-corruptheader.fit", ana_dir)
    shutil.copy(FIT / "activity-small-fenix2-run.fit", ben_dir)
    shutil.copy(SHARED_DATA / "gpx" / "cerknicko-jezero.gpx", ben_dir)
    for name in ("Ana", "Ben"):
        assert cli("athlete", "create", name).exit_code == 0
    assert cli("sources", "add", "folder", str(ana_dir), "--athlete", "Ana").exit_code == 0
    added = cli("sources", "add", "folder", str(ben_dir), "--athlete", "Ben", "--json")
    assert json.loads(added.stdout)["athlete"] == "Ben"

    synced = cli("sync", "--settle", "0", "--json")

    assert synced.exit_code == 2  # a file failed; the rest were imported
    assert "1 files failed" in synced.stderr
    passes = {r["source"]["athlete"]: r for r in json.loads(synced.stdout)}
    ana_files = {f["path"]: f for f in passes["Ana"]["files"]}
    assert ana_files["garmin-fenix-5-run.fit"]["status"] == "imported"
    assert ana_files["activity-settings-corruptheader.fit"]["status"] == "failed"
    assert sorted(f["status"] for f in passes["Ben"]["files"]) == ["imported", "imported"]

    listed = json.loads(cli("sources", "list", "--json").stdout)
    ana = next(s for s in listed if s["athlete"] == "Ana")
    assert (ana["files_imported"], ana["files_failed"]) == (1, 1)
    assert ana["failed_files"][0]["path"] == "activity-settings-corruptheader.fit"
    assert "header" in ana["failed_files"][0]["reason"]
    table = cli("sources", "list")
    assert "activity-settings-corruptheader.fit" in table.stdout

    again = cli("sync", "--settle", "0")
    assert again.exit_code == 0, again.stderr
    assert "0 imported" in again.stdout

    removed = cli("sources", "remove", str(ana["id"]))
    assert removed.exit_code == 0
    assert [s["athlete"] for s in json.loads(cli("sources", "list", "--json").stdout)] == ["Ben"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("sources", "add", "dropbox", "/tmp", "--athlete", "Ana"), "unknown source kind"),
        (("sources", "add", "folder", "/no/such/folder", "--athlete", "Ana"), "no such folder"),
        (("sources", "add", "folder", ".", "--athlete", "Nobody"), "no athlete named"),
        (("sources", "remove", "99"), "no source with id 99"),
        (("sync", "--athlete", "Nobody"), "no athlete named"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    cli: Invoke, db_url: str, args: tuple[str, ...], message: str
) -> None:
    assert cli("athlete", "create", "Ana").exit_code == 0
    result = cli(*args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert _count(db_url, "SELECT count(*) FROM sources") == 0


def test_watch_imports_dropped_files_once_and_stops_on_ctrl_c(
    cli: Invoke, db_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "GARMIN" / "Activity"
    folder.mkdir(parents=True)
    assert cli("athlete", "create", "Ana").exit_code == 0
    assert cli("sources", "add", "folder", str(folder), "--athlete", "Ana").exit_code == 0
    command = [sys.executable, "-m", "runstrong.cli.main", "sync", "--watch",
               "--interval", "0.2", "--settle", "1", "--db", db_url]  # fmt: skip
    watcher = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    try:
        _wait(
            lambda: (
                watcher.poll() is None  # the watch made its first pass over the empty folder
                and _count(db_url, "SELECT count(*) FROM sources WHERE last_sync_at IS NOT NULL")
            )
        )
        shutil.copy(FIT / "activity-small-fenix2-run.fit", folder)
        # a big file copied slowly: half now, the rest a moment later (within the settle time)
        data = (FIT / "garmin-fenix-5-run.fit").read_bytes()
        with (folder / "run.fit").open("wb") as handle:
            handle.write(data[: len(data) // 2])
            handle.flush()
            time.sleep(0.5)
            handle.write(data[len(data) // 2 :])
        _wait(lambda: _count(db_url, "SELECT count(*) FROM activities") >= 2)
        shutil.copy(folder / "run.fit", folder / "run copy.fit")  # a copy: same content
        _wait(lambda: _count(db_url, "SELECT count(*) FROM source_files") == 3)
    finally:
        watcher.send_signal(signal.SIGINT)
        out, err = watcher.communicate(timeout=30)
    assert watcher.returncode == 0, err
    assert "Stopped watching" in out
    assert _count(db_url, "SELECT count(*) FROM activities") == 2
    samples = _count(db_url, "SELECT max(sample_count) FROM activity_samples")
    assert cli("athlete", "create", "Whole").exit_code == 0
    assert cli("import", str(FIT / "garmin-fenix-5-run.fit"), "--athlete", "Whole").exit_code == 0
    assert _count(db_url, "SELECT max(sample_count) FROM activity_samples") == samples
    statuses = _count(db_url, "SELECT count(*) FROM source_files WHERE status = 'duplicate'")
    assert statuses == 1


def _wait(condition: object, timeout_s: float = 40.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out waiting for the watch")
