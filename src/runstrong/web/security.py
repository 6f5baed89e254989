"""Cookies, CSRF tokens and the client address used for sign-in rate limiting."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from fastapi import Request, Response

__all__ = [
    "CSRF_COOKIE",
    "CSRF_FIELD",
    "CSRF_HEADER",
    "SAFE_METHODS",
    "SESSION_COOKIE",
    "client_key",
    "ensure_anonymous_csrf",
    "same_site_path",
    "set_session_cookie",
    "tokens_match",
    "uses_tls",
]

SESSION_COOKIE = "runstrong_session"
#: Before sign-in, forms are protected by a double-submit cookie; after, by the session's token.
CSRF_COOKIE = "runstrong_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def uses_tls(request: Request, *, forced: bool | None) -> bool:
    """Whether cookies must be ``Secure``: configured, or the request came over HTTPS (behind a
    proxy, uvicorn's ``--proxy-headers`` sets the scheme from ``X-Forwarded-Proto``)."""
    return forced if forced is not None else request.url.scheme == "https"


def set_session_cookie(response: Response, token: str, *, max_age_s: int, secure: bool) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=max_age_s,
        httponly=True,
        samesite="lax",
        secure=secure,
        path="/",
    )


def ensure_anonymous_csrf(request: Request, response: Response, *, secure: bool) -> str:
    """The double-submit token for a signed-out form, set as a cookie when missing."""
    token = request.cookies.get(CSRF_COOKIE)
    if not token or len(token) > 100:
        token = secrets.token_urlsafe(32)
        response.set_cookie(
            CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure, path="/"
        )
    return token


def tokens_match(expected: str | None, given: str | None) -> bool:
    if not expected or not given:
        return False
    return secrets.compare_digest(expected.encode(), given.encode())


def client_key(request: Request) -> str:
    return (request.client.host if request.client else "unknown")[:64]


def same_site_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else ``None``: no open redirects (``//host``,
    ``/\\host`` and schemes are refused; browsers read a backslash as a slash)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(char) < 32 for char in target):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target
