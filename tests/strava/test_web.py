"""Strava on the web, against the stand-in: Connect on the account page (state checked for
the same user), the webhook (verify token, events through a job), disconnect; and no token in
any page, API answer or log line."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from runstrong.settings import Settings
from runstrong.store import Store, open_store
from runstrong.web import create_app
from tests.strava.standin import CLIENT_ID, CLIENT_SECRET, Standin
from tests.web.conftest import Browser, sign_up

VERIFY = "verify-me"


@pytest.fixture
def store(sqlite_url: str) -> Iterator[Store]:
    """SQLite only: these tests are about the web layer; the service tests run on both."""
    opened = open_store(sqlite_url)
    try:
        yield opened
    finally:
        opened.dispose()


@pytest.fixture
def app_client(
    store: Store, standin_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    env = {"RUNSTRONG_STRAVA_CLIENT_ID": CLIENT_ID, "RUNSTRONG_STRAVA_CLIENT_SECRET": CLIENT_SECRET,
           "RUNSTRONG_STRAVA_BASE_URL": standin_url}  # fmt: skip
    for name, value in env.items():  # background jobs read the settings from the environment
        monkeypatch.setenv(name, value)
    settings = Settings(
        database_url=store.url, strava_client_id=CLIENT_ID, strava_client_secret=CLIENT_SECRET,
        strava_verify_token=VERIFY, strava_base_url=standin_url,
    )  # fmt: skip
    with TestClient(create_app(settings, store=store)) as client:
        yield client


def _connect(ana: Browser) -> None:
    sent = ana.client.get(f"/athletes/{ana.athlete_id}/strava/connect", follow_redirects=False)
    assert sent.status_code == 303
    query = parse_qs(urlparse(sent.headers["location"]).query)
    assert query["scope"] == ["read,activity:read_all"]
    back = ana.client.get(
        "/strava/callback", params={"state": query["state"][0], "code": "good-code"},
        follow_redirects=False,
    )  # fmt: skip
    assert back.status_code == 303, back.text


def _tokens(store: Store) -> list[str]:
    with store.engine.connect() as connection:
        row = connection.execute(
            text("SELECT access_token, refresh_token FROM strava_connections")
        ).one()
    return [row[0], row[1]]


def test_connect_shows_state_but_never_tokens(
    app_client: TestClient, store: Store, standin: Standin, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    ana = sign_up(app_client, "ana")
    page = app_client.get("/account")
    assert "Connect Strava" in page.text

    _connect(ana)

    account = app_client.get("/account").text
    status = ana.api("GET", f"/api/v1/athletes/{ana.athlete_id}/strava")
    assert status.json()["connected"] is True and status.json()["strava_athlete_id"] == 9001
    assert "Disconnect Strava" in account
    for secret in [*_tokens(store), CLIENT_SECRET]:
        assert secret not in account and secret not in status.text and secret not in caplog.text


def test_a_callback_for_another_users_state_is_refused(
    app_client: TestClient, store: Store, standin: Standin
) -> None:
    ana = sign_up(app_client, "ana")
    sent = ana.client.get(f"/athletes/{ana.athlete_id}/strava/connect", follow_redirects=False)
    state = parse_qs(urlparse(sent.headers["location"]).query)["state"][0]
    app_client.cookies.clear()
    sign_up(app_client, "mallory")  # a victim's browser opens the attacker's callback link
    answer = app_client.get("/strava/callback", params={"state": state, "code": "good-code"})
    assert answer.status_code == 403 and 'id="strava-message"' in answer.text
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM strava_connections")).scalar_one() == 0
    for broken in ({}, {"state": state}, {"code": "good-code"}):
        assert app_client.get("/strava/callback", params=broken).status_code == 422
    declined = app_client.get("/strava/callback", params={"error": "access_denied"})
    assert declined.status_code == 200 and "not connected" in declined.text


def test_webhook_validation_checks_the_verify_token(app_client: TestClient) -> None:
    query = {"hub.mode": "subscribe", "hub.challenge": "abc123", "hub.verify_token": VERIFY}
    assert app_client.get("/api/v1/strava/webhook", params=query).json() == {
        "hub.challenge": "abc123"
    }
    wrong = app_client.get("/api/v1/strava/webhook", params={**query, "hub.verify_token": "guess"})
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "permission_denied"


def test_webhook_events_reach_the_connected_athlete_only(
    app_client: TestClient, store: Store, standin: Standin
) -> None:
    ana = sign_up(app_client, "ana")
    _connect(ana)
    activity_id = standin.add_run(2)
    event = {"aspect_type": "create", "object_id": activity_id, "object_type": "activity",
             "owner_id": 9001, "subscription_id": 7, "event_time": 1, "updates": {}}  # fmt: skip
    app_client.cookies.clear()  # Strava calls without any session

    assert app_client.post("/api/v1/strava/webhook", json=event).json() == {"status": "accepted"}
    stranger = app_client.post("/api/v1/strava/webhook", json={**event, "owner_id": 1})
    assert stranger.json() == {"status": "ignored"}
    assert app_client.post("/api/v1/strava/webhook", json={"owner_id": "x"}).status_code == 422
    assert app_client.post("/api/v1/strava/webhook", content=b"not json").status_code == 422

    deadline = time.monotonic() + 30
    with store.engine.connect() as connection:
        while time.monotonic() < deadline:
            found = connection.execute(text("SELECT external_id, athlete_id FROM activities")).all()
            if found:
                break
            time.sleep(0.1)
            connection.rollback()
    assert [(e, a) for e, a in found] == [(f"strava:{activity_id}", ana.athlete_id)]


def test_disconnect_revokes_the_token(
    app_client: TestClient, store: Store, standin: Standin
) -> None:
    ana = sign_up(app_client, "ana")
    _connect(ana)
    access, _ = _tokens(store)
    done = ana.form(f"/athletes/{ana.athlete_id}/strava/disconnect", {})
    assert done.status_code == 303
    assert standin.deauthorized == [access]
    assert ana.api("GET", f"/api/v1/athletes/{ana.athlete_id}/strava").json()["connected"] is False
    assert ana.api("DELETE", f"/api/v1/athletes/{ana.athlete_id}/strava").status_code == 204


def test_a_strava_strength_session_asks_for_its_sets(
    app_client: TestClient, store: Store, standin: Standin
) -> None:
    from datetime import UTC, datetime, timedelta

    from runstrong.domain.models import StrengthSession, StrengthSet
    from runstrong.services.logging import log_strength_session
    from runstrong.services.strava import backfill, client_from_settings

    ana = sign_up(app_client, "ana")
    _connect(ana)
    lift = standin.add_run(5, sport="WeightTraining")
    logged_day = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
    twin = standin.add_run(6, sport="WeightTraining")
    standin.activities[twin]["start_date"] = (logged_day + timedelta(minutes=20)).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    log_strength_session(
        store, ana.athlete_id, StrengthSession(logged_day, (StrengthSet("leg-press", 8, 120.0),))
    )
    settings = app_client.app.state.runstrong.settings  # type: ignore[attr-defined]

    result = backfill(store, client_from_settings(settings), ana.athlete_id or 0)

    assert (result.imported, result.already_present) == (1, 1)  # the logged one is merged
    with store.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT id, external_id, notes FROM strength_sessions WHERE source = 'strava'")
        ).all()
        sets = connection.execute(
            text("SELECT count(*) FROM strength_sets WHERE session_id = :s"), {"s": rows[0][0]}
        ).scalar_one()
    assert [(r[1], sets) for r in rows] == [(f"strava:{lift}", 0)]
    assert "add the sets you did" in rows[0][2]
    page = app_client.get(f"/athletes/{ana.athlete_id}/strength/{rows[0][0]}")
    assert page.status_code == 200 and "add the sets you did" in page.text
    assert app_client.get(f"/athletes/{ana.athlete_id}/history").status_code == 200
    assert (
        app_client.get(f"/athletes/{ana.athlete_id}/strength/{rows[0][0]}/edit").status_code == 200
    )
    assert app_client.get(f"/athletes/{ana.athlete_id}").status_code == 200  # the dashboard
