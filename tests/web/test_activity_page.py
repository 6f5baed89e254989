"""The activity page and its API: analysis sections for an imported run, nothing invented for a
run without samples or GPS, the strength work before a key run, the samples endpoint (and its
broken input), and the best-efforts page."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import lxml.html
import numpy as np
import pytest
from fastapi.testclient import TestClient

from runstrong.domain.models import Activity, StrengthSession, StrengthSet
from runstrong.importers._samples import make_samples
from runstrong.services.athletes import update_athlete_settings
from runstrong.services.imports import import_paths
from runstrong.services.logging import log_activity, log_strength_session
from runstrong.store import Store
from tests.conftest import SHARED_DATA
from tests.web.conftest import Browser, sign_up
from tests.web.test_accessibility import _problems

FIT_RUN = SHARED_DATA / "fit" / "activity-small-fenix2-run.fit"
needs_shared = pytest.mark.skipif(not FIT_RUN.is_file(), reason=f"{FIT_RUN} is not available")


@pytest.fixture
def runner(client: TestClient, web_store: Store) -> Browser:
    ana = sign_up(client, "pageana")
    assert ana.athlete_id is not None
    update_athlete_settings(web_store, ana.athlete_id, {"hr_max_bpm": 190, "hr_rest_bpm": 50})
    return ana


def _imported_run(store: Store, athlete_id: int) -> int:
    report = import_paths(store, athlete_id, [FIT_RUN], workers=1)
    assert report.count("imported") == 1
    with store.unit_of_work() as uow:
        (run,) = uow.activities.list_for_athlete(athlete_id)
    assert run.id is not None
    return run.id


@needs_shared
def test_an_imported_run_shows_its_analysis(runner: Browser, web_store: Store) -> None:
    assert runner.athlete_id is not None
    run_id = _imported_run(web_store, runner.athlete_id)
    page = runner.client.get(f"/athletes/{runner.athlete_id}/activities/{run_id}")
    assert page.status_code == 200
    assert _problems(page.text) == []
    tree = lxml.html.fromstring(page.text)
    assert len(tree.xpath("//table[@id='splits-table']/tbody/tr")) == 10
    assert "partial" in tree.xpath("//table[@id='splits-table']/tbody/tr")[-1].text_content()
    assert len(tree.xpath("//table[@id='laps-table']/tbody/tr")) == 4
    assert len(tree.xpath("//table[@id='hr-zones']/tbody/tr")) == 5
    assert tree.xpath("//svg[@id='route-svg']/polyline")
    badges = [b.text_content() for b in tree.xpath("//*[contains(@class, 'effort-badge')]")]
    assert badges == ["personal best"] * 4
    data = json.loads(tree.xpath("//script[@id='activity-chart-data']")[0].text)
    assert [s["key"] for s in data["series"]] == ["pace", "hr", "elevation", "cadence"]
    assert 1000 < len(data["timeS"]) <= 2000
    assert all(len(s["values"]) == len(data["timeS"]) for s in data["series"])
    for key in ("pace", "hr", "elevation", "cadence"):  # every chart has a summary and a table
        assert tree.xpath(f"//p[@id='summary-{key}']") and tree.xpath(f"//table[@id='table-{key}']")
    assert 'src="/static/activity.js"' in page.text


def test_a_run_logged_by_hand_shows_no_charts_or_route(runner: Browser, web_store: Store) -> None:
    assert runner.athlete_id is not None
    run = Activity(
        started_at=datetime(2024, 5, 1, 7, tzinfo=UTC),
        sport="running",
        moving_time_s=1800,
        distance_m=6000,
    )
    stored = log_activity(web_store, runner.athlete_id, run)
    page = runner.client.get(f"/athletes/{runner.athlete_id}/activities/{stored.id}")
    assert page.status_code == 200
    for absent in ("activity-charts", "activity-splits", "activity-route", "heavy-legs"):
        assert f'id="{absent}"' not in page.text
    assert "activity.js" not in page.text


def test_a_treadmill_run_has_splits_but_no_route(runner: Browser, web_store: Store) -> None:
    assert runner.athlete_id is not None
    time_s = np.arange(0.0, 1201.0)
    treadmill = Activity(
        started_at=datetime(2024, 5, 2, 7, tzinfo=UTC),
        sport="treadmill_running",
        moving_time_s=1200,
        distance_m=3600,
        samples=make_samples(time_s, distance_m=time_s * 3.0, hr_bpm=np.full(1201, 140.0)),
    )
    stored = log_activity(web_store, runner.athlete_id, treadmill)
    page = runner.client.get(f"/athletes/{runner.athlete_id}/activities/{stored.id}")
    assert 'id="splits-table"' in page.text and 'id="route-svg"' not in page.text


def test_a_key_run_shows_the_hard_leg_work_of_the_72_hours_before(
    runner: Browser, web_store: Store
) -> None:
    assert runner.athlete_id is not None
    tempo_at = datetime(2024, 6, 5, 7, tzinfo=UTC)
    legs = log_strength_session(
        web_store,
        runner.athlete_id,
        StrengthSession(
            started_at=tempo_at - timedelta(hours=20),
            sets=(
                StrengthSet("leg-press", 6, 140.0, rpe=8.5),
                StrengthSet("leg-press", 10, 60.0, rpe=5),
                StrengthSet("dead-bug", 10, 0.0, rpe=8),
            ),
        ),
    )
    log_strength_session(  # four days before: outside the window
        web_store,
        runner.athlete_id,
        StrengthSession(
            started_at=tempo_at - timedelta(days=4), sets=(StrengthSet("leg-press", 5, 150, 9),)
        ),
    )
    tempo = log_activity(
        web_store,
        runner.athlete_id,
        Activity(started_at=tempo_at, sport="running", session_type="tempo", moving_time_s=2400),
    )
    page = runner.client.get(f"/athletes/{runner.athlete_id}/activities/{tempo.id}")
    tree = lxml.html.fromstring(page.text)
    (section,) = tree.xpath("//section[@id='heavy-legs']")
    links = section.xpath(".//a/@href")
    assert links == [f"/athletes/{runner.athlete_id}/strength/{legs.id}"]
    text = section.text_content()
    assert "20 h before" in text and "6 × 140 kg @ RPE 8.5" in text
    assert "60 kg" not in text and "Dead bug" not in text  # easy, or not lower body
    detail = runner.api("GET", f"/api/v1/athletes/{runner.athlete_id}/activities/{tempo.id}")
    (heavy,) = detail.json()["heavy_legs"]
    assert heavy["strength_session_id"] == legs.id
    assert heavy["hard_lower_body_sets"] == [
        {"exercise_slug": "leg-press", "reps": 6, "load_kg": 140.0, "rpe": 8.5, "side": "both"}
    ]


@needs_shared
def test_the_api_answers_splits_laps_zones_and_best_efforts(
    runner: Browser, web_store: Store
) -> None:
    assert runner.athlete_id is not None
    run_id = _imported_run(web_store, runner.athlete_id)
    answer = runner.api("GET", f"/api/v1/athletes/{runner.athlete_id}/activities/{run_id}")
    assert answer.status_code == 200
    body = answer.json()
    assert body["id"] == run_id and body["sample_count"] == 2809
    assert sum(s["distance_m"] for s in body["splits"]) == pytest.approx(
        body["distance_m"], rel=0.005
    )
    assert len(body["laps"]) == 4 and body["laps"][0]["distance_m"] == pytest.approx(848.9)
    zones = body["zones"]
    assert zones["heart_rate"]["model"] == "hrr"
    assert sum(z["time_s"] for z in zones["heart_rate"]["zones"]) == pytest.approx(
        zones["moving_time_s"], abs=0.5
    )
    assert [e["name"] for e in body["best_efforts"]] == ["400 m", "1 km", "1 mile", "5 km"]
    assert body["grade_adjusted_pace_s_per_km"] > 0


@needs_shared
def test_samples_endpoint_returns_columns_thinned_on_request(
    runner: Browser, web_store: Store
) -> None:
    assert runner.athlete_id is not None
    run_id = _imported_run(web_store, runner.athlete_id)
    url = f"/api/v1/athletes/{runner.athlete_id}/activities/{run_id}/samples"
    everything = runner.api("GET", url).json()
    assert everything["step"] == 1 and len(everything["columns"]["time_s"]) == 2809
    assert "power_w" not in everything["columns"]  # the watch recorded none
    thinned = runner.api("GET", url, params={"fields": "time_s,hr_bpm", "step": 10}).json()
    assert set(thinned["columns"]) == {"time_s", "hr_bpm"}
    assert len(thinned["columns"]["hr_bpm"]) == 281
    assert thinned["columns"]["time_s"][0] == pytest.approx(
        np.mean(everything["columns"]["time_s"][:10])
    )


@needs_shared
@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"fields": "time_s,heartrate"}, 422),
        ({"fields": ","}, 422),
        ({"step": 0}, 422),
        ({"step": "ten"}, 422),
        ({"fields": "x" * 300}, 422),
    ],
)
def test_samples_endpoint_refuses_broken_input(
    runner: Browser, web_store: Store, params: dict[str, object], status: int
) -> None:
    assert runner.athlete_id is not None
    run_id = _imported_run(web_store, runner.athlete_id)
    url = f"/api/v1/athletes/{runner.athlete_id}/activities/{run_id}/samples"
    answer = runner.api("GET", url, params=params)
    assert answer.status_code == status, answer.text
    assert set(answer.json()["error"]) == {"code", "message"}


def test_unknown_activity_is_not_found(runner: Browser) -> None:
    for url in (
        f"/api/v1/athletes/{runner.athlete_id}/activities/999999",
        f"/api/v1/athletes/{runner.athlete_id}/activities/999999/samples",
    ):
        answer = runner.api("GET", url)
        assert answer.status_code == 404 and answer.json()["error"]["code"]


@needs_shared
def test_the_best_efforts_page(runner: Browser, web_store: Store) -> None:
    assert runner.athlete_id is not None
    empty = runner.client.get(f"/athletes/{runner.athlete_id}/bests")
    assert empty.status_code == 200 and 'id="no-bests"' in empty.text
    run_id = _imported_run(web_store, runner.athlete_id)
    page = runner.client.get(f"/athletes/{runner.athlete_id}/bests")
    assert _problems(page.text) == []
    tree = lxml.html.fromstring(page.text)
    rows = tree.xpath("//table[@id='bests-all-time']/tbody/tr")
    assert [r.xpath("./th")[0].text_content() for r in rows] == ["400 m", "1 km", "1 mile", "5 km"]
    assert rows[0].xpath(".//a/@href") == [f"/athletes/{runner.athlete_id}/activities/{run_id}"]


@needs_shared
def test_the_page_follows_changes_to_the_athletes_data(runner: Browser, web_store: Store) -> None:
    assert runner.athlete_id is not None
    run_id = _imported_run(web_store, runner.athlete_id)
    url = f"/athletes/{runner.athlete_id}/activities/{run_id}"
    first = lxml.html.fromstring(runner.client.get(url).text)
    assert first.xpath("//table[@id='hr-zones']//tr[1]/td[1]")[0].text_content() == "< 134"
    assert first.xpath("//table[@id='splits-table']/thead//th[1]")[0].text_content() == "km"
    update_athlete_settings(web_store, runner.athlete_id, {"hr_max_bpm": 200, "units": "imperial"})
    second = lxml.html.fromstring(runner.client.get(url).text)
    assert second.xpath("//table[@id='hr-zones']//tr[1]/td[1]")[0].text_content() == "< 140"
    assert second.xpath("//table[@id='splits-table']/thead//th[1]")[0].text_content() == "mi"
