"""Page: the morning check-in, made for a phone — soreness by region, sleep, resting HR, HRV,
fatigue, stress, illness, a note — and this morning's readiness signals with their actions.

``static/checkin.js`` keeps a check-in on the phone (IndexedDB, beside the gym-floor outbox)
and sends it with ``PUT /api/v1/.../checkins/{day}`` when there is a network: a day's check-in
is stored whole, so a sync sent twice stores it once. The service worker serves the page from
its cache when offline. Without JavaScript the form posts here.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runstrong.domain.checkin import SORENESS_REGIONS, Checkin
from runstrong.errors import RunstrongError, ValidationError
from runstrong.services.athletes import get_athlete
from runstrong.services.checkins import athlete_today, save_checkin
from runstrong.services.readiness import readiness
from runstrong.services.readiness_document import readiness_document
from runstrong.web.deps import StoreDep, WriteAccess
from runstrong.web.errors import status_for
from runstrong.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

REGION_LABELS = {
    "quads": "Quads",
    "hamstrings": "Hamstrings",
    "glutes": "Glutes",
    "calves": "Calves",
    "hips": "Hips",
    "lower_back": "Lower back",
    "feet_shins": "Feet / shins",
    "other": "Other",
}


def _context(store: StoreDep, athlete_id: int, error: str | None = None) -> dict[str, Any]:
    athlete = get_athlete(store, athlete_id)
    state = readiness(store, athlete_id)
    return {
        "athlete": athlete,
        "today": athlete_today(athlete),
        "checkin": state.today,
        "readiness": readiness_document(state),
        "regions": [(r, REGION_LABELS[r]) for r in SORENESS_REGIONS],
        "error": error,
    }


@router.get("/athletes/{athlete_id}/checkin", response_class=HTMLResponse)
def checkin_page(request: Request, access: WriteAccess, store: StoreDep) -> Response:
    context = _context(store, access.athlete_id) | {"role": access.role}
    response = render(request, "checkin.html", context)
    response.headers["Cache-Control"] = "no-cache"
    return response


def _number(form: dict[str, str], key: str) -> float | None:
    text = form.get(key, "").strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValidationError(f"{key.replace('_', ' ')}: {text!r} is not a number") from None


def _whole(form: dict[str, str], key: str) -> int | None:
    value = _number(form, key)
    if value is not None and value != int(value):
        raise ValidationError(f"{key.replace('_', ' ')} must be a whole number")
    return None if value is None else int(value)


@router.post("/athletes/{athlete_id}/checkin", response_class=HTMLResponse)
async def checkin_post(
    request: Request,
    access: WriteAccess,
    store: StoreDep,
    day: Annotated[str, Form(max_length=10)],
) -> Response:
    """The form without JavaScript: store the day's check-in, then back to the page."""
    form = {k: str(v)[:2000] for k, v in (await request.form()).items()}
    try:
        when = date.fromisoformat(day)
    except ValueError:
        return _error(request, store, access.athlete_id, f"invalid date {day!r}")
    try:
        soreness = {
            r: score for r in SORENESS_REGIONS if (score := _whole(form, f"sore_{r}")) is not None
        }
        checkin = Checkin(
            day=when,
            soreness=soreness,
            sleep_h=_number(form, "sleep_h"),
            resting_hr_bpm=_number(form, "resting_hr_bpm"),
            rmssd_ms=_number(form, "rmssd_ms"),
            hrv_source=form.get("hrv_source") or None,
            illness=True if form.get("illness") else None,
            note=form.get("note") or None,
            sleep_quality=_whole(form, "sleep_quality"),
            fatigue=_whole(form, "fatigue"),
            stress=_whole(form, "stress"),
        )
        save_checkin(store, access.athlete_id, checkin)
    except RunstrongError as exc:
        return _error(request, store, access.athlete_id, str(exc), status_for(exc))
    return RedirectResponse(f"/athletes/{access.athlete_id}/checkin?saved=1", status_code=303)


def _error(
    request: Request, store: StoreDep, athlete_id: int, message: str, status: int = 422
) -> Response:
    return render(request, "checkin.html", _context(store, athlete_id, message), status_code=status)
