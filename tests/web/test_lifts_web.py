"""Exercise history (API and page), warm-up and timed sets over the API, records in the answer,
the Idempotency-Key, gym settings and the gym-floor page, on SQLite and PostgreSQL. Broken input
leaves the store as it was."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from runstrong.domain.models import StrengthSession, StrengthSet
from runstrong.services.logging import log_strength_session
from runstrong.store import Store
from tests.web.conftest import Browser, sign_up
from tests.web.test_accessibility import _problems

TABLES = ("strength_sessions", "strength_sets", "gym_settings")
LBS_PER_KG = 1 / 0.45359237


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in TABLES
        }


@pytest.fixture
def owner(client: TestClient, web_store: Store) -> Browser:
    browser = sign_up(client, "lena")
    assert browser.athlete_id is not None
    earlier = StrengthSession(
        started_at=datetime(2026, 1, 5, 7, tzinfo=UTC),
        sets=(
            StrengthSet("leg-press", 10, 60.0, warmup=True),
            StrengthSet("leg-press", 5, 140.0, 8.0),
            StrengthSet("leg-press", 5, 140.0, 9.0),
        ),
    )
    log_strength_session(web_store, browser.athlete_id, earlier)
    return browser


def _body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "started_at": "2026-01-08T07:00:00",
        "sets": [
            {"exercise": "leg-press", "reps": 10, "load_kg": 70, "warmup": True},
            {"exercise": "leg-press", "reps": 5, "load_kg": 150, "rpe": 8},
            {"exercise": "front-plank", "reps": 1, "load_kg": 0, "duration_s": 40},
        ],
    }
    body.update(overrides)
    return body


def _url(browser: Browser) -> str:
    return f"/api/v1/athletes/{browser.athlete_id}/strength-sessions"


def test_post_keeps_warm_ups_and_holds_and_says_which_records_fell(owner: Browser) -> None:
    response = owner.api("POST", _url(owner), json=_body())
    assert response.status_code == 201, response.text
    answer = response.json()
    assert [(s["warmup"], s["duration_s"]) for s in answer["sets"]] == [
        (True, None),
        (False, None),
        (False, 40.0),
    ]
    texts = [r["text"] for r in answer["records"]]
    assert texts[0] == "New 5-rep best: 150 kg leg press"
    assert answer["records"][0] == {
        "exercise": "leg-press",
        "kind": "rep_max",
        "reps": 5,
        "load_kg": 150.0,
        "previous_kg": 140.0,
        "text": "New 5-rep best: 150 kg leg press",
    }
    assert answer["records"][1]["kind"] == "e1rm"


def test_records_in_pounds_for_an_imperial_athlete(owner: Browser) -> None:
    owner.api("PATCH", f"/api/v1/athletes/{owner.athlete_id}", json={"units": "imperial"})
    answer = owner.api("POST", _url(owner), json=_body()).json()
    assert (
        answer["records"][0]["text"]
        == f"New 5-rep best: {round(150 * LBS_PER_KG, 1):g} lb leg press"
    )
    assert answer["records"][0]["load_kg"] == 150.0


def test_a_resend_with_the_same_idempotency_key_is_acknowledged_not_stored(
    owner: Browser, web_store: Store
) -> None:
    headers = {"Idempotency-Key": "0b6f3c1e-2f4a-4f7e-9d3b-7a1c2e4f5a6b"}
    first = owner.api("POST", _url(owner), json=_body(), headers=headers)
    counts = _counts(web_store)
    second = owner.api("POST", _url(owner), json=_body(), headers=headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.headers["Idempotent-Replayed"] == "true"
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["records"] == []
    assert _counts(web_store) == counts
    third = owner.api("POST", _url(owner), json=_body(), headers={"Idempotency-Key": "other"})
    assert third.status_code == 201
    assert third.json()["id"] != first.json()["id"]


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        ({"Idempotency-Key": "x" * 81}, _body()),
        ({"Idempotency-Key": "tab\tinside"}, _body()),
        ({}, _body(sets=[{"exercise": "front-plank", "reps": 1, "duration_s": 0}])),
        ({}, _body(sets=[{"exercise": "front-plank", "reps": 1, "duration_s": 7200}])),
        ({}, _body(sets=[{"exercise": "leg-press", "reps": 5, "warmup": "sometimes"}])),
    ],
)
def test_broken_posts_store_nothing(
    owner: Browser, web_store: Store, headers: dict[str, str], body: dict[str, Any]
) -> None:
    counts = _counts(web_store)
    response = owner.api("POST", _url(owner), json=body, headers=headers)
    assert response.status_code in (400, 422), response.text
    assert set(response.json()["error"]) == {"code", "message"}
    assert _counts(web_store) == counts


def test_exercise_history_api(owner: Browser) -> None:
    owner.api("POST", _url(owner), json=_body())
    response = owner.api("GET", f"/api/v1/athletes/{owner.athlete_id}/exercises/leg-press")
    assert response.status_code == 200, response.text
    history = response.json()
    assert history["exercise"] == "leg-press"
    assert [(r["reps"], r["load_kg"], r["date"]) for r in history["records"]] == [
        (1, 150.0, "2026-01-08"),
        (2, 150.0, "2026-01-08"),
        (3, 150.0, "2026-01-08"),
        (4, 150.0, "2026-01-08"),
        (5, 150.0, "2026-01-08"),
    ]  # the warm-ups (10 reps) make no 6-10 rep records
    assert [p["date"] for p in history["e1rm"]] == ["2026-01-05", "2026-01-08"]
    assert [s["volume_kg"] for s in history["sessions"]] == [1400.0, 750.0]
    assert history["best_volume"]["date"] == "2026-01-05"
    by_name = owner.api("GET", f"/api/v1/athletes/{owner.athlete_id}/exercises/Leg Press")
    assert by_name.json()["exercise"] == "leg-press"


def test_exercise_history_api_unknown_and_never_logged(owner: Browser) -> None:
    missing = owner.api("GET", f"/api/v1/athletes/{owner.athlete_id}/exercises/moon-walk")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"]
    empty = owner.api("GET", f"/api/v1/athletes/{owner.athlete_id}/exercises/box-jump")
    assert empty.status_code == 200
    assert empty.json()["sessions"] == [] and empty.json()["records"] == []


def test_pages_are_accessible_and_show_the_history(owner: Browser) -> None:
    stored = owner.api("POST", _url(owner), json=_body()).json()
    athlete = f"/athletes/{owner.athlete_id}"
    pages = [
        f"{athlete}/exercises",
        f"{athlete}/exercises/leg-press",
        f"{athlete}/exercises/front-plank",
        f"{athlete}/exercises/single-leg-leg-press",
        f"{athlete}/gym",
        f"{athlete}/gym/settings",
        f"{athlete}/strength/{stored['id']}",
    ]
    for url in pages:
        response = owner.client.get(url)
        assert response.status_code == 200, url
        assert _problems(response.text) == [], url
    history = owner.client.get(f"{athlete}/exercises/leg-press").text
    assert "Rep-max records" in history and "150 kg" in history
    assert "1x10@70kg warmup, 1x5@150kg rpe8" in history
    session = owner.client.get(f"{athlete}/strength/{stored['id']}").text
    assert "New 5-rep best: 150 kg leg press" in session
    assert "0:40 hold" in session
    library = owner.client.get("/exercises/leg-press").text
    assert f'href="{athlete}/exercises/leg-press"' in library
    assert f'href="{athlete}/exercises/leg-press"' in owner.client.get(athlete).text


def test_gym_settings_round_trip_and_plate_math_on_the_page(
    owner: Browser, web_store: Store
) -> None:
    url = f"/athletes/{owner.athlete_id}/gym/settings"
    saved = owner.form(url, {"unit": "kg", "bar": "20", "plates": "20, 10, 5, 2.5", "sled": "40"})
    assert saved.status_code == 303
    page = owner.client.get(url).text
    assert 'value="20, 10, 5, 2.5"' in page and 'value="40"' in page
    gym = owner.client.get(f"/athletes/{owner.athlete_id}/gym").text
    # 3 x 5 at 140 @8-9: one set above RPE 8, so the rule repeats 140 kg; 140 = 40 + 2 x 50
    assert '"sled_kg": 40.0' in gym
    assert '"per_side_kg": [20.0, 20.0, 10.0]' in gym


@pytest.mark.parametrize(
    "data",
    [
        {"unit": "stone", "bar": "20", "plates": "20", "sled": "0"},
        {"unit": "kg", "bar": "heavy", "plates": "20", "sled": "0"},
        {"unit": "kg", "bar": "20", "plates": "", "sled": "0"},
        {"unit": "kg", "bar": "20", "plates": "20, -5", "sled": "0"},
        {"unit": "kg", "bar": "20", "plates": "20", "sled": "9999"},
    ],
)
def test_broken_gym_settings_store_nothing(
    owner: Browser, web_store: Store, data: dict[str, str]
) -> None:
    counts = _counts(web_store)
    response = owner.form(f"/athletes/{owner.athlete_id}/gym/settings", data)
    assert response.status_code in (400, 422)
    assert 'id="gym-settings-error"' in response.text
    assert _counts(web_store) == counts


def test_service_worker_and_manifest(client: TestClient) -> None:
    worker = client.get("/sw.js")
    assert worker.status_code == 200
    assert worker.headers["content-type"].startswith("text/javascript")
    assert "runstrong-gym" in worker.text
    manifest = client.get("/manifest.webmanifest")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    assert manifest.json()["display"] == "standalone"


def test_recent_sessions_only_have_days_in_the_athlete_zone(owner: Browser) -> None:
    late = (datetime(2026, 2, 1, 23, 30, tzinfo=UTC) + timedelta(0)).isoformat()
    owner.api("POST", _url(owner), json=_body(started_at=late))
    history = owner.api("GET", f"/api/v1/athletes/{owner.athlete_id}/exercises/leg-press").json()
    assert history["sessions"][-1]["date"] == "2026-02-02"  # 00:30 in Ljubljana


def test_log_form_suggests_next_loads_and_says_which_rule(owner: Browser) -> None:
    page = owner.client.get(f"/athletes/{owner.athlete_id}/log").text
    # last time 2 x 5 at 140 kg, one at RPE 9: double progression repeats 140 kg
    assert "Leg Press</a>: <strong>2 × 5 at 140 kg</strong>" in page
    assert "double progression: a set was above RPE 8: the same load again" in page
    owner.api(
        "POST",
        _url(owner),
        json=_body(sets=[{"exercise": "leg-press", "reps": 5, "load_kg": 150, "rpe": 8}] * 3),
    )
    page = owner.client.get(f"/athletes/{owner.athlete_id}/log").text
    assert "3 × 5 at 152.5 kg" in page


def test_single_leg_suggestions_progress_each_side_on_its_own(owner: Browser) -> None:
    sets = [
        {"exercise": "single-leg-leg-press", "reps": 8, "load_kg": 70, "rpe": 8, "side": "left"},
        {"exercise": "single-leg-leg-press", "reps": 8, "load_kg": 70, "rpe": 8, "side": "left"},
        {"exercise": "single-leg-leg-press", "reps": 8, "load_kg": 63, "rpe": 9, "side": "right"},
        {"exercise": "single-leg-leg-press", "reps": 8, "load_kg": 63, "rpe": 8, "side": "right"},
    ]
    owner.api("POST", _url(owner), json=_body(sets=sets))
    page = owner.client.get(f"/athletes/{owner.athlete_id}/log").text
    # left: both sets at RPE 8, one step more; right: one set at RPE 9, the same load
    assert "2 × 8 per side: left 72.5 kg, right 63 kg" in page


def test_pages_in_pounds_for_an_imperial_athlete(owner: Browser) -> None:
    owner.api("PATCH", f"/api/v1/athletes/{owner.athlete_id}", json={"units": "imperial"})
    owner.api("POST", _url(owner), json=_body())
    athlete = f"/athletes/{owner.athlete_id}"
    history = owner.client.get(f"{athlete}/exercises/leg-press").text
    assert f"{round(150 * LBS_PER_KG, 1):g} lb" in history  # the 5-rep record
    assert "1x10@154.3lb warmup" in history  # 70 kg
    gym = owner.client.get(f"{athlete}/gym").text
    assert '"unit": "lb"' in gym
    assert '"bar_kg": 20.41165665' in gym  # a 45 lb bar by default
    settings = owner.client.get(f"{athlete}/gym/settings").text
    assert 'value="45"' in settings and "45, 35, 25, 10, 5, 2.5" in settings


def test_log_form_takes_holds_and_does_not_prefill_warm_ups(
    owner: Browser, web_store: Store
) -> None:
    page = owner.client.get(f"/athletes/{owner.athlete_id}/log").text
    assert 'value="10"' not in page  # the 10 x 60 kg warm-up of last time is not a row
    form = {
        "date": "2026-01-09",
        "time": "07:00",
        "exercise": ["front-plank", "leg-press"],
        "reps": ["45s", "5"],
        "load": ["0", "145"],
        "set_rpe": ["", "8"],
        "side": ["both", "both"],
    }
    saved = owner.form(f"/athletes/{owner.athlete_id}/log/strength", form)
    assert saved.status_code == 303, saved.text
    with web_store.unit_of_work() as uow:
        latest = uow.strength.list_for_athlete(owner.athlete_id or 0)[-1]
    assert [(s.reps, s.duration_s) for s in latest.sets] == [(1, 45.0), (5, None)]
    counts = _counts(web_store)
    bad = owner.form(f"/athletes/{owner.athlete_id}/log/strength", {**form, "reps": ["0s", "5"]})
    assert bad.status_code in (400, 422) and "a hold must be 1 to 3600 s" in bad.text
    assert _counts(web_store) == counts
