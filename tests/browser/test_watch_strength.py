"""A watch's strength session in Chromium, at desktop and phone width: the page asks to name the
sets the watch did not identify and for the session RPE; naming them in one step puts them in
that exercise's history. Screenshots go to test-artifacts/browser/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from runstrong.services.imports import import_paths
from runstrong.store import Store
from tests.browser.conftest import LiveServer, screenshot
from tests.web.conftest import PASSWORD

WATCH = Path(__file__).resolve().parents[1] / "data" / "fit" / "strength-watch.fit"
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}


@pytest.mark.browser
def test_name_unidentified_sets_and_rate_the_session(
    live_server: LiveServer,
    chromium,
    browser_store: Store,  # type: ignore[no-untyped-def]
) -> None:
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/signup")
    page.get_by_label("Username").fill("wanda")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Athlete name (as shown to your coach)").fill("Wanda Lifter")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/athletes/\d+$"))
    athlete_id = int(page.url.rsplit("/", 1)[-1])
    with browser_store.unit_of_work() as uow:
        uow.athletes.update_settings(athlete_id, {"hr_max_bpm": 190, "hr_rest_bpm": 50})
    import_paths(browser_store, athlete_id, [WATCH])
    with browser_store.unit_of_work() as uow:
        [session] = uow.strength.list_for_athlete(athlete_id)
    url = f"/athletes/{athlete_id}/strength/{session.id}"

    for name, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.goto(url)
        prompt = page.locator("#watch-prompts")
        assert prompt.is_visible()
        assert "did not recognise 2 sets" in prompt.inner_text()
        box = page.get_by_role("button", name="Name all 2").bounding_box()
        assert box is not None and box["x"] + box["width"] <= width  # fits the phone
        screenshot(page, f"watch-strength-session-{name}")
        page.goto(f"/athletes/{athlete_id}/exercises/leg-press")
        assert "110" in page.locator("main").inner_text()
        screenshot(page, f"watch-strength-leg-press-history-{name}")

    page.goto(url)
    page.get_by_label(re.compile("The watch did not recognise")).select_option("goblet-squat")
    page.get_by_role("button", name="Name all 2").click()
    page.wait_for_url(re.compile(r"saved=1"))
    assert page.locator("#name-unidentified").count() == 0
    page.get_by_label(re.compile("How hard was the session")).fill("7")
    page.get_by_role("button", name="Save RPE").click()
    page.wait_for_url(re.compile(r"saved=1"))
    assert "7 / 10" in page.locator("main").inner_text()
    page.goto(f"/athletes/{athlete_id}/exercises/goblet-squat")
    assert "2x8@20kg" in page.locator("main").inner_text()
    screenshot(page, "watch-strength-goblet-squat-history-phone")
    assert errors == []
    context.close()
