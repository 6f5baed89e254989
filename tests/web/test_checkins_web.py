"""Check-ins and readiness over the API, on SQLite and PostgreSQL: PUT is idempotent, broken
bodies answer 4xx with the error shape and leave the store as it was."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from runstrong.store import Store
from tests.web.conftest import Browser, sign_up
from tests.web.test_accessibility import _problems

DAY = (date.today() - timedelta(days=1)).isoformat()


@pytest.fixture
def owner(client: TestClient) -> Browser:
    return sign_up(client, "mia")


def _url(browser: Browser, day: str = DAY) -> str:
    return f"/api/v1/athletes/{browser.athlete_id}/checkins/{day}"


def _count(store: Store) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM checkins")).scalar_one())


def test_put_get_list_delete_and_resend(owner: Browser, web_store: Store) -> None:
    body = {"soreness": {"quads": 6, "calves": 4}, "sleep_h": 6.5, "rmssd_ms": 48,
            "hrv_source": "HRV4Training", "resting_hr_bpm": 52}  # fmt: skip
    first = owner.api("PUT", _url(owner), json=body)
    assert first.status_code == 200, first.text
    again = owner.api("PUT", _url(owner), json=body)  # an offline phone syncing twice
    assert again.json() == first.json() and _count(web_store) == 1
    assert first.json()["soreness"] == {"quads": 6, "calves": 4}
    got = owner.client.get(_url(owner)).json()
    assert got["rmssd_ms"] == 48.0 and got["sdnn_ms"] is None
    listed = owner.client.get(f"/api/v1/athletes/{owner.athlete_id}/checkins").json()
    assert [c["date"] for c in listed["items"]] == [DAY]
    readiness = owner.client.get(
        f"/api/v1/athletes/{owner.athlete_id}/readiness", params={"date": DAY, "series": "true"}
    ).json()
    assert readiness["checkin"]["sleep_h"] == 6.5 and len(readiness["series"]["dates"]) == 90
    assert owner.api("DELETE", _url(owner)).status_code == 204
    assert owner.api("DELETE", _url(owner)).status_code == 404
    assert _count(web_store) == 0


BROKEN: list[tuple[dict[str, Any], str]] = [
    ({"soreness": {"elbow": 3}}, DAY),
    ({"soreness": {"quads": 11}}, DAY),
    ({"sleep_h": -1}, DAY),
    ({"rmssd_ms": "lots"}, DAY),
    ({"fatigue": 2.5}, DAY),
    ({"mood": 3}, DAY),
    ({}, DAY),
    ({"sleep_h": 7}, "2099-01-01"),
    ({"sleep_h": 7}, "yesterday"),
    ({"note": "x" * 2001}, DAY),
]


def test_broken_bodies_store_nothing(owner: Browser, web_store: Store) -> None:
    for body, day in BROKEN:
        answer = owner.api("PUT", _url(owner, day), json=body)
        assert 400 <= answer.status_code < 500, (body, answer.text)
        error = answer.json()["error"]
        assert error["code"] and error["message"], body
    assert _count(web_store) == 0


def test_choices_refused_without_a_signal(owner: Browser) -> None:
    url = f"/api/v1/athletes/{owner.athlete_id}/readiness/choices"
    answer = owner.api("POST", url, json={"signal": "hrv_low", "action": "swap"})
    assert answer.status_code == 422 and "no hrv low signal" in answer.json()["error"]["message"]
    bad = owner.api("POST", url, json={"signal": "hrv_low", "action": "nap"})
    assert bad.status_code == 422
    earlier = owner.api("POST", url, json={"signal": "hrv_low", "action": "keep", "date": DAY})
    assert f"no hrv low signal on {DAY}" in earlier.json()["error"]["message"]
    future = owner.api(
        "POST", url, json={"signal": "hrv_low", "action": "keep", "date": "2099-01-01"}
    )
    assert future.status_code == 422 and "future" in future.json()["error"]["message"]
    garbled = owner.api("POST", url, json={"signal": "hrv_low", "action": "keep", "date": "soon"})
    assert garbled.status_code == 422


def test_checkin_page_form_without_javascript(owner: Browser, web_store: Store) -> None:
    page = owner.client.get(f"/athletes/{owner.athlete_id}/checkin")
    assert page.status_code == 200
    assert 'id="checkin-form"' in page.text and 'class="bottom-bar"' in page.text
    assert _problems(page.text) == []  # labels, one h1, language, skip link
    url = f"/athletes/{owner.athlete_id}/checkin"
    today = page.text.split('name="day" value="', 1)[1][:10]
    broken = owner.form(url, {"day": today, "sore_quads": "12", "sleep_h": "7"})
    assert broken.status_code == 422 and "0 to 10" in broken.text
    assert _count(web_store) == 0
    saved = owner.form(url, {"day": today, "sore_quads": "6", "sleep_h": "6,5", "fatigue": "4"})
    assert saved.status_code == 303
    stored = owner.client.get(_url(owner, today)).json()
    assert (stored["soreness"], stored["sleep_h"], stored["fatigue"]) == ({"quads": 6}, 6.5, 4)
    # the dashboard's readiness card shows this morning's check-in, one tap from the form
    dashboard = owner.client.get(f"/athletes/{owner.athlete_id}")
    assert 'id="readiness-card"' in dashboard.text and "Sore: quads 6" in dashboard.text
    assert 'id="checkin-link"' in dashboard.text


def test_coach_start_page_shows_the_checkin(client: TestClient, new_client) -> None:  # type: ignore[no-untyped-def]
    athlete = sign_up(client, "ada")
    coach = sign_up(new_client(), "cora")
    shared = athlete.form(f"/athletes/{athlete.athlete_id}/coaching/invite", {"coach": "cora"})
    assert shared.status_code == 303
    today = date.today().isoformat()
    body = {"soreness": {"calves": 5}, "rmssd_ms": 51}
    assert athlete.api("PUT", _url(athlete, today), json=body).status_code == 200
    start = coach.client.get("/")
    assert "Check-in this morning" in start.text and "calves 5, rMSSD 51 ms" in start.text
    # a coach reads check-ins but cannot write them
    refused = coach.api("PUT", _url(athlete, today), json={"sleep_h": 3})
    assert refused.status_code == 403


def test_coach_sees_readiness_signals_on_the_coaching_page(
    client: TestClient,
    new_client,  # type: ignore[no-untyped-def]
    web_store: Store,
) -> None:
    from runstrong.domain.checkin import Checkin
    from runstrong.services.checkins import save_checkin

    athlete = sign_up(client, "noor")
    coach = sign_up(new_client(), "cole")
    athlete.form(f"/athletes/{athlete.athlete_id}/coaching/invite", {"coach": "cole"})
    page = coach.client.get(f"/athletes/{athlete.athlete_id}/coaching")
    assert 'id="readiness-card"' in page.text and "No check-in yet this morning" in page.text
    readiness_url = f"/api/v1/athletes/{athlete.athlete_id}/readiness"
    today = date.fromisoformat(athlete.client.get(readiness_url).json()["date"])
    for back in range(63, -1, -1):
        value = 50.0 if back <= 2 else (60.0 if back % 2 else 70.0)
        day = today - timedelta(days=back)
        save_checkin(web_store, athlete.athlete_id, Checkin(day, {"calves": 3}, rmssd_ms=value))
    page = coach.client.get(f"/athletes/{athlete.athlete_id}/coaching")
    assert page.status_code == 200
    card = page.text.split('id="readiness-card"', 1)[1].split("</section>", 1)[0]
    assert "Sore: calves 3" in card and 'data-kind="hrv_low"' in card
    assert 'id="checkin-link"' not in card  # a coach reads; only the runner checks in
    start = coach.client.get("/")
    assert "HRV below your normal range" in start.text
