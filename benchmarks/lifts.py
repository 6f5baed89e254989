"""Benchmark the per-exercise history, records and gym-floor data on a ten-year log.

    python benchmarks/lifts.py

One athlete with ten seeded demo years back to back (about 930 strength sessions and 13,000
sets) in a fresh SQLite file, as in ``benchmarks/status.py``. Measures, each with the store
read included: the leg press history page's data (``get_exercise_history``), the records a
session beat (``records_set_by``, shown on every strength session page), the gym-floor page's
data (``gym_floor_data``: suggestions for every exercise, plates), the log form's next loads
(``next_loads``) and logging one session with its records (``log_session_with_records``).

Prints medians; nothing here is a test.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from status import _bulk_insert, _median_ms, _years

from runstrong.domain.models import StrengthSession, StrengthSet
from runstrong.services.gym import gym_floor_data, next_loads
from runstrong.services.lifts import (
    get_exercise_history,
    log_session_with_records,
    records_set_by,
)
from runstrong.store import open_store


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/lifts.db"
        activities, strength = _years(10, seed=7)
        _bulk_insert(url, [("Ten Years", activities, strength)])
        store = open_store(url)
        with store.unit_of_work() as uow:
            sessions = uow.strength.list_for_athlete(1)
        last_id = sessions[-1].id
        assert last_id is not None
        sets = sum(len(s.sets) for s in sessions)
        print(f"log: {len(sessions)} strength sessions, {sets} sets")
        cases = {
            "exercise history (leg press)": lambda: get_exercise_history(store, 1, "leg-press"),
            "records set by one session": lambda: records_set_by(store, 1, last_id),
            "gym-floor page data": lambda: gym_floor_data(store, 1),
            "log form next loads": lambda: next_loads(store, 1),
        }
        for name, run in cases.items():
            print(f"{name:32s} {_median_ms(run, 7):8.1f} ms")
        counter = iter(range(10_000))

        def log_one() -> object:
            day = datetime(2026, 11, 25, 7, tzinfo=UTC).replace(minute=next(counter) % 60)
            session = StrengthSession(day, (StrengthSet("leg-press", 5, 150.0, 8.0),) * 3)
            return log_session_with_records(store, 1, session, idempotency_key=str(day))

        print(f"{'log a session with records':32s} {_median_ms(log_one, 7):8.1f} ms")
        store.dispose()


if __name__ == "__main__":
    main()
