"""Strength sessions from a watch: name the sets it did not identify, give the session RPE.

Both forms sit on the strength session page (``_watch_prompts.html``) and post here; an error
shows the page again with the message and changes nothing.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from runstrong.domain.models import StrengthSession
from runstrong.errors import RunstrongError, ValidationError
from runstrong.library import load_catalog
from runstrong.library.fit_names import is_unidentified
from runstrong.services.editing import edit_strength_session
from runstrong.services.history import get_strength_session
from runstrong.web.deps import CurrentUser, StoreDep, WriteAccess
from runstrong.web.errors import status_for
from runstrong.web.pages.log_forms import parse_number
from runstrong.web.templating import render

__all__ = ["router", "watch_prompts"]

router = APIRouter(include_in_schema=False)

ItemId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def watch_prompts(session: StrengthSession) -> dict[str, Any]:
    """What the page asks about a session: unidentified sets to name, a missing RPE."""
    unidentified = sum(is_unidentified(item.exercise_slug) for item in session.sets)
    return {
        "unidentified": unidentified,
        "ask_rpe": session.rpe is None,
        "rpe_estimate": session.rpe_estimate,
        "avg_hr": session.avg_hr_bpm,
        "max_hr": session.max_hr_bpm,
        "exercises": [(e.slug, e.name) for e in load_catalog()],
    }


def _done(request: Request, access: WriteAccess, session_id: int) -> Response:
    target = f"/athletes/{access.athlete_id}/strength/{session_id}"
    return RedirectResponse(f"{target}?saved=1", status_code=303)


def _again(
    request: Request,
    session_id: int,
    access: WriteAccess,
    store: StoreDep,
    user: CurrentUser,
    exc: RunstrongError,
) -> Response:
    from runstrong.web.pages.logging import strength_context  # the page this form is on

    context = strength_context(request, session_id, access, store, user)
    context["error"] = str(exc)
    return render(request, "strength_session.html", context, status_code=status_for(exc))


@router.post("/athletes/{athlete_id}/strength/{session_id}/name-unidentified")
def name_unidentified(
    request: Request,
    session_id: ItemId,
    access: WriteAccess,
    store: StoreDep,
    user: CurrentUser,
    exercise: Annotated[str, Form(max_length=120)] = "",
) -> Response:
    try:
        current = get_strength_session(store, access.athlete_id, session_id)
        if any(is_unidentified(item.exercise_slug) for item in current.sets):
            edit_strength_session(
                store, access.athlete_id, session_id, {}, name_unidentified=exercise
            )
        # else: already named (the form sent twice): nothing to do
    except RunstrongError as exc:
        return _again(request, session_id, access, store, user, exc)
    return _done(request, access, session_id)


@router.post("/athletes/{athlete_id}/strength/{session_id}/rpe")
def session_rpe(
    request: Request,
    session_id: ItemId,
    access: WriteAccess,
    store: StoreDep,
    user: CurrentUser,
    rpe: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    try:
        value = parse_number("session RPE", rpe)
        if value is None:
            raise ValidationError("give the session RPE, 0 to 10")
        edit_strength_session(store, access.athlete_id, session_id, {"rpe": value})
    except RunstrongError as exc:
        return _again(request, session_id, access, store, user, exc)
    return _done(request, access, session_id)
