"""The background poll of folder sources goes through the job runner; two workers on one
source never import the same file twice; the poll interval and settle time are settings."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from runstrong.domain.models import Athlete
from runstrong.jobs import InProcessRunner, JobInfo
from runstrong.jobs.poller import SourcePoller
from runstrong.jobs.tasks import sync_source
from runstrong.services.athletes import create_athlete
from runstrong.services.sources import add_folder_source
from runstrong.settings import Settings
from runstrong.store import Store
from tests.conftest import SHARED_DATA

FIT = SHARED_DATA / "fit"
RUNS = ("garmin-fenix-5-run.fit", "activity-small-fenix2-run.fit", "nick.fit")
pytestmark = pytest.mark.skipif(
    not FIT.is_dir(), reason=f"shared device files not found at {SHARED_DATA}"
)


def _activities(store: Store) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM activities")).scalar_one())


def _wait(runner: InProcessRunner, job_id: str) -> JobInfo:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = runner.get(job_id)
        if job.state in ("finished", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError("the sync job did not finish")


def test_the_poll_submits_one_sync_job_per_source(store: Store, tmp_path: Path) -> None:
    for name, run in (("ana", RUNS[0]), ("ben", RUNS[1])):
        (tmp_path / name).mkdir()
        shutil.copy(FIT / run, tmp_path / name)
        create_athlete(store, Athlete(name=name.title()))
        add_folder_source(store, name.title(), str(tmp_path / name))
    runner = InProcessRunner(store.engine.url.render_as_string(hide_password=False))
    poller = SourcePoller(store, runner, interval_s=3600, settle_s=0)
    try:
        assert poller.poll_once() == 2
        jobs = [_wait(runner, job_id) for job_id in poller._pending.values()]
        assert [job.result and job.result["imported"] for job in jobs] == [1, 1]
        assert {job.kind for job in jobs} == {"sync_source"}
        assert _activities(store) == 2
        assert poller.poll_once() == 2  # the first jobs are done: the next round goes on
        again = [_wait(runner, job_id) for job_id in poller._pending.values()]
        assert [job.result and job.result["imported"] for job in again] == [0, 0]
    finally:
        runner.shutdown()


def test_two_workers_on_one_source_import_each_file_once(store: Store, tmp_path: Path) -> None:
    for run in RUNS:
        shutil.copy(FIT / run, tmp_path)
    athlete = create_athlete(store, Athlete(name="Ana"))
    assert athlete.id is not None
    source = add_folder_source(store, "Ana", str(tmp_path))
    url = store.engine.url.render_as_string(hide_password=False)
    results: list[dict[str, Any]] = []
    start = threading.Barrier(2)

    def worker() -> None:
        start.wait()
        results.append(sync_source(url, athlete.id or 0, source.id, settle_s=0))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert all(r["ok"] for r in results) and len(results) == 2
    assert sum(r["imported"] for r in results) == len(RUNS)
    assert _activities(store) == len(RUNS)


def test_a_sync_job_for_another_athletes_source_is_refused(store: Store, tmp_path: Path) -> None:
    create_athlete(store, Athlete(name="Ana"))
    ben = create_athlete(store, Athlete(name="Ben"))
    shutil.copy(FIT / RUNS[0], tmp_path)
    source = add_folder_source(store, "Ana", str(tmp_path))
    url = store.engine.url.render_as_string(hide_password=False)
    result = sync_source(url, ben.id or 0, source.id, settle_s=0)
    assert result["ok"] is False and result["code"] == "not_found"
    assert _activities(store) == 0


def test_poll_and_settle_times_come_from_the_environment() -> None:
    settings = Settings.from_environ(
        {"RUNSTRONG_SYNC_INTERVAL_S": "60", "RUNSTRONG_SYNC_SETTLE_S": "2.5",
         "RUNSTRONG_SOURCE_ROOT": "/srv/runstrong/sources"}
    )  # fmt: skip
    assert (settings.sync_interval_s, settings.sync_settle_s) == (60.0, 2.5)
    assert settings.source_root == "/srv/runstrong/sources"
    assert Settings.from_environ({}).sync_interval_s == 300.0
    for bad in ("soon", "-1", "100000"):
        with pytest.raises(ValueError, match="RUNSTRONG_SYNC_INTERVAL_S"):
            Settings.from_environ({"RUNSTRONG_SYNC_INTERVAL_S": bad})
