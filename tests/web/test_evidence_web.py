"""The evidence page and API: computed by a background job, stored per data version, the same
report as ``runstrong evidence --json``; and where signing in lands."""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from runstrong.cli.main import app as cli_app
from runstrong.domain.models import Activity
from runstrong.services.demo import seed_demo_years
from runstrong.services.logging import log_activity
from runstrong.store import Store
from runstrong.store.tables import EvidenceReportRow
from runstrong.web.pages.evidence import evidence_headline
from tests.web.conftest import PASSWORD, Browser, csrf_from, sign_up
from tests.web.test_accessibility import CSS, _problems, contrast


def _wait_for_report(browser: Browser, url: str) -> dict[str, object]:
    """Ask until the answer is no longer 202 (the job polled in between), at most 60 s."""
    deadline = time.monotonic() + 60
    while True:
        response = browser.api("GET", url)
        if response.status_code != 202:
            assert response.status_code == 200, response.text
            return dict(response.json())
        pending = response.json()
        assert pending["state"] in ("queued", "running")
        assert response.headers["location"] == pending["poll_url"]
        job = browser.api("GET", pending["poll_url"])
        assert job.status_code == 200 and job.json()["kind"] == "evidence_report"
        assert time.monotonic() < deadline, "the evidence job did not finish in 60 s"
        time.sleep(0.2)


def _report_rows(store: Store) -> int:
    with store.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(EvidenceReportRow)) or 0)


def test_api_gives_the_cli_report_once_the_job_stored_it(
    client: TestClient, web_store: Store
) -> None:
    ana = sign_up(client, "ana")
    assert ana.athlete_id is not None
    seed_demo_years(web_store, ana.athlete_id, datetime.now(UTC).date(), 1)
    url = f"/api/v1/athletes/{ana.athlete_id}/evidence"
    first = ana.api("GET", url)
    assert first.status_code == 202 and first.headers["retry-after"]
    report = _wait_for_report(ana, url)
    cli = CliRunner().invoke(
        cli_app, ["--db", web_store.url, "evidence", "--json", "--athlete", "Ana"]
    )
    assert cli.exit_code == 0, cli.output
    assert report == json.loads(cli.output)
    assert report["verdict"] in ("improved", "worse", "no clear relation")
    assert _report_rows(web_store) == 1
    # The page and the dashboard read the stored report: no second job, the same answer.
    page = client.get(f"/athletes/{ana.athlete_id}/evidence")
    assert page.status_code == 200 and 'id="interval-chart"' in page.text
    assert "evidence-progress" not in page.text
    dashboard = client.get(f"/athletes/{ana.athlete_id}")
    with web_store.unit_of_work() as uow:
        stored = uow.evidence_reports.get(ana.athlete_id, "efficiency", "sessions")
    assert stored is not None
    headline = evidence_headline(stored.payload)
    assert headline.startswith(("No clear relation yet: ", "Better running", "Worse running"))
    assert headline in dashboard.text
    # New data raises data_version: the stored report is stale and a new job starts.
    log_activity(
        web_store,
        ana.athlete_id,
        Activity(
            started_at=datetime.now(UTC) - timedelta(hours=3),
            sport="running",
            moving_time_s=1800.0,
            distance_m=6000.0,
        ),
    )
    assert ana.api("GET", url).status_code == 202
    _wait_for_report(ana, url)


def test_unknown_choices_are_refused_and_store_nothing(
    client: TestClient, web_store: Store
) -> None:
    ana = sign_up(client, "ana")
    base = f"/athletes/{ana.athlete_id}/evidence"
    for params in ({"marker": "speed"}, {"exposure": "minutes"}, {"marker": "x" * 40}):
        api = ana.api("GET", f"/api/v1{base}", params=params)
        assert api.status_code == 422 and set(api.json()["error"]) == {"code", "message"}
        page = client.get(base, params=params)
        assert page.status_code == 422
    assert _report_rows(web_store) == 0


def test_an_empty_log_gets_a_clear_answer_not_a_report(
    client: TestClient, web_store: Store
) -> None:
    ana = sign_up(client, "ana")
    url = f"/api/v1/athletes/{ana.athlete_id}/evidence"
    deadline = time.monotonic() + 30
    response = ana.api("GET", url)
    while response.status_code == 202 and time.monotonic() < deadline:
        time.sleep(0.1)
        response = ana.api("GET", url)
    assert response.status_code == 422
    assert "no sessions" in response.json()["error"]["message"]
    page = client.get(f"/athletes/{ana.athlete_id}/evidence")
    assert page.status_code == 200 and 'id="evidence-empty"' in page.text


def _sign_in(client: TestClient, username: str, next_page: str | None = None) -> str:
    client.cookies.clear()
    client.get("/login")
    data = {"csrf_token": client.cookies.get("runstrong_csrf"), "username": username,
            "password": PASSWORD}  # fmt: skip
    if next_page is not None:
        data["next"] = next_page
    response = client.post("/login", data=data, follow_redirects=False)
    assert response.status_code == 303
    return str(response.headers["location"])


def test_sign_in_lands_on_the_only_athlete_else_the_start_page(
    client: TestClient,
    new_client,  # type: ignore[no-untyped-def]
    web_store: Store,
) -> None:
    ana = sign_up(client, "ana")
    cora = sign_up(new_client(), "cora")
    assert _sign_in(new_client(), "ana") == f"/athletes/{ana.athlete_id}"
    assert _sign_in(new_client(), "cora") == f"/athletes/{cora.athlete_id}"
    assert _sign_in(new_client(), "ana", "/exercises") == "/exercises"
    invite = ana.form(f"/athletes/{ana.athlete_id}/coaching/invite", {"coach": "cora"})
    assert invite.status_code == 303
    assert ana.athlete_id is not None
    seed_demo_years(web_store, ana.athlete_id, datetime.now(UTC).date(), 1)
    coach = new_client()
    assert _sign_in(coach, "cora") == "/"
    start = coach.get("/")
    assert start.status_code == 200
    coached = start.text.split('id="coached-athletes"')[1]
    assert f'id="headline-{ana.athlete_id}"' in coached
    assert "Form (TSB)" in coached and "no log yet" not in coached
    own = start.text.split('id="own-athletes"')[1].split('id="coached-athletes"')[0]
    assert f'id="headline-{cora.athlete_id}"' in own and "no log yet" in own
    assert csrf_from(start.text)


def test_new_pages_have_labels_one_h1_and_a_skip_link(client: TestClient, web_store: Store) -> None:
    ana = sign_up(client, "ana")
    athlete = f"/athletes/{ana.athlete_id}"
    # Nothing logged yet (the evidence page's empty answer, the calendar without a plan) ...
    pages = [f"{athlete}/evidence", f"{athlete}/evidence?marker=vdot", f"{athlete}/plan",
             f"{athlete}/plan?view=month", "/"]  # fmt: skip
    found = {url: _problems(client.get(url).text) for url in pages}
    # ... then a year of log: the progress state, and the report once it is stored.
    assert ana.athlete_id is not None
    seed_demo_years(web_store, ana.athlete_id, datetime.now(UTC).date(), 1)
    waiting = client.get(f"{athlete}/evidence")
    assert 'id="evidence-progress"' in waiting.text and 'id="evidence-data"' in waiting.text
    found["progress"] = _problems(waiting.text)
    _wait_for_report(ana, f"/api/v1{athlete}/evidence")
    report = client.get(f"{athlete}/evidence")
    assert 'id="interval-chart"' in report.text and 'id="weeks-table"' in report.text
    found["report"] = _problems(report.text)
    found["dashboard"] = _problems(client.get(athlete).text)
    assert not any(found.values()), found


def test_compliance_colours_keep_their_labels_readable() -> None:
    css = (CSS.parent / "calendar.css").read_text()
    palette = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{3,6})", CSS.read_text()))
    for status, colour in (("done", "good"), ("partly", "warn"), ("missed", "bad"),
                           ("unplanned", "muted")):  # fmt: skip
        background = re.search(
            rf"\.session\.compliance-{status} {{ background: (#[0-9a-fA-F]{{6}})", css
        )
        assert background, status
        assert contrast(palette[colour], background.group(1)) >= 4.5, status
        assert contrast(palette["ink"], background.group(1)) >= 4.5, status
