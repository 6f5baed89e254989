"""Pages: log a run or a strength session (fast on a phone), the history, and each session.

Forms take values in the athlete's units (km or mi, kg or lb) and local time in the athlete's
time zone; pages show them the same way. Everything is converted to SI here, at the edge, and
checked again by the logging services.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runstrong.domain.models import (
    SESSION_TYPES,
    SPORTS,
    Activity,
    Athlete,
    StrengthSession,
)
from runstrong.domain.units import (
    format_distance,
    format_duration,
    format_pace,
)
from runstrong.errors import RunstrongError
from runstrong.library import load_catalog
from runstrong.library.fit_names import is_unidentified
from runstrong.services.activity_detail import activity_detail
from runstrong.services.athletes import get_athlete
from runstrong.services.history import (
    HistoryEntry,
    athlete_time,
    get_strength_session,
    list_history,
)
from runstrong.services.lifts import describe_record, records_set_by
from runstrong.services.logging import log_activity, log_strength_session
from runstrong.services.multisport import events_with_legs
from runstrong.services.prefill import strength_prefill
from runstrong.services.sharing import MAX_COMMENT_LENGTH, list_comments
from runstrong.web.api.strength import exercise_name
from runstrong.web.deps import CurrentUser, ReadAccess, StoreDep, WriteAccess
from runstrong.web.errors import status_for
from runstrong.web.pages.activity_view import activity_context
from runstrong.web.pages.lifts import next_loads_view
from runstrong.web.pages.log_forms import (
    RunForm,
    StrengthForm,
    activity_from,
    imperial,
    load_text,
    session_from,
    set_row,
)
from runstrong.web.pages.multisport_view import annotate_events
from runstrong.web.pages.watch_strength import watch_prompts
from runstrong.web.templating import render
from runstrong.web.vendor import plotly_url

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

ItemId = Annotated[int, Path(ge=1, le=2**31 - 1)]
_HISTORY_PAGE = 25
_BLANK_ROWS = 3


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
        # warm-ups are not prefilled: the form has no warm-up flag and would log them as work
        rows = (
            [set_row(s, athlete) for s in last.sets if s.exercise_slug in known and not s.warmup]
            if last
            else []
        )
        rows += [{"exercise": "", "reps": "", "load": "", "rpe": "", "side": "both"}] * (
            _BLANK_ROWS if not rows else 1
        )
    last_loads = {
        slug: {
            "date": athlete_time(loads.started_at, athlete.timezone).date().isoformat(),
            "sets": [set_row(s, athlete) for s in loads.sets if not s.warmup],
        }
        for slug, loads in prefill.last_loads.items()
    }
    context = {
        "athlete": athlete,
        "load_unit": "lb" if imperial(athlete) else "kg",
        "distance_unit": "mi" if imperial(athlete) else "km",
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
        **next_loads_view(store, athlete),
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
    unit = "lb" if imperial(athlete) else "kg"
    return {
        "title": "Strength session",
        "exercises": names,
        "set_count": len(session.sets),
        "top_load": f"{load_text(top, athlete)} {unit}" if top else None,
        "volume": f"{load_text(sum(s.reps * s.load_kg for s in session.sets), athlete)} {unit}",
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
        stored = log_activity(store, access.athlete_id, activity_from(form, athlete))
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
        stored = log_strength_session(store, access.athlete_id, session_from(form, athlete))
    except RunstrongError as exc:
        rows = form.rows() or [{"exercise": "", "reps": "", "load": "", "rpe": "", "side": "both"}]
        values = form.model_dump(exclude={"exercise", "reps", "load", "set_rpe", "side", "kind"})
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
    events = events_with_legs(store, access.athlete_id, [e.event_id for e in listing.items])
    lines = annotate_events(lines, listing.items, events, athlete)
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
    detail = activity_detail(store, access.athlete_id, activity_id)
    athlete, activity = detail.athlete, detail.activity
    context = {
        "athlete": athlete,
        "activity": activity,
        "view": _activity_view(activity, athlete),
        **activity_context(detail),
        "plotly_url": plotly_url(),
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
    context = strength_context(request, session_id, access, store, user)
    context["flash"] = "Saved." if saved else None
    return render(request, "strength_session.html", context)


def strength_context(
    request: Request, session_id: int, access: ReadAccess, store: StoreDep, user: CurrentUser
) -> dict[str, Any]:
    """What the strength session page shows (also re-shown with an error by its forms)."""
    athlete = get_athlete(store, access.athlete_id)
    session = get_strength_session(store, access.athlete_id, session_id)
    unit = "lb" if imperial(athlete) else "kg"
    sets = [
        {
            **set_row(item, athlete),
            "name": exercise_name(item.exercise_slug),
            "unit": unit,
            "known": item.exercise_slug in load_catalog(),
            "warmup": item.warmup,
            "hold": format_duration(item.duration_s) if item.duration_s is not None else None,
            "rest": format_duration(item.rest_s) if item.rest_s is not None else "",
            "unidentified": is_unidentified(item.exercise_slug),
        }
        for item in session.sets
    ]
    context = {
        "athlete": athlete,
        "session": session,
        "sets": sets,
        "view": _session_view(session, athlete),
        "role": access.role,
        "here": f"/athletes/{access.athlete_id}/strength/{session_id}",
        "watch": watch_prompts(session),
        "session_exercises": list(
            dict.fromkeys((s.exercise_slug, exercise_name(s.exercise_slug)) for s in session.sets)
        ),
        "records": [
            describe_record(r, athlete.units)
            for r in records_set_by(store, access.athlete_id, session_id)
        ],
        **_comments(store, user, access.athlete_id, "strength_session", session_id),
    }
    return context
