"""The experiment pages and API: design with its power curve, start, the answer; bad input."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from runstrong.cli.main import app as cli_app
from runstrong.domain.models import Activity
from runstrong.services.demo import seed_demo_years
from runstrong.store import Store
from runstrong.store.tables import ExperimentRow
from tests.web.conftest import sign_up
from tests.web.test_accessibility import _problems


def _count(store: Store) -> int:
    with store.unit_of_work() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(ExperimentRow)) or 0)


def _monday_weeks_ago(weeks: int) -> str:
    today = datetime.now(UTC).date()
    return (today - timedelta(days=today.weekday(), weeks=weeks)).isoformat()


def test_design_start_and_answer_through_the_web(client: TestClient, web_store: Store) -> None:
    ana = sign_up(client, "ana")
    assert ana.athlete_id is not None
    seed_demo_years(web_store, ana.athlete_id, datetime.now(UTC).date(), 1)
    base = f"/athletes/{ana.athlete_id}/experiment"
    start = _monday_weeks_ago(24)

    api = ana.api("GET", f"/api/v1{base}/design", params={"start": start, "weeks": 24})
    assert api.status_code == 200, api.text
    cli = CliRunner().invoke(
        cli_app,
        ["--db", web_store.url, "experiment", "design", "--json", "-a", "Ana", "--start", start],
    )
    assert cli.exit_code == 0, cli.output
    assert api.json() == json.loads(cli.output)

    page = client.get(f"{base}/design", params={"start": start})
    assert page.status_code == 200
    assert 'id="power-curve"' in page.text and "/static/experiment.js" in page.text
    assert "detects a change of" in page.text and 'id="curve-table"' in page.text
    assert "cdn" not in page.text.lower()
    assert _problems(page.text) == []

    refused = ana.form(f"{base}/start", {"start": start, "weeks": "24"})
    assert refused.status_code == 422 and _count(web_store) == 0  # past start needs the order
    started = ana.form(f"{base}/start", {"start": start, "weeks": "24", "order": "BAAB"})
    assert started.status_code == 303 and started.headers["location"] == base
    assert _count(web_store) == 1

    answer = client.get(base)
    assert answer.status_code == 200
    assert "not registered in advance" in answer.text
    assert 'id="adherence-table"' in answer.text and 'id="answer-summary"' in answer.text
    assert _problems(answer.text) == []
    report = ana.api("GET", f"/api/v1{base}").json()
    assert report["experiment"]["order"] == "BAAB"
    assert set(report["effect"] or {"estimate": 0, "low": 0, "high": 0}) == {
        "estimate",
        "low",
        "high",
    }
    assert report["adherence"]["test_runs_done"][1] > 0

    overlap = ana.api(
        "POST", f"/api/v1/athletes/{ana.athlete_id}/experiments", json={"start": start,
                                                                       "order": "ABAB"}
    )  # fmt: skip
    assert overlap.status_code == 409
    assert overlap.json()["error"]["code"] and "overlap" in overlap.json()["error"]["message"]
    assert _count(web_store) == 1


def test_broken_input_gets_a_clear_error_and_stores_nothing(
    client: TestClient, web_store: Store
) -> None:
    bo = sign_up(client, "bobby")
    assert bo.athlete_id is not None
    api = f"/api/v1/athletes/{bo.athlete_id}"
    # no log at all: the power cannot be measured
    empty = bo.api("GET", f"{api}/experiment/design")
    assert empty.status_code == 422 and "error" in empty.json()
    seed_demo_years(web_store, bo.athlete_id, datetime.now(UTC).date(), 1)
    cases = [
        ({"block_weeks": 3, "weeks": 12}, "too short"),
        ({"weeks": 20}, "whole number"),
        ({"design": "abc"}, ""),
        ({"block_weeks": 40}, ""),
        ({"date": "someday"}, ""),
    ]
    for params, message in cases:
        response = bo.api("GET", f"{api}/experiment/design", params=params)
        assert response.status_code == 422, (params, response.text)
        assert message in response.json()["error"]["message"]
    bodies = [
        {"order": "ABBA"},  # in advance: the order is drawn
        {"start": "2020-01-06", "order": "AABB"},
        {"order": "XYZ"},
        {"unknown": 1},
        {"test_day": "someday"},
    ]
    for body in bodies:
        response = bo.api("POST", f"{api}/experiments", json=body)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["error"]["message"]
    assert _count(web_store) == 0
    page = client.get(f"/athletes/{bo.athlete_id}/experiment/design", params={"weeks": 20})
    assert page.status_code == 422 and "not a whole number" in page.text
    none = client.get(f"/athletes/{bo.athlete_id}/experiment")
    assert none.status_code == 200 and "No experiment yet" in none.text
    assert bo.api("GET", f"{api}/experiment").status_code == 404


def test_a_running_experiment_shows_on_the_calendar_and_dashboard(
    client: TestClient, web_store: Store
) -> None:
    cara = sign_up(client, "cara")
    assert cara.athlete_id is not None
    seed_demo_years(web_store, cara.athlete_id, datetime.now(UTC).date(), 1)
    today = datetime.now(UTC).date()
    race = (today + timedelta(weeks=11)).isoformat()
    plan = cara.api(
        "POST",
        f"/api/v1/athletes/{cara.athlete_id}/plan",
        json={"race": "10k", "race_date": race, "strength_days": 2},
    )
    assert plan.status_code == 201, plan.text
    start = _monday_weeks_ago(2)
    first_b = datetime.fromisoformat(start).date() + timedelta(weeks=6)
    made = cara.api(
        "POST",
        f"/api/v1/athletes/{cara.athlete_id}/experiments",
        json={"start": start, "weeks": 12, "order": "AB", "test_day": "wed"},
    )
    assert made.status_code == 201, made.text
    assert made.json()["registered_in_advance"] is False
    with web_store.unit_of_work() as uow:
        active = uow.plans.active(cara.athlete_id)
    assert active is not None
    strength_days = [s.day for s in active.sessions if s.kind == "strength"]
    # control block A (from today to the first strength week): the plan's strength work is out
    assert not [d for d in strength_days if today <= d < first_b]
    assert [d for d in strength_days if d >= first_b]
    assert made.json()["plan_sessions_removed"] > 0

    week_1 = (datetime.fromisoformat(start) + timedelta(weeks=1)).date().isoformat()
    calendar = client.get(
        f"/athletes/{cara.athlete_id}/plan", params={"view": "week", "start": week_1}
    )
    assert calendar.status_code == 200
    found = re.findall(r"Experiment block[^<]*|<caption>[^<]*", calendar.text)
    assert "Experiment block 1 of 2: control (no heavy leg work), run-in" in calendar.text, found
    assert calendar.text.count(">Test run</span>") == 1
    # a week row runs to the race's weekday: the row holding first_b + 7 days lies in block 2
    later = client.get(
        f"/athletes/{cara.athlete_id}/plan",
        params={"view": "week", "start": (first_b + timedelta(weeks=1)).isoformat()},
    )
    assert "Experiment block 2 of 2: strength" in later.text
    assert later.text.count(">Test run</span>") == 1
    dashboard = client.get(f"/athletes/{cara.athlete_id}")
    assert dashboard.status_code == 200
    assert 'id="experiment-card"' in dashboard.text
    assert "Block 1 of 2 (control, no heavy leg work), 10 week(s) left" in dashboard.text


def test_the_test_run_and_time_trial_markers_on_the_page_and_the_api(
    client: TestClient, web_store: Store
) -> None:
    cleo = sign_up(client, "cleo")
    assert cleo.athlete_id is not None
    seed_demo_years(web_store, cleo.athlete_id, datetime.now(UTC).date(), 1)
    base = f"/athletes/{cleo.athlete_id}/experiment/design"
    page = client.get(base, params={"marker": "test-hr"})
    assert page.status_code == 200, page.text
    for value in ("efficiency", "vdot", "test-hr", "time-trial"):
        assert f'<option value="{value}"' in page.text
    assert '<option value="test-hr" selected>' in page.text
    assert 'id="test-pace"' in page.text and "Lower heart rate is better" in page.text
    assert _problems(page.text) == []
    api = f"/api/v1/athletes/{cleo.athlete_id}"
    design = cleo.api("GET", f"{api}/experiment/design", params={"marker": "test-hr"}).json()
    assert design["unit"] == "bpm" and design["higher_is_better"] is False
    trial = cleo.api(
        "GET",
        f"{api}/experiment/design",
        params={"marker": "time-trial", "block_weeks": 8, "weeks": 32},
    )
    assert trial.status_code == 200, trial.text
    assert trial.json()["noise"]["test_every_weeks"] == 4
    trial_page = client.get(base, params={"marker": "time-trial", "block_weeks": 8, "weeks": 32})
    assert trial_page.status_code == 200 and 'id="test-schedule"' in trial_page.text
    short = cleo.api("GET", f"{api}/experiment/design", params={"marker": "time-trial"})
    assert short.status_code == 422 and "time trial every 4 weeks" in short.text


def test_the_test_markers_refuse_a_log_without_heart_rate_or_time_trials(
    client: TestClient, web_store: Store
) -> None:
    dan = sign_up(client, "danny")
    assert dan.athlete_id is not None
    with web_store.unit_of_work() as uow:
        for day in range(0, 120, 2):
            uow.activities.add(
                dan.athlete_id,
                Activity(
                    started_at=datetime.now(UTC) - timedelta(days=day + 1),
                    sport="running",
                    session_type="easy",
                    moving_time_s=1800,
                    distance_m=5000,
                ),
            )
    dapi = f"/api/v1/athletes/{dan.athlete_id}"
    for marker, message in (
        ("test-hr", "no steady runs with heart rate"),
        ("time-trial", "no runs marked as a race or time trial"),
    ):
        extra = {"block_weeks": 8, "weeks": 32} if marker == "time-trial" else {}
        refused = dan.api("GET", f"{dapi}/experiment/design", params={"marker": marker, **extra})
        assert refused.status_code == 422 and message in refused.json()["error"]["message"]
        posted = dan.api("POST", f"{dapi}/experiments", json={"marker": marker, **extra})
        assert posted.status_code == 422 and message in posted.json()["error"]["message"]
    unknown = dan.api("GET", f"{dapi}/experiment/design", params={"marker": "pace"})
    assert unknown.status_code == 422
    assert _count(web_store) == 0
