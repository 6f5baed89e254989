"""The morning check-in in Debian's Chromium on a 390 × 844 phone: saved offline, stored once
when back online; the phone's bottom bar (Today, Log, Plan, Check-in, More) and the desktop nav
kept as it was. Screenshots go to ``test-artifacts/browser/``."""

from __future__ import annotations

import re

import pytest

from runstrong.domain.checkin import Checkin
from runstrong.store import Store
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
PHONE = {"width": 390, "height": 844}
_STATE: dict[str, object] = {}


def _checkins(store: Store, athlete_id: int) -> list[Checkin]:
    with store.unit_of_work() as uow:
        return uow.checkins.list_for_athlete(athlete_id)


@pytest.fixture(scope="module")
def signed_in(chromium, live_server):  # type: ignore[no-untyped-def]
    context = chromium.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto("/signup")
    page.get_by_label("Username").fill("morning")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Athlete name (as shown to your coach)").fill("Mo Morning")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/athletes/\d+$"))
    _STATE["state"] = context.storage_state()
    athlete_id = int(page.url.rsplit("/", 1)[-1])
    context.close()
    return athlete_id


def _page(chromium, live_server, viewport=PHONE):  # type: ignore[no-untyped-def]
    context = chromium.new_context(
        base_url=live_server.url, viewport=viewport, storage_state=_STATE["state"]
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, errors


def _open(page, athlete_id: int) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/athletes/{athlete_id}/checkin")
    page.wait_for_selector("#checkin[data-ready='1']", state="attached")


def test_offline_checkin_is_stored_once_when_back_online(  # type: ignore[no-untyped-def]
    chromium, live_server, browser_store, signed_in
) -> None:
    athlete_id = signed_in
    context, page, errors = _page(chromium, live_server)
    _open(page, athlete_id)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    _open(page, athlete_id)  # now under the service worker, which keeps the page

    context.set_offline(True)
    page.reload()  # offline: the service worker serves the page from its cache
    page.wait_for_selector("#checkin[data-ready='1']", state="attached")
    page.locator("#sore_quads").fill("6")
    page.locator("#sleep_h").fill("6.5")
    page.locator("#rmssd_ms").fill("48")
    page.locator("label.chip:has(input[name=fatigue][value='4'])").click()
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_selector("#checkin-outbox:not([hidden])")
    assert "not sent yet" in page.locator("#checkin-outbox").inner_text()
    assert "on this phone" in page.locator("#checkin-status").inner_text()
    screenshot(page, "checkin-01-offline-waiting-390")
    assert _checkins(browser_store, athlete_id) == []

    context.set_offline(False)
    page.wait_for_selector("#checkin-outbox", state="hidden")
    (stored,) = _checkins(browser_store, athlete_id)
    assert (dict(stored.soreness), stored.sleep_h, stored.rmssd_ms, stored.fatigue) == (
        {"quads": 6}, 6.5, 48.0, 4,
    )  # fmt: skip
    page.evaluate("window.dispatchEvent(new Event('online'))")  # another sync finds nothing
    page.wait_for_timeout(500)
    assert len(_checkins(browser_store, athlete_id)) == 1
    assert not errors
    context.close()


def test_bottom_bar_on_a_phone_and_the_desktop_nav(  # type: ignore[no-untyped-def]
    chromium, live_server, signed_in
) -> None:
    context, page, errors = _page(chromium, live_server)
    page.goto(f"/athletes/{signed_in}")
    bar = page.locator("nav.bottom-bar")
    assert bar.is_visible()
    assert [t.strip() for t in bar.locator("a").all_inner_texts()] == [
        "◉\nToday", "✎\nLog", "▦\nPlan", "✓\nCheck-in", "≡\nMore",
    ]  # fmt: skip
    history = page.locator("#site-nav a", has_text="History")
    assert not history.is_visible()
    header_height = page.locator(".site-header").bounding_box()["height"]
    assert header_height < 60  # one row, not three
    bar.get_by_role("link", name=re.compile("More")).click()
    assert history.is_visible()
    screenshot(page, "checkin-02-bottom-bar-menu-390")
    bar.get_by_role("link", name=re.compile("Check-in")).click()
    page.wait_for_url(re.compile(r"/checkin$"))
    assert not errors
    context.close()

    context, page, errors = _page(chromium, live_server, {"width": 1366, "height": 900})
    page.goto(f"/athletes/{signed_in}")
    assert not page.locator("nav.bottom-bar").is_visible()
    assert page.locator("#site-nav a", has_text="History").is_visible()
    context.close()
