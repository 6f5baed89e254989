"""Pages: the plan as a calendar (week and month), drag or pick a day to move a session, create,
re-plan, approve and export.

Dragging (``static/calendar.js``) calls the JSON API; every change also has a plain form, so the
page works from the keyboard and without JavaScript. Distances, paces and loads are shown in the
athlete's units; "today" is the athlete's, in their time zone.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Annotated, Any, Final

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runstrong.domain.models import EVENT_FOCUSES
from runstrong.domain.plan import PlanRequest, Slot, week_spans
from runstrong.domain.units import RACE_DISTANCES_M
from runstrong.errors import RunstrongError, ValidationError
from runstrong.library import EQUIPMENT
from runstrong.services.access import ALLOWED
from runstrong.services.plan_moves import (
    ExportFormat,
    PlanView,
    move_session,
    plan_choices,
    plan_export_bytes,
    plan_view,
)
from runstrong.services.plans import create_plan, replan_plan
from runstrong.services.sharing import approve_plan
from runstrong.services.week_log import done_sessions
from runstrong.store import Store
from runstrong.web.api.plans import PlanToday, export_response
from runstrong.web.deps import CurrentUser, ReadAccess, ReviewAccess, StoreDep
from runstrong.web.errors import status_for
from runstrong.web.pages.experiment_overlay import calendar_experiment
from runstrong.web.pages.plan_calendar import WEEKDAYS, View, build_calendar, calendar_range
from runstrong.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

_WEEKDAYS: Final = WEEKDAYS
_SLOTS: Final[tuple[Slot, ...]] = ("am", "pm")
_RACES: Final = tuple(r for r in RACE_DISTANCES_M if r not in ("1500", "half-marathon"))
_DONE: Final = {
    "created": "Your plan is ready: it starts today and ends on race day.",
    "moved": "Session moved; the rest of its week was re-planned.",
    "replanned": "Plan updated from your log: the past is kept, the rest re-planned.",
    "approved": "Plan approved.",
}
_DEFAULT_EQUIPMENT: Final = next(f.default for f in fields(PlanRequest) if f.name == "equipment")


def _page(
    request: Request,
    store: Store,
    view: PlanView,
    role: str,
    mode: View = "week",
    start: date | None = None,
    *,
    status: int = 200,
    **context: Any,
) -> Response:
    plan = view.plan
    span = calendar_range(plan, view.today, mode, start)
    done = done_sessions(store, view.athlete, span.first, span.last)
    values: dict[str, Any] = {
        "athlete": view.athlete,
        "plan": plan,
        "approval": view.approval,
        "today": view.today,
        "can_review": role in ALLOWED["review"],
        "calendar": build_calendar(plan, view.athlete.units, view.today, span, done),
        "experiment": calendar_experiment(store, view.athlete.id, plan, span.first, span.last),
        "weeks": week_spans(plan) if plan is not None else (),
        "races": _RACES,
        "focuses": EVENT_FOCUSES,
        "weekday_names": _WEEKDAYS,
        "equipment_names": tuple(e for e in EQUIPMENT if e != "bodyweight"),
        "default_equipment": _DEFAULT_EQUIPMENT,
        "form": {},
        "page_data": {
            "athleteId": view.athlete.id,
            "moveUrl": f"/api/v1/athletes/{view.athlete.id}/plan/sessions/{{id}}/move",
        },
    }
    values.update(context)
    return render(request, "plan.html", values, status_code=status)


def _plan_url(
    athlete_id: int, mode: str, start: date | None, done: str, anchor: str = "", left: int = 0
) -> str:
    query = f"view={mode if mode in ('week', 'month') else 'week'}&done={done}"
    if start is not None:
        query += f"&start={start.isoformat()}"
    if left:
        query += f"&left={left}"
    return f"/athletes/{athlete_id}/plan?{query}{anchor}"


def _flash(done: str | None, left: int) -> str | None:
    text = _DONE.get(done or "")
    if text and left:
        text += (
            f" To keep weekly loads within their limits, {left} later "
            f"session{'s were' if left > 1 else ' was'} left out."
        )
    return text


@router.get("/athletes/{athlete_id}/plan", response_class=HTMLResponse)
def plan_page(
    request: Request,
    access: ReadAccess,
    store: StoreDep,
    user: CurrentUser,
    today: PlanToday,
    view: View = "week",
    start: date | None = None,
    done: Annotated[str | None, Query(max_length=20)] = None,
    left: Annotated[int, Query(ge=0, le=1000)] = 0,
) -> Response:
    found = plan_view(store, user, access.athlete_id, today)
    return _page(request, store, found, access.role, view, start, flash=_flash(done, left))


def _parse_int(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ValidationError(f"{what} must be a whole number, got {text!r}") from None


def _parse_day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"invalid {what} {text!r}: use YYYY-MM-DD") from None


@router.post("/athletes/{athlete_id}/plan")
def plan_create_form(
    request: Request,
    access: ReviewAccess,
    store: StoreDep,
    user: CurrentUser,
    today: PlanToday,
    race: Annotated[str, Form(max_length=40)] = "",
    race_date: Annotated[str, Form(max_length=20)] = "",
    focus: Annotated[str, Form(max_length=20)] = "",
    available_days: Annotated[list[str] | None, Form(max_length=7)] = None,
    long_run_day: Annotated[str, Form(max_length=2)] = "",
    strength_days: Annotated[str, Form(max_length=3)] = "2",
    equipment: Annotated[list[str] | None, Form(max_length=20)] = None,
    two_a_days: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    form = {
        "race": race,
        "race_date": race_date,
        "focus": focus,
        "available_days": available_days or [],
        "long_run_day": long_run_day,
        "strength_days": strength_days,
        "equipment": equipment or [],
        "two_a_days": bool(two_a_days),
    }
    try:
        if not race_date.strip():
            raise ValidationError("the race date is missing: use YYYY-MM-DD")
        choices = plan_choices(
            race,
            _parse_day(race_date, "race date"),
            focus=focus or None,
            # Unticked boxes are not sent: no days ticked means no training days.
            available_days=[_parse_int(d, "a training day") for d in available_days or []],
            long_run_day=_parse_int(long_run_day, "the long-run day") if long_run_day else None,
            strength_days=_parse_int(strength_days, "strength days"),
            equipment=equipment or ["none"],
            two_a_days=bool(two_a_days),
        )
        create_plan(store, access.athlete_id, choices, today=today)
    except RunstrongError as exc:
        found = plan_view(store, user, access.athlete_id, today)
        return _page(
            request, store, found, access.role, status=status_for(exc), error=str(exc), form=form
        )
    return RedirectResponse(_plan_url(access.athlete_id, "week", None, "created"), 303)


@router.post("/athletes/{athlete_id}/plan/move")
def plan_move_form(
    request: Request,
    access: ReviewAccess,
    store: StoreDep,
    user: CurrentUser,
    today: PlanToday,
    session_id: Annotated[str, Form(max_length=12)] = "",
    day: Annotated[str, Form(max_length=20)] = "",
    slot: Annotated[str, Form(max_length=4)] = "",
    view: Annotated[str, Form(max_length=8)] = "week",
    start: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """The form behind each card's "Move…" control (and the way to move without a mouse)."""
    mode: View = "month" if view == "month" else "week"
    try:
        anchor = _parse_day(start, "calendar start") if start else None
    except ValidationError:
        anchor = None
    try:
        if slot not in ("", "am", "pm"):
            raise ValidationError(f"invalid time of day {slot!r}: use am or pm")
        target_slot: Slot | None = "am" if slot == "am" else "pm" if slot == "pm" else None
        target = _parse_day(day, "day") if day.strip() else None
        moved = _parse_int(session_id, "the session id")
        result = move_session(store, access.athlete_id, moved, target, target_slot, today)
    except RunstrongError as exc:
        found = plan_view(store, user, access.athlete_id, today)
        return _page(
            request, store, found, access.role, mode, anchor, status=status_for(exc), error=str(exc)
        )
    url = _plan_url(
        access.athlete_id,
        mode,
        target or anchor,
        "moved",
        f"#session-{moved}",
        left=len(result.left_out),
    )
    return RedirectResponse(url, 303)


@router.post("/athletes/{athlete_id}/plan/replan")
def plan_replan_form(
    request: Request, access: ReviewAccess, store: StoreDep, user: CurrentUser, today: PlanToday
) -> Response:
    """Update the plan from the log: past sessions become done or missed, the rest re-planned."""
    try:
        replan_plan(store, access.athlete_id, today=today)
    except RunstrongError as exc:
        found = plan_view(store, user, access.athlete_id, today)
        return _page(request, store, found, access.role, status=status_for(exc), error=str(exc))
    return RedirectResponse(_plan_url(access.athlete_id, "week", None, "replanned"), 303)


@router.post("/athletes/{athlete_id}/plan/approve")
def plan_approve_form(
    request: Request, access: ReviewAccess, store: StoreDep, user: CurrentUser, today: PlanToday
) -> Response:
    try:
        approve_plan(store, user, access.athlete_id)
    except RunstrongError as exc:
        found = plan_view(store, user, access.athlete_id, today)
        return _page(request, store, found, access.role, status=status_for(exc), error=str(exc))
    return RedirectResponse(_plan_url(access.athlete_id, "week", None, "approved"), 303)


@router.get("/athletes/{athlete_id}/plan/export/{fmt}")
def plan_export_page(fmt: ExportFormat, access: ReadAccess, store: StoreDep) -> Response:
    """The download links of the page: ``ics``, ``pdf`` or ``fit`` (a zip of workouts)."""
    return export_response(plan_export_bytes(store, access.athlete_id, fmt))
