"""Many processes writing for the same athlete at once, on SQLite and on PostgreSQL.

Eight processes (as several web workers and import workers would be) write for the same athlete
in rounds that start together (a barrier). Each round every process logs a run and a strength
session (unique notes), then imports files (``import_set``). In the first round each imports
files of its own at the same moment as the others: a Strong export sharing one workout with
every other writer's export and having one of its own (lost if the import is wrongly taken for
a duplicate), and a FIT run or that run's GPX twin (stored twice if two writers both find
nothing before they insert). In the later rounds all import the same groups of files (the
same FIT runs loose and in a zip, a multisport FIT ...), each starting at another file.
Afterwards:

* no process saw an exception (a "database is locked", a deadlock, a unique-key error ...);
* every logged run and strength session is stored exactly once (no lost or doubled write);
* every file's activities and strength sessions are stored exactly once, as a clean import
  stores them, each reported as added by exactly one process, and no file "failed".

The import service before this test existed failed it on both backends (the twins stored twice,
own workouts lost). Bounded: the processes get 120 s; the test takes 5-10 s per backend.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from runstrong.domain.models import Athlete
from runstrong.services.athletes import create_athlete
from runstrong.services.imports import import_paths
from runstrong.store import Store, open_store
from tests.reliability._workers import concurrent_writer
from tests.reliability.import_set import write_import_set
from tests.reliability.store_checks import snapshot

PROCESSES = int(os.environ.get("RUNSTRONG_CONCURRENT_PROCESSES", "8"))
ROUNDS = int(os.environ.get("RUNSTRONG_CONCURRENT_ROUNDS", "30"))
_TIMEOUT_S = 120.0


def _url(store: Store) -> str:
    """The store's URL with its password, for the processes the test starts."""
    return store.engine.url.render_as_string(hide_password=False)


def _peak_overlap(spans: list[tuple[float, float]]) -> int:
    """The most writes in progress at one moment."""
    events = sorted([(start, 1) for start, _end in spans] + [(end, -1) for _start, end in spans])
    peak = current = 0
    for _moment, change in events:
        current += change
        peak = max(peak, current)
    return peak


def test_concurrent_writers_lose_and_double_nothing(
    store: Store, tmp_path: Path, figures: Callable[[str], None]
) -> None:
    files = {
        f.name: f
        for f in write_import_set(
            tmp_path / "files", runs=8, seconds=600, twins=PROCESSES // 2, exports=PROCESSES
        )
    }
    clean_store = open_store(f"sqlite:///{tmp_path / 'clean.db'}")
    create_athlete(clean_store, Athlete(name="Crowd"))
    import_paths(clean_store, "Crowd", sorted(files.values()), workers=1)
    complete = snapshot(clean_store)
    clean_store.dispose()
    create_athlete(store, Athlete(name="Crowd"))

    def plan(index: int) -> list[list[str]]:
        """The files writer ``index`` imports in each round."""
        # first round, files of its own while the others import theirs: a Strong export (one
        # workout all exports have, one only this one has: lost if its import is wrongly
        # taken for a duplicate) and a FIT run or that run's GPX twin (stored twice if two
        # writers check for the same run at once and both find nothing)
        twin = f"run-{index // 2:02d}" + ("-twin.gpx" if index % 2 else ".fit")
        own = [f"strong-{index}.csv", twin]
        # then, round after round, groups every writer imports, each starting elsewhere
        shared = [
            ["multisport.fit", "run.gpx", "laps.tcx", "hevy.csv"],
            ["run-00.fit", "run-01.fit", "run-02.fit", "export.zip"],
            [f"run-{n:02d}.fit" for n in range(3, 8)],
        ]
        rotated = [group[index % len(group) :] + group[: index % len(group)] for group in shared]
        rounds = [own] + [rotated[n % len(rotated)] for n in range(ROUNDS - 1)]
        return [[str(files[name]) for name in group] for group in rounds]

    everything = {name for index in range(PROCESSES) for group in plan(index) for name in group}
    assert everything == {str(path) for path in files.values()}
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(PROCESSES), context.Queue()
    processes = [
        context.Process(
            target=concurrent_writer,
            args=(_url(store), "Crowd", index, plan(index), ROUNDS, barrier, results),
        )
        for index in range(PROCESSES)
    ]
    began = time.monotonic()
    for process in processes:
        process.start()
    reports: list[dict[str, Any]] = []
    try:
        for _ in processes:
            reports.append(results.get(timeout=max(_TIMEOUT_S - (time.monotonic() - began), 1)))
    finally:
        for process in processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
    elapsed = time.monotonic() - began

    errors = [error for report in reports for error in report["errors"]]
    assert not errors, "a writer saw an exception:\n" + "\n".join(errors[:3])
    found = snapshot(store)
    assert not found.problems, found.problems
    runs = [note for report in reports for note in report["runs"]]
    lifts = [note for report in reports for note in report["lifts"]]
    assert len(runs) == len(lifts) == PROCESSES * ROUNDS
    assert found.activity_notes == Counter(runs), "a logged run was lost or stored twice"
    assert found.session_notes == Counter(lifts), "a logged session was lost or stored twice"
    # twins: which of a FIT run and its GPX twin was stored depends on who came first
    assert found.starts == complete.starts, "imported activities differ from a clean import"
    assert len(found.activities) == len(complete.activities)
    for external_id in found.activities.keys() & complete.activities.keys():
        assert found.activities[external_id] == complete.activities[external_id], external_id
    assert found.sessions == complete.sessions, "imported sessions differ from a clean import"

    outcomes = [outcome for report in reports for outcome in report["outcomes"]]
    statuses = Counter(status for _name, status, *_rest in outcomes)
    assert set(statuses) <= {"imported", "already_present", "skipped"}, outcomes
    assert sum(added for *_head, added, _sessions, _message in outcomes) == len(complete.activities)
    assert sum(sessions for *_head, sessions, _message in outcomes) == len(complete.sessions)

    backend = store.engine.dialect.name
    writes = len(runs) + len(lifts) + len(outcomes)
    spans = [span for report in reports for span in report["spans"]]
    retries = sum(report["retries"] for report in reports)
    figures(
        f"concurrency {backend}: {PROCESSES} processes, {writes} concurrent writes checked "
        f"({len(runs)} runs + {len(lifts)} strength sessions logged, {len(outcomes)} file "
        f"imports: {dict(statuses)}), peak {_peak_overlap(spans)} writes at once, "
        f"{retries} transactions retried, {elapsed:.1f} s"
    )


@pytest.fixture(autouse=True)
def _no_debugger_in_children(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYTHONBREAKPOINT", raising=False)
