"""JSON API: an athlete's Strava connection (state only: tokens never leave the server) and
the webhook Strava calls (subscription validation with the verify token, then events)."""

from __future__ import annotations

import hmac
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from runstrong.errors import PermissionDenied, ValidationError
from runstrong.services.strava import (
    client_from_settings,
    connection_status,
    disconnect,
    event_athlete,
)
from runstrong.web.api.jobs import JobPublic, job_public
from runstrong.web.api.schemas import ERROR_RESPONSES
from runstrong.web.deps import AppStateDep, StoreDep, WriteAccess

__all__ = ["router"]

router = APIRouter(tags=["strava"], responses=ERROR_RESPONSES)


class StravaStatusPublic(BaseModel):
    configured: bool
    connected: bool
    strava_athlete_id: int | None
    backfill_done: bool
    last_poll_at: datetime | None
    connected_at: datetime | None


@router.get("/athletes/{athlete_id}/strava", response_model=StravaStatusPublic)
def strava_status(access: WriteAccess, store: StoreDep, state: AppStateDep) -> StravaStatusPublic:
    """Whether the athlete's Strava account is connected, and how far the backfill is."""
    status = connection_status(store, access.athlete_id)
    return StravaStatusPublic(
        configured=bool(state.settings.strava_client_id and state.settings.strava_client_secret),
        connected=status.connected,
        strava_athlete_id=status.strava_athlete_id,
        backfill_done=status.backfill_done,
        last_poll_at=status.last_poll_at,
        connected_at=status.connected_at,
    )


@router.delete("/athletes/{athlete_id}/strava", status_code=204)
async def strava_disconnect(access: WriteAccess, store: StoreDep, state: AppStateDep) -> Response:
    """Disconnect (the token is revoked at Strava); what was imported stays. Idempotent."""
    if connection_status(store, access.athlete_id).connected:
        client = client_from_settings(state.settings)
        try:
            await run_in_threadpool(disconnect, store, client, access.athlete_id)
        finally:
            client.close()
    return Response(status_code=204)


@router.post("/athletes/{athlete_id}/strava/sync", response_model=JobPublic, status_code=202)
def strava_sync(access: WriteAccess, state: AppStateDep) -> JobPublic:
    """Go on with the backfill and look for new activities, as a background job."""
    job = state.jobs.submit("strava_sync", athlete_id=access.athlete_id, user_id=access.user_id)
    return job_public(job, state.jobs.backend)


@router.get("/strava/webhook")
def strava_webhook_validation(
    state: AppStateDep,
    mode: Annotated[str, Query(alias="hub.mode", max_length=32)],
    challenge: Annotated[str, Query(alias="hub.challenge", max_length=256)],
    verify_token: Annotated[str, Query(alias="hub.verify_token", max_length=256)],
) -> dict[str, str]:
    """Strava's subscription check: echo the challenge when the verify token is ours."""
    expected = state.settings.strava_verify_token or ""
    if mode != "subscribe" or not expected or not hmac.compare_digest(verify_token, expected):
        raise PermissionDenied("that is not this server's Strava verify token")
    return {"hub.challenge": challenge}


@router.post("/strava/webhook")
async def strava_webhook_event(request: Request, store: StoreDep, state: AppStateDep) -> Response:
    """A Strava event: handled by a background job; athletes runstrong does not know ignored."""
    try:
        event: Any = await request.json()
    except ValueError:
        raise ValidationError("a Strava event is a JSON object") from None
    if not isinstance(event, dict):
        raise ValidationError("a Strava event is a JSON object")
    athlete_id = await run_in_threadpool(event_athlete, store, event)
    if athlete_id is None:
        return JSONResponse({"status": "ignored"})
    state.jobs.submit("strava_event", athlete_id=athlete_id, user_id=0, event=event)
    return JSONResponse({"status": "accepted"})
