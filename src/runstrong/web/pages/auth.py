"""Pages: sign up, sign in, sign out, the account (password change, API tokens)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runstrong.domain.models import EVENT_FOCUSES, UNIT_SYSTEMS
from runstrong.errors import RunstrongError
from runstrong.services.accounts import (
    SESSION_LIFETIME,
    NewAccount,
    authenticate,
    change_password,
    create_api_token,
    delete_api_token,
    end_session,
    list_api_tokens,
    sign_up,
    start_session,
    user_count,
)
from runstrong.services.landing import landing_path
from runstrong.web.deps import AppStateDep, CurrentPrincipal, StoreDep
from runstrong.web.errors import status_for
from runstrong.web.security import (
    SESSION_COOKIE,
    client_key,
    ensure_anonymous_csrf,
    same_site_path,
    set_session_cookie,
    uses_tls,
)
from runstrong.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only same-site paths: an open redirect would hand sessions to another site."""
    return same_site_path(target) or "/"


def _anonymous_form(
    request: Request,
    state: AppStateDep,
    template: str,
    context: Mapping[str, object],
    status: int = 200,
) -> Response:
    response = Response()
    token = ensure_anonymous_csrf(
        request, response, secure=uses_tls(request, forced=state.settings.secure_cookies)
    )
    page = render(request, template, {"csrf_token": token, **context}, status_code=status)
    for key, value in response.raw_headers:
        if key == b"set-cookie":
            page.raw_headers.append((key, value))
    return page


def _signed_in(request: Request, state: AppStateDep, user_token: str, target: str) -> Response:
    response = RedirectResponse(_safe_next(target), status_code=303)
    set_session_cookie(
        response,
        user_token,
        max_age_s=int(SESSION_LIFETIME.total_seconds()),
        secure=uses_tls(request, forced=state.settings.secure_cookies),
    )
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, state: AppStateDep, store: StoreDep, next: str = "/") -> Response:
    first_run = user_count(store) == 0
    return _anonymous_form(
        request, state, "login.html", {"next": _safe_next(next), "first_run": first_run}
    )


@router.post("/login")
def login(
    request: Request,
    state: AppStateDep,
    store: StoreDep,
    username: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    try:
        user = authenticate(store, username, password, client=client_key(request))
    except RunstrongError as exc:
        context = {"next": _safe_next(next), "error": str(exc), "username": username}
        return _anonymous_form(request, state, "login.html", context, status=status_for(exc))
    signed_in = start_session(store, user)
    target = _safe_next(next)
    if target == "/":  # no page asked for: one's own single athlete, else the start page
        target = landing_path(store, user)
    return _signed_in(request, state, signed_in.session_token, target)


@router.get("/signup", response_class=HTMLResponse)
def signup_form(request: Request, state: AppStateDep) -> Response:
    return _anonymous_form(
        request, state, "signup.html", {"units": UNIT_SYSTEMS, "focuses": EVENT_FOCUSES, "form": {}}
    )


@router.post("/signup")
def signup(
    request: Request,
    state: AppStateDep,
    store: StoreDep,
    username: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    email: Annotated[str, Form(max_length=254)] = "",
    athlete_name: Annotated[str, Form(max_length=200)] = "",
    timezone: Annotated[str, Form(max_length=64)] = "UTC",
    units: Annotated[str, Form(max_length=16)] = "metric",
    event_focus: Annotated[str, Form(max_length=16)] = "distance",
) -> Response:
    account = NewAccount(
        username=username,
        password=password,
        email=email or None,
        athlete_name=athlete_name or None,
        timezone=timezone or "UTC",
        units=units,
        event_focus=event_focus,
    )
    try:
        user, athlete = sign_up(store, account)
    except RunstrongError as exc:
        form = {"username": username, "email": email, "athlete_name": athlete_name,
                "timezone": timezone, "units": units, "event_focus": event_focus}  # fmt: skip
        context = {"error": str(exc), "form": form, "units": UNIT_SYSTEMS, "focuses": EVENT_FOCUSES}
        return _anonymous_form(request, state, "signup.html", context, status=status_for(exc))
    signed_in = start_session(store, user)
    return _signed_in(request, state, signed_in.session_token, f"/athletes/{athlete.id}")


@router.post("/logout")
def logout(request: Request, store: StoreDep) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        end_session(store, token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, store: StoreDep, principal: CurrentPrincipal) -> Response:
    from runstrong.web.pages.strava import strava_context

    tokens = list_api_tokens(store, principal.user)
    settings = request.app.state.runstrong.settings
    configured = bool(settings.strava_client_id and settings.strava_client_secret)
    strava = strava_context(store, principal.user, configured)
    return render(request, "account.html", {"tokens": tokens, **strava})


@router.post("/account/password")
def password_change(
    request: Request,
    store: StoreDep,
    principal: CurrentPrincipal,
    current_password: Annotated[str, Form(max_length=1024)] = "",
    new_password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    context: dict[str, object] = {}
    status = 200
    try:
        change_password(
            store,
            principal.user,
            current_password,
            new_password,
            keep_session=request.cookies.get(SESSION_COOKIE),
        )
        context["flash"] = "Password changed; your other sessions were signed out."
    except RunstrongError as exc:
        context["error"], status = str(exc), status_for(exc)
    context["tokens"] = list_api_tokens(store, principal.user)
    return render(request, "account.html", context, status_code=status)


@router.post("/account/tokens")
def token_create(
    request: Request,
    store: StoreDep,
    principal: CurrentPrincipal,
    name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    context: dict[str, object] = {}
    status = 200
    try:
        token, secret = create_api_token(store, principal.user, name)
        context["new_token"], context["new_token_name"] = secret, token.name
    except RunstrongError as exc:
        context["error"], status = str(exc), status_for(exc)
    context["tokens"] = list_api_tokens(store, principal.user)
    return render(request, "account.html", context, status_code=status)


@router.post("/account/tokens/{token_id}/delete")
def token_delete(store: StoreDep, principal: CurrentPrincipal, token_id: int) -> Response:
    delete_api_token(store, principal.user, token_id)
    return RedirectResponse("/account", status_code=303)
