"""End to end in Debian's Chromium: what a runner and their coach do in the browser.

One server and one store for the module; the steps build on each other in order (sign up, log,
import, dashboard, plan, coach), each leaving a screenshot in ``test-artifacts/browser/``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from runstrong.exports.fit_activity import SessionTrack, encode_activity
from tests.browser.conftest import screenshot
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
FIT_RUN = SHARED_DATA / "fit" / "garmin-fenix-5-run.fit"
_STATE: dict[str, object] = {}


def _sign_up(page, username: str, athlete_name: str) -> int:  # type: ignore[no-untyped-def]
    page.goto("/signup")
    page.get_by_label("Username").fill(username)
    page.get_by_label("E-mail (optional; a coach can find you by it)").fill(
        f"{username}@example.org"
    )
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Athlete name (as shown to your coach)").fill(athlete_name)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/athletes/\d+$"))
    return int(page.url.rsplit("/", 1)[-1])


def _sign_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/login")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/$"))


@pytest.fixture(scope="module")
def runner_page(chromium, live_server):  # type: ignore[no-untyped-def]
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page, errors
    context.close()


def test_01_sign_up_lands_on_the_dashboard(runner_page) -> None:  # type: ignore[no-untyped-def]
    page, errors = runner_page
    athlete_id = _sign_up(page, "ana", "Ana Runner")
    _STATE["athlete_id"] = athlete_id
    assert page.get_by_role("link", name="ana").is_visible()
    screenshot(page, "01-signed-up")
    assert not errors


def test_02_log_a_strength_session_with_one_tap_sets(runner_page) -> None:  # type: ignore[no-untyped-def]
    page, errors = runner_page
    athlete_id = _STATE["athlete_id"]
    page.goto(f"/athletes/{athlete_id}/log")
    first = page.locator("#set-rows tr.set-row").first
    first.locator("select.set-exercise").select_option("leg-press")
    first.locator("input.set-reps").fill("8")
    first.locator("input.set-load").fill("120")
    first.locator("input.set-rpe").fill("7")
    rows_before = page.locator("#set-rows tr.set-row").count()
    page.locator("#add-set").click()
    page.locator("#add-set").click()
    assert page.locator("#set-rows tr.set-row").count() == rows_before + 2
    for index in (1, 2):  # each copy goes right after the last filled set
        copied = page.locator("#set-rows tr.set-row").nth(index)
        assert copied.locator("select.set-exercise").input_value() == "leg-press"
        assert copied.locator("input.set-load").input_value() == "120"
    page.get_by_label("Notes for your coach: form, how it felt").fill(
        "Knees tracked well; last reps slow"
    )
    screenshot(page, "02-strength-form")
    page.locator("#save-strength").click()
    page.wait_for_url(re.compile(r"/strength/\d+\?saved=1$"))
    assert "Saved." in page.content()
    assert "Knees tracked well" in page.content()
    assert page.locator('table a[href="/exercises/leg-press"]').count() == 3
    screenshot(page, "02-strength-saved")
    assert not errors


def _fit_files(tmp_path: Path) -> list[Path]:
    """A run from two days ago written by the project's FIT encoder, and a real watch file."""
    time_s = np.arange(1800.0)
    track = SessionTrack(
        sport="running",
        start=datetime.now(UTC).replace(microsecond=0) - timedelta(days=2),
        time_s=time_s,
        distance_m=time_s * 3.2,
        speed_m_per_s=np.full(1800, 3.2),
        hr_bpm=np.round(140.0 + 10.0 * time_s / 1800),
    )
    path = tmp_path / "recent-run.fit"
    path.write_bytes(encode_activity([track]))
    return [path, FIT_RUN] if FIT_RUN.is_file() else [path]


def test_03_import_a_fit_file_with_progress(runner_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, errors = runner_page
    athlete_id = _STATE["athlete_id"]
    page.goto(f"/athletes/{athlete_id}/import")
    files = _fit_files(tmp_path)
    page.locator("#import-files").set_input_files([str(f) for f in files])
    page.locator("#import-submit").click()
    summary = page.locator("#import-summary")
    summary.wait_for()
    assert summary.inner_text().startswith(f"{len(files)} imported")
    # The report came from the XHR upload (the page did not reload into the no-JS answer).
    assert page.url.endswith(f"/athletes/{athlete_id}/import")
    assert page.locator("#upload-progress").count() == 1
    screenshot(page, "03-imported")
    assert not errors


def test_04_dashboard_draws_interactive_charts(runner_page) -> None:  # type: ignore[no-untyped-def]
    page, errors = runner_page
    athlete_id = _STATE["athlete_id"]
    page.goto(f"/athletes/{athlete_id}")
    page.locator("#chart-fitness .main-svg").first.wait_for()
    page.locator("#chart-load .main-svg").first.wait_for()
    assert page.locator("#risk-signals, #no-signals").count() >= 1
    page.locator("#chart-fitness").hover()
    screenshot(page, "04-dashboard")
    assert not errors


def test_05_create_a_plan_and_drag_a_session_to_another_day(runner_page) -> None:  # type: ignore[no-untyped-def]
    page, errors = runner_page
    athlete_id = _STATE["athlete_id"]
    page.goto(f"/athletes/{athlete_id}/plan")
    page.locator("#plan-race").fill("10k")
    page.locator("#plan-race-date").fill((date.today() + timedelta(weeks=12)).isoformat())
    page.locator("#plan-race-date").press("Enter")
    page.wait_for_url(re.compile(rf"/athletes/{athlete_id}/plan"))
    page.goto(f"/athletes/{athlete_id}/plan?view=month")
    cards = page.locator("article.session[draggable='true']")
    assert cards.count() > 0, "the new plan shows no session that can be moved"
    screenshot(page, "05-plan-month")
    moved = None
    for index in range(min(cards.count(), 12)):
        card = cards.nth(index)
        session_id = card.get_attribute("data-session-id")
        low, high = card.get_attribute("data-min-day"), card.get_attribute("data-max-day")
        current = card.locator("xpath=ancestor::div[@data-day]").get_attribute("data-day")
        assert low and high and current
        day = date.fromisoformat(low)
        targets = []
        while day <= date.fromisoformat(high):
            if day.isoformat() != current:
                targets.append(day.isoformat())
            day += timedelta(days=1)
        for target in targets:
            slot = page.locator(f".slot[data-day='{target}'][data-slot='pm']")
            if slot.count() == 0:
                continue
            card.drag_to(slot)
            page.wait_for_load_state("load")
            status = page.locator("#live-status")
            status.wait_for()
            if status.inner_text().startswith("Moved"):
                moved = (session_id, target)
                break
            card = page.locator(f"#session-{session_id}")
        if moved:
            break
    assert moved, "no session could be dragged to another day of its week"
    session_id, target = moved
    page.wait_for_selector(f".slot[data-day='{target}'] #session-{session_id}")
    screenshot(page, "05-plan-moved")
    assert not errors


def test_06_invite_a_coach_who_then_sees_and_reviews_the_athlete(  # type: ignore[no-untyped-def]
    runner_page, chromium, live_server
) -> None:
    page, errors = runner_page
    athlete_id = _STATE["athlete_id"]
    coach_context = chromium.new_context(base_url=live_server.url)
    coach = coach_context.new_page()
    coach.set_default_timeout(20_000)
    coach.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        _sign_up(coach, "coachcarla", "Carla Coach")
        coach.goto("/")
        assert coach.locator("#coached-athletes").count() == 0  # nothing shared yet
        assert coach.goto(f"/athletes/{athlete_id}").status == 404

        page.goto(f"/athletes/{athlete_id}/coaching")
        page.locator("#coach").fill("coachcarla@example.org")
        page.locator("#invite-form button[type=submit]").click()
        page.wait_for_selector("#coaches >> text=coachcarla")
        screenshot(page, "06-coach-invited")

        coach.goto("/")
        coach.locator("#coached-athletes").get_by_role("link", name="Ana Runner").click()
        coach.wait_for_url(re.compile(rf"/athletes/{athlete_id}$"))
        coach.locator("#chart-fitness .main-svg").first.wait_for()
        coach.goto(f"/athletes/{athlete_id}/coaching")
        review = coach.locator("#notes-to-review")
        assert "Knees tracked well" in review.inner_text()
        review.locator("summary").first.click()
        review.locator("textarea").first.fill("Good depth. Next time pause 1 s at the bottom.")
        review.get_by_role("button", name="Post comment").first.click()
        coach.wait_for_load_state("load")
        screenshot(coach, "06-coach-reviewed")
        assert coach.goto(f"/athletes/{athlete_id}/log").status == 403  # a coach does not log

        page.goto(f"/athletes/{athlete_id}/coaching")
        page.locator("#notes-to-review a").first.click()
        page.wait_for_url(re.compile(r"/strength/\d+$"))
        assert "pause 1 s at the bottom" in page.locator("#comments").inner_text()
    finally:
        coach_context.close()
    assert not errors


def test_07_keyboard_reaches_the_skip_link_and_the_forms(runner_page) -> None:  # type: ignore[no-untyped-def]
    page, errors = runner_page
    athlete_id = _STATE["athlete_id"]
    page.goto(f"/athletes/{athlete_id}/log")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    for _ in range(60):  # tab into the strength form without a mouse
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "strength-date":
            break
    else:
        raise AssertionError("the strength form's date field is not reachable by keyboard")
    assert not errors
