"""Where jobs run: threads of this process (embedded default) or RQ workers on Redis (servers).

Both runners have the same small interface, so the web layer neither knows nor cares which one
it has: ``submit`` a job of a known kind with an owner, ``get`` its state back by id.
"""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, Protocol

from runstrong.errors import NotFound, RunstrongError, ValidationError
from runstrong.jobs import tasks
from runstrong.settings import Settings

if TYPE_CHECKING:
    from redis import Redis

__all__ = [
    "JOB_KINDS",
    "InProcessRunner",
    "JobInfo",
    "JobKind",
    "JobRunner",
    "JobState",
    "RqRunner",
    "make_runner",
]

JobKind = Literal[
    "import_files", "recompute_status", "evidence_report", "sync_source", "strava_sync",
    "strava_event",
]  # fmt: skip
JobState = Literal["queued", "running", "finished", "failed"]
JOB_KINDS: dict[JobKind, Any] = {
    "import_files": tasks.import_files,
    "recompute_status": tasks.recompute_status,
    "evidence_report": tasks.evidence_report,
    "sync_source": tasks.sync_source,
    "strava_sync": tasks.strava_sync,
    "strava_event": tasks.strava_event,
}
#: Results are kept this long (seconds) so a page can poll for them.
RESULT_TTL_S = 24 * 3600
QUEUE_NAME = "runstrong"


@dataclass(frozen=True, slots=True)
class JobInfo:
    """A job's public state. ``result`` is the task's dict (``ok`` False for a user error)."""

    id: str
    kind: JobKind
    athlete_id: int
    user_id: int
    state: JobState
    result: dict[str, Any] | None = None
    error: str | None = None


class JobRunner(Protocol):
    backend: str

    def submit(
        self, kind: JobKind, *, athlete_id: int, user_id: int, **arguments: Any
    ) -> JobInfo: ...

    def get(self, job_id: str) -> JobInfo: ...


def _check_kind(kind: str) -> JobKind:
    if kind not in JOB_KINDS:
        raise ValidationError(f"unknown job kind {kind!r}: use one of {', '.join(JOB_KINDS)}")
    return kind


class InProcessRunner:
    """Jobs in a small thread pool of this process; state lives in memory (one process only)."""

    backend = "in-process"

    def __init__(self, database_url: str, *, threads: int = 2) -> None:
        self._database_url = database_url
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="runstrong-job")
        self._jobs: dict[str, JobInfo] = {}
        self._lock = threading.Lock()

    def _set(self, job_id: str, **changes: Any) -> None:
        with self._lock:
            self._jobs[job_id] = replace(self._jobs[job_id], **changes)

    def _run(self, job_id: str, kind: JobKind, arguments: dict[str, Any]) -> None:
        self._set(job_id, state="running")
        try:
            result = JOB_KINDS[kind](self._database_url, **arguments)
        except Exception:  # the job failed in a way the task did not expect
            self._set(job_id, state="failed", error="the job failed unexpectedly")
            return
        self._set(job_id, state="finished", result=result)

    def submit(self, kind: JobKind, *, athlete_id: int, user_id: int, **arguments: Any) -> JobInfo:
        checked = _check_kind(kind)
        job = JobInfo(
            id=uuid.uuid4().hex, kind=checked, athlete_id=athlete_id, user_id=user_id,
            state="queued",
        )  # fmt: skip
        with self._lock:
            self._jobs[job.id] = job
        self._pool.submit(self._run, job.id, checked, {"athlete_id": athlete_id, **arguments})
        return job

    def get(self, job_id: str) -> JobInfo:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFound(f"no job with id {job_id!r}")
        return job

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)


_RQ_STATES: dict[str, JobState] = {
    "queued": "queued",
    "deferred": "queued",
    "scheduled": "queued",
    "started": "running",
    "finished": "finished",
    "failed": "failed",
    "stopped": "failed",
    "canceled": "failed",
}


class RqRunner:
    """Jobs on an RQ queue in Redis; ``runstrong worker`` processes (on any machine) run them."""

    backend = "rq"

    def __init__(self, database_url: str, redis_url: str, *, queue_name: str = QUEUE_NAME) -> None:
        from redis import Redis
        from rq import Queue

        self._database_url = database_url
        self.connection: Redis = Redis.from_url(redis_url)
        self.queue = Queue(queue_name, connection=self.connection)

    def submit(self, kind: JobKind, *, athlete_id: int, user_id: int, **arguments: Any) -> JobInfo:
        checked = _check_kind(kind)
        function = JOB_KINDS[checked]
        job = self.queue.enqueue(
            f"{function.__module__}.{function.__name__}",
            self._database_url,
            athlete_id=athlete_id,
            **arguments,
            job_timeout=3600,
            result_ttl=RESULT_TTL_S,
            failure_ttl=RESULT_TTL_S,
            meta={"kind": checked, "athlete_id": athlete_id, "user_id": user_id},
        )
        return JobInfo(job.id, checked, athlete_id, user_id, "queued")

    def get(self, job_id: str) -> JobInfo:
        from rq.exceptions import NoSuchJobError
        from rq.job import Job

        if not job_id or len(job_id) > 100:
            raise NotFound(f"no job with id {job_id!r}")
        try:
            job = Job.fetch(job_id, connection=self.connection)
        except NoSuchJobError:
            raise NotFound(f"no job with id {job_id!r}") from None
        meta = job.get_meta(refresh=False)
        state = _RQ_STATES.get(str(job.get_status(refresh=False).value), "queued")
        result = job.return_value() if state == "finished" else None
        return JobInfo(
            id=job.id,
            kind=meta.get("kind", "import_files"),
            athlete_id=int(meta.get("athlete_id", 0)),
            user_id=int(meta.get("user_id", 0)),
            state=state,
            result=result if isinstance(result, dict) else None,
            error="the job failed unexpectedly" if state == "failed" else None,
        )


def make_runner(settings: Settings) -> JobRunner:
    """RQ when ``RUNSTRONG_REDIS_URL`` is set, else threads of this process."""
    if settings.redis_url:
        try:
            return RqRunner(settings.database_url, settings.redis_url)
        except ImportError as exc:  # pragma: no cover - rq is a dependency
            raise RunstrongError(f"RUNSTRONG_REDIS_URL is set but {exc.name} is missing") from exc
    return InProcessRunner(settings.database_url)
