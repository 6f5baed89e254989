"""Pages: gym-floor mode (one exercise at a time, tap to complete a set, a rest timer, works
offline), the gym settings behind its plate math, and the service worker and web app manifest
that make it installable and keep it working without a network.

The service worker is served from ``/sw.js`` so that its scope (``/``) covers the gym-floor
pages under ``/athletes/{id}/gym``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from runstrong.domain.units import kg_to_lb
from runstrong.errors import RunstrongError, ValidationError
from runstrong.services.athletes import get_athlete
from runstrong.services.gym import get_gym_settings, gym_floor_data, update_gym_settings
from runstrong.web.deps import StoreDep, WriteAccess
from runstrong.web.errors import status_for
from runstrong.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

_STATIC = Path(__file__).resolve().parents[1] / "static"
_Text = Annotated[str, Field(max_length=200)]


@router.get("/sw.js")
def service_worker() -> Response:
    return FileResponse(
        _STATIC / "sw.js",
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@router.get("/manifest.webmanifest")
def manifest() -> Response:
    body = {
        "name": "runstrong",
        "short_name": "runstrong",
        "description": "Training log for runners who strength-train; gym-floor mode works offline.",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1b1f23",
        "icons": [{"src": "/static/favicon.svg", "sizes": "any", "type": "image/svg+xml"}],
    }
    return JSONResponse(body, media_type="application/manifest+json")


@router.get("/athletes/{athlete_id}/gym", response_class=HTMLResponse)
def gym_page(request: Request, access: WriteAccess, store: StoreDep) -> Response:
    athlete = get_athlete(store, access.athlete_id)
    context = {
        "athlete": athlete,
        "role": access.role,
        "gym_data": gym_floor_data(store, access.athlete_id),
    }
    response = render(request, "gym.html", context)
    response.headers["Cache-Control"] = "no-cache"
    return response


class GymSettingsForm(BaseModel):
    unit: Annotated[str, Field(max_length=10)] = "kg"
    bar: _Text = ""
    plates: _Text = ""
    sled: _Text = ""


def _number(label: str, text: str) -> float:
    try:
        return float(text.strip().replace(",", ".") or "0")
    except ValueError:
        raise ValidationError(f"{label}: {text.strip()!r} is not a number") from None


def _settings_page(
    request: Request,
    store: StoreDep,
    athlete_id: int,
    *,
    form: dict[str, str] | None = None,
    error: str | None = None,
    saved: bool = False,
    status: int = 200,
) -> Response:
    athlete = get_athlete(store, athlete_id)
    settings = get_gym_settings(store, athlete_id)
    shown = kg_to_lb if settings.unit == "lb" else float
    values = form or {
        "unit": settings.unit,
        "bar": f"{round(shown(settings.bar_kg), 2):g}",
        "plates": ", ".join(f"{round(shown(p), 2):g}" for p in settings.plates_kg),
        "sled": f"{round(shown(settings.sled_kg), 2):g}",
    }
    context = {
        "athlete": athlete,
        "role": "owner",
        "values": values,
        "form_error": error,
        "flash": "Gym settings saved." if saved else None,
    }
    return render(request, "gym_settings.html", context, status_code=status)


@router.get("/athletes/{athlete_id}/gym/settings", response_class=HTMLResponse)
def gym_settings_page(
    request: Request, access: WriteAccess, store: StoreDep, saved: bool = False
) -> Response:
    return _settings_page(request, store, access.athlete_id, saved=saved)


@router.post("/athletes/{athlete_id}/gym/settings")
def gym_settings_save(
    request: Request,
    access: WriteAccess,
    store: StoreDep,
    form: Annotated[GymSettingsForm, Form()],
) -> Response:
    try:
        plates = [_number("plates", p) for p in form.plates.replace(";", ",").split(",") if p]
        update_gym_settings(
            store,
            access.athlete_id,
            unit=form.unit,
            bar=_number("bar", form.bar),
            plates=plates,
            sled=_number("sled", form.sled),
        )
    except RunstrongError as exc:
        values = form.model_dump()
        return _settings_page(
            request,
            store,
            access.athlete_id,
            form=values,
            error=str(exc),
            status=status_for(exc),
        )
    return RedirectResponse(f"/athletes/{access.athlete_id}/gym/settings?saved=1", status_code=303)
