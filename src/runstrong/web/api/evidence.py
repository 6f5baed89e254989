"""JSON API: the athlete's evidence report, the same as ``runstrong evidence --json``.

The report is computed by a background job and stored per ``data_version``: a request that
finds it stored gets it (200); otherwise the job starts (or is already running) and the answer
is 202 with the job, to poll at ``GET /api/v1/athletes/{athlete_id}/jobs/{job_id}`` before
asking again.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict

from runstrong.errors import ValidationError
from runstrong.services.evidence_cache import check_choice
from runstrong.web.api.jobs import JobPublic, job_public
from runstrong.web.api.schemas import ERROR_RESPONSES
from runstrong.web.deps import AppStateDep, ReadAccess
from runstrong.web.evidence_jobs import evidence_or_job

__all__ = ["router"]

router = APIRouter(tags=["evidence"], responses=ERROR_RESPONSES)


class Interval(BaseModel):
    estimate: float
    low: float
    high: float


class Finding(BaseModel):
    statement: str
    grade: str
    source: str
    year: int | None = None


class ReadinessChoicesPublic(BaseModel):
    """The readiness signals acted on up to the report's day: how many, by action, by signal."""

    count: int
    actions: dict[str, int]
    signals: dict[str, int]


class EvidencePublic(BaseModel):
    """The report exactly as ``runstrong evidence --json`` prints it."""

    model_config = ConfigDict(extra="forbid")

    athlete: str
    first_week: str
    weeks: int
    marker: Literal["efficiency", "vdot"]
    marker_method: str
    exposure: Literal["sessions", "hard_sets"]
    verdict: Literal["improved", "worse", "no clear relation", "cannot tell"]
    summary: str
    reasons: list[str]
    confounders: list[str]
    caveat: str
    advice: list[str]
    lag_weeks: list[int]
    contrast: float
    per_unit: Interval | None
    for_contrast: Interval | None
    percent_of_mean: Interval | None
    p_value: float | None
    n_weeks: int
    n_weeks_with_strength: int
    published: list[Finding]
    readiness_choices: ReadinessChoicesPublic | None = None


class EvidencePending(BaseModel):
    """The report is being computed: poll ``poll_url`` until the job is finished, then ask again."""

    state: Literal["queued", "running"]
    job: JobPublic
    poll_url: str


@router.get(
    "/athletes/{athlete_id}/evidence",
    response_model=EvidencePublic,
    responses={
        202: {
            "model": EvidencePending,
            "description": "Not computed yet for the athlete's current data: the job computing "
            "it (poll its URL, then ask again)",
        }
    },
)
def evidence_get(
    access: ReadAccess,
    state: AppStateDep,
    marker: Annotated[
        Literal["efficiency", "vdot"],
        Query(description="Running marker: efficiency (easy-run speed at a fixed HR) or vdot."),
    ] = "efficiency",
    exposure: Annotated[
        Literal["sessions", "hard_sets"],
        Query(description="Strength exposure: lower-body sessions or hard sets a week."),
    ] = "sessions",
) -> EvidencePublic | Response:
    """Did strength work go with better running? The athlete's estimate beside the evidence.

    200: the report (as ``runstrong evidence --json``). 202: still being computed. 422: the
    athlete has nothing logged to analyse yet."""
    check_choice(marker, exposure)
    lookup = evidence_or_job(state, access, marker, exposure)
    if lookup.job is not None:
        job = lookup.job
        pending = EvidencePending(
            state="running" if job.state == "running" else "queued",
            job=job_public(job, state.jobs.backend),
            poll_url=f"/api/v1/athletes/{access.athlete_id}/jobs/{job.id}",
        )
        return JSONResponse(
            pending.model_dump(mode="json"),
            status_code=202,
            headers={"Retry-After": "2", "Location": pending.poll_url},
        )
    payload = lookup.state.payload or {}
    if "error" in payload:
        raise ValidationError(str(payload["error"]))
    return EvidencePublic.model_validate(payload["report"])
