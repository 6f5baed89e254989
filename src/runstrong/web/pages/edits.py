"""Pages: edit or delete a run or a strength session (owner only), and delete your account.

The edit forms are the log forms, prefilled with what is stored (a single-leg exercise keeps
one row per side). Only what the athlete changed on the form is saved as an edit: a field whose
text is as it was prefilled keeps its stored value (an imported distance keeps its full
precision). Deleting asks first, on a page of its own.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runstrong.domain.models import (
    SESSION_TYPES,
    SPORTS,
    Activity,
    Athlete,
    StrengthSession,
    StrengthSet,
)
from runstrong.domain.set_edits import SetChanges
from runstrong.domain.units import METRES_PER_MILE, format_duration
from runstrong.errors import RunstrongError, ValidationError
from runstrong.library import load_catalog
from runstrong.services.athletes import get_athlete
from runstrong.services.editing import (
    delete_activity,
    delete_strength_session,
    edit_activity,
    edit_strength_session,
)
from runstrong.services.history import athlete_time, get_activity, get_strength_session
from runstrong.services.removal import delete_account
from runstrong.web.api.strength import exercise_name
from runstrong.web.deps import CurrentPrincipal, StoreDep, WriteAccess
from runstrong.web.errors import status_for
from runstrong.web.pages.log_forms import (
    RunForm,
    StrengthForm,
    activity_from,
    imperial,
    local_start,
    parse_number,
    row_entry,
    session_from,
    set_row,
)
from runstrong.web.security import SESSION_COOKIE
from runstrong.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

ItemId = Annotated[int, Path(ge=1, le=2**31 - 1)]
_BLANK = {"exercise": "", "reps": "", "load": "", "rpe": "", "side": "both", "kind": "work"}


def _number(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{round(value, digits):g}"


# -- runs ---------------------------------------------------------------------------------------


def run_values(activity: Activity, athlete: Athlete) -> dict[str, str]:
    """The run form's fields as the edit form shows them."""
    local = athlete_time(activity.started_at, athlete.timezone)
    distance = None
    if activity.distance_m is not None:
        distance = activity.distance_m / (METRES_PER_MILE if imperial(athlete) else 1000.0)
    return {
        "date": local.date().isoformat(),
        "time": local.strftime("%H:%M"),
        "sport": activity.sport,
        "session_type": activity.session_type or "",
        "distance": _number(distance, 2),
        "duration": format_duration(activity.moving_time_s),
        "avg_hr": _number(activity.avg_hr_bpm, 0),
        "max_hr": _number(activity.max_hr_bpm, 0),
        "rpe": _number(activity.rpe, 1),
        "name": activity.name or "",
        "notes": activity.notes or "",
        "pain": _number(activity.pain_score, 1),
        "pain_location": activity.pain_location or "",
    }


#: Which stored fields each run-form field sets.
_RUN_FIELDS: dict[str, tuple[str, ...]] = {
    "date": ("started_at",),
    "time": ("started_at",),
    "sport": ("sport",),
    "session_type": ("session_type",),
    "distance": ("distance_m",),
    "duration": ("moving_time_s",),
    "avg_hr": ("avg_hr_bpm",),
    "max_hr": ("max_hr_bpm",),
    "rpe": ("rpe",),
    "name": ("name",),
    "notes": ("notes",),
    "pain": ("pain_score",),
    "pain_location": ("pain_location",),
}


def run_changes(form: RunForm, current: Activity, athlete: Athlete) -> dict[str, object]:
    """The stored fields the form changed, with their new values."""
    before = run_values(current, athlete)
    after = form.model_dump()
    edited = activity_from(form, athlete)
    changes: dict[str, object] = {}
    for name, fields in _RUN_FIELDS.items():
        if str(after[name]).strip() != before[name].strip():
            changes.update({field: getattr(edited, field) for field in fields})
    return changes


def _run_page(
    request: Request,
    athlete: Athlete,
    activity: Activity,
    values: dict[str, Any],
    *,
    error: str | None = None,
    status: int = 200,
) -> Response:
    context = {
        "athlete": athlete,
        "activity": activity,
        "run": values,
        "sports": SPORTS,
        "session_types": SESSION_TYPES,
        "distance_unit": "mi" if imperial(athlete) else "km",
        "form_error": error,
        "back": f"/athletes/{athlete.id}/activities/{activity.id}",
    }
    return render(request, "activity_edit.html", context, status_code=status)


@router.get("/athletes/{athlete_id}/activities/{activity_id}/edit", response_class=HTMLResponse)
def activity_edit_page(
    request: Request, activity_id: ItemId, access: WriteAccess, store: StoreDep
) -> Response:
    athlete = get_athlete(store, access.athlete_id)
    activity = get_activity(store, access.athlete_id, activity_id)
    return _run_page(request, athlete, activity, run_values(activity, athlete))


@router.post("/athletes/{athlete_id}/activities/{activity_id}/edit")
def activity_edit(
    request: Request,
    activity_id: ItemId,
    access: WriteAccess,
    store: StoreDep,
    form: Annotated[RunForm, Form()],
) -> Response:
    athlete = get_athlete(store, access.athlete_id)
    current = get_activity(store, access.athlete_id, activity_id)
    target = f"/athletes/{access.athlete_id}/activities/{activity_id}"
    try:
        changes = run_changes(form, current, athlete)
        if changes:
            edit_activity(store, access.athlete_id, activity_id, changes)
    except RunstrongError as exc:
        values = form.model_dump()
        return _run_page(request, athlete, current, values, error=str(exc), status=status_for(exc))
    return RedirectResponse(f"{target}?saved=1", status_code=303)


# -- strength sessions ----------------------------------------------------------------------


def strength_values(session: StrengthSession, athlete: Athlete) -> dict[str, str]:
    local = athlete_time(session.started_at, athlete.timezone)
    return {
        "date": local.date().isoformat(),
        "time": local.strftime("%H:%M"),
        "duration_min": _number(session.duration_s / 60 if session.duration_s else None, 1),
        "rpe": _number(session.rpe, 1),
        "machine": session.machine or "",
        "notes": session.notes or "",
        "pain": _number(session.pain_score, 1),
        "pain_location": session.pain_location or "",
    }


_STRENGTH_FIELDS: dict[str, str] = {
    "date": "started_at",
    "time": "started_at",
    "duration_min": "duration_s",
    "rpe": "rpe",
    "machine": "machine",
    "notes": "notes",
    "pain": "pain_score",
    "pain_location": "pain_location",
}


def _filled(rows: list[dict[str, str]]) -> list[tuple[str, ...]]:
    keys = ("exercise", "reps", "load", "rpe", "side", "kind")
    return [
        tuple(str(row.get(k, "")).strip().replace(",", ".").lower() or _BLANK[k] for k in keys)
        for row in rows
        if row["exercise"].strip()
    ]


def _sets_from_rows(form: StrengthForm, athlete: Athlete) -> SetChanges:
    """All the form's sets; exercises imported without a library match are kept as they are."""
    rows = form.rows()
    known = [row for row in rows if not row["exercise"].startswith("unknown:")]
    if len(known) == len(rows):
        return SetChanges(replace_all=session_from(form, athlete).sets)
    library = session_from(form.model_copy(update=_columns(known)), athlete).sets if known else ()
    sets: list[StrengthSet] = []
    taken = iter(library)
    for number, row in enumerate(rows, 1):
        if not row["exercise"].strip():
            continue
        if not row["exercise"].startswith("unknown:"):
            sets.append(next(taken))
            continue
        entry = row_entry(number, row, athlete)
        if entry.reps < 1:
            raise ValidationError(f"set {number}: give the number of reps")
        sets.append(
            StrengthSet(
                row["exercise"],
                entry.reps,
                entry.load_kg,
                entry.rpe,
                warmup=entry.warmup,
                duration_s=entry.duration_s,
            )
        )
    return SetChanges(replace_all=tuple(sets))


def _columns(rows: list[dict[str, str]]) -> dict[str, list[str]]:
    return {
        "exercise": [r["exercise"] for r in rows],
        "reps": [r["reps"] for r in rows],
        "load": [r["load"] for r in rows],
        "set_rpe": [r["rpe"] for r in rows],
        "side": [r["side"] for r in rows],
        "kind": [r["kind"] for r in rows],
    }


def _session_fields(form: StrengthForm, athlete: Athlete) -> dict[str, object]:
    """The session's own fields from the form (the sets are read separately)."""
    minutes = parse_number("duration", form.duration_min)
    return {
        "started_at": local_start(form.date, form.time, athlete),
        "duration_s": minutes * 60 if minutes is not None else None,
        "rpe": parse_number("session RPE", form.rpe),
        "machine": form.machine.strip() or None,
        "notes": form.notes.strip() or None,
        "pain_score": parse_number("pain", form.pain),
        "pain_location": form.pain_location.strip() or None,
    }


def strength_changes(
    form: StrengthForm, current: StrengthSession, athlete: Athlete
) -> tuple[dict[str, object], SetChanges | None]:
    before = strength_values(current, athlete)
    after = form.model_dump()
    edited = _session_fields(form, athlete)
    changes: dict[str, object] = {}
    for name, field in _STRENGTH_FIELDS.items():
        if str(after[name]).strip() != before[name].strip():
            changes[field] = edited[field]
    rows_before = _filled([set_row(s, athlete) for s in current.sets])
    set_changes = None
    if _filled(form.rows()) != rows_before:
        set_changes = _sets_from_rows(form, athlete)
    return changes, set_changes


def _strength_page(
    request: Request,
    athlete: Athlete,
    session: StrengthSession,
    values: dict[str, Any],
    rows: list[dict[str, str]],
    *,
    error: str | None = None,
    status: int = 200,
) -> Response:
    catalog = load_catalog()
    unknown = sorted(
        {r["exercise"] for r in rows if r["exercise"] and r["exercise"] not in catalog}
    )
    context = {
        "athlete": athlete,
        "session": session,
        "strength": values,
        "rows": [*rows, dict(_BLANK)],
        "exercises": sorted(catalog, key=lambda e: e.name),
        "unknown_exercises": [(slug, exercise_name(slug)) for slug in unknown],
        "load_unit": "lb" if imperial(athlete) else "kg",
        "last_loads": {},
        "form_error": error,
        "back": f"/athletes/{athlete.id}/strength/{session.id}",
    }
    return render(request, "strength_edit.html", context, status_code=status)


@router.get("/athletes/{athlete_id}/strength/{session_id}/edit", response_class=HTMLResponse)
def strength_edit_page(
    request: Request, session_id: ItemId, access: WriteAccess, store: StoreDep
) -> Response:
    athlete = get_athlete(store, access.athlete_id)
    session = get_strength_session(store, access.athlete_id, session_id)
    rows = [set_row(s, athlete) for s in session.sets]
    return _strength_page(request, athlete, session, strength_values(session, athlete), rows)


@router.post("/athletes/{athlete_id}/strength/{session_id}/edit")
def strength_edit(
    request: Request,
    session_id: ItemId,
    access: WriteAccess,
    store: StoreDep,
    form: Annotated[StrengthForm, Form()],
) -> Response:
    athlete = get_athlete(store, access.athlete_id)
    current = get_strength_session(store, access.athlete_id, session_id)
    target = f"/athletes/{access.athlete_id}/strength/{session_id}"
    try:
        changes, set_changes = strength_changes(form, current, athlete)
        if changes or set_changes is not None:
            edit_strength_session(store, access.athlete_id, session_id, changes, set_changes)
    except RunstrongError as exc:
        values = form.model_dump(exclude={"exercise", "reps", "load", "set_rpe", "side", "kind"})
        rows = [r for r in form.rows() if r["exercise"].strip()]
        return _strength_page(
            request, athlete, current, values, rows, error=str(exc), status=status_for(exc)
        )
    return RedirectResponse(f"{target}?saved=1", status_code=303)


# -- deleting ---------------------------------------------------------------------------------


def _confirm_page(
    request: Request, athlete: Athlete, kind: str, what: str, action: str, back: str
) -> Response:
    context = {"athlete": athlete, "kind": kind, "what": what, "action": action, "back": back}
    return render(request, "confirm_delete.html", context)


@router.get("/athletes/{athlete_id}/activities/{activity_id}/delete", response_class=HTMLResponse)
def activity_delete_page(
    request: Request, activity_id: ItemId, access: WriteAccess, store: StoreDep
) -> Response:
    athlete = get_athlete(store, access.athlete_id)
    activity = get_activity(store, access.athlete_id, activity_id)
    when = athlete_time(activity.started_at, athlete.timezone).strftime("%Y-%m-%d %H:%M")
    values = run_values(activity, athlete)
    distance = (
        f"{values['distance']} {'mi' if imperial(athlete) else 'km'}, "
        if values["distance"]
        else ""
    )
    noun = "run" if activity.is_run else activity.sport.replace("_", " ")
    what = f"the {noun} of {when} ({distance}{values['duration']})"
    base = f"/athletes/{athlete.id}/activities/{activity_id}"
    return _confirm_page(request, athlete, "run", what, f"{base}/delete", base)


@router.post("/athletes/{athlete_id}/activities/{activity_id}/delete")
def activity_delete(activity_id: ItemId, access: WriteAccess, store: StoreDep) -> Response:
    delete_activity(store, access.athlete_id, activity_id)
    return RedirectResponse(f"/athletes/{access.athlete_id}/history?deleted=run", status_code=303)


@router.get("/athletes/{athlete_id}/strength/{session_id}/delete", response_class=HTMLResponse)
def strength_delete_page(
    request: Request, session_id: ItemId, access: WriteAccess, store: StoreDep
) -> Response:
    athlete = get_athlete(store, access.athlete_id)
    session = get_strength_session(store, access.athlete_id, session_id)
    when = athlete_time(session.started_at, athlete.timezone).strftime("%Y-%m-%d %H:%M")
    count = len(session.sets)
    what = f"the strength session of {when} ({count} set{'s' if count != 1 else ''})"
    base = f"/athletes/{athlete.id}/strength/{session_id}"
    return _confirm_page(request, athlete, "strength session", what, f"{base}/delete", base)


@router.post("/athletes/{athlete_id}/strength/{session_id}/delete")
def strength_delete(session_id: ItemId, access: WriteAccess, store: StoreDep) -> Response:
    delete_strength_session(store, access.athlete_id, session_id)
    target = f"/athletes/{access.athlete_id}/history?deleted=strength"
    return RedirectResponse(target, status_code=303)


@router.post("/account/delete")
def account_delete(
    request: Request,
    store: StoreDep,
    principal: CurrentPrincipal,
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    try:
        removed = delete_account(store, principal.user, password)
    except RunstrongError as exc:
        context = {"error": str(exc)}
        return render(request, "account_delete.html", context, status_code=status_for(exc))
    names = ", ".join(r.name for r in removed)
    done: dict[str, object] = {"principal": None, "removed": names}
    response = render(request, "account_deleted.html", done)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
