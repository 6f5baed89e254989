"""Logging through the forms and the JSON API, the history and detail pages: units and time
zones from the athlete's settings, broken input refused with a clear message and nothing
stored, coaches reading but not logging, strangers told nothing exists."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from runstrong.domain.models import Activity, StrengthSession, StrengthSet
from runstrong.services.accounts import authenticate
from runstrong.services.logging import log_activity, log_strength_session
from runstrong.services.sharing import share_with_coach
from runstrong.store import Store
from tests.web.conftest import PASSWORD, Browser, sign_up

TABLES = ("activities", "strength_sessions", "strength_sets")
FUTURE = (datetime.now(UTC) + timedelta(days=3)).date().isoformat()


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in TABLES
        }


@pytest.fixture
def owner(client: TestClient) -> Browser:
    return sign_up(client, "olga")


def _imperial(browser: Browser) -> None:
    response = browser.api(
        "PATCH", f"/api/v1/athletes/{browser.athlete_id}", json={"units": "imperial"}
    )
    assert response.status_code == 200, response.text


def _strength_form(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "date": "2024-05-06",
        "time": "18:30",
        "exercise": ["leg-press", "single-leg-leg-press", "single-leg-leg-press", ""],
        "reps": ["6", "8", "8", ""],
        "load": ["140", "60", "57,5", ""],
        "set_rpe": ["8", "", "", ""],
        "side": ["both", "left", "right", "both"],
        "notes": "Left knee drifted in on the last single-leg set.",
        "duration_min": "45",
    }
    values.update(overrides)
    return values


def _run_form(**overrides: str) -> dict[str, str]:
    values = {
        "date": "2024-07-01",
        "time": "07:30",
        "sport": "running",
        "session_type": "easy",
        "distance": "10",
        "duration": "50:00",
        "avg_hr": "142",
        "rpe": "4",
    }
    values.update(overrides)
    return values


class _Controls(HTMLParser):
    """Form controls of a page and the ids that a <label for> names."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.labelled: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "label" and values.get("for"):
            self.labelled.add(values["for"] or "")
        if tag in ("input", "select", "textarea") and values.get("type") != "hidden":
            self.controls.append(values)


def assert_every_control_is_labelled(html: str) -> None:
    parser = _Controls()
    parser.feed(html)
    assert parser.controls
    for control in parser.controls:
        named = control.get("aria-label") or (control.get("id") in parser.labelled)
        assert named, f"control without a label: {control}"


# -- the form ---------------------------------------------------------------------------------


def test_log_page_has_both_forms_labelled_with_stable_ids(
    client: TestClient, owner: Browser
) -> None:
    page = client.get(f"/athletes/{owner.athlete_id}/log")
    assert page.status_code == 200
    for marker in (
        'id="strength-form"',
        'id="run-form"',
        'id="add-set"',
        'id="set-rows"',
        'id="last-loads"',
        'src="/static/log.js"',
        "Load (kg)",
        "Distance (km)",
    ):
        assert marker in page.text, marker
    assert page.text.count(f'name="csrf_token" value="{owner.csrf_token}"') >= 2
    assert "onclick" not in page.text and "<script>" not in page.text
    assert_every_control_is_labelled(page.text)
    assert client.get("/static/log.js").status_code == 200


def test_strength_form_stores_sets_in_kg_at_local_time_and_prefills_next_time(
    client: TestClient, owner: Browser, web_store: Store
) -> None:
    response = owner.form(f"/athletes/{owner.athlete_id}/log/strength", _strength_form())
    assert response.status_code == 303, response.text
    assert re.fullmatch(
        rf"/athletes/{owner.athlete_id}/strength/\d+\?saved=1", response.headers["location"]
    )
    detail = client.get(response.headers["location"])
    assert detail.status_code == 200
    assert "Saved." in detail.text
    assert 'id="session-notes"' in detail.text and "Left knee drifted in" in detail.text
    assert "57.5 kg" in detail.text and "Single-Leg Leg Press" in detail.text
    api = owner.api("GET", f"/api/v1/athletes/{owner.athlete_id}/strength-sessions").json()
    session = api["items"][0]
    assert session["started_at"] == "2024-05-06T18:30:00+02:00"
    assert [(s["exercise"], s["load_kg"], s["side"]) for s in session["sets"]] == [
        ("leg-press", 140.0, "both"),
        ("single-leg-leg-press", 60.0, "left"),
        ("single-leg-leg-press", 57.5, "right"),
    ]
    assert session["duration_s"] == 2700
    page = client.get(f"/athletes/{owner.athlete_id}/log")
    assert 'id="prefill-note"' in page.text
    assert 'value="57.5"' in page.text and '<option value="single-leg-leg-press"' in page.text


def test_imperial_athlete_types_pounds_and_miles(
    client: TestClient, owner: Browser, web_store: Store
) -> None:
    _imperial(owner)
    page = client.get(f"/athletes/{owner.athlete_id}/log")
    assert "Load (lb)" in page.text and "Distance (mi)" in page.text
    form = _strength_form(
        exercise=["leg-press"], reps=["5"], load=["300"], set_rpe=[""], side=["both"]
    )
    assert owner.form(f"/athletes/{owner.athlete_id}/log/strength", form).status_code == 303
    run = owner.form(f"/athletes/{owner.athlete_id}/log/run", _run_form(distance="6.2"))
    assert run.status_code == 303
    sessions = owner.api("GET", f"/api/v1/athletes/{owner.athlete_id}/strength-sessions").json()
    assert sessions["items"][0]["sets"][0]["load_kg"] == pytest.approx(136.0777, abs=1e-3)
    activities = owner.api("GET", f"/api/v1/athletes/{owner.athlete_id}/activities").json()
    assert activities["items"][0]["distance_m"] == pytest.approx(9977.93, abs=0.01)
    detail = client.get(run.headers["location"])
    assert "6.2 mi" in detail.text and "/mi" in detail.text
    prefilled = client.get(f"/athletes/{owner.athlete_id}/log")
    assert 'value="300"' in prefilled.text


def test_run_form_stores_local_time_and_shows_it_back(client: TestClient, owner: Browser) -> None:
    response = owner.form(f"/athletes/{owner.athlete_id}/log/run", _run_form(notes="windy"))
    assert response.status_code == 303
    detail = client.get(response.headers["location"])
    assert "2024-07-01 07:30" in detail.text and "10.0 km" in detail.text
    assert "5:00/km" in detail.text and "windy" in detail.text
    stored = owner.api("GET", f"/api/v1/athletes/{owner.athlete_id}/activities").json()["items"][0]
    assert stored["started_at"] == "2024-07-01T07:30:00+02:00"
    assert stored["moving_time_s"] == 3000 and stored["pace_s_per_km"] == 300


BROKEN_STRENGTH = [
    ({"reps": ["six", "8", "8", ""]}, "set 1: reps: 'six' is not a number"),
    ({"reps": ["-3", "8", "8", ""]}, "set 1: reps cannot be negative"),
    ({"reps": ["0", "8", "8", ""]}, "set 1: reps must be at least 1"),
    ({"reps": ["5.5", "8", "8", ""]}, "set 1: reps: '5.5' is not a whole number"),
    ({"reps": ["", "8", "8", ""]}, "set 1: give the number of reps"),
    ({"load": ["heavy", "60", "60", ""]}, "set 1: load: 'heavy' is not a number"),
    ({"load": ["-20", "60", "60", ""]}, "set 1: load cannot be negative"),
    ({"load": ["5000", "60", "60", ""]}, "load must be between 0 and 1500 kg"),
    ({"exercise": ["leg-pres", "", "", ""]}, "set 1: No exercise 'leg-pres'"),
    ({"side": ["left", "left", "right", "both"]}, "set 1: Leg Press is done with both legs"),
    ({"side": ["middle", "left", "right", "both"]}, "set 1: unknown side 'middle'"),
    ({"set_rpe": ["11", "", "", ""]}, "set RPE must be between 1 and 10"),
    ({"exercise": ["", "", "", ""]}, "a strength session needs at least one set"),
    ({"date": FUTURE}, "a session cannot start in the future"),
    ({"date": "06/05/2024"}, "date: '06/05/2024' is not a date"),
    ({"time": "25:99"}, "time: '25:99' is not a time"),
    ({"duration_min": "abc"}, "duration: 'abc' is not a number"),
    ({"pain": "4"}, "say where it hurts"),
]


def test_broken_strength_form_says_why_keeps_the_input_and_stores_nothing(
    client: TestClient, owner: Browser, web_store: Store
) -> None:
    before = _counts(web_store)
    for change, message in BROKEN_STRENGTH:
        form = _strength_form(**change)
        response = owner.form(f"/athletes/{owner.athlete_id}/log/strength", form)
        assert response.status_code == 422, (change, response.text)
        assert 'id="strength-error"' in response.text
        assert message in response.text.replace("&#39;", "'"), (change, response.text)
        assert "Left knee drifted in" in response.text, "what was typed is kept"
        assert _counts(web_store) == before, change


BROKEN_RUN = [
    ({"distance": "ten"}, "distance: 'ten' is not a number"),
    ({"distance": "-5"}, "distance cannot be negative"),
    ({"duration": "fifty"}, "invalid time 'fifty'"),
    ({"duration": ""}, "give the moving time"),
    ({"duration": "1:00"}, "faster than any human runs"),
    ({"avg_hr": "900"}, "average heart rate must be between"),
    ({"rpe": "NaN"}, "RPE: 'NaN' is not a number"),
    ({"sport": "teleporting"}, "unknown sport 'teleporting'"),
    ({"session_type": "sprintz"}, "unknown session type 'sprintz'"),
    ({"date": FUTURE}, "a session cannot start in the future"),
    ({"pain_location": "knee"}, "give a pain score"),
]


def test_broken_run_form_says_why_and_stores_nothing(
    client: TestClient, owner: Browser, web_store: Store
) -> None:
    before = _counts(web_store)
    for change, message in BROKEN_RUN:
        response = owner.form(f"/athletes/{owner.athlete_id}/log/run", _run_form(**change))
        assert response.status_code == 422, (change, response.text)
        assert 'id="run-error"' in response.text
        assert message in response.text.replace("&#39;", "'"), (change, response.text)
        assert _counts(web_store) == before, change


def test_form_without_csrf_token_is_refused(
    client: TestClient, owner: Browser, web_store: Store
) -> None:
    before = _counts(web_store)
    response = client.post(f"/athletes/{owner.athlete_id}/log/run", data=_run_form())
    assert response.status_code == 403
    assert _counts(web_store) == before


# -- the JSON API -----------------------------------------------------------------------------


def _api_run(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "started_at": "2024-07-01T07:30:00",
        "distance_m": 10000,
        "moving_time_s": 3000,
        "session_type": "easy",
        "avg_hr_bpm": 140,
    }
    body.update(overrides)
    return body


def _api_session(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "started_at": "2024-07-02T18:00:00Z",
        "sets": [
            {"exercise": "leg-press", "reps": 6, "load_kg": 140, "rpe": 8},
            {"exercise": "Single-Leg Leg Press", "reps": 8, "load_kg": 60, "side": "left"},
        ],
        "notes": "depth good",
    }
    body.update(overrides)
    return body


def test_api_logs_a_run_naive_time_in_the_athletes_zone(owner: Browser) -> None:
    url = f"/api/v1/athletes/{owner.athlete_id}/activities"
    created = owner.api("POST", url, json=_api_run())
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["started_at"] == "2024-07-01T07:30:00+02:00"
    assert created.headers["location"] == f"{url}/{body['id']}"
    aware = owner.api("POST", url, json=_api_run(started_at="2024-07-01T07:30:00-04:00"))
    assert aware.json()["started_at"] == "2024-07-01T13:30:00+02:00"
    one = owner.api("GET", f"{url}/{body['id']}")
    # the activity's answer holds the logged summary, and its analysis besides
    assert one.status_code == 200 and one.json().items() >= body.items()


def test_api_logs_a_strength_session_by_slug_or_name(owner: Browser) -> None:
    url = f"/api/v1/athletes/{owner.athlete_id}/strength-sessions"
    created = owner.api("POST", url, json=_api_session())
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["started_at"] == "2024-07-02T20:00:00+02:00"
    assert [s["exercise"] for s in body["sets"]] == ["leg-press", "single-leg-leg-press"]
    assert body["volume_kg"] == 6 * 140 + 8 * 60 and body["notes"] == "depth good"
    assert body.pop("records") == []  # the first session beats no record
    assert owner.api("GET", f"{url}/{body['id']}").json() == body
    last = owner.api("GET", f"{url}/last").json()
    assert last["last_session"]["id"] == body["id"]
    loads = {item["exercise"]: item for item in last["last_loads"]}
    assert loads["leg-press"]["top_load_kg"] == 140
    assert loads["single-leg-leg-press"]["sets"][0]["side"] == "left"


def test_api_last_before_any_session(owner: Browser) -> None:
    last = owner.api("GET", f"/api/v1/athletes/{owner.athlete_id}/strength-sessions/last")
    assert last.status_code == 200 and last.json() == {"last_session": None, "last_loads": []}


BROKEN_API_RUNS = [
    ({"moving_time_s": "fifty"}, "moving_time_s"),
    ({"moving_time_s": -5}, "moving_time_s"),
    ({"distance_m": -100}, "distance_m"),
    ({"distance_m": "1e999"}, "distance_m"),
    ({"started_at": "yesterday"}, "started_at"),
    ({"started_at": (datetime.now(UTC) + timedelta(days=2)).isoformat()}, "in the future"),
    ({"sport": "teleporting"}, "sport"),
    ({"rpe": 11}, "rpe"),
    ({"colour": "red"}, "colour"),
    ({"distance_m": 10000, "moving_time_s": 60}, "faster than any human runs"),
]


def test_api_refuses_broken_runs_with_a_json_error(owner: Browser, web_store: Store) -> None:
    before = _counts(web_store)
    url = f"/api/v1/athletes/{owner.athlete_id}/activities"
    for change, message in BROKEN_API_RUNS:
        response = owner.api("POST", url, json=_api_run(**change))
        assert response.status_code == 422, (change, response.text)
        error = response.json()["error"]
        assert error["code"] == "invalid_input" and message in error["message"], change
        assert _counts(web_store) == before, change


def _with_set(**change: Any) -> dict[str, Any]:
    body = _api_session()
    body["sets"][1] = {**body["sets"][1], **change}
    return body


BROKEN_API_SESSIONS = [
    (_with_set(exercise="moon-squat"), "set 2: No exercise 'moon-squat'"),
    (_with_set(exercise="unknown:moon-squat"), "set 2: No exercise"),
    (_with_set(reps=-3), "sets.1.reps"),
    (_with_set(reps=0), "sets.1.reps"),
    (_with_set(reps="lots"), "sets.1.reps"),
    (_with_set(load_kg=-10), "sets.1.load_kg"),
    (_with_set(side="middle"), "sets.1.side"),
    (_with_set(exercise="leg-press", side="left"), "set 2: Leg Press is done with both legs"),
    (_api_session(sets=[]), "sets"),
    (_api_session(started_at=(datetime.now(UTC) + timedelta(days=2)).isoformat()), "future"),
    (_api_session(rpe=12), "rpe"),
    (_api_session(pain_score=3), "say where it hurts"),
]


def test_api_refuses_broken_strength_sessions(owner: Browser, web_store: Store) -> None:
    before = _counts(web_store)
    url = f"/api/v1/athletes/{owner.athlete_id}/strength-sessions"
    for body, message in BROKEN_API_SESSIONS:
        response = owner.api("POST", url, json=body)
        assert response.status_code == 422, (body, response.text)
        assert message in response.json()["error"]["message"], body
        assert _counts(web_store) == before, body


def test_api_lists_page_newest_first(owner: Browser, web_store: Store) -> None:
    start = datetime(2024, 1, 1, 7, tzinfo=UTC)
    for day in range(7):
        log_activity(
            web_store,
            owner.athlete_id,
            Activity(
                started_at=start + timedelta(days=day),
                sport="running",
                moving_time_s=1800,
                distance_m=6000,
            ),
        )
    url = f"/api/v1/athletes/{owner.athlete_id}/activities"
    page = owner.api("GET", url, params={"limit": 3, "offset": 2}).json()
    assert (page["total"], page["limit"], page["offset"]) == (7, 3, 2)
    assert [item["started_at"][:10] for item in page["items"]] == [
        "2024-01-05",
        "2024-01-04",
        "2024-01-03",
    ]
    for params in ({"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "ten"}):
        bad = owner.api("GET", url, params=params)
        assert bad.status_code == 422 and "error" in bad.json()
    for kind in ("activities", "strength-sessions"):
        for item_id in ("999999", "0", "abc"):
            missing = owner.api("GET", f"/api/v1/athletes/{owner.athlete_id}/{kind}/{item_id}")
            assert missing.status_code in (404, 422) and "error" in missing.json()


def test_api_token_logs_without_csrf_and_a_cookie_without_it_is_refused(
    client: TestClient, owner: Browser, web_store: Store, new_client
) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/athletes/{owner.athlete_id}/activities"
    before = _counts(web_store)
    no_header = client.post(url, json=_api_run())
    assert no_header.status_code == 403 and _counts(web_store) == before
    token = owner.api("POST", "/api/v1/tokens", json={"name": "watch sync"}).json()["token"]
    script = new_client()
    created = script.post(url, json=_api_run(), headers={"Authorization": f"Bearer {token}"})
    assert created.status_code == 201
    anonymous = new_client().post(url, json=_api_run())
    assert anonymous.status_code == 401
    assert anonymous.json()["error"]["code"] == "unauthenticated"


# -- history and detail pages -----------------------------------------------------------------


def test_history_pages_both_kinds_newest_first(
    client: TestClient, owner: Browser, web_store: Store
) -> None:
    start = datetime(2024, 2, 1, 6, tzinfo=UTC)
    for index in range(30):
        moment = start + timedelta(hours=12 * index)
        if index % 3:
            log_activity(
                web_store,
                owner.athlete_id,
                Activity(started_at=moment, sport="running", moving_time_s=2400, distance_m=8000),
            )
        else:
            log_strength_session(
                web_store,
                owner.athlete_id,
                StrengthSession(started_at=moment, sets=(StrengthSet("leg-press", 5, 150),)),
            )
    first = client.get(f"/athletes/{owner.athlete_id}/history")
    assert first.status_code == 200
    assert first.text.count('<tr class="history-') == 25
    assert "30 sessions in all" in first.text and 'rel="next" href="?offset=25"' in first.text
    assert first.text.index("2024-02-15 19:00") < first.text.index("2024-02-15 07:00")
    second = client.get(f"/athletes/{owner.athlete_id}/history?offset=25")
    assert second.text.count('<tr class="history-') == 5 and 'rel="prev"' in second.text
    assert "2024-02-01 07:00" in second.text and "top 150 kg" in second.text
    assert client.get(f"/athletes/{owner.athlete_id}/history?offset=-1").status_code == 422


def test_coach_reads_and_comments_but_cannot_log_and_a_stranger_sees_nothing(
    client: TestClient, owner: Browser, web_store: Store, new_client
) -> None:  # type: ignore[no-untyped-def]
    created = owner.api(
        "POST", f"/api/v1/athletes/{owner.athlete_id}/strength-sessions", json=_api_session()
    ).json()
    run = owner.api(
        "POST", f"/api/v1/athletes/{owner.athlete_id}/activities", json=_api_run(notes="felt flat")
    ).json()
    coach = sign_up(new_client(), "carla")
    stranger = sign_up(new_client(), "steve")
    user = authenticate(web_store, "olga", PASSWORD, client="test")
    share_with_coach(web_store, user, owner.athlete_id or 0, "carla")
    athlete = f"/athletes/{owner.athlete_id}"
    api = f"/api/v1/athletes/{owner.athlete_id}"
    before = _counts(web_store)

    detail = coach.client.get(f"{athlete}/strength/{created['id']}")
    assert detail.status_code == 200
    assert "depth good" in detail.text and 'id="comment-form"' in detail.text
    assert 'name="subject" value="strength_session"' in detail.text
    assert f'name="next" value="{athlete}/strength/{created["id"]}"' in detail.text
    activity_page = coach.client.get(f"{athlete}/activities/{run['id']}")
    assert activity_page.status_code == 200 and "felt flat" in activity_page.text
    assert 'name="subject" value="activity"' in activity_page.text
    assert coach.client.get(f"{athlete}/history").status_code == 200
    assert coach.api("GET", f"{api}/activities").json()["total"] == 1
    assert coach.api("GET", f"{api}/strength-sessions/last").status_code == 200

    assert coach.client.get(f"{athlete}/log").status_code == 403
    refused = coach.form(f"{athlete}/log/run", _run_form())
    assert refused.status_code == 403 and "only the athlete" in refused.text
    assert coach.form(f"{athlete}/log/strength", _strength_form()).status_code == 403
    api_refused = coach.api("POST", f"{api}/activities", json=_api_run())
    assert api_refused.status_code == 403
    assert api_refused.json()["error"]["code"] == "permission_denied"
    assert coach.api("POST", f"{api}/strength-sessions", json=_api_session()).status_code == 403

    for path in (
        f"{athlete}/history",
        f"{athlete}/log",
        f"{athlete}/strength/{created['id']}",
        f"{athlete}/activities/{run['id']}",
    ):
        assert stranger.client.get(path).status_code == 404, path
    assert stranger.form(f"{athlete}/log/run", _run_form()).status_code == 404
    for path in (
        f"{api}/activities",
        f"{api}/strength-sessions/{created['id']}",
        f"{api}/strength-sessions/last",
    ):
        assert stranger.api("GET", path).status_code == 404, path
    assert stranger.api("POST", f"{api}/activities", json=_api_run()).status_code == 404
    assert _counts(web_store) == before


def test_an_item_of_another_athlete_is_not_found_even_for_its_owner_elsewhere(
    owner: Browser, new_client
) -> None:  # type: ignore[no-untyped-def]
    other = sign_up(new_client(), "pia")
    theirs = other.api(
        "POST", f"/api/v1/athletes/{other.athlete_id}/activities", json=_api_run()
    ).json()
    mine = f"/api/v1/athletes/{owner.athlete_id}/activities/{theirs['id']}"
    assert owner.api("GET", mine).status_code == 404
    assert (
        owner.client.get(f"/athletes/{owner.athlete_id}/activities/{theirs['id']}").status_code
        == 404
    )


def test_pages_ask_anonymous_visitors_to_sign_in(new_client) -> None:  # type: ignore[no-untyped-def]
    visitor = new_client()
    for path in ("/athletes/1/log", "/athletes/1/history", "/athletes/1/strength/1"):
        response = visitor.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login")
