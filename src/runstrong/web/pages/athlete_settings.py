"""Pages: the athlete's settings (units, time zone, body and heart-rate data, event focus)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runstrong.domain.models import EVENT_FOCUSES, SEXES, UNIT_SYSTEMS, Athlete
from runstrong.domain.units import kg_to_lb, lb_to_kg
from runstrong.errors import RunstrongError, ValidationError
from runstrong.services.athletes import get_athlete, update_athlete_settings
from runstrong.web.deps import StoreDep, WriteAccess
from runstrong.web.errors import status_for
from runstrong.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _number(label: str, text: str, kind: type[int] | type[float]) -> float | int | None:
    value = text.strip().replace(",", ".")
    if not value:
        return None
    try:
        return kind(float(value)) if kind is int else float(value)
    except ValueError:
        raise ValidationError(f"{label} must be a number, got {text.strip()!r}") from None


def _form_values(athlete: Athlete) -> dict[str, str]:
    mass = athlete.body_mass_kg
    if mass is not None and athlete.units == "imperial":
        mass = kg_to_lb(mass)
    return {
        "body_mass": f"{mass:.1f}" if mass is not None else "",
        "sex": athlete.sex,
        "birth_year": str(athlete.birth_year or ""),
        "event_focus": athlete.event_focus,
        "units": athlete.units,
        "hr_rest": str(athlete.hr_rest_bpm or ""),
        "hr_max": str(athlete.hr_max_bpm or ""),
        "timezone": athlete.timezone,
    }


def _page(
    request: Request, athlete: Athlete, form: dict[str, str], status: int = 200, **extra: object
) -> Response:
    choices = {"sexes": SEXES, "focuses": EVENT_FOCUSES, "unit_systems": UNIT_SYSTEMS}
    context = {"athlete": athlete, "form": form, **choices, **extra}
    return render(request, "athlete_settings.html", context, status_code=status)


@router.get("/athletes/{athlete_id}/settings", response_class=HTMLResponse)
def settings_page(
    request: Request, access: WriteAccess, store: StoreDep, saved: bool = False
) -> Response:
    athlete = get_athlete(store, access.athlete_id)
    return _page(request, athlete, _form_values(athlete), flash="Saved." if saved else None)


@router.post("/athletes/{athlete_id}/settings")
def settings_save(
    request: Request,
    access: WriteAccess,
    store: StoreDep,
    body_mass: Annotated[str, Form(max_length=20)] = "",
    sex: Annotated[str, Form(max_length=20)] = "unspecified",
    birth_year: Annotated[str, Form(max_length=10)] = "",
    event_focus: Annotated[str, Form(max_length=20)] = "distance",
    units: Annotated[str, Form(max_length=20)] = "metric",
    hr_rest: Annotated[str, Form(max_length=10)] = "",
    hr_max: Annotated[str, Form(max_length=10)] = "",
    timezone: Annotated[str, Form(max_length=64)] = "UTC",
) -> Response:
    form = {"body_mass": body_mass, "sex": sex, "birth_year": birth_year,
            "event_focus": event_focus, "units": units, "hr_rest": hr_rest, "hr_max": hr_max,
            "timezone": timezone}  # fmt: skip
    try:
        mass = _number("body mass", body_mass, float)
        if mass is not None and units == "imperial":
            mass = lb_to_kg(mass)
        changes: dict[str, object] = {
            "body_mass_kg": mass,
            "sex": sex,
            "birth_year": _number("birth year", birth_year, int),
            "event_focus": event_focus,
            "units": units,
            "hr_rest_bpm": _number("resting heart rate", hr_rest, int),
            "hr_max_bpm": _number("maximum heart rate", hr_max, int),
            "timezone": timezone.strip(),
        }
        update_athlete_settings(store, access.athlete_id, changes)
    except RunstrongError as exc:
        athlete = get_athlete(store, access.athlete_id)
        return _page(request, athlete, form, status_for(exc), error=str(exc))
    return RedirectResponse(f"/athletes/{access.athlete_id}/settings?saved=1", status_code=303)
