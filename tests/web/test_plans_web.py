"""Plans on the web (issue 9): the calendar page, its forms and the JSON API — create, move (by
drag through the API, or by the keyboard form), re-plan, approve by the owner or a coach, and
export. Broken input gets one clear message and leaves the stored plan as it was.

The calendar is pinned with the ``plan_today`` dependency: the plan starts on Wednesday
25 November 2026 and ends with a 10k on Sunday 17 January 2027 (eight weeks, Monday to Sunday
after the first), so every test sees the same weeks whatever the real date is.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import fitdecode
import icalendar
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from runstrong.domain.accounts import User
from runstrong.domain.models import Activity, StrengthSession, StrengthSet
from runstrong.services.athletes import update_athlete_settings
from runstrong.services.logging import log_activity, log_strength_session
from runstrong.services.sharing import share_with_coach
from runstrong.store import Store
from runstrong.web.api.plans import plan_today
from tests.web.conftest import Browser, sign_up

TODAY = date(2026, 11, 25)  # a Wednesday
RACE_DAY = date(2027, 1, 17)  # a Sunday
NEW_PLAN = {"race": "10k", "race_date": RACE_DAY.isoformat()}


@pytest.fixture
def pinned(app: FastAPI) -> Iterator[None]:
    app.dependency_overrides[plan_today] = lambda: TODAY
    yield
    app.dependency_overrides.pop(plan_today, None)


@pytest.fixture
def alice(client: TestClient, pinned: None) -> Browser:
    return sign_up(client, "alice")


@pytest.fixture
def planned(alice: Browser) -> dict[str, Any]:
    """Alice's 10k plan, as the API returns it."""
    response = alice.api("POST", _api(alice), json=NEW_PLAN)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


# --- helpers -------------------------------------------------------------------------------


def _api(browser: Browser, tail: str = "") -> str:
    return f"/api/v1/athletes/{browser.athlete_id}/plan{tail}"


def _page(browser: Browser, tail: str = "") -> str:
    return f"/athletes/{browser.athlete_id}/plan{tail}"


def _plan(browser: Browser) -> dict[str, Any]:
    response = browser.client.get(_api(browser))
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _user(store: Store, username: str) -> User:
    with store.unit_of_work() as uow:
        found = uow.users.find(username)
    assert found is not None
    return found


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _layout(plan: dict[str, Any]) -> list[tuple[int, str, str, str, str]]:
    """What a re-plan may change: each session's day, slot, status and title."""
    return [(s["id"], s["day"], s["slot"], s["status"], s["title"]) for s in plan["sessions"]]


def _in_week(plan: dict[str, Any], number: int) -> list[dict[str, Any]]:
    week = plan["weeks"][number - 1]
    start, end = _day(week["start"]), _day(week["end"])
    return [s for s in plan["sessions"] if start <= _day(s["day"]) <= end]


def _easy_move(plan: dict[str, Any]) -> tuple[dict[str, Any], date]:
    """An easy run of the second week and a day of that week with no session on it."""
    sessions = _in_week(plan, 2)
    week = plan["weeks"][1]
    easy = next(s for s in sessions if s["run"] and s["run"]["session_type"] in ("easy", "strides"))
    busy = {_day(s["day"]) for s in sessions}
    start = _day(week["start"])
    free = next(
        start + timedelta(days=n) for n in range(7) if start + timedelta(days=n) not in busy
    )
    return easy, free


def _heavy_legs_move(plan: dict[str, Any]) -> tuple[dict[str, Any], date]:
    """A key run (not the long run or race) and a day of its week within 48 h after a heavy
    lower-body session at the end of the week before: a move the 48-hour rule forbids."""
    for before, week in zip(plan["weeks"], plan["weeks"][1:], strict=False):
        start, end = _day(week["start"]), _day(week["end"])
        heavy = [
            _day(s["day"])
            for s in plan["sessions"]
            if s["heavy_lower_body"]
            and _day(before["end"]) - _day(s["day"]) <= timedelta(days=1)
            and _day(s["day"]) <= _day(before["end"])
        ]
        keys = [
            s
            for s in plan["sessions"]
            if start <= _day(s["day"]) <= end
            and s["key"]
            and s["run"]["session_type"] not in ("long", "race")
            and s["movable_from"]
        ]
        for day in heavy:
            blocked = [day + timedelta(days=g) for g in (1, 2) if start <= day + timedelta(days=g)]
            for key in keys:
                targets = [b for b in blocked if b != _day(key["day"]) and b <= end]
                if targets:
                    return key, targets[0]
    raise AssertionError("the plan has no key run to move within 48 h of heavy legs")


# --- create --------------------------------------------------------------------------------


def test_create_plan_through_the_api(planned: dict[str, Any], alice: Browser) -> None:
    assert planned["request"]["race_date"] == RACE_DAY.isoformat()
    assert planned["request"]["start_date"] == TODAY.isoformat()
    assert planned["today"] == TODAY.isoformat()
    assert planned["timezone"] == "Europe/Ljubljana" and planned["units"] == "metric"
    assert [w["number"] for w in planned["weeks"]] == list(range(1, len(planned["weeks"]) + 1))
    assert planned["weeks"][-1]["end"] == RACE_DAY.isoformat()
    assert all(isinstance(s["id"], int) for s in planned["sessions"])
    race = [s for s in planned["sessions"] if s["run"] and s["run"]["session_type"] == "race"]
    assert len(race) == 1 and race[0]["movable_from"] is None  # the race stays
    assert planned["approval"] is None
    assert _plan(alice) == planned


def test_create_plan_through_the_form(alice: Browser) -> None:
    empty = alice.client.get(_page(alice))
    assert empty.status_code == 200 and "Create a plan" in empty.text
    assert 'name="race_date"' in empty.text and '<label for="plan-race-date">' in empty.text
    response = alice.form(
        _page(alice),
        {
            "race": "half",
            "race_date": "2027-02-28",
            "focus": "distance",
            "available_days": ["0", "1", "3", "5", "6"],
            "long_run_day": "6",
            "strength_days": "2",
            "equipment": ["barbell", "box"],
            "two_a_days": "1",
        },
    )
    assert response.status_code == 303, response.text
    assert response.headers["location"].startswith(_page(alice))
    plan = _plan(alice)
    assert plan["request"]["race_label"] == "half"
    assert plan["request"]["available_days"] == ["mon", "tue", "thu", "sat", "sun"]
    assert plan["request"]["equipment"] == ["barbell", "bodyweight", "box"]
    page = alice.client.get(response.headers["location"])
    assert "Your plan is ready" in page.text
    assert "half on Sun 28 Feb 2027" in page.text


BAD_PLANS = [
    pytest.param({"race_date": "2026-11-01"}, "not after the plan's start", id="race-in-past"),
    pytest.param({"race": "banana"}, "banana", id="unknown-distance"),
    pytest.param({"race": "300km"}, "not a running race", id="too-long"),
    pytest.param({"focus": "ultra"}, "focus", id="unknown-focus"),
    pytest.param({"strength_days": 5}, "strength_days", id="strength-days"),
    pytest.param(
        {"race": "marathon", "race_date": "2027-04-11", "available_days": ["sun"]},
        "at least 3 running days",
        id="impossible-days",
    ),
    pytest.param(
        {"available_days": ["mon", "wed"], "long_run_day": "sun"},
        "long-run day",
        id="long-run-day-not-available",
    ),
    pytest.param({"equipment": ["trampoline"]}, "unknown equipment", id="equipment"),
    pytest.param({"available_days": ["someday"]}, "available_days", id="weekday-name"),
    pytest.param({"race_date": "next week"}, "race_date", id="date-format"),
    pytest.param({"races": "10k"}, "races", id="unknown-field"),
]


@pytest.mark.parametrize(("change", "message"), BAD_PLANS)
def test_broken_plan_requests_are_refused_and_store_nothing(
    alice: Browser, change: dict[str, Any], message: str
) -> None:
    response = alice.api("POST", _api(alice), json={**NEW_PLAN, **change})
    assert response.status_code == 422, response.text
    assert message in response.json()["error"]["message"]
    missing = alice.client.get(_api(alice))
    assert missing.status_code == 404
    assert "no plan yet" in missing.json()["error"]["message"]


def test_a_broken_request_keeps_the_plan_there_was(planned: dict[str, Any], alice: Browser) -> None:
    response = alice.api("POST", _api(alice), json={**NEW_PLAN, "race_date": "2026-12-01"})
    assert response.status_code == 422
    assert "at least 14 days" in response.json()["error"]["message"]
    assert _plan(alice) == planned


BAD_FORMS = [
    pytest.param({"race_date": "2026-11-01"}, "not after the plan&#39;s start", id="past"),
    pytest.param({"race": "banana"}, "banana", id="unknown-distance"),
    pytest.param({"focus": "ultra"}, "unknown focus", id="unknown-focus"),
    pytest.param({"strength_days": "5"}, "Strength days must be 0 to 3", id="strength-days"),
    pytest.param({"strength_days": "two"}, "whole number", id="strength-days-text"),
    pytest.param(
        {"race": "marathon", "race_date": "2027-04-11", "available_days": ["6"]},
        "at least 3 running days",
        id="impossible-days",
    ),
    pytest.param({"available_days": []}, "No available days", id="no-days"),
    pytest.param({"race_date": ""}, "race date is missing", id="no-date"),
    pytest.param({"race_date": "31/12/2026"}, "use YYYY-MM-DD", id="date-format"),
]


@pytest.mark.parametrize(("change", "message"), BAD_FORMS)
def test_broken_plan_forms_come_back_with_the_message(
    alice: Browser, change: dict[str, Any], message: str
) -> None:
    data = {"available_days": [str(d) for d in range(7)], "two_a_days": "1", **NEW_PLAN}
    response = alice.form(_page(alice), {**data, **change})
    assert response.status_code == 422, response.text
    assert 'role="alert"' in response.text and message in response.text
    assert 'id="plan-race"' in response.text  # the form is there to fix
    assert f'value="{change.get("race", "10k")}"' in response.text  # with what was typed
    assert alice.client.get(_api(alice)).status_code == 404


# --- the calendar ---------------------------------------------------------------------------


def test_week_view_shows_cards_drop_zones_and_move_forms(
    planned: dict[str, Any], alice: Browser
) -> None:
    page = alice.client.get(_page(alice))
    assert page.status_code == 200
    html = page.text
    assert "Week of Mon 23 Nov 2026" in html and "Week 1 · base" in html
    first = planned["sessions"][0]
    assert f'id="session-{first["id"]}" data-session-id="{first["id"]}"' in html
    assert 'draggable="true"' in html
    assert 'data-day="2026-11-25" data-slot="am"' in html
    assert 'data-day="2026-11-29" data-slot="pm"' in html
    assert f'<label for="move-day-{first["id"]}">' in html and 'name="slot"' in html
    assert 'aria-current="date"' in html  # today
    assert '<script type="application/json" id="plan-data">' in html
    assert '<script src="/static/calendar.js" defer></script>' in html
    for fmt in ("ics", "fit", "pdf"):
        assert f'href="/athletes/{alice.athlete_id}/plan/export/{fmt}"' in html
    assert "Not approved yet" in html and "Approve plan" in html
    assert "Key" in html and "planned" in html and "load 325 AU" in html


def test_month_view_and_navigation(planned: dict[str, Any], alice: Browser) -> None:
    page = alice.client.get(_page(alice, "?view=month&start=2026-12-10"))
    assert page.status_code == 200
    html = page.text
    assert "<caption>December 2026</caption>" in html
    assert "start=2026-11-01" in html and "start=2027-01-01" in html  # previous, next month
    assert html.count('<tr>\n      <th scope="row"') == 5  # Mon 30 Nov .. Sun 3 Jan
    assert 'data-day="2026-12-31"' in html and "Heavy legs" in html
    week = alice.client.get(_page(alice, "?view=week&start=2026-12-23"))
    assert "Week of Mon 21 Dec 2026" in week.text and "Week 5 · build" in week.text
    assert "start=2026-12-16" in week.text and "start=2026-12-30" in week.text


def test_calendar_query_is_checked(planned: dict[str, Any], alice: Browser) -> None:
    assert alice.client.get(_page(alice, "?view=year")).status_code == 422
    assert alice.client.get(_page(alice, "?start=yesterday")).status_code == 422
    far = alice.client.get(_page(alice, "?start=9999-12-31"))
    assert far.status_code == 200  # clamped near the plan, no overflow


def _log_a_race_and_a_lift(store: Store, athlete_id: int) -> None:
    """A 10k race and a leg-press session: the plan then has paces and loads."""
    zone = ZoneInfo("Europe/Ljubljana")
    log_activity(
        store,
        athlete_id,
        Activity(
            started_at=datetime(2026, 11, 1, 10, tzinfo=zone),
            sport="running",
            moving_time_s=45 * 60,
            distance_m=10_000,
            session_type="race",
        ),
    )
    lift = StrengthSet("leg-press", reps=5, load_kg=100, rpe=8)
    log_strength_session(
        store, athlete_id, StrengthSession(datetime(2026, 11, 20, 18, tzinfo=zone), (lift,) * 3)
    )


@pytest.mark.parametrize(
    ("units", "shown", "not_shown"),
    [
        ("imperial", ("/mi", " lb", "miles and pounds"), ("/km", " kg")),
        ("metric", ("/km", " kg", "kilometres and kilograms"), ("/mi", " lb")),
    ],
)
def test_units_follow_the_athlete(
    client: TestClient,
    pinned: None,
    web_store: Store,
    units: str,
    shown: tuple[str, ...],
    not_shown: tuple[str, ...],
) -> None:
    bob = sign_up(client, "bob")
    assert bob.athlete_id is not None
    update_athlete_settings(web_store, bob.athlete_id, {"units": units})
    _log_a_race_and_a_lift(web_store, bob.athlete_id)
    created = bob.api("POST", _api(bob), json=NEW_PLAN)
    assert created.status_code == 201
    assert created.json()["units"] == units
    page = client.get(_page(bob, "?view=week&start=2026-12-16")).text
    for text in shown:
        assert text in page, text
    for text in not_shown:
        assert text not in page, text


# --- move -----------------------------------------------------------------------------------


def test_move_through_the_api_replans_the_week(planned: dict[str, Any], alice: Browser) -> None:
    easy, target = _easy_move(planned)
    response = alice.api(
        "POST", _api(alice, f"/sessions/{easy['id']}/move"), json={"day": target.isoformat()}
    )
    assert response.status_code == 200, response.text
    moved = next(s for s in response.json()["sessions"] if s["id"] == easy["id"])
    assert moved["day"] == target.isoformat()
    assert response.json()["left_out"] == []
    assert _plan(alice) == {k: v for k, v in response.json().items() if k != "left_out"}
    assert {s["id"] for s in response.json()["sessions"]} == {s["id"] for s in planned["sessions"]}


def test_move_to_the_evening_of_the_same_day(planned: dict[str, Any], alice: Browser) -> None:
    easy, _ = _easy_move(planned)
    for _ in range(2):  # the same request twice: still valid
        response = alice.api(
            "POST", _api(alice, f"/sessions/{easy['id']}/move"), json={"slot": "pm"}
        )
        assert response.status_code == 200, response.text
        moved = next(s for s in response.json()["sessions"] if s["id"] == easy["id"])
        assert (moved["day"], moved["slot"]) == (easy["day"], "pm")


def test_move_through_the_form(planned: dict[str, Any], alice: Browser) -> None:
    easy, target = _easy_move(planned)
    response = alice.form(
        _page(alice, "/move"),
        {"session_id": easy["id"], "day": target.isoformat(), "slot": "am", "view": "week"},
    )
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert location.endswith(f"#session-{easy['id']}") and f"start={target}" in location
    page = alice.client.get(location.split("#")[0])
    assert "Session moved" in page.text
    moved = next(s for s in _plan(alice)["sessions"] if s["id"] == easy["id"])
    assert (moved["day"], moved["slot"]) == (target.isoformat(), "am")


def _heavy_on_a_sunday(plan: dict[str, Any]) -> dict[str, Any]:
    return next(
        s
        for s in plan["sessions"]
        if s["heavy_lower_body"] and _day(s["day"]).weekday() == 6 and s["day"] > "2026-12-02"
    )


def test_a_move_says_which_later_sessions_the_replan_left_out(
    planned: dict[str, Any], alice: Browser
) -> None:
    heavy = _heavy_on_a_sunday(planned)
    target = (_day(heavy["day"]) - timedelta(days=2)).isoformat()  # 48 h before the long run
    response = alice.api("POST", _api(alice, f"/sessions/{heavy['id']}/move"), json={"day": target})
    assert response.status_code == 200, response.text
    after = response.json()
    moved = next(s for s in after["sessions"] if s["id"] == heavy["id"])
    assert moved["day"] == target and not moved["heavy_lower_body"]  # lightened, not refused
    gone = {s["id"] for s in planned["sessions"]} - {s["id"] for s in after["sessions"]}
    assert {s["id"] for s in after["left_out"]} == gone
    assert all(s["day"] > heavy["day"] for s in after["left_out"])


def test_the_form_says_so_too(planned: dict[str, Any], alice: Browser) -> None:
    heavy = _heavy_on_a_sunday(planned)
    target = (_day(heavy["day"]) - timedelta(days=2)).isoformat()
    response = alice.form(_page(alice, "/move"), {"session_id": heavy["id"], "day": target})
    assert response.status_code == 303
    gone = {s["id"] for s in planned["sessions"]} - {s["id"] for s in _plan(alice)["sessions"]}
    page = alice.client.get(response.headers["location"].split("#")[0]).text
    assert "Session moved" in page
    if gone:
        assert f"left={len(gone)}" in response.headers["location"]
        assert f"{len(gone)} later session" in page and "left out" in page
    else:
        assert "left out" not in page


def test_a_move_against_the_48_hour_rule_is_refused(
    planned: dict[str, Any], alice: Browser
) -> None:
    key, target = _heavy_legs_move(planned)
    url = _api(alice, f"/sessions/{key['id']}/move")
    response = alice.api("POST", url, json={"day": target.isoformat(), "slot": "am"})
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "plan_infeasible"
    assert "heavy lower-body session within 48 h" in error["message"]
    assert _plan(alice) == planned
    form = alice.form(
        _page(alice, "/move"),
        {"session_id": key["id"], "day": target.isoformat(), "slot": "am", "view": "month"},
    )
    assert form.status_code == 422
    assert 'role="alert"' in form.text and "within 48 h" in form.text
    assert "view-month" in form.text  # the calendar comes back as it was shown
    assert _plan(alice) == planned


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"day": "2026-11-24"}, 422, "that day is in the past"),
        ({"day": "2026-12-02"}, 422, "within its week"),
        ({"day": "2026-11-26", "slot": "noon"}, 422, "slot"),
        ({"day": "26.11.2026"}, 422, "day"),
        ({"to": "2026-11-26"}, 422, "to"),
    ],
    ids=["past-day", "other-week", "bad-slot", "bad-date", "unknown-field"],
)
def test_broken_moves_are_refused_and_change_nothing(
    planned: dict[str, Any], alice: Browser, body: dict[str, str], status: int, message: str
) -> None:
    first = planned["sessions"][0]  # today's session
    response = alice.api("POST", _api(alice, f"/sessions/{first['id']}/move"), json=body)
    assert response.status_code == status, response.text
    assert message in response.json()["error"]["message"]
    assert _plan(alice) == planned


def test_past_and_race_sessions_stay(planned: dict[str, Any], alice: Browser, app: FastAPI) -> None:
    race = next(s for s in planned["sessions"] if s["run"] and s["run"]["session_type"] == "race")
    response = alice.api("POST", _api(alice, f"/sessions/{race['id']}/move"), json={"slot": "pm"})
    assert response.status_code == 422 and "race stays on race day" in response.text
    app.dependency_overrides[plan_today] = lambda: TODAY + timedelta(days=2)
    first = planned["sessions"][0]
    response = alice.api(
        "POST", _api(alice, f"/sessions/{first['id']}/move"), json={"day": "2026-11-28"}
    )
    assert response.status_code == 422
    assert (
        "in the past: only sessions from today on can move" in response.json()["error"]["message"]
    )
    app.dependency_overrides[plan_today] = lambda: TODAY
    assert _plan(alice) == planned


def test_unknown_session_ids_are_not_found(planned: dict[str, Any], alice: Browser) -> None:
    response = alice.api("POST", _api(alice, "/sessions/999999/move"), json={"day": "2026-11-26"})
    assert response.status_code == 404
    assert "no session with id 999999" in response.json()["error"]["message"]
    form = alice.form(_page(alice, "/move"), {"session_id": "999999", "day": "2026-11-26"})
    assert form.status_code == 404 and "no session with id 999999" in form.text
    bad = alice.form(_page(alice, "/move"), {"session_id": "x", "day": "2026-11-26"})
    assert bad.status_code == 422 and "whole number" in bad.text
    assert alice.api("POST", _api(alice, "/sessions/0/move"), json={}).status_code == 422
    assert _plan(alice) == planned


def test_moving_without_a_plan_is_not_found(alice: Browser) -> None:
    response = alice.api("POST", _api(alice, "/sessions/1/move"), json={"day": "2026-11-26"})
    assert response.status_code == 404 and "no plan yet" in response.json()["error"]["message"]


# --- re-plan ----------------------------------------------------------------------------------


def test_replan_marks_the_past_and_keeps_it(
    planned: dict[str, Any], alice: Browser, app: FastAPI
) -> None:
    busy = {s["day"] for s in planned["sessions"]}
    runs = sorted(s["day"] for s in planned["sessions"] if s["kind"] == "run" and s["slot"] == "am")
    first_run, second_run = runs[0], runs[1]
    empty = next(
        day.isoformat()
        for day in (date.fromisoformat(second_run) + timedelta(days=n) for n in range(1, 14))
        if day.isoformat() not in busy
    )
    app.dependency_overrides[plan_today] = lambda: date.fromisoformat(second_run)
    bad = alice.api("POST", _api(alice, "/replan"), json={"missed": [{"day": empty}]})
    assert bad.status_code == 404 and f"no planned session on {empty}" in bad.text
    assert (
        alice.api("POST", _api(alice, "/replan"), json={"missed": "yesterday"}).status_code == 422
    )
    assert _layout(_plan(alice)) == _layout(planned)
    response = alice.api(
        "POST", _api(alice, "/replan"), json={"missed": [{"day": second_run, "slot": "am"}]}
    )
    assert response.status_code == 200, response.text
    statuses = {s["day"]: s["status"] for s in response.json()["sessions"] if s["kind"] == "run"}
    assert statuses[first_run] == "missed"  # nothing in the log
    assert statuses[second_run] == "missed"  # said so
    page = alice.form(_page(alice, "/replan"), {})
    assert page.status_code == 303


# --- approve -----------------------------------------------------------------------------------


def test_owner_approves_through_the_api_and_the_form(
    planned: dict[str, Any], alice: Browser
) -> None:
    response = alice.api("POST", _api(alice, "/approve"))
    assert response.status_code == 200, response.text
    assert response.json()["approved_by"] == "alice"
    assert _plan(alice)["approval"]["approved_by"] == "alice"
    form = alice.form(_page(alice, "/approve"), {})
    assert form.status_code == 303
    page = alice.client.get(form.headers["location"])
    assert "Plan approved." in page.text and "by <strong>alice</strong>" in page.text


def test_a_move_after_approval_asks_for_a_new_approval(
    planned: dict[str, Any], alice: Browser
) -> None:
    assert alice.api("POST", _api(alice, "/approve")).status_code == 200
    assert _plan(alice)["approval"]["approved_by"] == "alice"
    easy, target = _easy_move(planned)
    moved = alice.api(
        "POST", _api(alice, f"/sessions/{easy['id']}/move"), json={"day": target.isoformat()}
    )
    assert moved.status_code == 200, moved.text
    assert _plan(alice)["approval"] is None


def test_a_coach_edits_and_approves_a_stranger_gets_not_found(
    planned: dict[str, Any], alice: Browser, new_client: Any, web_store: Store
) -> None:
    coach = sign_up(new_client(), "coachcarla")
    stranger = sign_up(new_client(), "mallory")
    share_with_coach(web_store, _user(web_store, "alice"), planned["athlete_id"], "coachcarla")
    seen_by_coach = coach.client.get(_api(alice))
    assert seen_by_coach.status_code == 200
    easy, target = _easy_move(planned)
    moved = coach.api(
        "POST", _api(alice, f"/sessions/{easy['id']}/move"), json={"day": target.isoformat()}
    )
    assert moved.status_code == 200, moved.text
    approved = coach.form(_page(alice, "/approve"), {})
    assert approved.status_code == 303
    assert _plan(alice)["approval"]["approved_by"] == "coachcarla"
    assert "by <strong>coachcarla</strong>" in coach.client.get(_page(alice)).text
    before = _plan(alice)
    for method, tail, body in [
        ("GET", "", None),
        ("POST", "/approve", None),
        ("POST", f"/sessions/{easy['id']}/move", {"slot": "pm"}),
        ("POST", "/replan", {}),
        ("POST", "", NEW_PLAN),
        ("GET", "/export/ics", None),
    ]:
        response = stranger.api(method, _api(alice, tail), json=body)
        assert response.status_code == 404, (tail, response.text)
        assert "no athlete with id" in response.json()["error"]["message"]
    assert stranger.client.get(_page(alice)).status_code == 404
    assert stranger.form(_page(alice, "/approve"), {}).status_code == 404
    assert _plan(alice) == before


def test_approving_without_a_plan_is_not_found(alice: Browser) -> None:
    response = alice.api("POST", _api(alice, "/approve"))
    assert response.status_code == 404 and "no active plan" in response.json()["error"]["message"]
    form = alice.form(_page(alice, "/approve"), {})
    assert form.status_code == 404 and "no active plan" in form.text


# --- export -------------------------------------------------------------------------------------


def test_exports_are_files_other_tools_read(planned: dict[str, Any], alice: Browser) -> None:
    stem = "runstrong-plan-10k-2027-01-17"
    ics = alice.client.get(_api(alice, "/export/ics"))
    assert ics.status_code == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    assert ics.headers["content-disposition"] == f'attachment; filename="{stem}.ics"'
    calendar = icalendar.Calendar.from_ical(ics.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(planned["sessions"])
    assert any("Repetitions" in str(event["SUMMARY"]) for event in events)

    pdf = alice.client.get(_page(alice, "/export/pdf"))  # the page's own link
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"] == f'attachment; filename="{stem}.pdf"'

    fit = alice.client.get(_api(alice, "/export/fit"))
    assert fit.status_code == 200 and fit.headers["content-type"] == "application/zip"
    assert fit.headers["content-disposition"] == f'attachment; filename="{stem}-workouts.zip"'
    with zipfile.ZipFile(io.BytesIO(fit.content)) as archive:
        names = archive.namelist()
        runs = [s for s in planned["sessions"] if s["kind"] == "run"]
        lifts = [s for s in planned["sessions"] if s["kind"] == "strength" and s["exercises"]]
        assert len(names) == len(runs) + len(lifts)  # strength workouts beside the runs
        assert all(name.endswith(".fit") for name in names)
        for name in names:
            with fitdecode.FitReader(io.BytesIO(archive.read(name))) as reader:
                frames = [f for f in reader if isinstance(f, fitdecode.FitDataMessage)]
            assert any(f.name == "workout" for f in frames), name
            assert any(f.name == "workout_step" for f in frames), name


def test_export_errors(alice: Browser) -> None:
    none = alice.client.get(_api(alice, "/export/ics"))
    assert none.status_code == 404 and "no plan to export" in none.json()["error"]["message"]
    wrong = alice.client.get(_api(alice, "/export/docx"))
    assert wrong.status_code == 422 and "fmt" in wrong.json()["error"]["message"]
    page = alice.client.get(_page(alice, "/export/docx"))
    assert page.status_code == 422 and re.search(r"ics.*pdf.*fit", page.text)
