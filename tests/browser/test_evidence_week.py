"""End to end in Debian's Chromium: sign in, the evidence page from the dashboard card, and a
plan week where an imported run is matched to its planned long run.

The athlete has a year of seeded training that ended ten weeks ago (for the evidence report)
and a plan that began three weeks ago; one imported FIT run lies on a past planned long-run day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import numpy as np
import pytest

from runstrong.domain.plan import PlannedSession
from runstrong.exports.fit_activity import SessionTrack, encode_activity
from runstrong.services.accounts import NewAccount, sign_up
from runstrong.services.demo import seed_demo_years
from runstrong.services.imports import import_paths
from runstrong.services.plans import PlanChoices, create_plan
from runstrong.store import Store
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class WeekWorld:
    athlete_id: int
    long_run: PlannedSession
    run_distance_m: float


def seed_week_athlete(store: Store, folder: Path, username: str = "rita") -> WeekWorld:
    """A runner with a year of log, a plan begun three weeks ago and one imported long run."""
    _, athlete = sign_up(store, NewAccount(username=username, password=PASSWORD,
                                           athlete_name="Rita Runner"))  # fmt: skip
    assert athlete.id is not None
    today = datetime.now(UTC).date()
    seed_demo_years(store, athlete.id, today - timedelta(weeks=10), 1)
    start = today - timedelta(weeks=3)
    _, plan = create_plan(
        store, athlete.id, PlanChoices(race="10k", race_date=start + timedelta(weeks=12)), start
    )
    long_run = next(
        s
        for s in plan.sessions
        if s.kind == "run" and s.run is not None and s.run.session_type == "long" and s.day < today
    )
    assert long_run.run is not None and long_run.run.distance_m
    distance_m = round(long_run.run.distance_m * 1.02)
    seconds = np.arange(float(round(distance_m / 3.0)))
    track = SessionTrack(
        sport="running",
        start=datetime.combine(long_run.day, time(8, 0), tzinfo=UTC),
        time_s=seconds,
        distance_m=seconds * distance_m / seconds[-1],
        speed_m_per_s=np.full(seconds.size, 3.0),
        hr_bpm=np.full(seconds.size, 142.0),
    )
    path = folder / "long-run.fit"
    path.write_bytes(encode_activity([track]))
    report = import_paths(store, athlete.id, [path], workers=1)
    assert report.count("imported") == 1
    return WeekWorld(athlete.id, long_run, distance_m)


@pytest.fixture(scope="module")
def world(browser_store: Store, tmp_path_factory: pytest.TempPathFactory) -> WeekWorld:
    return seed_week_athlete(browser_store, tmp_path_factory.mktemp("fit"))


@pytest.fixture(scope="module")
def page_and_errors(chromium, live_server, world):  # type: ignore[no-untyped-def]
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page, errors
    context.close()


def test_01_sign_in_lands_on_the_dashboard(page_and_errors, world: WeekWorld) -> None:  # type: ignore[no-untyped-def]
    page, errors = page_and_errors
    page.goto("/login")
    page.get_by_label("Username or e-mail").fill("rita")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(rf"/athletes/{world.athlete_id}$"))
    assert page.get_by_role("heading", name="Is strength work helping your running?").is_visible()
    screenshot(page, "evidence-01-dashboard")
    assert not errors


def test_02_evidence_page_from_the_dashboard_card_draws_the_interval(
    page_and_errors, world: WeekWorld
) -> None:  # type: ignore[no-untyped-def]
    page, errors = page_and_errors
    page.goto(f"/athletes/{world.athlete_id}")
    page.locator("#evidence-card-link").click()
    page.wait_for_url(re.compile(rf"/athletes/{world.athlete_id}/evidence"))
    # While the job runs the page shows its progress and reloads itself when the report is in.
    chart = page.locator("#interval-chart")
    chart.wait_for(timeout=120_000)
    assert chart.locator(".interval").count() == 1
    assert chart.locator(".estimate").count() == 1
    assert chart.locator(".zero-line").count() == 1
    box = chart.locator(".interval").bounding_box()
    assert box is not None and box["width"] > 5, "the interval was not drawn"
    assert page.locator("#interval-summary").inner_text().startswith("2 lower-body")
    assert page.locator("#marker-chart .strength-week").count() > 0
    assert page.locator("#published-table tbody tr").count() > 0
    screenshot(page, "evidence-02-report")
    assert not errors


def test_03_a_planned_long_run_and_its_imported_run_show_as_done(
    page_and_errors, world: WeekWorld
) -> None:  # type: ignore[no-untyped-def]
    page, errors = page_and_errors
    day = world.long_run.day
    page.goto(f"/athletes/{world.athlete_id}/plan?view=week&start={day.isoformat()}")
    card = page.locator(f"#session-{world.long_run.id}")
    card.wait_for()
    assert "compliance-done" in (card.get_attribute("class") or "")
    assert card.locator(".compliance-badge").inner_text() == "Done"
    planned_km = f"{world.long_run.run.distance_m / 1000:.1f} km"  # type: ignore[union-attr]
    done_km = f"{world.run_distance_m / 1000:.1f} km"
    assert planned_km in card.locator(".session-summary").inner_text()
    assert done_km in card.locator(".session-done").inner_text()
    totals = page.locator(".week-totals").first.inner_text()
    assert done_km in totals
    screenshot(page, "evidence-03-week")
    page.goto(f"/athletes/{world.athlete_id}/plan?view=month&start={day.isoformat()}")
    assert page.locator(f"#session-{world.long_run.id} .compliance-badge").inner_text() == "Done"
    assert not errors
