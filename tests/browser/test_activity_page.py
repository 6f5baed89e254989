"""The activity page in a real browser: an imported real FIT run shows its charts (and they
answer a hover), its splits, laps, zones, best efforts and route, at desktop and phone widths.
Screenshots go to ``test-artifacts/browser/``."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from runstrong.domain.models import Activity
from runstrong.services.athletes import update_athlete_settings
from runstrong.services.imports import import_paths
from runstrong.services.logging import log_activity
from runstrong.store import Store
from tests.browser.conftest import screenshot
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
FIT_RUN = SHARED_DATA / "fit" / "activity-small-fenix2-run.fit"


@pytest.fixture(scope="module")
def run_page(chromium, live_server, browser_store: Store):  # type: ignore[no-untyped-def]
    if not FIT_RUN.is_file():
        pytest.skip(f"the shared device file {FIT_RUN} is missing")
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/signup")
    page.get_by_label("Username").fill("lena")
    page.get_by_label("E-mail (optional; a coach can find you by it)").fill("lena@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Athlete name (as shown to your coach)").fill("Lena Runner")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/athletes/\d+$"))
    athlete_id = int(page.url.rsplit("/", 1)[-1])
    update_athlete_settings(browser_store, athlete_id, {"hr_max_bpm": 190, "hr_rest_bpm": 50})
    report = import_paths(browser_store, athlete_id, [FIT_RUN], workers=1)
    assert report.count("imported") == 1, report.outcomes
    with browser_store.unit_of_work() as uow:
        (run,) = uow.activities.list_for_athlete(athlete_id)
    # a race a month before gives the VDOT of the pace zones
    log_activity(
        browser_store,
        athlete_id,
        Activity(
            started_at=run.started_at - timedelta(days=30),
            sport="running",
            session_type="race",
            moving_time_s=45 * 60,
            distance_m=10_000,
        ),
    )
    page.goto(f"/athletes/{athlete_id}/activities/{run.id}")
    yield page, errors
    context.close()


def test_charts_draw_and_answer_a_hover(run_page) -> None:  # type: ignore[no-untyped-def]
    page, errors = run_page
    chart = page.locator("#chart-activity")
    chart.locator(".main-svg").first.wait_for()
    assert chart.locator(".scatterlayer .trace").count() >= 4  # pace, HR, elevation, cadence
    chart.scroll_into_view_if_needed()  # the mouse only reaches what is in the viewport
    box = chart.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + 60)
    hover = page.locator("#chart-activity .hoverlayer .legend, #chart-activity .hoverlayer text")
    hover.first.wait_for()
    assert re.search(r"\d", hover.first.text_content() or "")
    page.locator("#chart-axis").select_option("distance")
    page.wait_for_function(
        "document.querySelector('#chart-activity .xtitle').textContent.startsWith('Distance')"
    )
    assert page.locator("#summary-hr").inner_text().startswith("Heart rate from")
    assert not errors, errors


def test_splits_laps_zones_efforts_and_route(run_page) -> None:  # type: ignore[no-untyped-def]
    page, errors = run_page
    splits = page.locator("#splits-table tbody tr")
    assert splits.count() == 10  # 9.007 km of device distance: 9 full km and 7 m
    assert "partial" in splits.last.inner_text()
    assert page.locator("#laps-table tbody tr").count() == 4
    assert page.locator("#hr-zones tbody tr").count() >= 5
    assert page.locator("#pace-zones tbody tr").count() == 6
    assert page.locator("#efforts-table tbody tr").count() == 4  # 400 m, 1 km, mile, 5 km
    assert page.locator("#efforts-table .effort-badge").first.inner_text() == "personal best"
    assert page.locator("#route-svg polyline").count() == 1
    assert page.locator("#route-svg .route-marker").count() == 9
    assert "Grade-adjusted pace" in page.locator("#activity-gap").inner_text()
    screenshot(page, "activity-1366")
    page.screenshot(path="/tmp/shots/i13/activity-1366.png", full_page=True)
    assert not errors, errors


def test_phone_width(run_page) -> None:  # type: ignore[no-untyped-def]
    page, errors = run_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.locator("#chart-activity .main-svg").first.wait_for()
    screenshot(page, "activity-390")
    page.screenshot(path="/tmp/shots/i13/activity-390.png", full_page=True)
    wide = page.evaluate(
        "[...document.querySelectorAll('main *')]"
        ".filter(e => e.getBoundingClientRect().right > 391)"
        ".map(e => e.tagName + '#' + e.id + '.' + e.className).slice(0, 5)"
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width} px): {wide}"
    assert not errors, errors
