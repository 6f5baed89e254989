"""Benchmark ``runstrong status``: one athlete with ten years of training, and a club of 1,000.

    python benchmarks/status.py                    # both parts
    python benchmarks/status.py --athletes 200     # a smaller club

1. One athlete, ten years (ten seeded demo years back to back: about 2,400 runs, 930 strength
   sessions and 13,000 sets) in a fresh SQLite file. Measures the status computation alone on the
   log in memory (the science: daily series, CTL/ATL, ACWR, monotony, muscle volume, e1RM trend,
   eight risk detectors), the service call with the store read, and the whole CLI command as a
   new process (``runstrong status --json``, interpreter start-up and imports included).
2. A club: ``--athletes`` athletes with one year each (different seeds), written with bulk
   inserts, then ``squad_status`` — two queries for everyone, then one computation per athlete.

Prints medians; nothing here is a test.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from runstrong.demo import DEMO_ATHLETE, generate_demo_training
from runstrong.domain.models import Activity, StrengthSession
from runstrong.services.status import athlete_status, compute_status, squad_status
from runstrong.store import open_store
from runstrong.store.tables import ActivityRow, AthleteRow, StrengthSessionRow, StrengthSetRow

AS_OF = date(2026, 11, 24)


def _median_ms(run: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _years(count: int, seed: int) -> tuple[list[Activity], list[StrengthSession]]:
    activities: list[Activity] = []
    strength: list[StrengthSession] = []
    for year in range(count):
        training = generate_demo_training(
            AS_OF + timedelta(days=1) - timedelta(weeks=52 * year), seed=seed + year
        )
        activities += training.activities
        strength += training.strength_sessions
    activities.sort(key=lambda a: a.started_at)
    strength.sort(key=lambda s: s.started_at)
    return activities, strength


def _bulk_insert(url: str, logs: list[tuple[str, list[Activity], list[StrengthSession]]]) -> None:
    store = open_store(url)
    now = datetime.now(UTC)
    athlete_rows, activity_rows, session_rows, set_rows = [], [], [], []
    session_id = 0
    for athlete_id, (name, activities, strength) in enumerate(logs, start=1):
        athlete_rows.append(
            {
                "id": athlete_id,
                "name": name,
                "body_mass_kg": DEMO_ATHLETE.body_mass_kg,
                "sex": DEMO_ATHLETE.sex,
                "event_focus": "distance",
                "units": "metric",
                "hr_rest_bpm": DEMO_ATHLETE.hr_rest_bpm,
                "hr_max_bpm": DEMO_ATHLETE.hr_max_bpm,
                "timezone": DEMO_ATHLETE.timezone,
                "created_at": now,
            }
        )
        for activity in activities:
            activity_rows.append(
                {
                    "athlete_id": athlete_id,
                    "started_at": activity.started_at.astimezone(UTC),
                    "sport": activity.sport,
                    "session_type": activity.session_type,
                    "distance_m": activity.distance_m,
                    "moving_time_s": activity.moving_time_s,
                    "avg_hr_bpm": activity.avg_hr_bpm,
                    "rpe": activity.rpe,
                    "pain_score": activity.pain_score,
                    "pain_location": activity.pain_location,
                    "source": "benchmark",
                    "external_id": None,
                    "created_at": now,
                }
            )
        for session in strength:
            session_id += 1
            session_rows.append(
                {
                    "id": session_id,
                    "athlete_id": athlete_id,
                    "started_at": session.started_at.astimezone(UTC),
                    "duration_s": session.duration_s,
                    "rpe": session.rpe,
                    "source": "benchmark",
                    "created_at": now,
                }
            )
            set_rows += [
                {
                    "session_id": session_id,
                    "position": position,
                    "exercise_slug": s.exercise_slug,
                    "reps": s.reps,
                    "load_kg": s.load_kg,
                    "rpe": s.rpe,
                    "side": s.side,
                }
                for position, s in enumerate(session.sets)
            ]
    with store.engine.begin() as connection:
        for table, rows in (
            (AthleteRow, athlete_rows),
            (ActivityRow, activity_rows),
            (StrengthSessionRow, session_rows),
            (StrengthSetRow, set_rows),
        ):
            for start in range(0, len(rows), 50_000):
                connection.execute(insert(table), rows[start : start + 50_000])
    store.dispose()


def single_athlete(folder: Path) -> None:
    activities, strength = _years(10, seed=1)
    url = f"sqlite:///{folder / 'decade.db'}"
    _bulk_insert(url, [("Decade Runner", activities, strength)])
    athlete = replace(DEMO_ATHLETE, name="Decade Runner")
    compute_ms = _median_ms(lambda: compute_status(athlete, activities, strength, AS_OF), 15)
    store = open_store(url)
    service_ms = _median_ms(lambda: athlete_status(store, "Decade Runner", AS_OF), 7)
    store.dispose()
    command = [
        str(Path(sys.executable).with_name("runstrong")),
        "status",
        "--db",
        url,
        "--date",
        AS_OF.isoformat(),
        "--json",
    ]
    subprocess.run(command, check=True, capture_output=True)  # warm the file cache
    cli_ms = _median_ms(lambda: subprocess.run(command, check=True, capture_output=True), 5)
    imports_ms = _median_ms(
        lambda: subprocess.run([sys.executable, "-c", "import runstrong.cli.main"], check=True), 5
    )
    sets = sum(len(s.sets) for s in strength)
    print(
        f"one athlete, 10 years: {len(activities)} activities, {len(strength)} strength "
        f"sessions, {sets} sets"
    )
    print("| step | median ms |")
    print("|---|---:|")
    print(f"| compute only (log in memory) | {compute_ms:.1f} |")
    print(f"| service: store read + compute | {service_ms:.1f} |")
    print(f"| `runstrong status --json` as a new process | {cli_ms:.0f} |")
    print(f"| of which interpreter start-up + imports | {imports_ms:.0f} |")


def club(folder: Path, athletes: int) -> None:
    started = time.perf_counter()
    logs = [(f"Runner {i:04d}", *_years(1, seed=1000 + i)) for i in range(athletes)]
    url = f"sqlite:///{folder / 'club.db'}"
    _bulk_insert(url, logs)
    setup_s = time.perf_counter() - started
    store = open_store(url)
    started = time.perf_counter()
    statuses = squad_status(store, AS_OF)
    total_s = time.perf_counter() - started
    store.dispose()
    sessions = sum(len(a) + len(s) for _, a, s in logs)
    print(f"\nclub: {athletes} athletes × 1 year ({sessions:,} sessions; setup {setup_s:.0f} s)")
    print(
        f"squad_status: {total_s:.2f} s for {len(statuses)} athletes = "
        f"{total_s / max(len(statuses), 1) * 1000:.1f} ms per athlete (store read included)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--athletes", type=int, default=1000)
    parser.add_argument("--skip-club", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        single_athlete(Path(folder))
        if not args.skip_club:
            club(Path(folder), args.athletes)


if __name__ == "__main__":
    main()
