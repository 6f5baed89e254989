"""JSON API: morning check-ins (one per athlete and day) and readiness signals with actions.

``PUT .../checkins/{day}`` stores the whole check-in of the day, replacing one there: sending
it again (a phone syncing twice after being offline) stores it once. Readiness answers today's
signals and, with ``series=true``, 90 days of wellness series for a chart.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from runstrong.domain.checkin import MAX_HRV_SOURCE, MAX_NOTE, Checkin
from runstrong.services.checkins import (
    delete_checkin,
    get_checkin,
    list_checkins,
    save_checkin,
)
from runstrong.services.readiness import choose_action, readiness
from runstrong.services.readiness_document import checkin_document, readiness_document
from runstrong.services.wellness_uploads import (
    NoWellnessImported,
    WellnessUploadReport,
    import_wellness_uploads,
)
from runstrong.web.api.imports import MULTIPART_BODY, read_uploads
from runstrong.web.api.schemas import ERROR_RESPONSES, ErrorDetail
from runstrong.web.deps import ReadAccess, StoreDep, WriteAccess

__all__ = ["WellnessImportResult", "router", "wellness_result"]

router = APIRouter(tags=["check-ins"], responses=ERROR_RESPONSES)

Region = Literal[
    "quads", "hamstrings", "glutes", "calves", "hips", "lower_back", "feet_shins", "other"
]


class CheckinBody(BaseModel):
    """A check-in; every field optional (at least one needed). Scales as in docs/science.md."""

    model_config = ConfigDict(extra="forbid")

    soreness: dict[Region, Annotated[int, Field(ge=0, le=10)]] = Field(default_factory=dict)
    sleep_h: float | None = Field(default=None, ge=0, le=24)
    sleep_quality: int | None = Field(default=None, ge=1, le=5)
    resting_hr_bpm: float | None = Field(default=None, ge=20, le=150)
    rmssd_ms: float | None = Field(default=None, ge=1, le=400, description="HRV rMSSD, ms.")
    sdnn_ms: float | None = Field(
        default=None, ge=1, le=400, description="HRV SDNN, ms (kept apart from rMSSD)."
    )
    hrv_source: str | None = Field(default=None, max_length=MAX_HRV_SOURCE)
    fatigue: int | None = Field(default=None, ge=1, le=5)
    stress: int | None = Field(default=None, ge=1, le=5)
    illness: bool | None = None
    note: str | None = Field(default=None, max_length=MAX_NOTE)


class ChoiceBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    signal: Literal["hrv_low", "resting_hr_high", "sore_legs_key_run"]
    action: Literal["swap", "lighten", "keep"]
    date: Date | None = Field(
        default=None,
        description="The morning of the signal (default: today); an earlier morning only "
        "while its signal exists and its session at risk is today or later.",
    )


@router.get("/athletes/{athlete_id}/checkins")
def checkins_list(
    access: ReadAccess,
    store: StoreDep,
    first: Annotated[Date | None, Query(alias="from")] = None,
    last: Annotated[Date | None, Query(alias="to")] = None,
) -> dict[str, Any]:
    """The athlete's check-ins from ``from`` to ``to`` (inclusive), oldest first."""
    _, found = list_checkins(store, access.athlete_id, first, last)
    return {"items": [checkin_document(c) for c in found], "total": len(found)}


@router.get("/athletes/{athlete_id}/checkins/{day}")
def checkin_get(day: Date, access: ReadAccess, store: StoreDep) -> dict[str, Any]:
    """The check-in of one day (404 when there is none)."""
    return checkin_document(get_checkin(store, access.athlete_id, day)[1])


@router.put("/athletes/{athlete_id}/checkins/{day}")
def checkin_put(
    day: Date, body: CheckinBody, access: WriteAccess, store: StoreDep
) -> dict[str, Any]:
    """Store the check-in of ``day`` (owner only), replacing one there; idempotent."""
    values = body.model_dump()
    checkin = Checkin(day=day, **values)
    return checkin_document(save_checkin(store, access.athlete_id, checkin))


@router.delete("/athletes/{athlete_id}/checkins/{day}", status_code=204)
def checkin_delete(day: Date, access: WriteAccess, store: StoreDep) -> Response:
    """Delete the check-in of ``day`` (owner only; 404 when there is none)."""
    delete_checkin(store, access.athlete_id, day)
    return Response(status_code=204)


@router.get("/athletes/{athlete_id}/readiness")
def readiness_get(
    access: ReadAccess,
    store: StoreDep,
    day: Annotated[Date | None, Query(alias="date")] = None,
    series: bool = False,
) -> dict[str, Any]:
    """This morning's readiness signals (HRV, resting HR, sore legs) with their actions and
    any choice made; ``series=true`` adds 90 days of wellness series."""
    return readiness_document(readiness(store, access.athlete_id, day), series=series)


@router.post("/athletes/{athlete_id}/readiness/choices")
def readiness_choose(body: ChoiceBody, access: WriteAccess, store: StoreDep) -> dict[str, Any]:
    """Act on a morning's signal (owner only; ``date`` defaults to this morning): swap the key
    run with the next easy run or make that morning's strength lighter through the re-planner,
    or keep the plan; the choice is kept. An earlier morning only while its signal exists and
    its session at risk is today or later."""
    choice = choose_action(store, access.athlete_id, body.signal, body.action, day=body.date)
    return {
        "date": choice.day.isoformat(),
        "signal": choice.kind,
        "action": choice.action,
        "summary": choice.summary,
        "detail": dict(choice.detail),
    }


class WellnessFilePublic(BaseModel):
    name: str
    status: Literal["imported", "already_present", "failed"]
    format: str | None
    days_read: int
    days_added: int
    days_changed: int
    message: str | None
    warnings: list[str]


class WellnessImportResult(BaseModel):
    imported: int
    already_present: int
    failed: int
    days_added: int
    days_changed: int
    files: list[WellnessFilePublic]


class WellnessImportRefused(BaseModel):
    """422: ``error`` says why; when the files were read, ``files`` has each one's outcome."""

    error: ErrorDetail
    files: list[WellnessFilePublic] = []


def wellness_result(report: WellnessUploadReport) -> WellnessImportResult:
    return WellnessImportResult(
        imported=report.count("imported"),
        already_present=report.count("already_present"),
        failed=report.count("failed"),
        days_added=sum(o.days_added for o in report.outcomes),
        days_changed=sum(o.days_changed for o in report.outcomes),
        files=[
            WellnessFilePublic(
                name=o.name,
                status=o.status,
                format=o.format,
                days_read=o.days_read,
                days_added=o.days_added,
                days_changed=o.days_changed,
                message=o.message,
                warnings=list(o.warnings),
            )
            for o in report.outcomes
        ],
    )


@router.post(
    "/athletes/{athlete_id}/checkins/import",
    response_model=WellnessImportResult,
    openapi_extra=MULTIPART_BODY,
    responses={
        422: {
            "model": WellnessImportRefused,
            "description": "A bad upload, or no file in it a check-in file",
        }
    },
)
async def checkins_import(request: Request, access: WriteAccess, store: StoreDep) -> Response:
    """Import check-in files (owner only): HRV4Training CSV, Garmin wellness JSON, Apple
    Health export.xml or its zip, FIT files with HRV; the same importer as
    ``runstrong checkin import``, each file its own transaction, idempotent."""
    form, uploads = await read_uploads(request)
    try:
        report = await run_in_threadpool(import_wellness_uploads, store, access.athlete_id, uploads)
    except NoWellnessImported as exc:
        refused = WellnessImportRefused(
            error=ErrorDetail(code=exc.code, message=str(exc)),
            files=wellness_result(exc.report).files,
        )
        return JSONResponse(refused.model_dump(), status_code=422)
    finally:
        await form.close()
    return JSONResponse(wellness_result(report).model_dump())
