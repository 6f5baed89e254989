"""Background jobs: threads of this process by default, RQ workers on the real Redis for
servers (a real ``runstrong worker`` process on the real database)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from runstrong.domain.models import Athlete
from runstrong.errors import NotFound, ValidationError
from runstrong.jobs import InProcessRunner, JobInfo, RqRunner, make_runner
from runstrong.jobs.tasks import store_for
from runstrong.services.athletes import create_athlete
from runstrong.settings import Settings
from runstrong.store import Store

REDIS_URL = os.environ.get("RUNSTRONG_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
GPX = "<?xml version='1.0'?><gpx version='1.1' creator='t' xmlns='http://www.topografix.com/GPX/1/1'><trk><type>running</type><trkseg>{points}</trkseg></trk></gpx>"


def _gpx_file(folder: Path, name: str, start: datetime) -> Path:
    points = "".join(
        f"<trkpt lat='{46.05 + 0.0003 * i:.6f}' lon='14.5'><time>"
        f"{(start + timedelta(seconds=10 * i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        for i in range(60)
    )
    path = folder / name
    path.write_text(GPX.format(points=points), encoding="utf-8")
    return path


def _wait(runner: InProcessRunner | RqRunner, job: JobInfo, timeout_s: float = 60) -> JobInfo:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        current = runner.get(job.id)
        if current.state in ("finished", "failed"):
            return current
        time.sleep(0.1)
    raise AssertionError(f"job {job.id} did not finish in {timeout_s} s")


def _athlete(store: Store) -> int:
    athlete = create_athlete(store, Athlete(name=f"Runner {uuid.uuid4().hex[:6]}"))
    assert athlete.id is not None
    return athlete.id


def test_in_process_runner_imports_and_reports_user_errors(store: Store, tmp_path: Path) -> None:
    athlete_id = _athlete(store)
    runner = make_runner(
        Settings(database_url=store.engine.url.render_as_string(hide_password=False))
    )
    assert isinstance(runner, InProcessRunner)
    good = _gpx_file(tmp_path, "run.gpx", datetime(2026, 5, 1, 7, tzinfo=UTC))
    broken = tmp_path / "broken.gpx"
    broken.write_text("<gpx><trk>", encoding="utf-8")
    job = runner.submit(
        "import_files", athlete_id=athlete_id, user_id=1, paths=[str(good), str(broken)]
    )
    done = _wait(runner, job)
    assert done.state == "finished" and done.result is not None
    assert done.result["ok"] is True
    assert (done.result["imported"], done.result["failed"]) == (1, 1)
    failed = next(o for o in done.result["outcomes"] if o["status"] == "failed")
    assert failed["name"] == "broken.gpx" and failed["message"]
    status = _wait(runner, runner.submit("recompute_status", athlete_id=athlete_id, user_id=1))
    assert status.result is not None and status.result["ok"] is True
    missing = _wait(runner, runner.submit("recompute_status", athlete_id=999_999, user_id=1))
    assert missing.result == {
        "ok": False,
        "code": "not_found",
        "error": "no athlete with id 999999",
    }
    with pytest.raises(ValidationError, match="unknown job kind"):
        runner.submit("mine_bitcoin", athlete_id=athlete_id, user_id=1)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        runner.get("no-such-job")
    runner.shutdown()


def _redis_or_skip() -> None:
    try:
        from redis import Redis

        Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as exc:  # any failure to connect means: no broker for this test
        pytest.skip(f"RQ worker tests skipped: no Redis answered at {REDIS_URL} ({exc})")


def test_rq_worker_process_runs_jobs_on_the_real_broker_and_database(
    store: Store, tmp_path: Path
) -> None:
    _redis_or_skip()
    athlete_id = _athlete(store)
    database_url = store.engine.url.render_as_string(hide_password=False)
    queue = f"runstrong-test-{uuid.uuid4().hex[:8]}"
    runner = RqRunner(database_url, REDIS_URL, queue_name=queue)
    files = [
        _gpx_file(tmp_path, f"run{i}.gpx", datetime(2026, 5, 1 + i, 7, tzinfo=UTC))
        for i in range(3)
    ]
    first = runner.submit(
        "import_files", athlete_id=athlete_id, user_id=7, paths=[str(f) for f in files]
    )
    again = runner.submit("import_files", athlete_id=athlete_id, user_id=7, paths=[str(files[0])])
    status = runner.submit("recompute_status", athlete_id=athlete_id, user_id=7)
    assert runner.get(first.id).state == "queued"
    worker = subprocess.run(
        [sys.executable, "-m", "runstrong.cli.main", "worker", "--burst", "--queue", queue,
         "--redis", REDIS_URL],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert worker.returncode == 0, worker.stderr
    done = runner.get(first.id)
    assert done.state == "finished" and done.result is not None, worker.stderr
    assert done.result["imported"] == 3 and done.user_id == 7 and done.athlete_id == athlete_id
    repeat = runner.get(again.id)
    assert repeat.result is not None and repeat.result["already_present"] == 1
    assert repeat.result["imported"] == 0
    assert runner.get(status.id).result["ok"] is True  # type: ignore[index]
    with store.unit_of_work() as uow:
        assert uow.activities.count(athlete_id) == 3
    with pytest.raises(NotFound):
        runner.get(uuid.uuid4().hex)
    runner.queue.delete(delete_jobs=True)


def test_worker_without_redis_says_how_to_configure(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "RUNSTRONG_REDIS_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "runstrong.cli.main", "worker", "--burst"],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert result.returncode == 2
    assert "RUNSTRONG_REDIS_URL" in result.stderr and "embedded default" in result.stderr


def test_store_for_keeps_one_store_per_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    assert store_for(url) is store_for(url)
    store_for(url).dispose()
