"""Pages: the plan as a calendar (week and month), drag or pick a day to move a session, create,
re-plan, approve and export.

Dragging (``static/calendar.js``) calls the JSON API; every change also has a plain form, so the
page works from the keyboard and without JavaScript. Distances, paces and loads are shown in the
athlete's units; "today" is the athlete's, in their time zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Annotated, Any, Final, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runstrong.domain.models import EVENT_FOCUSES, UnitSystem
from runstrong.domain.plan import Plan, PlannedSession, PlanRequest, Slot, week_spans
from runstrong.domain.units import RACE_DISTANCES_M, format_distance
from runstrong.errors import RunstrongError, ValidationError
from runstrong.exports._plan_text import exercise_text, planned_duration_text, step_text
from runstrong.library import EQUIPMENT
from runstrong.services.access import ALLOWED
from runstrong.services.plan_moves import (
    ExportFormat,
    PlanView,
    move_session,
    move_window,
    plan_choices,
    plan_export_bytes,
    plan_view,
)
from runstrong.services.plans import create_plan, replan_plan
from runstrong.services.sharing import approve_plan
from runstrong.web.api.plans import PlanToday, export_response
from runstrong.web.deps import CurrentUser, ReadAccess, ReviewAccess, StoreDep
from runstrong.web.errors import status_for
from runstrong.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

View = Literal["week", "month"]
_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SLOTS: Final[tuple[Slot, ...]] = ("am", "pm")
_RACES: Final = tuple(r for r in RACE_DISTANCES_M if r not in ("1500", "half-marathon"))
_DONE: Final = {
    "created": "Your plan is ready: it starts today and ends on race day.",
    "moved": "Session moved; the rest of its week was re-planned.",
    "replanned": "Plan updated from your log: the past is kept, the rest re-planned.",
    "approved": "Plan approved.",
}
_DEFAULT_EQUIPMENT: Final = next(f.default for f in fields(PlanRequest) if f.name == "equipment")
#: How far the calendar may be paged before or after the plan.
_MARGIN: Final = timedelta(days=366)


@dataclass(frozen=True, slots=True)
class SessionCard:
    """A session as its card shows it, in the athlete's units."""

    session: PlannedSession
    summary: str
    lines: tuple[str, ...]
    window: tuple[date, date] | None


@dataclass(slots=True)
class DayCell:
    day: date
    in_focus: bool
    in_plan: bool
    is_today: bool
    is_race: bool
    slots: dict[Slot, list[SessionCard]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class WeekRow:
    label: str
    cells: tuple[DayCell, ...]


@dataclass(frozen=True, slots=True)
class CalendarView:
    view: View
    title: str
    anchor: date
    weekdays: tuple[str, ...]
    rows: tuple[WeekRow, ...]
    previous: date
    following: date


def _card(plan: Plan, session: PlannedSession, units: UnitSystem, today: date) -> SessionCard:
    parts = [planned_duration_text(session)]
    lines: list[str] = []
    if session.run is not None:
        if session.run.distance_m:
            parts.append(format_distance(session.run.distance_m, units))
        if session.run.description and units == "metric":  # its paces are per km
            lines.append(session.run.description)
        lines += [step_text(step, units) for step in session.run.steps]
    lines += [exercise_text(item, units) for item in session.exercises]
    parts.append(f"load {session.planned_load_au:.0f} AU")
    return SessionCard(session, " · ".join(parts), tuple(lines), move_window(plan, session, today))


def _row_start(day: date, first_weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def _month_bounds(anchor: date) -> tuple[date, date]:
    first = anchor.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def _calendar(view: PlanView, plan: Plan, mode: View, start: date | None) -> CalendarView:
    """Rows of seven days aligned with the plan's weeks (they end on race day's weekday)."""
    request, today = plan.request, view.today
    default = min(max(today, request.start_date), request.race_date)
    anchor = min(max(start or default, request.start_date - _MARGIN), request.race_date + _MARGIN)
    first_weekday = (request.race_date.weekday() + 1) % 7
    if mode == "week":
        first = last = _row_start(anchor, first_weekday)
        previous, following = anchor - timedelta(days=7), anchor + timedelta(days=7)
        focus = (first, first + timedelta(days=6))
        title = f"Week of {first:%a %d %b %Y}"
    else:
        focus = _month_bounds(anchor)
        first, last = _row_start(focus[0], first_weekday), _row_start(focus[1], first_weekday)
        previous = (focus[0] - timedelta(days=1)).replace(day=1)
        following = focus[1] + timedelta(days=1)
        title = f"{anchor:%B %Y}"
    spans = week_spans(plan)
    by_day: dict[date, list[PlannedSession]] = {}
    for session in plan.sessions:
        by_day.setdefault(session.day, []).append(session)
    units = view.athlete.units
    rows = []
    row_start = first
    while row_start <= last:
        days = [row_start + timedelta(days=n) for n in range(7)]
        label = next(
            (
                f"Week {week.index + 1} · {week.phase}" + (" (deload)" if week.deload else "")
                for week, week_first, week_last in spans
                if week_first <= days[-1] and week_last >= days[0]
            ),
            "",
        )
        cells = []
        for day in days:
            cell = DayCell(
                day=day,
                in_focus=focus[0] <= day <= focus[1],
                in_plan=request.start_date <= day <= request.race_date,
                is_today=day == today,
                is_race=day == request.race_date,
            )
            for slot in _SLOTS:
                cell.slots[slot] = [
                    _card(plan, s, units, today) for s in by_day.get(day, []) if s.slot == slot
                ]
            cells.append(cell)
        rows.append(WeekRow(label, tuple(cells)))
        row_start += timedelta(days=7)
    weekdays = tuple(_WEEKDAYS[(first_weekday + n) % 7] for n in range(7))
    return CalendarView(mode, title, anchor, weekdays, tuple(rows), previous, following)


def _page(
    request: Request,
    view: PlanView,
    role: str,
    mode: View = "week",
    start: date | None = None,
    *,
    status: int = 200,
    **context: Any,
) -> Response:
    plan = view.plan
    values: dict[str, Any] = {
        "athlete": view.athlete,
        "plan": plan,
        "approval": view.approval,
        "today": view.today,
        "can_review": role in ALLOWED["review"],
        "calendar": _calendar(view, plan, mode, start) if plan is not None else None,
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
    return _page(request, found, access.role, view, start, flash=_flash(done, left))


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
        return _page(request, found, access.role, status=status_for(exc), error=str(exc), form=form)
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
            request, found, access.role, mode, anchor, status=status_for(exc), error=str(exc)
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
        return _page(request, found, access.role, status=status_for(exc), error=str(exc))
    return RedirectResponse(_plan_url(access.athlete_id, "week", None, "replanned"), 303)


@router.post("/athletes/{athlete_id}/plan/approve")
def plan_approve_form(
    request: Request, access: ReviewAccess, store: StoreDep, user: CurrentUser, today: PlanToday
) -> Response:
    try:
        approve_plan(store, user, access.athlete_id)
    except RunstrongError as exc:
        found = plan_view(store, user, access.athlete_id, today)
        return _page(request, found, access.role, status=status_for(exc), error=str(exc))
    return RedirectResponse(_plan_url(access.athlete_id, "week", None, "approved"), 303)


@router.get("/athletes/{athlete_id}/plan/export/{fmt}")
def plan_export_page(fmt: ExportFormat, access: ReadAccess, store: StoreDep) -> Response:
    """The download links of the page: ``ics``, ``pdf`` or ``fit`` (a zip of workouts)."""
    return export_response(plan_export_bytes(store, access.athlete_id, fmt))
