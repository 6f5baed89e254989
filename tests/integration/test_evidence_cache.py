"""The stored evidence report (valid per data version) and the done sessions of the calendar."""

from __future__ import annotations

import subprocess
import sys
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from runstrong.domain.models import Activity, Athlete, StrengthSession, StrengthSet
from runstrong.errors import NotFound, ValidationError
from runstrong.jobs import RqRunner, tasks
from runstrong.science import session_rpe_load
from runstrong.services.athletes import create_athlete
from runstrong.services.demo import seed_demo_years
from runstrong.services.evidence_cache import cached_evidence, check_choice, compute_evidence
from runstrong.services.logging import log_activity, log_strength_session
from runstrong.services.week_log import done_sessions
from runstrong.store import Store
from tests.integration.test_jobs import REDIS_URL, _redis_or_skip


def _athlete(store: Store, zone: str = "UTC") -> Athlete:
    return create_athlete(store, Athlete(name="Eva", body_mass_kg=60.0, timezone=zone))


def test_a_computed_report_is_read_back_until_the_data_changes(store: Store) -> None:
    athlete = _athlete(store)
    assert athlete.id is not None
    seed_demo_years(store, athlete.id, datetime.now(UTC).date(), 1)
    assert cached_evidence(store, athlete.id).payload is None
    computed = compute_evidence(store, athlete.id)
    assert computed.payload is not None and computed.computed_s is not None
    assert computed.payload["report"]["athlete"] == "Eva"
    assert len(computed.payload["page"]["week_starts"]) == computed.payload["report"]["weeks"]
    found = cached_evidence(store, athlete.id)
    assert found.payload == computed.payload and found.data_version == computed.data_version
    # another choice is another report
    assert cached_evidence(store, athlete.id, "vdot", "hard_sets").payload is None
    log_activity(store, athlete.id, Activity(started_at=datetime.now(UTC) - timedelta(hours=1),
                                             sport="running", moving_time_s=1200.0))  # fmt: skip
    assert cached_evidence(store, athlete.id).payload is None
    again = compute_evidence(store, athlete.id)  # replaces the row, no duplicate
    assert cached_evidence(store, athlete.id).payload == again.payload


def test_the_job_stores_the_report_and_an_empty_log_is_an_answer(store: Store) -> None:
    athlete = _athlete(store)
    assert athlete.id is not None
    result = tasks.evidence_report(store.url, athlete.id, cache=True)
    assert result["ok"] is True and result["cached"] is True and result["verdict"] is None
    stored = cached_evidence(store, athlete.id).payload
    assert stored is not None and "no sessions" in stored["error"]


def test_unknown_choices_and_athletes_are_refused(store: Store) -> None:
    with pytest.raises(ValidationError):
        check_choice("pace", "sessions")
    with pytest.raises(ValidationError):
        check_choice("vdot", "minutes")
    with pytest.raises(NotFound):
        cached_evidence(store, 999)


def test_done_sessions_on_local_days_with_load_and_hard_sets(store: Store) -> None:
    athlete = _athlete(store, "Europe/Ljubljana")
    assert athlete.id is not None
    # 23:30 UTC on 1 March is 00:30 on 2 March in Ljubljana
    late = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    run = Activity(started_at=late, sport="running", moving_time_s=3600.0, distance_m=12000.0,
                   rpe=5.0)  # fmt: skip
    log_activity(store, athlete.id, run)
    hard = StrengthSet("leg-press", 8, 150.0, rpe=8.0)
    easy = StrengthSet("leg-press", 8, 60.0, rpe=4.0)
    log_strength_session(store, athlete.id, StrengthSession(
        started_at=datetime(2026, 3, 3, 17, 0, tzinfo=UTC), sets=(hard, hard, hard, easy),
        duration_s=2400.0, rpe=7.0))  # fmt: skip
    found = done_sessions(store, athlete, date(2026, 3, 2), date(2026, 3, 8))
    assert [(d.kind, d.day) for d in found] == [
        ("run", date(2026, 3, 2)),
        ("strength", date(2026, 3, 3)),
    ]
    run, lift = found
    assert run.distance_m == 12000.0 and run.load_au == pytest.approx(session_rpe_load(5.0, 3600.0))
    assert run.start_hour == pytest.approx(0.5)
    assert lift.hard_sets == 3 and lift.load_au == pytest.approx(session_rpe_load(7.0, 2400.0))
    assert lift.title == "Leg Press"
    assert done_sessions(store, athlete, date(2026, 3, 4), date(2026, 3, 8)) == []


def test_an_rq_worker_process_stores_the_report(store: Store) -> None:
    """The server path: the job on Redis, a ``runstrong worker`` process computes and stores."""
    _redis_or_skip()
    athlete = _athlete(store)
    assert athlete.id is not None
    seed_demo_years(store, athlete.id, datetime.now(UTC).date(), 1)
    database_url = store.engine.url.render_as_string(hide_password=False)
    queue = f"runstrong-test-{uuid.uuid4().hex[:8]}"
    runner = RqRunner(database_url, REDIS_URL, queue_name=queue)
    job = runner.submit("evidence_report", athlete_id=athlete.id, user_id=3, marker="vdot",
                        exposure="hard_sets", cache=True)  # fmt: skip
    worker = subprocess.run(
        [sys.executable, "-m", "runstrong.cli.main", "worker", "--burst", "--queue", queue,
         "--redis", REDIS_URL],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert worker.returncode == 0, worker.stderr
    done = runner.get(job.id)
    assert done.state == "finished" and done.result is not None and done.result["cached"]
    stored = cached_evidence(store, athlete.id, "vdot", "hard_sets").payload
    assert stored is not None and stored["report"]["exposure"] == "hard_sets"
    assert stored["report"]["verdict"] == done.result["verdict"]
    runner.queue.delete(delete_jobs=True)
