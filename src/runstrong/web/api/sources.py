"""JSON API: the athlete's sync sources (folders runstrong imports new files from by itself).

Owners only. A folder is a path on the server: a web or API user may add only a folder under
``<RUNSTRONG_SOURCE_ROOT>/<their username>/`` (403 otherwise, and always when the server sets
no such root); sources the operator added are read-only here. ``POST .../sync`` runs one pass
now and answers what it imported.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from runstrong.domain.sources import Source
from runstrong.services.sources import (
    add_folder_source,
    failed_files,
    get_source,
    list_sources,
    remove_source,
    user_folder_base,
)
from runstrong.services.sync import SourceSync, sync_source
from runstrong.web.api.schemas import ERROR_RESPONSES
from runstrong.web.deps import AppStateDep, CurrentUser, StoreDep, WriteAccess

__all__ = ["SourcePublic", "SyncPublic", "router", "source_public", "sync_public"]

router = APIRouter(tags=["sources"], responses=ERROR_RESPONSES)

SourceId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class SourceCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["folder"] = "folder"
    #: A folder under your base folder on the server (relative to it, or absolute).
    location: str = Field(min_length=1, max_length=1024)


class FailedFile(BaseModel):
    path: str
    reason: str | None


class SourcePublic(BaseModel):
    id: int
    kind: str
    location: str
    added_by: Literal["operator", "user"]
    #: Whether this user may remove it here (sources the operator added are read-only).
    removable: bool
    last_sync_at: datetime | None
    last_error: str | None
    files_imported: int
    files_failed: int
    files_seen: int
    failed_files: list[FailedFile]


class SourceList(BaseModel):
    items: list[SourcePublic]
    #: Where this user may add folders; ``null``: only the operator adds them on this server.
    folder_base: str | None


class SyncedFilePublic(BaseModel):
    path: str
    status: Literal["imported", "already_present", "skipped", "failed", "duplicate", "waiting"]
    reason: str | None
    activities_added: int
    strength_sessions_added: int


class SyncPublic(BaseModel):
    source: SourcePublic
    error: str | None
    busy: bool
    imported: int
    failed: int
    activities_added: int
    strength_sessions_added: int
    files: list[SyncedFilePublic]


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def source_public(source: Source, failures: list[FailedFile]) -> SourcePublic:
    return SourcePublic(
        id=source.id,
        kind=source.kind,
        location=source.location,
        added_by="operator" if source.added_by_user_id is None else "user",
        removable=source.added_by_user_id is not None,
        last_sync_at=_utc(source.last_sync_at),
        last_error=source.last_error,
        files_imported=source.files_imported,
        files_failed=source.files_failed,
        files_seen=source.files_seen,
        failed_files=failures,
    )


def _with_failures(store: StoreDep, source: Source) -> SourcePublic:
    failures = [FailedFile(path=f.path, reason=f.reason) for f in failed_files(store, source.id)]
    return source_public(source, failures)


def source_list(store: StoreDep, athlete_id: int, folder_base: str | None) -> SourceList:
    items = [_with_failures(store, s) for s in list_sources(store, athlete_id)]
    return SourceList(items=items, folder_base=folder_base)


def sync_public(store: StoreDep, result: SourceSync) -> SyncPublic:
    return SyncPublic(
        source=_with_failures(store, result.source),
        error=result.error,
        busy=result.busy,
        imported=result.count("imported"),
        failed=result.count("failed"),
        activities_added=sum(f.activities_added for f in result.files),
        strength_sessions_added=sum(f.strength_sessions_added for f in result.files),
        files=[
            SyncedFilePublic(
                path=f.path,
                status=f.status,
                reason=f.reason,
                activities_added=f.activities_added,
                strength_sessions_added=f.strength_sessions_added,
            )
            for f in result.files
        ],
    )


def folder_base_of(state: AppStateDep, user: CurrentUser) -> str | None:
    base = user_folder_base(state.settings.source_root, user)
    return str(base) if base is not None else None


@router.get("/athletes/{athlete_id}/sources", response_model=SourceList)
def sources_list(
    access: WriteAccess, store: StoreDep, state: AppStateDep, user: CurrentUser
) -> SourceList:
    """The athlete's sources: state, last sync, files imported and failed (with reasons)."""
    return source_list(store, access.athlete_id, folder_base_of(state, user))


@router.post("/athletes/{athlete_id}/sources", response_model=SourcePublic, status_code=201)
def source_add(
    body: SourceCreate, access: WriteAccess, store: StoreDep, state: AppStateDep,
    user: CurrentUser,
) -> SourcePublic:  # fmt: skip
    """Add a folder under your base folder on the server (403 when the server allows none)."""
    source = add_folder_source(
        store, access.athlete_id, body.location, user=user,
        source_root=state.settings.source_root,
    )  # fmt: skip
    return _with_failures(store, source)


@router.delete("/athletes/{athlete_id}/sources/{source_id}", status_code=204)
def source_remove(
    source_id: SourceId, access: WriteAccess, store: StoreDep, user: CurrentUser
) -> Response:
    """Stop syncing a source you added; what it imported stays."""
    remove_source(store, source_id, athlete_id=access.athlete_id, user=user)
    return Response(status_code=204)


@router.post("/athletes/{athlete_id}/sources/{source_id}/sync", response_model=SyncPublic)
async def source_sync(
    source_id: SourceId, access: WriteAccess, store: StoreDep, state: AppStateDep
) -> SyncPublic:
    """Run one pass over the source now; the answer says what was imported."""
    get_source(store, source_id, athlete_id=access.athlete_id)
    result = await run_in_threadpool(
        sync_source, store, source_id, settle_s=state.settings.sync_settle_s
    )
    return sync_public(store, result)
