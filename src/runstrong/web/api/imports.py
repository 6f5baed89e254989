"""JSON API: import uploaded files (FIT, GPX, TCX, Strong/Hevy CSV, Strava/Garmin export zip).

Send ``multipart/form-data`` with one or more ``files`` fields. The answer lists what happened
to every file; each file is its own transaction, and a file already imported adds nothing.
When nothing at all could be imported the answer is 422, with the same per-file list.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException

from runstrong.errors import ValidationError
from runstrong.services.imports import ImportReport
from runstrong.services.uploads import (
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_FILES,
    NothingImported,
    Upload,
    check_upload_size,
    import_uploads,
)
from runstrong.web.api.schemas import ERROR_RESPONSES, ErrorDetail
from runstrong.web.deps import StoreDep, WriteAccess

__all__ = [
    "MULTIPART_BODY",
    "FileOutcomePublic",
    "ImportRefused",
    "ImportResult",
    "import_result",
    "read_uploads",
    "router",
]

router = APIRouter(tags=["imports"], responses=ERROR_RESPONSES)

MULTIPART_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": f"Up to {MAX_UPLOAD_FILES} files, "
                            f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB in all.",
                        }
                    },
                }
            }
        },
    }
}


class FileOutcomePublic(BaseModel):
    name: str
    status: Literal["imported", "already_present", "skipped", "failed"]
    format: str | None
    activities_added: int
    strength_sessions_added: int
    samples_added: int
    message: str | None
    warnings: list[str]
    to_complete: list[int] = Field(
        default=[],
        description="Ids of strength sessions from a watch still to complete: a session RPE "
        "to give or sets the watch did not identify to name.",
    )


class ImportRefused(BaseModel):
    """422: ``error`` says why; when the files were read, ``files`` has each one's outcome."""

    error: ErrorDetail
    files: list[FileOutcomePublic] = []


class ImportResult(BaseModel):
    imported: int
    already_present: int
    skipped: int
    failed: int
    activities_added: int
    strength_sessions_added: int
    samples_added: int
    files: list[FileOutcomePublic]


def import_result(report: ImportReport) -> ImportResult:
    return ImportResult(
        imported=report.count("imported"),
        already_present=report.count("already_present"),
        skipped=report.count("skipped"),
        failed=report.count("failed"),
        activities_added=sum(o.activities_added for o in report.outcomes),
        strength_sessions_added=sum(o.strength_sessions_added for o in report.outcomes),
        samples_added=report.samples_added,
        files=[
            FileOutcomePublic(
                name=o.name,
                status=o.status,
                format=o.format,
                activities_added=o.activities_added,
                strength_sessions_added=o.strength_sessions_added,
                samples_added=o.samples_added,
                message=o.message,
                warnings=list(o.warnings),
                to_complete=[session_id for session_id, _, _ in o.to_complete],
            )
            for o in report.outcomes
        ],
    )


async def read_uploads(request: Request) -> tuple[FormData, list[Upload]]:
    """The ``files`` of a multipart request; an oversized body is refused before it is read.

    The caller closes the returned form when done with the files."""
    declared = request.headers.get("content-length", "")
    check_upload_size(int(declared) if declared.isdigit() else None)
    try:
        form = await request.form(max_files=MAX_UPLOAD_FILES + 1, max_fields=100)
    except MultiPartException as exc:
        raise ValidationError(f"cannot read the upload: {exc.message}") from None
    uploads = [
        Upload(value.filename or "upload", value.file)
        for value in form.getlist("files")
        if isinstance(value, UploadFile) and (value.filename or value.size)
    ]
    return form, uploads


@router.post(
    "/athletes/{athlete_id}/imports",
    response_model=ImportResult,
    openapi_extra=MULTIPART_BODY,
    responses={
        422: {"model": ImportRefused, "description": "A bad upload, or nothing in it importable"}
    },
)
async def import_files(request: Request, access: WriteAccess, store: StoreDep) -> Response:
    """Import uploaded files for the athlete (owner only)."""
    form, uploads = await read_uploads(request)
    try:
        report = await run_in_threadpool(import_uploads, store, access.athlete_id, uploads)
    except NothingImported as exc:
        refused = ImportRefused(
            error=ErrorDetail(code=exc.code, message=str(exc)),
            files=import_result(exc.report).files,
        )
        return JSONResponse(refused.model_dump(), status_code=422)
    finally:
        await form.close()
    return JSONResponse(import_result(report).model_dump())
