"""The one translation of runstrong errors to HTTP: JSON under ``/api``, pages elsewhere."""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from runstrong.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    RunstrongError,
    Unauthenticated,
    ValidationError,
)
from runstrong.services.accounts import TooManyAttempts

__all__ = ["install_error_handlers", "is_api", "status_for"]

_STATUS: tuple[tuple[type[RunstrongError], int], ...] = (
    (TooManyAttempts, 429),
    (Unauthenticated, 401),
    (ValidationError, 422),
    (NotFound, 404),
    (Conflict, 409),
    (PermissionDenied, 403),
)


def status_for(exc: RunstrongError) -> int:
    for kind, status in _STATUS:
        if isinstance(exc, kind):
            return status
    return 500


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _json_error(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


def _page_error(request: Request, status: int, message: str) -> Response:
    from runstrong.web.templating import render

    context = {"status": status, "title": HTTPStatus(status).phrase, "message": message}
    return render(request, "error.html", context, status_code=status)


def _field_message(error: dict[str, object]) -> str:
    location = list(error.get("loc", ()))  # type: ignore[call-overload]
    if location and location[0] in ("body", "query", "path", "header", "cookie"):
        location = location[1:]
    where = ".".join(str(part) for part in location) or "request"
    return f"{where}: {error.get('msg', 'invalid value')}"


def install_error_handlers(app: FastAPI) -> None:
    async def runstrong_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RunstrongError)
        status = status_for(exc)
        message = str(exc) if status != 500 else "something went wrong on our side"
        if is_api(request):
            headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
            return _json_error(status, exc.code, message, headers)
        if status == 401:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        return _page_error(request, status, message)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        message = "; ".join(_field_message(e) for e in exc.errors()[:5]) or "invalid request"
        if is_api(request):
            return _json_error(422, "invalid_input", message)
        return _page_error(request, 422, message)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = str(exc.detail) if exc.detail else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404:
            message = f"nothing at {request.url.path}"
        if is_api(request):
            code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
            return _json_error(exc.status_code, code, message, dict(exc.headers or {}) or None)
        return _page_error(request, exc.status_code, message)

    async def unexpected_error(request: Request, exc: Exception) -> Response:
        if is_api(request):
            return _json_error(500, "internal_error", "something went wrong on our side")
        return _page_error(request, 500, "something went wrong on our side")

    app.add_exception_handler(RunstrongError, runstrong_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error)
