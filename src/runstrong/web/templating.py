"""Jinja2 templates and the helpers every page uses."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from runstrong.domain.units import format_duration
from runstrong.web.security import CSRF_COOKIE

__all__ = ["make_templates", "render"]

_TEMPLATES = Path(__file__).with_name("templates")


def _local_time(moment: datetime, zone: str = "UTC") -> str:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(_TEMPLATES))
    templates.env.filters["duration"] = format_duration
    templates.env.filters["local_time"] = _local_time
    templates.env.globals["app_name"] = "runstrong"
    return templates


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
) -> HTMLResponse:
    """Render ``template`` with the signed-in principal and the right CSRF token in context."""
    principal = getattr(request.state, "principal", None)
    csrf = principal.csrf_token if principal is not None else request.cookies.get(CSRF_COOKIE)
    values: dict[str, Any] = {"principal": principal, "csrf_token": csrf or ""}
    values.update(context or {})
    state = request.app.state.runstrong
    response: HTMLResponse = state.templates.TemplateResponse(
        request, template, values, status_code=status_code
    )
    return response
