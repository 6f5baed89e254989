"""Pages: the athlete's sync sources, shown on the Import page, with **Sync now**, and (where
the server allows web users to add folders) add and remove forms."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from runstrong.errors import RunstrongError
from runstrong.services.athletes import get_athlete
from runstrong.services.sources import add_folder_source, get_source, remove_source
from runstrong.services.sync import sync_source
from runstrong.web.api.sources import SyncPublic, source_list, sync_public
from runstrong.web.deps import AppStateDep, CurrentUser, StoreDep, WriteAccess
from runstrong.web.errors import status_for

__all__ = ["router", "sources_context"]

router = APIRouter(include_in_schema=False)

SourceId = Annotated[int, Path(ge=1, le=2**31 - 1)]

_SYNC_LABELS = {
    "imported": "Imported",
    "already_present": "Already there",
    "duplicate": "Seen before",
    "skipped": "Skipped",
    "failed": "Failed",
    "waiting": "Still being written",
}


def sources_context(
    request: Request,
    athlete_id: int,
    *,
    synced: SyncPublic | None = None,
    source_error: str | None = None,
) -> dict[str, Any]:
    """What the Import page shows about the athlete's sources."""
    state = request.app.state.runstrong
    principal = getattr(request.state, "principal", None)
    base: str | None = None
    if principal is not None:
        from runstrong.services.sources import user_folder_base

        found = user_folder_base(state.settings.source_root, principal.user)
        base = str(found) if found is not None else None
    listed = source_list(state.store, athlete_id, base)
    return {
        "sources": listed.items,
        "folder_base": listed.folder_base,
        "synced": synced,
        "sync_labels": _SYNC_LABELS,
        "source_error": source_error,
    }


def _import_page(request: Request, athlete_id: int, status: int = 200, **extra: Any) -> Response:
    from runstrong.web.pages.imports import import_page_response

    store = request.app.state.runstrong.store
    return import_page_response(
        request, get_athlete(store, athlete_id), status=status,
        sources=sources_context(request, athlete_id, **extra),
    )  # fmt: skip


def _back(athlete_id: int) -> RedirectResponse:
    return RedirectResponse(f"/athletes/{athlete_id}/import#sources", status_code=303)


@router.post("/athletes/{athlete_id}/sources")
async def add_source(
    request: Request, access: WriteAccess, store: StoreDep, state: AppStateDep, user: CurrentUser
) -> Response:
    form = await request.form()
    location = form.get("location")
    try:
        await run_in_threadpool(
            add_folder_source, store, access.athlete_id,
            location if isinstance(location, str) else "", user=user,
            source_root=state.settings.source_root,
        )  # fmt: skip
    except RunstrongError as exc:
        return _import_page(request, access.athlete_id, status_for(exc), source_error=str(exc))
    return _back(access.athlete_id)


@router.post("/athletes/{athlete_id}/sources/{source_id}/sync")
async def sync_now(
    request: Request, source_id: SourceId, access: WriteAccess, store: StoreDep,
    state: AppStateDep,
) -> Response:  # fmt: skip
    get_source(store, source_id, athlete_id=access.athlete_id)
    result = await run_in_threadpool(
        sync_source, store, source_id, settle_s=state.settings.sync_settle_s
    )
    return _import_page(request, access.athlete_id, synced=sync_public(store, result))


@router.post("/athletes/{athlete_id}/sources/{source_id}/remove")
async def remove(
    request: Request, source_id: SourceId, access: WriteAccess, store: StoreDep, user: CurrentUser
) -> Response:
    try:
        await run_in_threadpool(
            remove_source, store, source_id, athlete_id=access.athlete_id, user=user
        )
    except RunstrongError as exc:
        if status_for(exc) == 404:
            raise
        return _import_page(request, access.athlete_id, status_for(exc), source_error=str(exc))
    return _back(access.athlete_id)
