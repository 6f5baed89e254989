"""The plan routes for the authorization matrix: viewing and exporting need ``read``; creating,
moving, re-planning and approving need ``review`` (the owner or their coach).

Every request stays valid when repeated, whoever ran it before, as long as the runner's
``plan_session_id`` is a *planned session from today on that is not the race* of the owner's
active plan (for example the first such session of a plan made with today's date):

* a move sends no ``day``: the session stays on its day and the planner re-places it in its
  week, which is valid as often as it is asked;
* re-planning with no missed sessions and approving again are repeatable;
* creating a plan replaces the active one, so ``plan_session_id`` no longer belongs to the
  active plan afterwards: the two create cases come last, and their race is ten weeks away.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.web.access_cases import AccessCase, Ctx

__all__ = ["CASES"]

_API = "/api/v1/athletes/{athlete_id}/plan"
_PAGE = "/athletes/{athlete_id}/plan"


def _race_date() -> str:
    # Ten weeks from the server's today: far enough in every time zone, within the 52-week cap.
    return (date.today() + timedelta(weeks=10)).isoformat()


def _move_in_place(ctx: Ctx) -> dict[str, Any]:
    return {"json": {}}


def _move_form(ctx: Ctx) -> dict[str, Any]:
    return {"data": {"session_id": str(ctx.plan_session_id), "day": "", "slot": ""}}


def _create(ctx: Ctx) -> dict[str, Any]:
    return {"json": {"race": "10k", "race_date": _race_date()}}


def _create_form(ctx: Ctx) -> dict[str, Any]:
    return {
        "data": {
            "race": "10k",
            "race_date": _race_date(),
            "available_days": [str(day) for day in range(7)],
            "strength_days": "2",
            "equipment": ["barbell", "box"],
            "two_a_days": "1",
        }
    }


CASES: list[AccessCase] = [
    # read: see and export
    AccessCase("GET", _API, "read"),
    AccessCase("GET", _API + "/export/ics", "read"),
    AccessCase("GET", _API + "/export/pdf", "read"),
    AccessCase("GET", _API + "/export/fit", "read"),
    AccessCase("GET", _PAGE, "read"),
    AccessCase("GET", _PAGE, "read", lambda ctx: {"params": {"view": "month"}}),
    AccessCase("GET", _PAGE + "/export/ics", "read"),
    AccessCase("GET", _PAGE + "/export/fit", "read"),
    AccessCase("GET", _PAGE + "/export/pdf", "read"),
    # review: move, re-plan, approve (owner and coach)
    AccessCase("POST", _API + "/sessions/{plan_session_id}/move", "review", _move_in_place),
    AccessCase("POST", _PAGE + "/move", "review", _move_form),
    AccessCase("POST", _API + "/replan", "review", lambda ctx: {"json": {"missed": []}}),
    AccessCase("POST", _PAGE + "/replan", "review"),
    AccessCase("POST", _API + "/approve", "review"),
    AccessCase("POST", _PAGE + "/approve", "review"),
    # review: a new plan (replaces the active one: keep these last)
    AccessCase("POST", _API, "review", _create),
    AccessCase("POST", _PAGE, "review", _create_form),
]
