"""Pages: upload files to import. The form works without JavaScript (a plain multipart POST
that answers with the per-file report); with it, ``upload.js`` sends the files to the JSON API
and shows the upload's progress. Check-in files (HRV, resting HR, sleep) have their own plain
form, answered with their own per-file report."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from runstrong.domain.models import Athlete
from runstrong.errors import RunstrongError
from runstrong.services.athletes import get_athlete
from runstrong.services.imports import ImportReport
from runstrong.services.uploads import (
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_FILES,
    NothingImported,
    import_uploads,
)
from runstrong.services.wellness_uploads import (
    NoWellnessImported,
    WellnessUploadReport,
    import_wellness_uploads,
)
from runstrong.web.api.checkins import wellness_result
from runstrong.web.api.imports import import_result, read_uploads
from runstrong.web.deps import StoreDep, WriteAccess
from runstrong.web.errors import status_for
from runstrong.web.pages.sources import sources_context
from runstrong.web.templating import render

__all__ = ["import_page_response", "router"]

router = APIRouter(include_in_schema=False)

_STATUS_LABELS = {
    "imported": "Imported",
    "already_present": "Already there",
    "skipped": "Skipped",
    "failed": "Failed",
}


def import_page_response(
    request: Request,
    athlete: Athlete,
    *,
    report: ImportReport | None = None,
    error: str | None = None,
    status: int = 200,
    sources: dict[str, Any] | None = None,
    checkins: WellnessUploadReport | None = None,
    checkin_error: str | None = None,
) -> Response:
    """The Import page: the upload form, a report, and the athlete's sync sources."""
    assert athlete.id is not None
    context = {
        **(sources if sources is not None else sources_context(request, athlete.id)),
        "athlete": athlete,
        "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
        "max_files": MAX_UPLOAD_FILES,
        "result": import_result(report) if report is not None else None,
        "labels": _STATUS_LABELS,
        "upload_error": error,
        "checkin_result": wellness_result(checkins) if checkins is not None else None,
        "checkin_error": checkin_error,
    }
    return render(request, "import.html", context, status_code=status)


@router.get("/athletes/{athlete_id}/import", response_class=HTMLResponse)
def import_page(request: Request, access: WriteAccess, store: StoreDep) -> Response:
    return import_page_response(request, get_athlete(store, access.athlete_id))


@router.post("/athletes/{athlete_id}/import", response_class=HTMLResponse)
async def import_upload(request: Request, access: WriteAccess, store: StoreDep) -> Response:
    athlete = await run_in_threadpool(get_athlete, store, access.athlete_id)
    try:
        form, uploads = await read_uploads(request)
        try:
            report = await run_in_threadpool(import_uploads, store, access.athlete_id, uploads)
        finally:
            await form.close()
    except NothingImported as exc:
        return import_page_response(request, athlete, report=exc.report, error=str(exc), status=422)
    except RunstrongError as exc:
        return import_page_response(request, athlete, error=str(exc), status=status_for(exc))
    return import_page_response(request, athlete, report=report)


@router.post("/athletes/{athlete_id}/import/checkins", response_class=HTMLResponse)
async def import_checkins(request: Request, access: WriteAccess, store: StoreDep) -> Response:
    """Check-in files (HRV, resting HR, sleep) through the importer of ``runstrong checkin
    import``; answers the Import page with the per-file report."""
    athlete = await run_in_threadpool(get_athlete, store, access.athlete_id)
    try:
        form, uploads = await read_uploads(request)
        try:
            report = await run_in_threadpool(
                import_wellness_uploads, store, access.athlete_id, uploads
            )
        finally:
            await form.close()
    except NoWellnessImported as exc:
        return import_page_response(
            request, athlete, checkins=exc.report, checkin_error=str(exc), status=422
        )
    except RunstrongError as exc:
        return import_page_response(
            request, athlete, checkin_error=str(exc), status=status_for(exc)
        )
    return import_page_response(request, athlete, checkins=report)
