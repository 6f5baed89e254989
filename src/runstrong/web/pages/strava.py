"""Pages: connect an athlete's Strava account (OAuth authorization code flow) and disconnect
it; shown on the account page. The ``state`` handed to Strava is checked on the way back, for
the same signed-in user (no login CSRF); tokens never reach a page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from runstrong.domain.accounts import User
from runstrong.errors import RunstrongError
from runstrong.services.strava import (
    client_from_settings,
    connection_status,
    disconnect,
    finish_connect,
    owned_connections,
    start_connect,
)
from runstrong.store import Store
from runstrong.web.deps import AppStateDep, CurrentUser, StoreDep, WriteAccess
from runstrong.web.errors import status_for
from runstrong.web.templating import render

__all__ = ["router", "strava_context"]

router = APIRouter(include_in_schema=False)


def strava_context(store: Store, user: User, configured: bool) -> dict[str, Any]:
    """The account page's Strava section: each athlete the user owns and its connection."""
    assert user.id is not None
    return {"strava_configured": configured, "strava": owned_connections(store, user.id)}


@router.get("/athletes/{athlete_id}/strava/connect")
def connect(request: Request, access: WriteAccess, store: StoreDep, state: AppStateDep) -> Response:
    client = client_from_settings(state.settings)
    try:
        redirect_uri = str(request.url_for("strava_callback"))
        url = start_connect(store, client, access.user_id, access.athlete_id, redirect_uri)
    finally:
        client.close()
    return RedirectResponse(url, status_code=303)


@router.get("/strava/callback", name="strava_callback", response_class=HTMLResponse)
async def callback(
    request: Request, store: StoreDep, state: AppStateDep, user: CurrentUser
) -> Response:
    params = request.query_params
    if params.get("error"):  # the runner declined on Strava's page
        return _account(request, store, state, user, "Strava was not connected.", 200)
    assert user.id is not None
    try:
        client = client_from_settings(state.settings)
        try:
            await run_in_threadpool(
                finish_connect, store, client, user.id, params.get("state", ""),
                params.get("code", ""),
            )  # fmt: skip
        finally:
            client.close()
    except RunstrongError as exc:
        return _account(request, store, state, user, str(exc), status_for(exc))
    return RedirectResponse("/account?strava=connected#strava", status_code=303)


def _account(
    request: Request, store: Store, state: Any, user: User, message: str, status: int
) -> Response:
    from runstrong.services.accounts import list_api_tokens

    settings = state.settings
    configured = bool(settings.strava_client_id and settings.strava_client_secret)
    context = {
        "tokens": list_api_tokens(store, user),
        "strava_message": message,
        **strava_context(store, user, configured),
    }
    return render(request, "account.html", context, status_code=status)


@router.post("/athletes/{athlete_id}/strava/disconnect")
async def disconnect_page(access: WriteAccess, store: StoreDep, state: AppStateDep) -> Response:
    if connection_status(store, access.athlete_id).connected:
        client = client_from_settings(state.settings)
        try:
            await run_in_threadpool(disconnect, store, client, access.athlete_id)
        finally:
            client.close()
    return RedirectResponse("/account#strava", status_code=303)
