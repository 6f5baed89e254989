"""Crash safety: an import killed with SIGKILL at any moment leaves a consistent store, and
running it again completes it, on SQLite and PostgreSQL.

A folder of ~90 files (``import_set``: FIT runs, GPX twins, a zip, a multisport FIT, GPX, TCX,
Strong and Hevy exports) is imported by a separate process (``_workers.py``), with one decoding
process or with a pool of two. Each round empties the store, starts the import, and kills the
importing process with SIGKILL after a random delay (seeded: the same delays every run) within
the time a clean import takes; targeted rounds make the process kill itself inside a file's
transaction (after storing the second leg of the multisport file) or just before a commit. No
decoding process may outlive the importing one.
After every kill the store must be consistent (``store_checks``): no sample rows without their
activity, every imported activity with its samples and a sample count equal to what its blob
decodes to, every strength session with its sets (positions 0..n-1), no activity twice, no
multisport file in part, and nothing that differs from a clean import. Then the import is run
again to completion and the store must equal a clean import exactly (no duplicates).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from runstrong.domain.models import Athlete
from runstrong.services.athletes import create_athlete
from runstrong.services.imports import import_paths
from runstrong.store import Store
from tests.reliability._workers import STORE_URL_VARIABLE
from tests.reliability.import_set import write_import_set
from tests.reliability.store_checks import Snapshot, check_consistent, snapshot

RANDOM_KILLS = int(os.environ.get("RUNSTRONG_CRASH_ROUNDS", "8"))
_SEED = 20261125
_WORKERS_SCRIPT = Path(__file__).with_name("_workers.py")
#: Self-inflicted kills at chosen points: (mode, decoding processes).
_TARGETED = (("kill-mid-multisport", 1), ("kill-at-commit:5", 1), ("kill-at-commit:40", 2))


def _url(store: Store) -> str:
    """The store's URL with its password, for the processes the test starts."""
    return store.engine.url.render_as_string(hide_password=False)


def _empty(store: Store) -> None:
    with store.engine.begin() as connection:
        for table in ("activity_samples", "activities", "strength_sets", "strength_sessions"):
            connection.execute(text(f"DELETE FROM {table}"))


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def _import_in_child(
    store: Store, folder: Path, workers: int, mode: str, kill_after_s: float | None
) -> tuple[bool, int]:
    """Run the import in a process of its own (and its own process group); SIGKILL that process
    after ``kill_after_s`` if it is still importing. Returns whether it died before finishing,
    and how many files it reported done. Fails if a decoding process outlives it."""
    child = subprocess.Popen(
        [sys.executable, str(_WORKERS_SCRIPT), "import", str(folder), str(workers), mode],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, STORE_URL_VARIABLE: _url(store)},
    )
    assert child.stdout is not None
    try:
        first = child.stdout.readline().strip()
        assert first == "ready" or child.poll() is not None, first
        try:
            child.wait(timeout=kill_after_s if kill_after_s is not None else 120)
        except subprocess.TimeoutExpired:
            if kill_after_s is None:
                raise
            os.kill(child.pid, signal.SIGKILL)  # the importing process only, as the OOM killer
            child.wait(timeout=30)
        deadline = time.monotonic() + 5
        while _group_alive(child.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        orphans = _group_alive(child.pid)
    finally:
        if _group_alive(child.pid):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert not orphans, "a decoding process outlived the killed import"
    lines = child.stdout.read().split("\n")
    child.stdout.close()
    done = "done" in lines  # killed after its last commit counts as finished
    if child.returncode not in (0, -signal.SIGKILL) or (child.returncode == 0 and not done):
        pytest.fail(f"the import process ended with {child.returncode}: {lines[-5:]}")
    return not done, sum(1 for line in lines if " " in line)


def _complete_again(store: Store, folder: Path, complete: Snapshot) -> None:
    report = import_paths(store, "Crash", [folder], workers=1)
    assert not report.any_failed, [o for o in report.outcomes if o.status == "failed"]
    found = snapshot(store)
    assert not found.problems, found.problems
    assert found.activities == complete.activities, "a re-run did not complete the import"
    assert found.sessions == complete.sessions, "a re-run did not complete the import"


def test_killed_imports_leave_a_consistent_store(
    store: Store, tmp_path: Path, figures: Callable[[str], None]
) -> None:
    folder = tmp_path / "files"
    write_import_set(folder, runs=80, seconds=1800, twins=3, exports=3)
    create_athlete(store, Athlete(name="Crash", timezone="Europe/Ljubljana"))
    started = time.monotonic()
    report = import_paths(store, "Crash", [folder], workers=1)
    clean_s = time.monotonic() - started
    assert not report.any_failed
    complete = snapshot(store)
    assert not complete.problems and complete.counts[0] > 80, complete.problems
    files = len(report.outcomes)

    rng = random.Random(_SEED)
    killed = finished = 0
    committed: list[int] = []
    rounds = [("plain", 1 + n % 2, rng.uniform(0.0, clean_s * 1.1)) for n in range(RANDOM_KILLS)]
    rounds += [(mode, workers, None) for mode, workers in _TARGETED]
    for mode, workers, delay in rounds:
        _empty(store)
        was_killed, done = _import_in_child(store, folder, workers, mode, delay)
        killed += was_killed
        finished += not was_killed
        committed.append(done)
        found = snapshot(store)
        problems = check_consistent(found, complete)
        assert not problems, f"after a kill ({mode}, {workers} workers, {done} files): {problems}"
        if mode == "kill-mid-multisport":
            assert was_killed and not any("#" in key for key in found.activities)
        _complete_again(store, folder, complete)

    backend = store.engine.dialect.name
    figures(
        f"crash safety {backend}: {killed} SIGKILLs survived ({killed - len(_TARGETED)} at random "
        f"moments, {len(_TARGETED)} inside a transaction or at a commit; "
        f"{finished} imports finished before their kill), files done before the kill: "
        f"{sorted(committed)} of {files}; store consistent after each, re-run complete "
        f"({complete.counts[0]} activities, {complete.counts[1]} strength sessions); "
        f"clean import {clean_s:.2f} s"
    )
    assert killed >= len(_TARGETED) + RANDOM_KILLS // 2, "too few kills landed mid-import"
