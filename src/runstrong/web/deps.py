"""Typed FastAPI dependencies: the store, the signed-in principal, CSRF, athlete access.

Every athlete-scoped route takes one of :data:`ReadAccess`, :data:`ReviewAccess` or
:data:`WriteAccess`; the rules themselves live in :mod:`runstrong.services.access`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal, cast

from fastapi import Depends, Path, Request

from runstrong.domain.accounts import AccessNeed, AthleteAccess, User
from runstrong.errors import PermissionDenied, Unauthenticated
from runstrong.services.access import check_access
from runstrong.services.accounts import session_user, token_user
from runstrong.store import Store
from runstrong.web.security import (
    CSRF_COOKIE,
    CSRF_FIELD,
    CSRF_HEADER,
    SAFE_METHODS,
    SESSION_COOKIE,
    tokens_match,
)
from runstrong.web.state import AppState

__all__ = [
    "AppStateDep",
    "CurrentPrincipal",
    "CurrentUser",
    "MaybePrincipal",
    "Principal",
    "ReadAccess",
    "ReviewAccess",
    "StoreDep",
    "WriteAccess",
    "verify_csrf",
]


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling and how: a browser session (with its CSRF token) or an API token."""

    user: User
    via: Literal["session", "token"]
    csrf_token: str | None = None


def _app_state(request: Request) -> AppState:
    state: AppState = request.app.state.runstrong
    return state


AppStateDep = Annotated[AppState, Depends(_app_state)]


def _store(state: AppStateDep) -> Store:
    return state.store


StoreDep = Annotated[Store, Depends(_store)]


_UNSET = object()


def _maybe_principal(request: Request, store: StoreDep) -> Principal | None:
    cached = getattr(request.state, "principal", _UNSET)
    if cached is not _UNSET:
        return cast(Principal | None, cached)
    principal: Principal | None = None
    authorization = request.headers.get("authorization", "")
    if authorization:
        scheme, _, secret = authorization.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise Unauthenticated("use 'Authorization: Bearer <token>' with an API token")
        user = token_user(store, secret.strip())
        if user is None:
            raise Unauthenticated("that API token is not valid (revoked or mistyped)")
        principal = Principal(user=user, via="token")
    else:
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie:
            found = session_user(store, cookie)
            if found is not None:
                principal = Principal(user=found[0], via="session", csrf_token=found[1])
    request.state.principal = principal
    return principal


MaybePrincipal = Annotated[Principal | None, Depends(_maybe_principal)]


def _principal(principal: MaybePrincipal) -> Principal:
    if principal is None:
        raise Unauthenticated("sign in first, or send an API token")
    return principal


CurrentPrincipal = Annotated[Principal, Depends(_principal)]


def _user(principal: CurrentPrincipal) -> User:
    return principal.user


CurrentUser = Annotated[User, Depends(_user)]


async def verify_csrf(request: Request, principal: MaybePrincipal) -> None:
    """Refuse unsafe requests from a browser whose form or header lacks the CSRF token.

    Requests with an API token carry no ambient credentials and need none."""
    if request.method in SAFE_METHODS:
        return
    if principal is not None and principal.via == "token":
        return
    if principal is None and request.url.path.startswith("/api/"):
        return  # no cookie grants anything here; the route itself asks for credentials
    expected = principal.csrf_token if principal else request.cookies.get(CSRF_COOKIE)
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not tokens_match(expected, given):
        raise PermissionDenied(
            "the form's security token is missing or stale: reload the page and try again"
        )


def _require(need: AccessNeed):  # type: ignore[no-untyped-def]
    def dependency(
        store: StoreDep,
        principal: CurrentPrincipal,
        athlete_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    ) -> AthleteAccess:
        return check_access(store, principal.user, athlete_id, need)

    return dependency


ReadAccess = Annotated[AthleteAccess, Depends(_require("read"))]
ReviewAccess = Annotated[AthleteAccess, Depends(_require("review"))]
WriteAccess = Annotated[AthleteAccess, Depends(_require("write"))]
