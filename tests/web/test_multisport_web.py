"""A multisport race on the history page (one heading, its legs labelled) and in the API's
activity JSON (the event with the activity's place in it)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from runstrong.services.imports import import_paths
from runstrong.store import Store
from tests.conftest import SHARED_DATA
from tests.web.conftest import sign_up

RACE = SHARED_DATA / "fit" / "activity-large-fenxi2-multisport.fit"
pytestmark = pytest.mark.skipif(not RACE.is_file(), reason=f"{RACE} not found")


def test_history_shows_one_race_with_its_legs(client: TestClient, web_store: Store) -> None:
    owner = sign_up(client, "ana")
    assert owner.athlete_id is not None
    import_paths(web_store, owner.athlete_id, [RACE], workers=1)

    page = client.get(f"/athletes/{owner.athlete_id}/history")

    assert page.status_code == 200
    assert page.text.count('class="history-event"') == 1
    # first session starts 08:00:01 UTC, the last (cycling) at 13:11:37 and lasts 3,211 s
    elapsed_s = (13 * 3600 + 11 * 60 + 37 + 3211) - (8 * 3600 + 1)
    hours, rest = divmod(elapsed_s, 3600)
    assert f"Multisport: 4 legs · 3 transitions · {hours}:{rest // 60:02d}:{rest % 60:02d}" in (
        page.text
    )
    assert page.text.count("history-leg") == 7
    for place in range(1, 8):
        assert f"Multisport · {place} of 7" in page.text
    assert page.text.count(">Transition</a>") == 3


def test_api_activities_carry_their_event(client: TestClient, web_store: Store) -> None:
    owner = sign_up(client, "ana")
    assert owner.athlete_id is not None
    import_paths(web_store, owner.athlete_id, [RACE], workers=1)

    listing = client.get(f"/api/v1/athletes/{owner.athlete_id}/activities").json()

    items = sorted(listing["items"], key=lambda item: item["started_at"])
    assert [item["sport"] for item in items] == [
        "other",
        "transition",
        "running",
        "transition",
        "running",
        "transition",
        "cycling",
    ]
    events = [item["event"] for item in items]
    assert len({event["id"] for event in events}) == 1
    assert [event["position"] for event in events] == list(range(1, 8))
    assert all(event["kind"] == "multisport" for event in events)
    assert events[0]["activity_ids"] == [item["id"] for item in items]
    assert (events[0]["legs"], events[0]["transitions"]) == (4, 3)

    one = client.get(f"/api/v1/athletes/{owner.athlete_id}/activities/{items[1]['id']}").json()
    assert one["event"] == events[1]


def test_a_single_activity_has_no_event(client: TestClient) -> None:
    owner = sign_up(client, "ana")
    created = owner.api(
        "POST",
        f"/api/v1/athletes/{owner.athlete_id}/activities",
        json={"started_at": "2026-11-20T07:15:00", "moving_time_s": 1800, "distance_m": 5000},
    )
    assert created.status_code == 201 and created.json()["event"] is None
