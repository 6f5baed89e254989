"""In Debian's Chromium: correct a set on the strength session page, delete a run from the
history (menu, confirmation, flash), and the edit forms and confirmation page at a desktop
(1366 px) and a phone (390 px) width, with screenshots in ``test-artifacts/browser/``."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from runstrong.domain.models import Activity, StrengthSession, StrengthSet
from runstrong.services.editing import delete_strength_session
from runstrong.services.logging import log_activity, log_strength_session
from runstrong.store import Store
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
WIDTHS = (1366, 390)


@pytest.fixture(scope="module")
def owner(chromium, live_server, browser_store: Store):  # type: ignore[no-untyped-def]
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/signup")
    page.get_by_label("Username").fill("edith")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Athlete name (as shown to your coach)").fill("Edith Runner")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/athletes/\d+$"))
    athlete_id = int(page.url.rsplit("/", 1)[-1])
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)
    run = log_activity(
        browser_store,
        athlete_id,
        Activity(start, "running", 2820.0, distance_m=9000.0, session_type="easy", rpe=4),
    )
    lift = log_strength_session(
        browser_store,
        athlete_id,
        StrengthSession(
            start + timedelta(days=1),
            (
                StrengthSet("leg-press", 6, 140.0, 8.0),
                StrengthSet("single-leg-leg-press", 8, 60.0, None, "left"),
                StrengthSet("single-leg-leg-press", 8, 57.5, None, "right"),
            ),
            duration_s=2700,
            rpe=7,
        ),
    )
    yield page, errors, athlete_id, run.id, lift.id
    context.close()


def _loads(store: Store, session_id: int) -> list[tuple[float, str]]:
    with store.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT load_kg, side FROM strength_sets WHERE session_id = :i ORDER BY position"),
            {"i": session_id},
        )
        return [(float(load), side) for load, side in rows]


def test_edit_a_set_on_the_strength_page(owner, browser_store: Store) -> None:  # type: ignore[no-untyped-def]
    page, errors, athlete_id, _, lift_id = owner
    page.goto(f"/athletes/{athlete_id}/strength/{lift_id}")
    page.get_by_role("link", name="Edit", exact=True).click()
    page.wait_for_url(re.compile(r"/edit$"))
    rows = page.locator("#set-rows tr.set-row")
    assert rows.count() == 4  # three sets, one per side for the single-leg press, and a blank
    assert rows.nth(1).locator("select.set-side").input_value() == "left"
    assert rows.nth(2).locator("select.set-side").input_value() == "right"
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"edit-strength-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})
    rows.nth(0).locator("input.set-load").fill("145")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(re.compile(rf"/strength/{lift_id}\?saved=1$"))
    assert page.get_by_role("status").inner_text().startswith("Saved")
    assert "145 kg" in page.locator("#session-sets").inner_text()
    assert _loads(browser_store, lift_id) == [(145.0, "both"), (60.0, "left"), (57.5, "right")]
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"strength-saved-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})
    assert not errors


def test_edit_warm_ups_and_holds_in_the_browser(owner, browser_store: Store) -> None:  # type: ignore[no-untyped-def]
    page, errors, athlete_id, _, _ = owner
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=5)
    sets = (
        StrengthSet("leg-press", 10, 60.0, warmup=True),
        StrengthSet("leg-press", 6, 140.0, 8.0),
        StrengthSet("front-plank", 1, 0.0, duration_s=40.0),
    )
    lift = log_strength_session(browser_store, athlete_id, StrengthSession(start, sets, rpe=7))
    page.goto(f"/athletes/{athlete_id}/strength/{lift.id}/edit")
    rows = page.locator("#set-rows tr.set-row")
    kinds = [rows.nth(n).locator("select.set-kind").input_value() for n in range(3)]
    assert kinds == ["warmup", "work", "work"]
    assert rows.nth(2).locator("input.set-reps").input_value() == "40s"
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"edit-strength-warmup-hold-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_label("Set 2 type: work or warm-up").select_option("warmup")
    page.get_by_label("Set 3 reps, or seconds such as 40s for a hold").fill("45s")
    page.get_by_role("button", name="Add set").click()  # a copy of the 45 s hold
    assert rows.nth(3).locator("input.set-reps").input_value() == "45s"
    assert rows.nth(3).locator("select.set-kind").get_attribute("aria-label") == (
        "Set 4 type: work or warm-up"
    )
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(re.compile(rf"/strength/{lift.id}\?saved=1$"))
    table = page.locator("#session-sets").inner_text()
    assert table.count("warm-up") == 2 and table.count("0:45 hold") == 2
    with browser_store.engine.connect() as connection:
        stored = connection.execute(
            text(
                "SELECT warmup, duration_s FROM strength_sets WHERE session_id = :i "
                "ORDER BY position"
            ),
            {"i": lift.id},
        ).all()
    assert [(bool(w), d) for w, d in stored] == [
        (True, None), (True, None), (False, 45.0), (False, 45.0),
    ]  # fmt: skip
    delete_strength_session(browser_store, athlete_id, lift.id or 0)  # the module's data as it was
    assert not errors


def test_run_edit_form_at_both_widths(owner) -> None:  # type: ignore[no-untyped-def]
    page, errors, athlete_id, run_id, _ = owner
    page.goto(f"/athletes/{athlete_id}/activities/{run_id}")
    assert page.locator("#session-actions").is_visible()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"activity-actions-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"/athletes/{athlete_id}/activities/{run_id}/edit")
    assert page.get_by_label("Distance (km)").input_value() == "9"
    assert page.get_by_label("Moving time").input_value() == "47:00"
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"edit-run-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})
    assert not errors


def test_delete_a_run_from_the_history(owner, browser_store: Store) -> None:  # type: ignore[no-untyped-def]
    page, errors, athlete_id, run_id, _ = owner
    page.goto(f"/athletes/{athlete_id}/history")
    row = page.locator("tr.history-activity")
    assert row.count() == 1
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        row.locator("summary").click()
        screenshot(page, f"history-menu-{width}")
        row.locator("summary").click()
    page.set_viewport_size({"width": 1366, "height": 900})
    row.locator("summary").click()
    row.get_by_role("link", name="Delete…").click()
    page.wait_for_url(re.compile(rf"/activities/{run_id}/delete$"))
    assert "9 km" in page.locator("#confirm-what").inner_text()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"confirm-delete-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("button", name="Delete run").click()
    page.wait_for_url(re.compile(r"/history\?deleted=run$"))
    assert "Run deleted" in page.locator("#deleted-flash").inner_text()
    assert page.locator("tr.history-activity").count() == 0
    assert page.locator("tr.history-strength_session").count() == 1
    with browser_store.engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM activities")).scalar_one()
    assert count == 0
    screenshot(page, "history-after-delete-1366")
    assert not errors


def test_account_page_offers_account_deletion(owner) -> None:  # type: ignore[no-untyped-def]
    page, errors, *_ = owner
    page.goto("/account")
    assert page.get_by_label("Your password, to confirm").is_visible()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"account-delete-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})
    assert not errors
