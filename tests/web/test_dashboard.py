"""The athlete dashboard: the page and its JSON API, on an athlete with a year of demo training.

Runs on SQLite and PostgreSQL (the ``client`` fixture). Data is seeded through the services, as
the app would store it; as_of is a day on which the demo's log raises a risk signal.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from runstrong.domain.models import Activity
from runstrong.services.accounts import authenticate
from runstrong.services.athletes import update_athlete_settings
from runstrong.services.demo import seed_demo_years
from runstrong.services.logging import log_activity
from runstrong.services.sharing import share_with_coach
from runstrong.services.status import athlete_status, signal_history
from runstrong.store import Store
from runstrong.web.vendor import plotly_url
from tests.web.conftest import PASSWORD, Browser, sign_up

CHART_IDS = ("fitness", "load", "acwr", "e1rm", "sets", "asymmetry")
_SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


def _seeded(client: TestClient, store: Store, username: str = "dana") -> tuple[Browser, date]:
    """A signed-in owner whose athlete has a demo year; the last day with a risk signal."""
    browser = sign_up(client, username)
    assert browser.athlete_id is not None
    seed_demo_years(store, browser.athlete_id, datetime.now(UTC).date() - timedelta(days=1))
    _, first, signals = signal_history(store, browser.athlete_id)
    flagged = max(signal.day_index for signal in signals)
    return browser, first + timedelta(days=flagged)


def _api(browser: Browser, **params: object) -> dict:  # type: ignore[type-arg]
    response = browser.client.get(f"/api/v1/athletes/{browser.athlete_id}/dashboard", params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_page_shows_cards_signals_and_charts_with_fallbacks(
    client: TestClient, web_store: Store
) -> None:
    browser, flagged = _seeded(client, web_store)
    page = client.get(f"/athletes/{browser.athlete_id}", params={"as_of": flagged.isoformat()})
    assert page.status_code == 200
    html = page.text
    for card in ("ctl", "atl", "tsb", "acwr", "e1rm", "vdot", "asymmetry"):
        assert f'id="card-{card}"' in html
    for chart in CHART_IDS:
        assert f'id="chart-{chart}"' in html
        assert f'id="{chart}-heading"' in html and f'id="{chart}-summary"' in html
    assert 'id="risk-signals"' in html and "What to do:" in html and "Evidence:" in html
    assert 'id="race-predictions"' in html and "Marathon" in html
    assert "<details>" in html and 'id="table-load"' in html
    # no inline script (CSP script-src 'self'): every script is a file or inert JSON data
    for attributes in _SCRIPT.findall(html):
        assert "src=" in attributes or 'type="application/json"' in attributes
    assert f'<script src="{plotly_url()}" defer></script>' in html
    assert '<script src="/static/dashboard.js" defer></script>' in html
    embedded = re.search(
        r'<script type="application/json" id="dashboard-data">(.*?)</script>', html
    )
    assert embedded
    charts = json.loads(embedded.group(1))
    shown = (flagged - date.fromisoformat(charts["firstDay"])).days + 1
    assert 28 <= shown <= 365  # from the first logged day at most a year back, to as_of
    assert len(charts["ctl"]) == len(charts["runLoad"]) == len(charts["acwr"]) == shown
    assert charts["massUnit"] == "kg" and charts["e1rm"]["values"]
    assert client.get(plotly_url()).status_code == 200
    assert client.get("/static/dashboard.js").status_code == 200


def test_api_matches_the_status_service_in_si_units(client: TestClient, web_store: Store) -> None:
    browser, flagged = _seeded(client, web_store)
    body = _api(browser, as_of=flagged.isoformat(), days=90)
    status = athlete_status(web_store, browser.athlete_id, flagged)
    assert body["units"] == "metric" and body["timezone"] == "Europe/Ljubljana"
    assert body["as_of"] == flagged.isoformat() and body["days"] == 90 and body["has_data"]
    series = body["series"]
    assert len(series["days"]) == 90 and series["days"][-1] == flagged.isoformat()
    assert {len(values) for values in series.values()} == {90}
    assert series["ctl"][-1] == pytest.approx(status.load.ctl, abs=0.01)
    assert body["headline"]["tsb"] == pytest.approx(status.load.tsb, abs=0.01)
    assert body["headline"]["running_distance_7d_m"] == pytest.approx(
        status.volume.running_distance_7d_m, abs=0.1
    )
    assert body["thresholds"]["acwr_band_low"] == 0.8
    assert body["thresholds"]["acwr_band_high"] == 1.3
    assert [p["race"] for p in body["performance"]["predictions"]] == [
        "5k",
        "10k",
        "half",
        "marathon",
    ]
    assert body["performance"]["vdot"] == pytest.approx(status.performance.vdot, abs=0.05)
    assert [s["kind"] for s in body["signals"]] == [s.kind for s in status.signals]
    for signal in body["signals"]:
        assert signal["explanation"] and signal["advice"] and signal["source"]
        assert signal["evidence_grade"] in {"strong", "moderate", "weak", "expert opinion"}
    assert len(body["weekly_hard_sets"]["week_ends"]) == 12
    assert body["weekly_hard_sets"]["by_muscle"]
    assert body["leg_press_e1rm"] and all(p["e1rm_kg"] > 100 for p in body["leg_press_e1rm"])
    status_body = client.get(
        f"/api/v1/athletes/{browser.athlete_id}/status", params={"as_of": flagged.isoformat()}
    ).json()
    assert status_body["signals"] == body["signals"]
    assert status_body["headline"] == body["headline"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"as_of": "not-a-date"}, "as_of"),
        ({"as_of": "2025-02-30"}, "as_of"),
        ({"days": 6}, "days"),
        ({"days": 3651}, "days"),
        ({"days": "many"}, "days"),
    ],
)
def test_bad_query_is_a_422_with_a_message(
    client: TestClient, params: dict[str, object], field: str
) -> None:
    browser = sign_up(client, "erin")
    response = browser.client.get(f"/api/v1/athletes/{browser.athlete_id}/dashboard", params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_input" and error["message"].startswith(f"{field}:")
    page = browser.client.get(f"/athletes/{browser.athlete_id}", params=params)
    assert page.status_code == 422 and field in page.text


def test_a_day_in_the_future_is_refused(client: TestClient) -> None:
    browser = sign_up(client, "fred")
    future = (datetime.now(UTC).date() + timedelta(days=3)).isoformat()
    response = browser.client.get(
        f"/api/v1/athletes/{browser.athlete_id}/dashboard", params={"as_of": future}
    )
    assert response.status_code == 422
    assert "in the future" in response.json()["error"]["message"]


def test_an_athlete_without_data_gets_a_page_that_says_so(client: TestClient) -> None:
    browser = sign_up(client, "gina")
    page = client.get(f"/athletes/{browser.athlete_id}")
    assert page.status_code == 200
    assert 'id="no-data"' in page.text and "No data yet" in page.text
    assert "dashboard.js" not in page.text and "chart-fitness" not in page.text
    body = _api(browser)
    assert body["has_data"] is False and body["headline"] is None and body["signals"] == []
    assert body["series"]["days"] == [] and body["leg_press_e1rm"] == []


def test_logging_a_session_changes_the_answer(client: TestClient, web_store: Store) -> None:
    browser = sign_up(client, "hank")
    assert browser.athlete_id is not None
    before = _api(browser)
    assert _api(browser) == before  # served again from the cache
    log_activity(
        web_store,
        browser.athlete_id,
        Activity(
            started_at=datetime.now(UTC) - timedelta(minutes=90),
            sport="running",
            moving_time_s=3600,
            distance_m=10_000,
            rpe=5,
        ),
    )
    after = _api(browser)
    assert after["data_version"] > before["data_version"]
    assert after["has_data"] and not before["has_data"]
    assert sum(after["series"]["running_load_au"]) == pytest.approx(300.0)
    update_athlete_settings(web_store, browser.athlete_id, {"units": "imperial"})
    assert _api(browser)["units"] == "imperial"


def test_page_follows_the_athletes_units(client: TestClient, web_store: Store) -> None:
    browser, flagged = _seeded(client, web_store)
    update_athlete_settings(web_store, browser.athlete_id, {"units": "imperial"})
    html = client.get(f"/athletes/{browser.athlete_id}", params={"as_of": flagged.isoformat()}).text
    assert " lb" in html and " mi" in html and "/mi" in html
    assert " kg" not in html.split('id="charts-heading"')[0]
    api = _api(browser, as_of=flagged.isoformat())
    assert api["units"] == "imperial"
    assert api["leg_press_e1rm"][-1]["e1rm_kg"] < 250  # the API stays in kilograms


def test_only_owner_and_coach_see_the_dashboard(
    client: TestClient,
    new_client,
    web_store: Store,  # type: ignore[no-untyped-def]
) -> None:
    owner = sign_up(client, "ivy")
    coach = sign_up(new_client(), "jack")
    stranger = sign_up(new_client(), "kim")
    share_with_coach(
        web_store,
        authenticate(web_store, "ivy", PASSWORD, client="test"),
        owner.athlete_id,  # type: ignore[arg-type]
        "jack",
    )
    for path in ("/athletes/{}", "/api/v1/athletes/{}/dashboard", "/api/v1/athletes/{}/status"):
        url = path.format(owner.athlete_id)
        assert coach.client.get(url).status_code == 200
        assert stranger.client.get(url).status_code == 404
        anonymous = new_client().get(url, follow_redirects=False)
        assert anonymous.status_code == (401 if url.startswith("/api/") else 303)


def test_answers_are_gzipped_and_revalidated_with_an_etag(
    client: TestClient, web_store: Store
) -> None:
    browser, flagged = _seeded(client, web_store)
    url = f"/api/v1/athletes/{browser.athlete_id}/dashboard"
    first = client.get(url, params={"as_of": flagged.isoformat()})
    assert first.headers["content-encoding"] == "gzip" and first.json()["has_data"]
    etag = first.headers["etag"]
    again = client.get(url, params={"as_of": flagged.isoformat()}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    plain = client.get(
        url, params={"as_of": flagged.isoformat()}, headers={"Accept-Encoding": "identity"}
    )
    assert "content-encoding" not in plain.headers and plain.json() == first.json()
    page = client.get(f"/athletes/{browser.athlete_id}", params={"as_of": flagged.isoformat()})
    assert page.headers["content-encoding"] == "gzip" and 'id="chart-fitness"' in page.text
    log_activity(
        web_store,
        browser.athlete_id,  # type: ignore[arg-type]
        Activity(started_at=datetime.now(UTC), sport="running", moving_time_s=600, rpe=3),
    )
    changed = client.get(
        url, params={"as_of": flagged.isoformat()}, headers={"If-None-Match": etag}
    )
    assert changed.status_code == 200 and changed.headers["etag"] != etag
