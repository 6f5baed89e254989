"""A watch's strength session on the web: the page asks to name the unidentified sets and for
the session RPE, both forms work in one step, bad input changes nothing; the API shows the
watch fields and PATCH names the unidentified sets."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from runstrong.library.fit_names import UNIDENTIFIED_SLUG
from runstrong.services.imports import import_paths
from runstrong.store import Store
from tests.web.conftest import Browser, sign_up

WATCH = Path(__file__).resolve().parents[1] / "data" / "fit" / "strength-watch.fit"


@pytest.fixture
def owner(client: TestClient) -> Browser:
    return sign_up(client, "wanda")


def _imported(store: Store, browser: Browser) -> int:
    assert browser.athlete_id is not None
    with store.unit_of_work() as uow:  # the heart-rate estimate needs the athlete's maximum
        uow.athletes.update_settings(browser.athlete_id, {"hr_max_bpm": 190, "hr_rest_bpm": 50})
    report = import_paths(store, browser.athlete_id, [WATCH])
    assert report.outcomes[0].strength_sessions_added == 1
    with store.engine.connect() as connection:
        return int(connection.execute(text("SELECT id FROM strength_sessions")).scalar_one())


def _slugs(store: Store) -> list[str]:
    with store.engine.connect() as connection:
        rows = connection.execute(text("SELECT exercise_slug FROM strength_sets ORDER BY position"))
        return [row[0] for row in rows]


def test_page_asks_to_name_unidentified_sets_and_names_them_all(
    owner: Browser, web_store: Store
) -> None:
    session_id = _imported(web_store, owner)
    url = f"/athletes/{owner.athlete_id}/strength/{session_id}"
    page = owner.client.get(url)
    assert page.status_code == 200
    assert 'id="name-unidentified"' in page.text
    assert "did not recognise 2 sets" in page.text
    assert "Name all 2" in page.text
    assert "estimated from your heart rate" in page.text
    assert "112 bpm average, 135 max" in page.text
    assert '<th scope="col">Rest</th>' in page.text
    bad = owner.form(f"{url}/name-unidentified", {"exercise": "no-such-lift"})
    assert bad.status_code == 404 and "no-such-lift" in bad.text
    assert _slugs(web_store).count(UNIDENTIFIED_SLUG) == 2
    done = owner.form(f"{url}/name-unidentified", {"exercise": "goblet-squat"})
    assert done.status_code == 303
    assert _slugs(web_store).count("goblet-squat") == 2
    assert UNIDENTIFIED_SLUG not in _slugs(web_store)
    again = owner.client.get(url)
    assert 'id="name-unidentified"' not in again.text


def test_page_takes_the_session_rpe_and_refuses_bad_values(
    owner: Browser, web_store: Store
) -> None:
    session_id = _imported(web_store, owner)
    url = f"/athletes/{owner.athlete_id}/strength/{session_id}"
    for value in ("11", "hard", ""):
        refused = owner.form(f"{url}/rpe", {"rpe": value})
        assert refused.status_code == 422, value
    with web_store.engine.connect() as connection:
        assert connection.execute(text("SELECT rpe FROM strength_sessions")).scalar_one() is None
    saved = owner.form(f"{url}/rpe", {"rpe": "7,5"})
    assert saved.status_code == 303
    page = owner.client.get(url)
    assert "7.5 / 10" in page.text and 'id="session-rpe-form"' not in page.text


def test_api_shows_watch_fields_and_patch_names_unidentified_sets(
    owner: Browser, web_store: Store
) -> None:
    session_id = _imported(web_store, owner)
    url = f"/api/v1/athletes/{owner.athlete_id}/strength-sessions/{session_id}"
    body = owner.api("GET", url).json()
    assert body["avg_hr_bpm"] == 112.0 and body["rpe_estimate"] is not None
    assert [s["unidentified"] for s in body["sets"]].count(True) == 2
    assert body["sets"][1]["rest_s"] == 90.0
    refused = owner.api("PATCH", url, json={"name_unidentified": "no-such-lift"})
    assert refused.status_code == 404 and refused.json()["error"]["code"] == "not_found"
    empty = owner.api("PATCH", url, json={"name_unidentified": ""})
    assert empty.status_code == 422
    named = owner.api("PATCH", url, json={"name_unidentified": "Goblet Squat", "rpe": 8})
    assert named.status_code == 200, named.text
    sets = named.json()["sets"]
    assert [s["exercise"] for s in sets].count("goblet-squat") == 2
    assert named.json()["rpe"] == 8
    none_left = owner.api("PATCH", url, json={"name_unidentified": "goblet-squat"})
    assert none_left.status_code == 422


def test_uploading_a_watch_file_links_to_the_session_to_complete(
    owner: Browser, web_store: Store
) -> None:
    upload = [("files", (WATCH.name, WATCH.read_bytes(), "application/octet-stream"))]
    broken = [("files", ("cut.fit", WATCH.read_bytes()[:40], "application/octet-stream"))]
    page = owner.client.post(
        f"/athletes/{owner.athlete_id}/import",
        data={"csrf_token": owner.csrf_token},
        files=[*broken, *upload],
    )
    assert "cut.fit" in page.text  # the broken file fails alone
    with web_store.engine.connect() as connection:
        session_id = connection.execute(text("SELECT id FROM strength_sessions")).scalar_one()
    link = f'href="/athletes/{owner.athlete_id}/strength/{session_id}"'
    assert link in page.text and "rate it and name its exercises" in page.text
    again = owner.api("POST", f"/api/v1/athletes/{owner.athlete_id}/imports", files=upload)
    assert again.status_code == 200, again.text
    [outcome] = again.json()["files"]
    assert outcome["status"] == "already_present" and outcome["to_complete"] == []


BRICK = WATCH.parent / "brick-gym-run-gym.fit"


def test_history_shows_a_brick_as_one_event_with_its_gym_legs(
    client: TestClient, web_store: Store, owner: Browser
) -> None:
    assert owner.athlete_id is not None
    import_paths(web_store, owner.athlete_id, [BRICK])

    page = client.get(f"/athletes/{owner.athlete_id}/history")

    assert page.status_code == 200
    assert page.text.count('class="history-event"') == 1
    # gym 17:00:00, run 17:10:01, gym 17:20:31 to 17:30:30: 3 legs, the 29 s transition
    assert "Multisport: 3 legs · 1 transition · 30:30 · 1.8 km" in page.text
    assert page.text.count("history-leg") == 4
    for place in range(1, 5):
        assert f"Multisport · {place} of 4" in page.text
    assert page.text.count("history-strength_session history-leg") == 2

    listing = client.get(f"/api/v1/athletes/{owner.athlete_id}/activities").json()
    run = next(item for item in listing["items"] if item["sport"] == "running")
    assert run["event"]["position"] == 2 and run["event"]["legs"] == 3
    with web_store.engine.connect() as connection:
        ids = [row[0] for row in connection.execute(text("SELECT id FROM strength_sessions"))]
    assert sorted(run["event"]["strength_session_ids"]) == sorted(ids)
