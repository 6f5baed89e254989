"""Gym-floor mode in Debian's Chromium on a 390 × 844 phone: a whole leg-press session with the
rest timer; going offline mid-session and coming back (stored exactly once); a reload in the
middle of a session loses nothing. Screenshots go to ``test-artifacts/browser/``."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from runstrong.domain.models import StrengthSession, StrengthSet
from runstrong.services.logging import log_strength_session
from runstrong.store import Store
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
PHONE = {"width": 390, "height": 844}
_STATE: dict[str, object] = {}


def _count(store: Store, athlete_id: int) -> int:
    with store.unit_of_work() as uow:
        return uow.strength.count(athlete_id)


def _sessions(store: Store, athlete_id: int) -> list[StrengthSession]:
    with store.unit_of_work() as uow:
        return uow.strength.list_for_athlete(athlete_id)


@pytest.fixture(scope="module")
def signed_in(chromium, live_server, browser_store):  # type: ignore[no-untyped-def]
    """A runner with one earlier leg-press session (3 × 5 at 140 kg), signed in on a phone."""
    context = chromium.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto("/signup")
    page.get_by_label("Username").fill("lifter")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Athlete name (as shown to your coach)").fill("Lee Lifter")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/athletes/\d+$"))
    athlete_id = int(page.url.rsplit("/", 1)[-1])
    earlier = StrengthSession(
        started_at=datetime.now(UTC) - timedelta(days=3),
        sets=(StrengthSet("leg-press", 5, 140.0, 8.0),) * 3,
    )
    log_strength_session(browser_store, athlete_id, earlier)
    _STATE["state"] = context.storage_state()
    context.close()
    return athlete_id


def _phone(chromium, live_server):  # type: ignore[no-untyped-def]
    context = chromium.new_context(
        base_url=live_server.url, viewport=PHONE, storage_state=_STATE["state"]
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, errors


def _open_gym(page, athlete_id: int) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/athletes/{athlete_id}/gym")
    page.wait_for_selector("#gym[data-ready='1']", state="attached")


def _set(page, index: int):  # type: ignore[no-untyped-def]
    return page.locator("#gym-sets > li").nth(index)


def test_whole_leg_press_session_with_the_rest_timer(  # type: ignore[no-untyped-def]
    chromium, live_server, browser_store, signed_in
) -> None:
    athlete_id = signed_in
    context, page, errors = _phone(chromium, live_server)
    _open_gym(page, athlete_id)
    assert page.locator("#start-plan").is_hidden()  # no plan: no "today's plan" button
    assert page.get_by_label("Enter plates per side").is_hidden()
    screenshot(page, "gym-01-start-390")
    page.get_by_role("button", name=re.compile(r"Repeat last session")).click()
    assert page.locator("#gym-exercise-name").inner_text() == "Leg Press"
    assert page.locator("#gym-sets > li").count() == 3
    assert "140 kg × 5" in _set(page, 0).locator(".set-prev").inner_text()
    suggestion = page.locator("#gym-suggestion").inner_text()
    assert "142.5 kg" in suggestion and "Double progression" in suggestion
    page.get_by_role("button", name="+ Warm-up").click()
    warm_up = _set(page, 0)
    assert warm_up.locator(".set-no").inner_text() == "W"
    assert warm_up.locator("input").first.input_value() == "70"
    warm_up.get_by_role("button", name=re.compile("done")).click()
    timer = page.locator("#rest-timer")
    assert timer.is_visible()
    assert re.fullmatch(r"2:[0-9]{2}", page.locator("#rest-time").inner_text())
    for index in (1, 2, 3):
        row = _set(page, index)
        row.locator("input").first.fill("150")
        row.get_by_role("button", name=re.compile("done")).click()
        assert row.get_attribute("class") is not None
        assert "done" in (row.get_attribute("class") or "")
    before = page.locator("#rest-time").inner_text()
    page.get_by_role("button", name="15 seconds less rest").click()
    after = page.locator("#rest-time").inner_text()
    assert after < before  # M:SS strings of the same minute count down
    screenshot(page, "gym-02-session-rest-timer-390")
    for _ in range(12):  # 150 s of rest taken away: the timer runs out
        page.get_by_role("button", name="15 seconds less rest").click()
    page.wait_for_selector("#rest-timer.over")
    assert "Rest over" in page.locator("#gym-live").inner_text()
    page.get_by_role("button", name="Finish and save").click()
    page.wait_for_selector("#gym-result-link:not([hidden])")
    # the leg press's rest, cut to 15 s with the buttons, is its default from now on
    saved_rest = page.evaluate(f"localStorage.getItem('runstrong-rest-{athlete_id}-leg-press')")
    assert saved_rest == "15"
    assert "Saved: 4 sets." in page.locator("#gym-result-text").inner_text()
    assert "New 5-rep best: 150 kg leg press" in page.locator("#gym-records").inner_text()
    screenshot(page, "gym-03-saved-records-390")
    stored = _sessions(browser_store, athlete_id)
    assert len(stored) == 2
    latest = stored[-1].sets
    assert [(s.reps, s.load_kg, s.warmup) for s in latest] == [
        (10, 70.0, True),
        (5, 150.0, False),
        (5, 150.0, False),
        (5, 150.0, False),
    ]
    page.locator("#gym-result-link").click()
    page.wait_for_selector("#session-records")
    assert "New 5-rep best: 150 kg leg press" in page.locator("#session-records").inner_text()
    assert not errors
    context.close()


def test_offline_mid_session_is_stored_once_when_back_online(  # type: ignore[no-untyped-def]
    chromium, live_server, browser_store, signed_in
) -> None:
    athlete_id = signed_in
    context, page, errors = _phone(chromium, live_server)
    _open_gym(page, athlete_id)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    _open_gym(page, athlete_id)  # now under the service worker, which keeps the page
    page.get_by_role("button", name="Empty session").click()
    page.locator("#gym-exercise-choice").select_option("leg-press")
    page.get_by_role("button", name="Add exercise").click()
    first = _set(page, 0)
    first.locator("input").first.fill("100")
    first.locator("input").nth(1).fill("8")
    first.get_by_role("button", name=re.compile("done")).click()
    before = _count(browser_store, athlete_id)

    context.set_offline(True)
    page.wait_for_selector("#gym-network.offline")
    sets_shown = page.locator("#gym-sets > li").count()  # the suggestion's 3 sets
    second = _set(page, 1)
    second.locator("input").first.fill("100")
    second.locator("input").nth(1).fill("8")
    second.get_by_role("button", name=re.compile("done")).click()
    page.reload()  # offline: the service worker serves the page, IndexedDB the session
    page.wait_for_selector("#gym[data-ready='1']", state="attached")
    assert page.locator("#gym-sets > li").count() == sets_shown
    assert _set(page, 1).locator("input").first.input_value() == "100"
    page.get_by_role("button", name="Finish and save").click()
    page.wait_for_selector("#gym-outbox:not([hidden])")
    waiting = page.locator("#gym-outbox").inner_text()
    assert "1 finished session is saved on this phone and waiting to be sent" in waiting
    assert "2 sets" in waiting
    screenshot(page, "gym-04-offline-waiting-390")
    assert _count(browser_store, athlete_id) == before

    context.set_offline(False)
    page.wait_for_selector("#gym-outbox", state="hidden")
    assert _count(browser_store, athlete_id) == before + 1
    latest = _sessions(browser_store, athlete_id)[-1]
    assert [(s.reps, s.load_kg) for s in latest.sets] == [(8, 100.0), (8, 100.0)]
    page.evaluate("window.dispatchEvent(new Event('online'))")  # another sync finds nothing
    page.wait_for_timeout(500)
    assert _count(browser_store, athlete_id) == before + 1
    assert not errors
    context.close()


def test_a_resend_with_the_same_key_is_acknowledged_not_stored(  # type: ignore[no-untyped-def]
    chromium, live_server, browser_store, signed_in
) -> None:
    athlete_id = signed_in
    context, page, _ = _phone(chromium, live_server)
    _open_gym(page, athlete_id)
    before = _count(browser_store, athlete_id)
    statuses = page.evaluate(
        """async (athleteId) => {
            const csrf = document.querySelector('meta[name="csrf-token"]').content;
            const body = JSON.stringify({started_at: new Date().toISOString(),
                sets: [{exercise: "leg-press", reps: 5, load_kg: 120}]});
            const send = () => fetch(`/api/v1/athletes/${athleteId}/strength-sessions`, {
                method: "POST", body, headers: {"Content-Type": "application/json",
                "X-CSRF-Token": csrf, "Idempotency-Key": "phone-session-1"}});
            const first = await send();
            const second = await send();
            return [first.status, second.status, (await first.json()).id,
                    (await second.json()).id];
        }""",
        athlete_id,
    )
    assert statuses[:2] == [201, 200]
    assert statuses[2] == statuses[3]
    assert _count(browser_store, athlete_id) == before + 1
    context.close()


def test_reload_mid_session_loses_nothing(  # type: ignore[no-untyped-def]
    chromium, live_server, browser_store, signed_in
) -> None:
    athlete_id = signed_in
    context, page, errors = _phone(chromium, live_server)
    _open_gym(page, athlete_id)
    page.get_by_role("button", name="Empty session").click()
    page.locator("#gym-exercise-choice").select_option("front-plank")
    page.get_by_role("button", name="Add exercise").click()
    page.locator("#gym-exercise-choice").select_option("leg-press")
    page.get_by_role("button", name="Add exercise").click()
    row = _set(page, 0)
    row.locator("input").first.fill("155")
    row.locator("input").nth(1).fill("3")
    row.get_by_role("button", name=re.compile("done")).click()
    page.get_by_role("button", name="+ Set").click()
    _set(page, 1).locator("input").first.fill("157.5")

    page.reload()
    page.wait_for_selector("#gym[data-ready='1']", state="attached")
    assert page.locator("#gym-exercise-name").inner_text() == "Leg Press"
    assert page.locator("#gym-position").inner_text() == "Exercise 2 of 2"
    assert _set(page, 0).locator("input").first.input_value() == "155"
    assert _set(page, 0).locator("input").nth(1).input_value() == "3"
    done = _set(page, 0).get_by_role("button", name=re.compile("done"))
    assert done.get_attribute("aria-pressed") == "true"
    assert _set(page, 1).locator("input").first.input_value() == "157.5"
    assert page.locator("#rest-timer").is_visible()  # the rest timer survives too
    page.get_by_role("button", name="Previous exercise").click()
    assert page.locator("#gym-exercise-name").inner_text() == "Front Plank"
    plank = _set(page, 0)
    assert plank.locator("label").nth(1).inner_text() == "Seconds"
    plank.locator("input").nth(1).fill("45")
    plank.get_by_role("button", name=re.compile("done")).click()
    page.get_by_role("button", name="Finish and save").click()
    page.wait_for_selector("#gym-result-link:not([hidden])")
    latest = _sessions(browser_store, athlete_id)[-1]
    assert [(s.exercise_slug, s.reps, s.load_kg, s.duration_s) for s in latest.sets] == [
        ("front-plank", 1, 0.0, 45.0),
        ("leg-press", 3, 155.0, None),
    ]
    assert not errors
    context.close()


def test_leg_press_logged_as_plates_per_side_with_the_sled(  # type: ignore[no-untyped-def]
    chromium, live_server, browser_store, signed_in
) -> None:
    athlete_id = signed_in
    context, page, errors = _phone(chromium, live_server)
    page.goto(f"/athletes/{athlete_id}/gym/settings")
    page.get_by_label("Leg-press sled weight (empty)").fill("50")
    page.get_by_role("button", name="Save gym settings").click()
    page.wait_for_selector("text=Gym settings saved.")
    _open_gym(page, athlete_id)
    page.get_by_role("button", name="Empty session").click()
    page.locator("#gym-exercise-choice").select_option("leg-press")
    page.get_by_role("button", name="Add exercise").click()
    page.get_by_label("Enter plates per side").check()
    row = _set(page, 0)
    row.locator("input").first.fill("45")  # 2 x 45 kg on a 50 kg sled = 140 kg
    row.locator("input").nth(1).fill("6")
    assert (
        "Plates per side for 140 kg: 25 + 20 (sled 50 kg)"
        in page.locator("#gym-plates").inner_text()
    )
    row.get_by_role("button", name=re.compile("done")).click()
    page.get_by_role("button", name="Finish and save").click()
    page.wait_for_selector("#gym-result-link:not([hidden])")
    latest = _sessions(browser_store, athlete_id)[-1]
    assert [(s.reps, s.load_kg) for s in latest.sets] == [(6, 140.0)]
    assert not errors
    context.close()


def test_start_from_todays_planned_session(  # type: ignore[no-untyped-def]
    chromium, live_server, browser_store
) -> None:
    from tests.integration.test_lifts_store import _plan_today

    context = chromium.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto("/signup")
    page.get_by_label("Username").fill("planner")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Athlete name (as shown to your coach)").fill("Pat Planner")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/athletes/\d+$"))
    athlete_id = int(page.url.rsplit("/", 1)[-1])
    with browser_store.unit_of_work() as uow:
        athlete = uow.athletes.get(athlete_id)
        assert athlete is not None
    today = datetime.now(UTC).astimezone(ZoneInfo(athlete.timezone)).date()
    _plan_today(browser_store, athlete_id, today)
    _open_gym(page, athlete_id)
    page.get_by_role("button", name="Today's plan: Strength A").click()
    assert page.locator("#gym-position").inner_text() == "Exercise 1 of 2"
    assert page.locator("#gym-exercise-name").inner_text() == "Leg Press"
    assert page.locator("#gym-sets > li").count() == 3
    assert "from your plan" in page.locator("#gym-suggestion").inner_text()
    page.get_by_role("button", name="Next exercise").click()
    assert page.locator("#gym-exercise-name").inner_text() == "Front Plank"
    plank = _set(page, 0)
    assert plank.locator("label").nth(1).inner_text() == "Seconds"
    assert plank.locator("input").nth(1).input_value() == "30"
    screenshot(page, "gym-05-from-plan-390")
    context.close()
