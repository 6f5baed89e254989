"""In Debian's Chromium: a gym-run-gym brick recorded in one FIT file shows in the history as one
event holding its gym legs, its run and its transition (beside the real Forerunner session), the
page fits a phone, and the brick's barbell deadlift is in the deadlift's exercise history, on a
laptop and on a phone. Screenshots go to test-artifacts/browser/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from runstrong.services.imports import import_paths
from runstrong.store import Store
from tests.browser.conftest import screenshot
from tests.conftest import SHARED_DATA
from tests.web.conftest import PASSWORD

DATA = Path(__file__).resolve().parents[1] / "data" / "fit"
# not strength-watch.fit: it starts at the same minute as the brick, which no athlete could do
FILES = [DATA / "brick-gym-run-gym.fit"]
FR965 = SHARED_DATA / "fit" / "garmin-fr965-strength-training.fit"


@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 390])
def test_brick_history_and_deadlift_history(
    chromium,  # type: ignore[no-untyped-def]
    live_server,
    browser_store: Store,
    width: int,
) -> None:
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto("/signup")
        page.get_by_label("Username").fill(f"brick{width}")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_label("Athlete name (as shown to your coach)").fill(f"Brick {width}")
        page.get_by_role("button", name="Create account").click()
        page.wait_for_url(re.compile(r"/athletes/\d+$"))
        athlete_id = int(page.url.rsplit("/", 1)[-1])
        files = FILES + ([FR965] if FR965.is_file() else [])
        import_paths(browser_store, athlete_id, files, workers=1)

        page.goto(f"/athletes/{athlete_id}/history")
        heading = page.locator("tr.history-event")
        assert heading.count() == 1
        assert "Multisport: 3 legs · 1 transition" in heading.inner_text()
        assert page.locator("tr.history-strength_session.history-leg").count() == 2
        assert page.locator("tr.history-leg").count() == 4
        screenshot(page, f"brick-history-{width}")
        overflow = page.evaluate("document.documentElement.scrollWidth")

        page.goto(f"/athletes/{athlete_id}/exercises/deadlift")
        main = page.locator("main").inner_text()
        assert "120 kg" in main and "Deadlift" in main  # the brick's second gym leg
        screenshot(page, f"deadlift-history-{width}")
        assert errors == []
        assert overflow <= width  # no sideways scroll on the history
    finally:
        context.close()
