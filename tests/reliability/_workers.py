"""Processes the crash and concurrency tests start; kept free of test-only imports, so that it
runs as a script (``python _workers.py import FOLDER WORKERS MODE``, the store's URL in
``RUNSTRONG_TEST_CHILD_STORE_URL``) and is importable by ``multiprocessing`` with the spawn
method.

``import`` mode prints ``ready`` once the store is open, then one line per file outcome, and
imports the folder with ``WORKERS`` decoding processes. ``MODE`` is ``plain`` (the parent kills
the process whenever it likes), ``kill-mid-multisport`` (the process kills itself with SIGKILL
right after storing the second leg of a multisport file, inside that file's transaction) or
``kill-at-commit:N`` (it kills itself just before the N-th commit).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from runstrong.domain.models import Activity, StrengthSession, StrengthSet
from runstrong.services.imports import FileOutcome, import_paths
from runstrong.services.logging import log_activity, log_strength_session
from runstrong.store import open_store

__all__ = ["STORE_URL_VARIABLE", "concurrent_writer", "main"]

#: The environment variable that gives ``import`` mode its store (not argv: no password in ps).
STORE_URL_VARIABLE = "RUNSTRONG_TEST_CHILD_STORE_URL"


def _die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def _arm(mode: str) -> None:
    """Make this process kill itself at a chosen point inside a transaction."""
    if mode == "kill-mid-multisport":
        from runstrong.store.repositories import ActivityRepository

        add = ActivityRepository.add

        def add_then_die(
            self: ActivityRepository, athlete_id: int, activity: Activity, **kwargs: Any
        ) -> Activity:
            stored = add(self, athlete_id, activity, **kwargs)
            if (activity.external_id or "").endswith("#2"):
                _die()  # the second leg is flushed, its transaction not committed
            return stored

        ActivityRepository.add = add_then_die  # type: ignore[method-assign]
    elif mode.startswith("kill-at-commit:"):
        from sqlalchemy.orm import Session

        commits_left = [int(mode.split(":")[1])]
        commit = Session.commit

        def commit_or_die(self: Session) -> None:
            commits_left[0] -= 1
            if commits_left[0] == 0:
                _die()
            commit(self)

        Session.commit = commit_or_die  # type: ignore[method-assign]


def main(arguments: list[str]) -> None:
    _command, folder, workers, mode = arguments
    _arm(mode)
    store = open_store(os.environ[STORE_URL_VARIABLE], migrate=False)
    print("ready", flush=True)

    def progress(outcome: FileOutcome) -> None:
        print(f"{outcome.status} {Path(outcome.name).name}", flush=True)

    import_paths(store, "Crash", [Path(folder)], workers=int(workers), on_outcome=progress)
    print("done", flush=True)


class _Collisions(logging.Handler):
    """Counts the transactions the retry helper ran again."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _timed(spans: list[tuple[float, float]], action: Callable[[], Any]) -> Any:
    started = time.monotonic()
    try:
        return action()
    finally:
        spans.append((started, time.monotonic()))


def concurrent_writer(
    url: str,
    athlete: str,
    index: int,
    groups: list[list[str]],
    rounds: int,
    barrier: Any,
    results: Any,
) -> None:
    """Each round, once every writer is at the ``barrier``: log a run and a strength session
    (notes ``w<index>-run-<n>``, ``w<index>-lift-<n>``), then import the round's files
    (``groups[n]``), one at a time. Puts a dict on ``results``:
    what was logged, each file's outcome, every exception raised (as a traceback), the writes'
    time spans and the number of transactions the retry helper ran again."""
    collisions = _Collisions()
    logger = logging.getLogger("runstrong.store.retry")
    logger.addHandler(collisions)
    logger.setLevel(logging.INFO)
    report: dict[str, Any] = {
        "index": index,
        "runs": [],
        "lifts": [],
        "outcomes": [],
        "errors": [],
        "spans": [],
    }

    def attempt(action: Callable[[], Any]) -> Any:
        try:
            return _timed(report["spans"], action)
        except Exception:
            report["errors"].append(traceback.format_exc())
            return None

    try:
        store = open_store(url, migrate=False)
        day = datetime(2023, 1, 1, 7, 0, tzinfo=UTC) + timedelta(days=index)
        for n in range(rounds):
            barrier.wait(60)
            moment = day + timedelta(days=10 * n, minutes=index)
            note = f"w{index}-run-{n}"
            run = Activity(
                started_at=moment,
                sport="running",
                moving_time_s=1800.0,
                distance_m=5000.0,
                notes=note,
            )
            if attempt(lambda run=run: log_activity(store, athlete, run)) is not None:
                report["runs"].append(note)
            note = f"w{index}-lift-{n}"
            lift = StrengthSession(
                started_at=moment + timedelta(hours=8),
                sets=(StrengthSet("back-squat", 5, 100.0),) * 3,
                notes=note,
            )
            if attempt(lambda lift=lift: log_strength_session(store, athlete, lift)) is not None:
                report["lifts"].append(note)
            for name in groups[n]:
                imported = attempt(
                    lambda name=name: import_paths(store, athlete, [Path(name)], workers=1)
                )
                for o in imported.outcomes if imported is not None else ():
                    report["outcomes"].append(
                        (
                            Path(o.name).name,
                            o.status,
                            o.activities_added,
                            o.strength_sessions_added,
                            o.message,
                        )
                    )
        store.dispose()
    except Exception:
        report["errors"].append(traceback.format_exc())
    report["retries"] = collisions.count
    results.put(report)


if __name__ == "__main__":
    main(sys.argv[1:])
