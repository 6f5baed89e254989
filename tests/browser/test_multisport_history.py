"""In Debian's Chromium: a race imported from a multisport FIT file shows in the history as one
heading with its legs and transitions, on a laptop and on a phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from runstrong.services.imports import import_paths
from runstrong.store import Store
from tests.browser.conftest import screenshot
from tests.conftest import SHARED_DATA

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (SHARED_DATA / "fit" / "activity-large-fenxi2-multisport.fit").is_file(),
        reason="the shared multisport file is not available",
    ),
]

RACE = SHARED_DATA / "fit" / "activity-large-fenxi2-multisport.fit"
SHOTS = Path("/tmp/shots/i16")


@pytest.mark.parametrize("width", [1366, 390])
def test_history_groups_a_race(chromium, live_server, browser_store: Store, width: int) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    try:
        username = f"tri{width}"
        page.goto("/signup")
        page.get_by_label("Username").fill(username)
        page.get_by_label("E-mail (optional; a coach can find you by it)").fill(
            f"{username}@example.org"
        )
        page.get_by_label("Password").fill("correct horse battery")
        page.get_by_label("Athlete name (as shown to your coach)").fill(f"Tri {width}")
        page.get_by_role("button", name="Create account").click()
        page.wait_for_url(re.compile(r"/athletes/\d+$"))
        athlete_id = int(page.url.rsplit("/", 1)[-1])
        import_paths(browser_store, athlete_id, [RACE], workers=1)

        page.goto(f"/athletes/{athlete_id}/history")

        heading = page.locator("tr.history-event")
        assert heading.count() == 1
        assert heading.inner_text().startswith("2015-08-29")
        assert "Multisport: 4 legs · 3 transitions" in heading.inner_text()
        assert page.locator("tr.history-leg").count() == 7
        assert page.get_by_role("link", name="Transition").count() == 3
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"history-multisport-{width}.png"), full_page=True)
        screenshot(page, f"multisport-history-{width}")
    finally:
        context.close()
