"""The settings page: units and time zone change what every page shows; bad input changes
nothing."""

from __future__ import annotations

from fastapi.testclient import TestClient

from runstrong.services.athletes import get_athlete
from tests.web.conftest import sign_up

VALID = {"units": "imperial", "timezone": "America/New_York", "event_focus": "middle",
         "sex": "female", "body_mass": "130", "birth_year": "1990", "hr_rest": "48",
         "hr_max": "188"}  # fmt: skip


def test_saving_settings_converts_units_at_the_edge(client: TestClient) -> None:
    ana = sign_up(client, "settingsana")
    page = client.get(f"/athletes/{ana.athlete_id}/settings")
    assert page.status_code == 200 and 'id="settings-form"' in page.text
    saved = ana.form(f"/athletes/{ana.athlete_id}/settings", VALID)
    assert saved.status_code == 303
    athlete = get_athlete(client.app.state.runstrong.store, ana.athlete_id)  # type: ignore[attr-defined]
    assert athlete.units == "imperial" and athlete.timezone == "America/New_York"
    assert athlete.body_mass_kg is not None and abs(athlete.body_mass_kg - 58.97) < 0.01
    assert (athlete.hr_rest_bpm, athlete.hr_max_bpm, athlete.birth_year) == (48, 188, 1990)
    shown = client.get(saved.headers["location"])
    assert (
        "Saved." in shown.text and 'value="130.0"' in shown.text and "Body mass (lb)" in shown.text
    )
    api = ana.api("GET", f"/api/v1/athletes/{ana.athlete_id}").json()
    assert api["units"] == "imperial" and api["event_focus"] == "middle"


def test_bad_settings_get_a_clear_message_and_change_nothing(client: TestClient) -> None:
    ana = sign_up(client, "settingsbad")
    store = client.app.state.runstrong.store  # type: ignore[attr-defined]
    before = get_athlete(store, ana.athlete_id)
    for field, value, message in (
        ("timezone", "Mars/Olympus", "unknown time zone"),
        ("timezone", "   ", "time zone is required"),
        ("units", "furlongs", "unknown unit system"),
        ("body_mass", "heavy", "body mass must be a number"),
        ("body_mass", "900", "body mass must be between"),
        ("hr_rest", "200", "resting heart rate must be between"),
        ("birth_year", "1700", "birth year must be between"),
        ("event_focus", "ultra", "unknown event focus"),
    ):
        response = ana.form(f"/athletes/{ana.athlete_id}/settings", {**VALID, field: value})
        assert response.status_code == 422, (field, response.text)
        assert message in response.text, (field, message)
        assert get_athlete(store, ana.athlete_id) == before


def test_a_coach_may_not_change_settings(client: TestClient, new_client) -> None:  # type: ignore[no-untyped-def]
    from runstrong.services.sharing import share_with_coach

    ana = sign_up(client, "settingsowner")
    coach = sign_up(new_client(), "settingscoach")
    store = client.app.state.runstrong.store  # type: ignore[attr-defined]
    with store.unit_of_work() as uow:
        owner = uow.users.find("settingsowner")
    assert owner is not None
    share_with_coach(store, owner, ana.athlete_id, "settingscoach")
    assert coach.client.get(f"/athletes/{ana.athlete_id}/settings").status_code == 403
    refused = coach.form(f"/athletes/{ana.athlete_id}/settings", VALID)
    assert refused.status_code == 403
    assert get_athlete(store, ana.athlete_id).units == "metric"
