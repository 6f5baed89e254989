"""JSON API: background jobs (status recomputation, evidence reports) and their state."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict

from runstrong.errors import NotFound
from runstrong.jobs import JobInfo
from runstrong.web.api.schemas import ERROR_RESPONSES
from runstrong.web.deps import AppStateDep, ReadAccess

__all__ = ["JobPublic", "job_public", "router"]

router = APIRouter(tags=["jobs"], responses=ERROR_RESPONSES)

JobId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9-]+$")]


class JobCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["recompute_status", "evidence_report"]


class JobPublic(BaseModel):
    id: str
    kind: str
    athlete_id: int
    state: Literal["queued", "running", "finished", "failed"]
    backend: str
    result: dict[str, Any] | None = None
    error: str | None = None


def job_public(job: JobInfo, backend: str) -> JobPublic:
    return JobPublic(
        id=job.id,
        kind=job.kind,
        athlete_id=job.athlete_id,
        state=job.state,
        backend=backend,
        result=job.result,
        error=job.error,
    )


@router.post("/athletes/{athlete_id}/jobs", response_model=JobPublic, status_code=202)
def job_submit(body: JobCreate, access: ReadAccess, state: AppStateDep) -> JobPublic:
    """Start a job for the athlete; poll ``GET .../jobs/{job_id}`` for its result."""
    job = state.jobs.submit(body.kind, athlete_id=access.athlete_id, user_id=access.user_id)
    return job_public(job, state.jobs.backend)


@router.get("/athletes/{athlete_id}/jobs/{job_id}", response_model=JobPublic)
def job_state(job_id: JobId, access: ReadAccess, state: AppStateDep) -> JobPublic:
    job = state.jobs.get(job_id)
    if job.athlete_id != access.athlete_id:
        raise NotFound(f"no job with id {job_id!r}")
    return job_public(job, state.jobs.backend)
