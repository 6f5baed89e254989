"""Pages: log a run or a strength session (fast on a phone), the history, and each session.

Forms take values in the athlete's units (km or mi, kg or lb) and local time in the athlete's
time zone; pages show them the same way. Everything is converted to SI here, at the edge, and
checked again by the logging services.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time
from itertools import zip_longest
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from runstrong.domain.models import (
    SESSION_TYPES,
    SPORTS,
    Activity,
    Athlete,
    StrengthSession,
    StrengthSet,
)
from runstrong.domain.units import (
    METRES_PER_MILE,
    format_distance,
    format_duration,
    format_pace,
    kg_to_lb,
    lb_to_kg,
    parse_duration,
)
from runstrong.errors import RunstrongError, ValidationError
from runstrong.library import load_catalog
from runstrong.services.athletes import get_athlete
from runstrong.services.history import (
    HistoryEntry,
    athlete_time,
    get_activity,
    get_strength_session,
    list_history,
)
from runstrong.services.logging import log_activity, log_strength_session
from runstrong.services.prefill import SetEntry, sets_from_entries, strength_prefill
from runstrong.services.sharing import MAX_COMMENT_LENGTH, list_comments
from runstrong.web.api.strength import exercise_name
from runstrong.web.deps import CurrentUser, ReadAccess, StoreDep, WriteAccess
from runstrong.web.errors import status_for
from runstrong.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

ItemId = Annotated[int, Path(ge=1, le=2**31 - 1)]
_HISTORY_PAGE = 25
_BLANK_ROWS = 3
_MAX_ROWS = 300
_Text = Annotated[str, Field(max_length=40)]


class RunForm(BaseModel):
    date: _Text = ""
    time: _Text = ""
    sport: _Text = "running"
    session_type: _Text = ""
    distance: _Text = ""
    duration: _Text = ""
    avg_hr: _Text = ""
    max_hr: _Text = ""
    rpe: _Text = ""
    name: Annotated[str, Field(max_length=200)] = ""
    notes: Annotated[str, Field(max_length=5000)] = ""
    pain: _Text = ""
    pain_location: Annotated[str, Field(max_length=80)] = ""


class StrengthForm(BaseModel):
    date: _Text = ""
    time: _Text = ""
    duration_min: _Text = ""
    rpe: _Text = ""
    machine: Annotated[str, Field(max_length=120)] = ""
    notes: Annotated[str, Field(max_length=5000)] = ""
    pain: _Text = ""
    pain_location: Annotated[str, Field(max_length=80)] = ""
    exercise: Annotated[list[_Text], Field(max_length=_MAX_ROWS)] = []
    reps: Annotated[list[_Text], Field(max_length=_MAX_ROWS)] = []
    load: Annotated[list[_Text], Field(max_length=_MAX_ROWS)] = []
    set_rpe: Annotated[list[_Text], Field(max_length=_MAX_ROWS)] = []
    side: Annotated[list[_Text], Field(max_length=_MAX_ROWS)] = []

    def rows(self) -> list[dict[str, str]]:
        columns = (self.exercise, self.reps, self.load, self.set_rpe, self.side)
        keys = ("exercise", "reps", "load", "rpe", "side")
        return [dict(zip(keys, row, strict=True)) for row in zip_longest(*columns, fillvalue="")]


# -- units at the edge ------------------------------------------------------------------------


def _imperial(athlete: Athlete) -> bool:
    return athlete.units == "imperial"


def _number(label: str, text: str, *, whole: bool = False) -> float | None:
    """A number typed into a form (a decimal comma is fine); ``None`` when left empty."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise ValidationError(f"{label}: {text.strip()!r} is not a number") from None
    if not math.isfinite(value):
        raise ValidationError(f"{label}: {text.strip()!r} is not a number")
    if whole and value != int(value):
        raise ValidationError(f"{label}: {text.strip()!r} is not a whole number")
    if value < 0:
        raise ValidationError(f"{label} cannot be negative, got {text.strip()}")
    return value


def _start(day_text: str, clock_text: str, athlete: Athlete) -> datetime:
    today = athlete_time(datetime.now(UTC), athlete.timezone).date()
    try:
        day = date.fromisoformat(day_text.strip()) if day_text.strip() else today
    except ValueError:
        raise ValidationError(f"date: {day_text.strip()!r} is not a date; use YYYY-MM-DD") from None
    try:
        clock = time.fromisoformat(clock_text.strip()) if clock_text.strip() else time(7, 0)
    except ValueError:
        raise ValidationError(f"time: {clock_text.strip()!r} is not a time; use HH:MM") from None
    return athlete_time(datetime.combine(day, clock.replace(tzinfo=None)), athlete.timezone)


def _load_kg(text: str, athlete: Athlete) -> float:
    value = _number("load", text) or 0.0
    return lb_to_kg(value) if _imperial(athlete) else value


def _load_text(load_kg: float, athlete: Athlete) -> str:
    """A load as typed into the form in the athlete's unit: ``140``, ``102.5``, ``308.6``."""
    value = kg_to_lb(load_kg) if _imperial(athlete) else load_kg
    return f"{round(value, 1):g}"


def _activity_from(form: RunForm, athlete: Athlete) -> Activity:
    distance = _number("distance", form.distance)
    distance_m = None
    if distance is not None:
        distance_m = distance * (METRES_PER_MILE if _imperial(athlete) else 1000.0)
    if not form.duration.strip():
        raise ValidationError("duration: give the moving time, e.g. 45:00 or 1:05:30")
    duration_s = parse_duration(form.duration)
    if form.sport not in SPORTS:
        raise ValidationError(f"unknown sport {form.sport!r}: choose one from the list")
    return Activity(
        started_at=_start(form.date, form.time, athlete),
        sport=form.sport,  # type: ignore[arg-type]
        session_type=form.session_type or None,  # type: ignore[arg-type]
        distance_m=distance_m,
        moving_time_s=duration_s,
        elapsed_time_s=duration_s,
        avg_hr_bpm=_number("average heart rate", form.avg_hr),
        max_hr_bpm=_number("maximum heart rate", form.max_hr),
        rpe=_number("RPE", form.rpe),
        name=form.name.strip() or None,
        notes=form.notes.strip() or None,
        pain_score=_number("pain", form.pain),
        pain_location=form.pain_location.strip() or None,
    )


def _session_from(form: StrengthForm, athlete: Athlete) -> StrengthSession:
    entries: list[SetEntry] = []
    for number, row in enumerate(form.rows(), 1):
        if not row["exercise"].strip():
            continue  # an empty row, or one cleared to drop it
        try:
            reps = _number("reps", row["reps"], whole=True)
            if reps is None:
                raise ValidationError("give the number of reps")
            entry = SetEntry(
                exercise=row["exercise"],
                reps=int(reps),
                load_kg=_load_kg(row["load"], athlete),
                rpe=_number("RPE", row["rpe"]),
                side=row["side"] or "both",
            )
        except ValidationError as exc:
            raise ValidationError(f"set {number}: {exc}") from None
        entries.append(entry)
    minutes = _number("duration", form.duration_min)
    return StrengthSession(
        started_at=_start(form.date, form.time, athlete),
        sets=sets_from_entries(entries),
        duration_s=minutes * 60 if minutes is not None else None,
        rpe=_number("session RPE", form.rpe),
        machine=form.machine.strip() or None,
        notes=form.notes.strip() or None,
        pain_score=_number("pain", form.pain),
        pain_location=form.pain_location.strip() or None,
    )


# -- views ------------------------------------------------------------------------------------


def _set_row(item: StrengthSet, athlete: Athlete) -> dict[str, str]:
    rpe = f"{item.rpe:g}" if item.rpe is not None else ""
    return {
        "exercise": item.exercise_slug,
        "reps": str(item.reps),
        "load": _load_text(item.load_kg, athlete),
        "rpe": rpe,
        "side": item.side,
    }


def _log_page(
    request: Request,
    store: StoreDep,
    athlete: Athlete,
    *,
    run: dict[str, Any] | None = None,
    strength: dict[str, Any] | None = None,
    rows: list[dict[str, str]] | None = None,
    error: str | None = None,
    failed: str | None = None,
    status: int = 200,
) -> Response:
    assert athlete.id is not None
    prefill = strength_prefill(store, athlete.id)
    now = athlete_time(datetime.now(UTC), athlete.timezone)
    when = {"date": now.date().isoformat(), "time": now.strftime("%H:%M")}
    if rows is None:
        last = prefill.last_session
        known = load_catalog()
        rows = [_set_row(s, athlete) for s in last.sets if s.exercise_slug in known] if last else []
        rows += [{"exercise": "", "reps": "", "load": "", "rpe": "", "side": "both"}] * (
            _BLANK_ROWS if not rows else 1
        )
    last_loads = {
        slug: {
            "date": athlete_time(loads.started_at, athlete.timezone).date().isoformat(),
            "sets": [_set_row(s, athlete) for s in loads.sets],
        }
        for slug, loads in prefill.last_loads.items()
    }
    context = {
        "athlete": athlete,
        "load_unit": "lb" if _imperial(athlete) else "kg",
        "distance_unit": "mi" if _imperial(athlete) else "km",
        "run": {**when, "sport": "running", "session_type": "easy", **(run or {})},
        "strength": {**when, **(strength or {})},
        "rows": rows,
        "sports": SPORTS,
        "session_types": SESSION_TYPES,
        "exercises": sorted(load_catalog(), key=lambda e: e.name),
        "last_session": prefill.last_session,
        "last_loads": last_loads,
        "form_error": error,
        "failed": failed,
    }
    return render(request, "log.html", context, status_code=status)


def _activity_view(activity: Activity, athlete: Athlete) -> dict[str, Any]:
    pace = None
    if activity.is_run and activity.distance_m:
        pace = format_pace(activity.moving_time_s / (activity.distance_m / 1000), athlete.units)
    sport = activity.sport.replace("_", " ").capitalize()
    kind = f"{activity.session_type.capitalize()} run" if activity.session_type else "Run"
    return {
        "title": activity.name or (kind if activity.is_run else sport),
        "distance": format_distance(activity.distance_m, athlete.units)
        if activity.distance_m
        else None,
        "duration": format_duration(activity.moving_time_s),
        "pace": pace,
    }


def _session_view(session: StrengthSession, athlete: Athlete) -> dict[str, Any]:
    names = list(dict.fromkeys(exercise_name(s.exercise_slug) for s in session.sets))
    top = max((s.load_kg for s in session.sets), default=0.0)
    unit = "lb" if _imperial(athlete) else "kg"
    return {
        "title": "Strength session",
        "exercises": names,
        "set_count": len(session.sets),
        "top_load": f"{_load_text(top, athlete)} {unit}" if top else None,
        "volume": f"{_load_text(sum(s.reps * s.load_kg for s in session.sets), athlete)} {unit}",
        "duration": format_duration(session.duration_s) if session.duration_s else None,
    }


def _history_line(entry: HistoryEntry, athlete: Athlete) -> dict[str, Any]:
    if entry.activity is not None:
        view = _activity_view(entry.activity, athlete)
        parts = [view["distance"], view["duration"], view["pace"]]
        href = f"/athletes/{athlete.id}/activities/{entry.id}"
        notes, pain = entry.activity.notes, entry.activity.pain_score
    else:
        assert entry.strength_session is not None
        view = _session_view(entry.strength_session, athlete)
        sets = f"{view['set_count']} set{'s' if view['set_count'] != 1 else ''}"
        parts = [
            sets,
            ", ".join(view["exercises"][:3]),
            view["top_load"] and f"top {view['top_load']}",
        ]
        href = f"/athletes/{athlete.id}/strength/{entry.id}"
        notes, pain = entry.strength_session.notes, entry.strength_session.pain_score
    return {
        "kind": entry.kind,
        "href": href,
        "title": view["title"],
        "started_at": entry.started_at,
        "summary": " · ".join(p for p in parts if p),
        "notes": notes,
        "pain": pain,
    }


# -- routes -----------------------------------------------------------------------------------


@router.get("/athletes/{athlete_id}/log", response_class=HTMLResponse)
def log_page(request: Request, access: WriteAccess, store: StoreDep) -> Response:
    return _log_page(request, store, get_athlete(store, access.athlete_id))


@router.post("/athletes/{athlete_id}/log/run")
def log_run(
    request: Request, access: WriteAccess, store: StoreDep, form: Annotated[RunForm, Form()]
) -> Response:
    athlete = get_athlete(store, access.athlete_id)
    try:
        stored = log_activity(store, access.athlete_id, _activity_from(form, athlete))
    except RunstrongError as exc:
        return _log_page(
            request,
            store,
            athlete,
            run=form.model_dump(),
            error=str(exc),
            failed="run",
            status=status_for(exc),
        )
    target = f"/athletes/{access.athlete_id}/activities/{stored.id}?saved=1"
    return RedirectResponse(target, status_code=303)


@router.post("/athletes/{athlete_id}/log/strength")
def log_strength(
    request: Request, access: WriteAccess, store: StoreDep, form: Annotated[StrengthForm, Form()]
) -> Response:
    athlete = get_athlete(store, access.athlete_id)
    try:
        stored = log_strength_session(store, access.athlete_id, _session_from(form, athlete))
    except RunstrongError as exc:
        rows = form.rows() or [{"exercise": "", "reps": "", "load": "", "rpe": "", "side": "both"}]
        values = form.model_dump(exclude={"exercise", "reps", "load", "set_rpe", "side"})
        return _log_page(
            request,
            store,
            athlete,
            strength=values,
            rows=rows,
            error=str(exc),
            failed="strength",
            status=status_for(exc),
        )
    target = f"/athletes/{access.athlete_id}/strength/{stored.id}?saved=1"
    return RedirectResponse(target, status_code=303)


@router.get("/athletes/{athlete_id}/history", response_class=HTMLResponse)
def history_page(
    request: Request,
    access: ReadAccess,
    store: StoreDep,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    athlete = get_athlete(store, access.athlete_id)
    listing = list_history(store, access.athlete_id, limit=_HISTORY_PAGE, offset=offset)
    lines = [_history_line(entry, athlete) for entry in listing.items]
    context = {"athlete": athlete, "listing": listing, "lines": lines, "role": access.role}
    return render(request, "history.html", context)


def _comments(
    store: StoreDep, user: CurrentUser, athlete_id: int, subject: str, subject_id: int
) -> dict[str, Any]:
    comments, total = list_comments(
        store, user, athlete_id, subject=subject, subject_id=subject_id, limit=200
    )
    return {
        "comments": comments,
        "comment_total": total,
        "subject": subject,
        "subject_id": subject_id,
        "comment_max": MAX_COMMENT_LENGTH,
    }


@router.get("/athletes/{athlete_id}/activities/{activity_id}", response_class=HTMLResponse)
def activity_page(
    request: Request,
    activity_id: ItemId,
    access: ReadAccess,
    store: StoreDep,
    user: CurrentUser,
    saved: bool = False,
) -> Response:
    athlete = get_athlete(store, access.athlete_id)
    activity = get_activity(store, access.athlete_id, activity_id)
    context = {
        "athlete": athlete,
        "activity": activity,
        "view": _activity_view(activity, athlete),
        "role": access.role,
        "flash": "Saved." if saved else None,
        "here": request.url.path,
        **_comments(store, user, access.athlete_id, "activity", activity_id),
    }
    return render(request, "activity.html", context)


@router.get("/athletes/{athlete_id}/strength/{session_id}", response_class=HTMLResponse)
def strength_page(
    request: Request,
    session_id: ItemId,
    access: ReadAccess,
    store: StoreDep,
    user: CurrentUser,
    saved: bool = False,
) -> Response:
    athlete = get_athlete(store, access.athlete_id)
    session = get_strength_session(store, access.athlete_id, session_id)
    unit = "lb" if _imperial(athlete) else "kg"
    sets = [
        {
            **_set_row(item, athlete),
            "name": exercise_name(item.exercise_slug),
            "unit": unit,
            "known": item.exercise_slug in load_catalog(),
        }
        for item in session.sets
    ]
    context = {
        "athlete": athlete,
        "session": session,
        "sets": sets,
        "view": _session_view(session, athlete),
        "role": access.role,
        "flash": "Saved." if saved else None,
        "here": request.url.path,
        **_comments(store, user, access.athlete_id, "strength_session", session_id),
    }
    return render(request, "strength_session.html", context)
