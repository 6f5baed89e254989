"""The background poll of sources: every ``interval_s`` seconds, one ``sync_source`` job per
folder source (and, when Strava is set up, one ``strava_sync`` job per connected athlete: the
poll that catches missed webhook events) goes to the job runner (threads of the web process,
or RQ workers on a server), so one process or many behave the same. A source whose previous
job is still queued or running gets no second one; and should two web processes both poll,
the source's lease (:mod:`runstrong.services.sync`) still lets only one worker at a time read
its folder.
"""

from __future__ import annotations

import logging
import threading

from runstrong.errors import RunstrongError
from runstrong.jobs.runner import JobRunner
from runstrong.services.sources import list_sources
from runstrong.services.strava import strava_athletes
from runstrong.store import Store

__all__ = ["SourcePoller"]

_log = logging.getLogger(__name__)
#: The user id recorded on jobs the poll starts (no person asked for them).
SYSTEM_USER_ID = 0


class SourcePoller:
    """A daemon thread submitting sync jobs; :meth:`poll_once` is one round (for tests)."""

    def __init__(
        self, store: Store, runner: JobRunner, *, interval_s: float, settle_s: float,
        strava: bool = False,
    ) -> None:  # fmt: skip
        self._store = store
        self._strava = strava
        self._runner = runner
        self._interval_s = interval_s
        self._settle_s = settle_s
        self._pending: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def poll_once(self) -> int:
        """Submit a sync job for every folder source without one in flight; how many."""
        submitted = 0
        for source in list_sources(self._store, every=True):
            if source.kind != "folder" or self._in_flight(source.id):
                continue
            job = self._runner.submit(
                "sync_source", athlete_id=source.athlete_id, user_id=SYSTEM_USER_ID,
                source_id=source.id, settle_s=self._settle_s,
            )  # fmt: skip
            self._pending[source.id] = job.id
            submitted += 1
        if self._strava:  # the fallback for missed webhook events, and the backfill going on
            for athlete_id in strava_athletes(self._store):
                key = -athlete_id  # beside the source ids
                if self._in_flight(key):
                    continue
                job = self._runner.submit(
                    "strava_sync", athlete_id=athlete_id, user_id=SYSTEM_USER_ID
                )
                self._pending[key] = job.id
                submitted += 1
        return submitted

    def _in_flight(self, source_id: int) -> bool:
        job_id = self._pending.get(source_id)
        if job_id is None:
            return False
        try:
            return self._runner.get(job_id).state in ("queued", "running")
        except RunstrongError:  # the runner forgot it (results expire)
            return False

    def _loop(self) -> None:
        while not self._stop.wait(self._interval_s):
            try:
                self.poll_once()
            except Exception:  # keep polling: a database hiccup must not end the thread
                _log.exception("polling the sync sources failed; trying again next round")

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._loop, name="runstrong-source-poll", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
