"""Strava kept in step, against the local stand-in: connect with the state checked, backfill
newest first in pages (resuming where it stopped, through rate limits), webhook events, token
refresh and revocation, and a run also imported from its FIT file stored once."""

from __future__ import annotations

import time
from datetime import UTC, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import text

from runstrong.connectors.strava_client import StravaClient
from runstrong.errors import PermissionDenied
from runstrong.services.accounts import create_user
from runstrong.services.imports import import_paths
from runstrong.services.strava import (
    backfill,
    connection_status,
    disconnect,
    finish_connect,
    handle_event,
    start_connect,
)
from runstrong.store import Store
from tests.conftest import SHARED_DATA
from tests.strava.standin import CLIENT_ID, CLIENT_SECRET, Standin


def _client(url: str, slept: list[float] | None = None) -> StravaClient:
    sleep = slept.append if slept is not None else (lambda s: None)
    return StravaClient(CLIENT_ID, CLIENT_SECRET, base_url=url, sleep=sleep)


def _connect(store: Store, client: StravaClient) -> int:
    user = create_user(store, "ana", "a long password 1", athlete_name="Ana")
    assert user.id is not None
    with store.unit_of_work() as uow:
        athlete = uow.athletes.get_by_name("Ana")
    assert athlete is not None and athlete.id is not None
    url = start_connect(store, client, user.id, athlete.id, "http://app/strava/callback")
    state = parse_qs(urlparse(url).query)["state"][0]
    assert finish_connect(store, client, user.id, state, "good-code") == athlete.id
    return athlete.id


def _count(store: Store, sql: str) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar_one())


def test_the_state_must_be_this_users_and_fresh(
    store: Store, standin: Standin, standin_url: str
) -> None:
    client = _client(standin_url)
    user = create_user(store, "ana", "a long password 1", athlete_name="Ana")
    other = create_user(store, "ben", "a long password 1", athlete_name="Ben")
    assert user.id is not None and other.id is not None
    url = start_connect(store, client, user.id, 1, "http://app/cb")
    state = parse_qs(urlparse(url).query)["state"][0]
    with pytest.raises(PermissionDenied):
        finish_connect(store, client, user.id, "forged-state", "good-code")
    with pytest.raises(PermissionDenied):
        finish_connect(store, client, other.id, state, "good-code")  # login CSRF
    with pytest.raises(PermissionDenied):
        finish_connect(store, client, user.id, state, "good-code")  # a state is used once
    assert _count(store, "SELECT count(*) FROM strava_connections") == 0
    assert "good-code" in standin.codes  # no code was traded


def test_backfill_goes_newest_first_and_resumes_where_it_stopped(
    store: Store, standin: Standin, standin_url: str
) -> None:
    ids = [standin.add_run(i) for i in range(5)]
    slept: list[float] = []
    client = _client(standin_url, slept)
    athlete_id = _connect(store, client)

    first = backfill(store, client, athlete_id, max_pages=1, per_page=2)
    assert (first.pages, first.imported, first.done) == (1, 2, False)
    standin.throttle = 1  # the next request meets the rate limit
    rest = backfill(store, client, athlete_id, per_page=2)

    assert (rest.imported, rest.done) == (3, True) and len(slept) == 1
    with store.engine.connect() as connection:
        stored = (
            connection.execute(text("SELECT external_id FROM activities ORDER BY started_at DESC"))
            .scalars()
            .all()
        )
    assert stored == [f"strava:{i}" for i in sorted(ids, reverse=True)]
    assert _count(store, "SELECT count(*) FROM activity_samples") == 5
    befores = [
        int(parse_qs(r.split("?", 1)[1])["before"][0])
        for r in standin.requests
        if r.startswith("GET /api/v3/athlete/activities") and "before=" in r
    ]
    assert befores == sorted(befores, reverse=True)  # each page older than the last
    assert backfill(store, client, athlete_id).pages == 0  # done: nothing more to read
    status = connection_status(store, athlete_id)
    assert status.connected and status.backfill_done and status.strava_athlete_id == 9001


def test_a_run_imported_from_its_fit_file_is_stored_once(
    store: Store, standin: Standin, standin_url: str
) -> None:
    fit = SHARED_DATA / "fit" / "garmin-fenix-5-run.fit"
    if not fit.exists():
        pytest.skip(f"shared device files not found at {SHARED_DATA}")
    client = _client(standin_url)
    athlete_id = _connect(store, client)
    import_paths(store, athlete_id, [fit])
    with store.unit_of_work() as uow:
        [stored] = uow.activities.list_for_athlete(athlete_id)
    activity_id = standin.add_run(0)
    standin.activities[activity_id]["start_date"] = (
        stored.started_at.astimezone(UTC) + timedelta(seconds=1)
    ).strftime("%Y-%m-%dT%H:%M:%SZ")

    result = backfill(store, client, athlete_id)

    assert (result.imported, result.already_present) == (0, 1)
    assert _count(store, "SELECT count(*) FROM activities") == 1


def test_webhook_events_create_update_delete_and_deauthorize(
    store: Store, standin: Standin, standin_url: str
) -> None:
    client = _client(standin_url)
    athlete_id = _connect(store, client)
    activity_id = standin.add_run(3)

    def event(aspect: str, object_id: int, owner: int = 9001, kind: str = "activity",
              updates: dict[str, str] | None = None) -> str:  # fmt: skip
        return handle_event(store, client, {
            "aspect_type": aspect, "object_id": object_id, "object_type": kind,
            "owner_id": owner, "subscription_id": 1, "event_time": 1, "updates": updates or {},
        })  # fmt: skip

    assert event("create", activity_id) == "imported"
    assert event("create", activity_id) == "already_present"
    standin.activities[activity_id]["name"] = "Renamed on Strava"
    standin.activities[activity_id]["sport_type"] = "TrailRun"
    assert event("update", activity_id) == "updated"
    with store.engine.connect() as connection:
        name, sport = connection.execute(text("SELECT name, sport FROM activities")).one()
    assert (name, sport) == ("Renamed on Strava", "trail_running")
    assert event("create", 5555, owner=1234) == "ignored"  # an athlete runstrong does not know
    assert event("delete", 424242) == "ignored"  # an activity runstrong does not have
    assert event("create", 424242) == "ignored"  # gone at Strava already
    assert event("delete", activity_id) == "deleted"
    assert _count(store, "SELECT count(*) FROM activities") == 0
    assert event("update", 9001, kind="athlete", updates={"authorized": "false"}) == "deauthorized"
    assert not connection_status(store, athlete_id).connected


def test_tokens_are_refreshed_before_expiry_and_revoked_on_disconnect(
    store: Store, standin: Standin, standin_url: str
) -> None:
    standin.token_lifetime_s = 300  # runs out within the ten-minute margin
    standin.add_run(1)
    client = _client(standin_url)
    athlete_id = _connect(store, client)
    with store.engine.connect() as connection:
        first = connection.execute(text("SELECT access_token FROM strava_connections")).scalar_one()

    backfill(store, client, athlete_id)

    with store.engine.connect() as connection:
        current = connection.execute(
            text("SELECT access_token FROM strava_connections")
        ).scalar_one()
    assert current != first and current in standin.access
    disconnect(store, client, athlete_id)
    assert standin.deauthorized == [current]
    assert _count(store, "SELECT count(*) FROM strava_connections") == 0
    assert _count(store, "SELECT count(*) FROM activities") == 1  # what was imported stays


def test_the_background_poll_syncs_connected_strava_athletes(
    store: Store, standin: Standin, standin_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from runstrong.jobs import InProcessRunner
    from runstrong.jobs.poller import SourcePoller

    for name, value in (("RUNSTRONG_STRAVA_CLIENT_ID", CLIENT_ID),
                        ("RUNSTRONG_STRAVA_CLIENT_SECRET", CLIENT_SECRET),
                        ("RUNSTRONG_STRAVA_BASE_URL", standin_url)):  # fmt: skip
        monkeypatch.setenv(name, value)
    standin.add_run(4)
    athlete_id = _connect(store, _client(standin_url))
    runner = InProcessRunner(store.engine.url.render_as_string(hide_password=False))
    try:
        poller = SourcePoller(store, runner, interval_s=3600, settle_s=0, strava=True)
        assert poller.poll_once() == 1
        deadline = time.monotonic() + 30
        job = runner.get(poller._pending[-athlete_id])
        while job.state not in ("finished", "failed") and time.monotonic() < deadline:
            time.sleep(0.05)
            job = runner.get(job.id)
    finally:
        runner.shutdown()
    assert job.result is not None and job.result["ok"], job.result
    assert job.result["imported"] == 1 and job.result["backfill_done"] is True
    assert _count(store, "SELECT count(*) FROM activities") == 1


def test_a_fit_file_imported_after_strava_adds_nothing(
    store: Store, standin: Standin, standin_url: str
) -> None:
    fit = SHARED_DATA / "fit" / "garmin-fenix-5-run.fit"
    if not fit.exists():
        pytest.skip(f"shared device files not found at {SHARED_DATA}")
    client = _client(standin_url)
    athlete_id = _connect(store, client)
    reference = create_user(store, "ref", "a long password 1", athlete_name="Reference")
    assert reference.id is not None
    import_paths(store, "Reference", [fit])
    with store.unit_of_work() as uow:
        ref = uow.athletes.get_by_name("Reference")
        assert ref is not None and ref.id is not None
        [from_file] = uow.activities.list_for_athlete(ref.id)
    activity_id = standin.add_run(0)
    standin.activities[activity_id]["start_date"] = from_file.started_at.astimezone(UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    assert backfill(store, client, athlete_id).imported == 1

    report = import_paths(store, athlete_id, [fit])

    assert report.count("imported") == 0 and report.count("already_present") == 1
    with store.unit_of_work() as uow:
        assert len(uow.activities.list_for_athlete(athlete_id)) == 1
