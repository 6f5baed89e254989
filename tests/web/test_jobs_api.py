"""Jobs through the API: start one, poll it, only for athletes you may read."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from runstrong.domain.models import Activity
from runstrong.services.logging import log_activity
from tests.web.conftest import sign_up


def _poll(browser, url: str) -> dict:  # type: ignore[no-untyped-def]
    for _ in range(200):
        body = browser.api("GET", url).json()
        if body["state"] in ("finished", "failed"):
            return body  # type: ignore[no-any-return]
        time.sleep(0.05)
    raise AssertionError("the job did not finish")


def test_status_job_runs_in_process_and_is_private(client: TestClient, new_client) -> None:  # type: ignore[no-untyped-def]
    owner = sign_up(client, "jobowner")
    base = f"/api/v1/athletes/{owner.athlete_id}/jobs"
    started = owner.api("POST", base, json={"kind": "recompute_status"})
    assert started.status_code == 202, started.text
    job = started.json()
    assert job["backend"] == "in-process" and job["state"] in ("queued", "running", "finished")
    empty = _poll(owner, f"{base}/{job['id']}")
    assert empty["state"] == "finished"
    assert empty["result"] == {
        "ok": False,
        "code": "invalid_input",
        "error": "Jobowner has no sessions yet: log or import some first",
    }
    run = Activity(
        started_at=datetime.now(UTC) - timedelta(days=1), sport="running", moving_time_s=1800,
        distance_m=6000, rpe=4,
    )  # fmt: skip
    log_activity(client.app.state.runstrong.store, owner.athlete_id, run)
    again = owner.api("POST", base, json={"kind": "recompute_status"}).json()
    done = _poll(owner, f"{base}/{again['id']}")
    assert done["state"] == "finished" and done["result"]["ok"] is True, done
    stranger = sign_up(new_client(), "jobstranger")
    assert stranger.api("GET", f"{base}/{job['id']}").status_code == 404
    other_base = f"/api/v1/athletes/{stranger.athlete_id}/jobs"
    assert stranger.api("GET", f"{other_base}/{job['id']}").status_code == 404


def test_bad_job_requests_get_clear_errors(client: TestClient) -> None:
    owner = sign_up(client, "jobbad")
    base = f"/api/v1/athletes/{owner.athlete_id}/jobs"
    unknown = owner.api("POST", base, json={"kind": "mine_bitcoin"})
    assert unknown.status_code == 422 and "kind" in unknown.json()["error"]["message"]
    extra = owner.api("POST", base, json={"kind": "recompute_status", "x": 1})
    assert extra.status_code == 422
    missing = owner.api("GET", f"{base}/0123abc")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    bad_id = owner.api("GET", f"{base}/not!valid")
    assert bad_id.status_code == 422
