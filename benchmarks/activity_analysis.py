"""Benchmark the activity page and best efforts.

    python benchmarks/activity_analysis.py --page-requests 60 --activities 2500 --seconds 4000 \
        --import-files 200

1. **Activity page**: a 6-hour run at 1 Hz (21,600 samples: GPS, heart rate, cadence, altitude,
   power) imported from a FIT file into a fresh SQLite store, then ``GET
   /athletes/{id}/activities/{activity_id}`` (the HTML page, charts' JSON inside) and the API's
   ``GET /api/v1/.../activities/{activity_id}`` requested ``--page-requests`` times each in
   process (after 5 warm-up requests): p50 and p95 latency, CPU time per request (client and
   server threads: less sensitive to other load on the machine), page size, chart points; and
   cold, with the per-process analysis cache emptied before each request.
2. **Best efforts**: ``runstrong.science.activity.best_efforts`` over ``--activities`` synthetic
   runs of ``--seconds`` samples each (2,500 × 4,000 = 10 M samples: a decade of runs),
   generated one at a time with pace changes and GPS spikes; samples/s of the analysis alone.
3. **Import throughput**: ``--import-files`` synthetic FIT runs imported (one process, the
   default decoder: fitfast when installed) into a fresh store with best efforts computed at
   import, and again with that step switched off; the drop in files/s.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from decoders import build_files

from runstrong.domain.models import Athlete
from runstrong.exports.fit_activity import SessionTrack, encode_activity
from runstrong.importers._samples import make_samples
from runstrong.science.activity import best_efforts
from runstrong.services.activity_detail import clear_activity_cache
from runstrong.services.athletes import create_athlete, update_athlete_settings
from runstrong.services.imports import import_paths
from runstrong.settings import Settings
from runstrong.store import open_store

PASSWORD = "correct horse battery"


def _six_hour_fit(seconds: int = 21_600) -> bytes:
    time_s = np.arange(float(seconds))
    rng = np.random.default_rng(6)
    speed = 2.9 + 0.3 * np.sin(time_s / 600.0) + rng.normal(0, 0.05, seconds)
    distance = np.cumsum(speed)
    heading = time_s / 1800.0
    track = SessionTrack(
        sport="running",
        start=datetime(2025, 6, 1, 6, 0, tzinfo=UTC),
        time_s=time_s,
        distance_m=distance,
        speed_m_per_s=speed,
        hr_bpm=np.round(140 + 15 * time_s / seconds + 3 * np.sin(time_s / 45.0)),
        cadence=np.full(seconds, 86.0),
        altitude_m=300 + 40 * np.sin(distance / 2000.0),
        latitude_deg=46.05 + np.cumsum(speed * np.cos(heading)) / 111_195.0,
        longitude_deg=14.5 + np.cumsum(speed * np.sin(heading)) / 77_000.0,
        power_w=np.full(seconds, 250.0),
    )
    return encode_activity([track])


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def page_benchmark(requests: int, folder: Path) -> None:
    from fastapi.testclient import TestClient

    from runstrong.web import create_app

    store = open_store(f"sqlite:///{folder / 'page.db'}")
    fit_path = folder / "six-hours.fit"
    fit_path.write_bytes(_six_hour_fit())
    app = create_app(Settings(database_url=store.url), store=store)
    with TestClient(app) as client:
        client.get("/signup")
        answer = client.post(
            "/signup",
            data={
                "csrf_token": client.cookies.get("runstrong_csrf"),
                "username": "bench",
                "password": PASSWORD,
                "email": "bench@example.org",
                "athlete_name": "Bench Runner",
                "timezone": "UTC",
            },
            follow_redirects=False,
        )
        athlete_id = int(answer.headers["location"].rsplit("/", 1)[-1])
        update_athlete_settings(store, athlete_id, {"hr_max_bpm": 190, "hr_rest_bpm": 50})
        report = import_paths(store, athlete_id, [fit_path], workers=1)
        assert report.count("imported") == 1, report.outcomes
        with store.unit_of_work() as uow:
            (run,) = uow.activities.list_for_athlete(athlete_id)
        page_url = f"/athletes/{athlete_id}/activities/{run.id}"
        api_url = f"/api/v1/athletes/{athlete_id}/activities/{run.id}"
        for url in (page_url, api_url):
            for _ in range(5):
                assert client.get(url).status_code == 200
            times = []
            size = 0
            cpu_started = time.process_time()
            for _ in range(requests):
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                size = len(response.content)
            cpu_ms = (time.process_time() - cpu_started) / requests * 1000
            cold = []
            for _ in range(max(5, requests // 4)):
                clear_activity_cache()
                started = time.perf_counter()
                client.get(url)
                cold.append((time.perf_counter() - started) * 1000)
            label = "activity page (HTML)" if url == page_url else "activity API (JSON)"
            print(
                f"{label}: 21,600 samples, {requests} "
                f"requests: p50 {statistics.median(times):.1f} ms, "
                f"p95 {_percentile(times, 0.95):.1f} ms, CPU {cpu_ms:.1f} ms a request, "
                f"{size / 1024:.0f} KiB; cold (analysis not cached): "
                f"p50 {statistics.median(cold):.1f} ms, p95 {_percentile(cold, 0.95):.1f} ms"
            )
            if url == page_url:
                found = re.search(r'"timeS": \[([^\]]*)\]', response.text)
                points = found.group(1).count(",") + 1 if found else 0
                print(f"  chart points per series: {points}")
    store.dispose()


def _synthetic_run(index: int, seconds: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(index)
    time_s = np.arange(float(seconds))
    speed = np.repeat(rng.uniform(2.5, 4.5, seconds // 60 + 1), 60)[:seconds]
    distance = np.cumsum(speed)
    spikes = rng.integers(1, seconds, 3)
    distance[spikes[0] :] += 100.0  # a GPS jump that must not make a record
    return time_s, distance


def efforts_benchmark(activities: int, seconds: int) -> None:
    analysis_s = 0.0
    total = 0
    for index in range(activities):
        time_s, distance = _synthetic_run(index, seconds)
        samples = make_samples(time_s, distance_m=distance)
        started = time.perf_counter()
        best_efforts(samples)
        analysis_s += time.perf_counter() - started
        total += seconds
    print(
        f"best efforts: {activities} runs, {total:,} samples in {analysis_s:.2f} s: "
        f"{total / analysis_s:,.0f} samples/s, {analysis_s / activities * 1000:.2f} ms a run"
    )


def import_benchmark(files: int, seconds: int, folder: Path) -> None:
    paths = []
    for index, data in enumerate(build_files(files, seconds)):
        path = folder / f"run-{index:04d}.fit"
        path.write_bytes(data)
        paths.append(path)
    rates = {"without best efforts": 0.0, "with best efforts": 0.0}
    # rounds alternate the two variants so that other load on the machine hits both alike
    for attempt in range(3):
        for label in rates:
            store = open_store(f"sqlite:///{folder / f'import-{attempt}-{len(label)}.db'}")
            athlete = create_athlete(store, Athlete("Imp"))
            started = time.perf_counter()
            if label == "without best efforts":
                with mock.patch("runstrong.services.imports.efforts_of", lambda activity: None):
                    report = import_paths(store, athlete.id, paths, workers=1)
            else:
                report = import_paths(store, athlete.id, paths, workers=1)
            elapsed = time.perf_counter() - started
            assert report.count("imported") == files, report.outcomes[:3]
            rates[label] = max(rates[label], files / elapsed)
            store.dispose()
    for label, rate in rates.items():
        print(f"import {label}: {files} files x {seconds} samples: {rate:.1f} files/s (best of 3)")
    drop = 1 - rates["with best efforts"] / rates["without best efforts"]
    print(f"import throughput drop from best efforts at import: {drop * 100:.1f} %")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page-requests", type=int, default=60)
    parser.add_argument("--activities", type=int, default=2500)
    parser.add_argument("--seconds", type=int, default=4000)
    parser.add_argument("--import-files", type=int, default=200)
    parser.add_argument("--only", choices=("page", "efforts", "import"), nargs="*")
    args = parser.parse_args()
    chosen = set(args.only or ("page", "efforts", "import"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if "page" in chosen:
            page_benchmark(args.page_requests, folder)
        if "efforts" in chosen:
            efforts_benchmark(args.activities, args.seconds)
        if "import" in chosen:
            import_benchmark(args.import_files, args.seconds, folder)


if __name__ == "__main__":
    main()
