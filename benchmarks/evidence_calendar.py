"""Benchmark the evidence page and the plan calendar month, through the real web app.

    python benchmarks/evidence_calendar.py                       # SQLite in a temp folder
    python benchmarks/evidence_calendar.py --db postgresql://127.0.0.1/runstrong_bench
    python benchmarks/evidence_calendar.py --repeat 50 --years 5

1. The demo athlete (one seeded demo year) of a signed-in owner. The evidence report's job,
   cold: ``compute_evidence`` alone, and through the app's job runner from the first page
   request to the stored report (what a runner waits for the first time). Then the page
   warm (the stored report is read and drawn), and the API's JSON.
2. An athlete with ``--years`` seeded demo years (five by default: about 1,550 runs and strength
   sessions) and a plan that began six weeks ago: the calendar month holding the plan's
   sessions and the done ones, matched, with weekly totals; warm (after one request).

Every page is requested in-process (Starlette's TestClient, no network), gzip off. Prints the
median and 95th percentile in milliseconds; nothing here is a test.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import text

from runstrong.services.accounts import NewAccount, sign_up
from runstrong.services.demo import seed_demo_years
from runstrong.services.evidence_cache import cached_evidence, compute_evidence
from runstrong.services.plans import PlanChoices, create_plan
from runstrong.settings import Settings
from runstrong.store import Store, open_store
from runstrong.store.tables import Base
from runstrong.web import create_app

PASSWORD = "correct horse battery"


def _timed(call, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def _signed_in(app, username: str) -> TestClient:  # type: ignore[no-untyped-def]
    client = TestClient(app, headers={"Accept-Encoding": "identity"})
    client.get("/login")
    response = client.post("/login", data={"csrf_token": client.cookies.get("runstrong_csrf"),
                                           "username": username, "password": PASSWORD},
                           follow_redirects=False)  # fmt: skip
    assert response.status_code == 303, response.text
    return client


def _fresh(url: str) -> Store:
    store = open_store(url)
    if url.startswith("postgresql"):
        with store.engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(text(f'TRUNCATE "{table.name}" CASCADE'))
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="database URL (default: SQLite in a temp folder)")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="runstrong-bench-"))
    store = _fresh(args.db or f"sqlite:///{folder / 'bench.db'}")
    today = datetime.now(UTC).date()
    _, demo = sign_up(store, NewAccount(username="demo", password=PASSWORD, athlete_name="Demo"))
    _, five = sign_up(store, NewAccount(username="five", password=PASSWORD, athlete_name="Five"))
    assert demo.id is not None and five.id is not None
    sessions_demo = seed_demo_years(store, demo.id, today, 1)
    sessions_five = seed_demo_years(store, five.id, today, args.years)
    start = today - timedelta(weeks=6)
    create_plan(store, five.id, PlanChoices(race="half", race_date=start + timedelta(weeks=16)),
                start)  # fmt: skip
    print(f"store: {store.url.split('://')[0]}; demo athlete {sessions_demo} sessions, "
          f"{args.years}-year athlete {sessions_five} sessions")  # fmt: skip

    started = time.perf_counter()
    state = compute_evidence(store, demo.id)
    print(f"evidence job, cold (compute_evidence alone): {(time.perf_counter() - started):.2f} s "
          f"(stored computed_s {state.computed_s:.2f} s)")  # fmt: skip

    app = create_app(Settings(database_url=store.url), store=store)
    with store.engine.begin() as connection:  # forget it: measure the page's own job
        connection.execute(text("DELETE FROM evidence_reports"))
    client = _signed_in(app, "demo")
    page = f"/athletes/{demo.id}/evidence"
    started = time.perf_counter()
    first = client.get(page)
    assert "evidence-progress" in first.text
    while cached_evidence(store, demo.id).payload is None:
        time.sleep(0.02)
    cold_s = time.perf_counter() - started
    print(f"evidence page, cold: first request to stored report through the job runner "
          f"({app.state.runstrong.jobs.backend}): {cold_s:.2f} s")  # fmt: skip
    assert 'id="interval-chart"' in client.get(page).text
    median, p95 = _timed(lambda: client.get(page), args.repeat)
    print(f"evidence page, warm: median {median:.1f} ms, p95 {p95:.1f} ms ({args.repeat} requests)")
    median, p95 = _timed(lambda: client.get(f"/api/v1{page}"), args.repeat)
    print(f"evidence API, warm: median {median:.1f} ms, p95 {p95:.1f} ms")

    coach = _signed_in(app, "five")
    month = f"/athletes/{five.id}/plan?view=month&start={(today - timedelta(weeks=4)).isoformat()}"
    body = coach.get(month).text
    print(f"calendar month: {body.count('compliance-done')} done, "
          f"{body.count('compliance-missed')} missed, {body.count('compliance-unplanned')} "
          "unplanned cards")  # fmt: skip
    median, p95 = _timed(lambda: coach.get(month), args.repeat)
    print(f"calendar month, {args.years}-year athlete, warm: median {median:.1f} ms, "
          f"p95 {p95:.1f} ms")  # fmt: skip
    week = month.replace("view=month", "view=week")
    median, p95 = _timed(lambda: coach.get(week), args.repeat)
    print(f"calendar week, warm: median {median:.1f} ms, p95 {p95:.1f} ms")
    app.state.runstrong.jobs.shutdown()
    store.dispose()


if __name__ == "__main__":
    main()
