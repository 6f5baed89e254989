"""The evidence report for a page or the API: the stored copy, or the job that computes it.

A report missing for the athlete's current ``data_version`` is computed by one background job
(the app's runner: threads of this process, or RQ workers); while it runs, callers get the same
job back instead of starting another.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from runstrong.domain.accounts import AthleteAccess
from runstrong.errors import NotFound
from runstrong.jobs import JobInfo
from runstrong.services.evidence_cache import EvidenceState, cached_evidence
from runstrong.web.state import AppState

__all__ = ["EvidenceLookup", "evidence_or_job"]

_Key = tuple[int, int, int, date, str, str]  # runner, athlete, data_version, day, marker, exposure
_PENDING: dict[_Key, str] = {}
_LOCK = threading.Lock()
_MAX_PENDING = 2048


@dataclass(frozen=True, slots=True)
class EvidenceLookup:
    """The stored report (``state.payload``), or the job computing it (``job``)."""

    state: EvidenceState
    job: JobInfo | None


def _running(app: AppState, job_id: str | None) -> JobInfo | None:
    if job_id is None:
        return None
    try:
        job = app.jobs.get(job_id)
    except NotFound:
        return None
    return job if job.state in ("queued", "running") else None


def evidence_or_job(
    app: AppState, access: AthleteAccess, marker: str, exposure: str
) -> EvidenceLookup:
    """The valid stored report, else the (new or running) job that will store it."""
    found = cached_evidence(app.store, access.athlete_id, marker, exposure)
    if found.payload is not None:
        return EvidenceLookup(found, None)
    key: _Key = (id(app.jobs), access.athlete_id, found.data_version, found.as_of, marker, exposure)
    with _LOCK:
        job_id = _PENDING.get(key)
    job = _running(app, job_id)
    if job is None and job_id is not None:
        # It finished between the two reads, or failed: a finished job has stored the report.
        found = cached_evidence(app.store, access.athlete_id, marker, exposure)
        if found.payload is not None:
            return EvidenceLookup(found, None)
    if job is None:
        job = app.jobs.submit(
            "evidence_report",
            athlete_id=access.athlete_id,
            user_id=access.user_id,
            marker=marker,
            exposure=exposure,
            cache=True,
        )
        with _LOCK:
            if len(_PENDING) >= _MAX_PENDING:
                _PENDING.clear()
            _PENDING[key] = job.id
    return EvidenceLookup(found, job)
