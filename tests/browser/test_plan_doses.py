"""The plan's week calendar shows every dose: drills as sets × distance, holds per side, jumps in
foot contacts (issue 22), at desktop and phone widths."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from runstrong.services.accounts import NewAccount, sign_up
from runstrong.services.plans import PlanChoices, create_plan
from runstrong.store import Store
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


@pytest.mark.parametrize("width", [1366, 390])
def test_a_build_week_shows_drills_holds_and_jumps_with_their_doses(
    chromium, live_server, browser_store: Store, width: int
) -> None:  # type: ignore[no-untyped-def]
    username = f"dora{width}"
    _, athlete = sign_up(
        browser_store,
        NewAccount(username=username, password=PASSWORD, athlete_name=f"Dora Doses {width}"),
    )
    assert athlete.id is not None
    today = datetime.now(UTC).date()
    start = today - timedelta(days=today.weekday())
    race = start + timedelta(weeks=12, days=6)
    _, plan = create_plan(browser_store, athlete.id, PlanChoices(race="10k", race_date=race), start)
    week = next(w for w in plan.weeks if w.phase == "build" and not w.deload)
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(rf"/athletes/{athlete.id}$"))
    page.goto(f"/athletes/{athlete.id}/plan?view=week&start={week.start.isoformat()}")
    page.evaluate(
        "document.querySelectorAll('details.session-details').forEach(d => d.open = true)"
    )
    text = page.locator("table.plan-calendar").inner_text()
    assert re.search(r"Drills: [A-Za-z -]+ 2 × 20 m", text)  # never "2×1"
    assert re.search(r"\d+ × \d+ \(\d+ foot contacts\)", text)
    assert re.search(r"Plank: 3 × 30 s (each side|hold)", text)
    assert page.locator("#plan-bends").is_visible()
    screenshot(page, f"plan-doses-{width}")
    context.close()
