"""Authorization matrix cases for editing and deleting runs, strength sessions, athletes and
accounts: the owner alone writes (a coach gets 403, anyone else 404), any signed-in user may
delete their own account. Deleting the athlete or an account is valid for the owner; the
runner puts deleted users and athletes back with their ids (see ``World.restore``)."""

from __future__ import annotations

from typing import Any

from tests.web.access_cases import AccessCase, Ctx
from tests.web.conftest import PASSWORD

__all__ = ["CASES"]

_ATHLETE = "/athletes/{athlete_id}"
_API = "/api/v1/athletes/{athlete_id}"
_RUN = f"{_ATHLETE}/activities/{{activity_id}}"
_LIFT = f"{_ATHLETE}/strength/{{strength_session_id}}"


def _run_form(_: Ctx) -> dict[str, Any]:
    return {
        "data": {
            "date": "2024-03-02",
            "time": "07:15",
            "distance": "10",
            "duration": "50:00",
            "session_type": "easy",
            "sport": "running",
            "rpe": "5",
        }
    }


def _strength_form(_: Ctx) -> dict[str, Any]:
    return {
        "data": {
            "date": "2024-03-02",
            "time": "18:00",
            "exercise": ["leg-press"],
            "reps": ["6"],
            "load": ["125"],
            "set_rpe": ["8"],
            "side": ["both"],
        }
    }


def _password_json(_: Ctx) -> dict[str, Any]:
    return {"json": {"password": PASSWORD}}


def _password_form(_: Ctx) -> dict[str, Any]:
    return {"data": {"password": PASSWORD}}


CASES: list[AccessCase] = [
    # JSON API
    AccessCase(
        "PATCH", f"{_API}/activities/{{activity_id}}", "write", lambda _: {"json": {"rpe": 6}}
    ),
    AccessCase("DELETE", f"{_API}/activities/{{activity_id}}", "write"),
    AccessCase(
        "PATCH",
        f"{_API}/strength-sessions/{{strength_session_id}}",
        "write",
        lambda _: {"json": {"rpe": 7, "notes": "edited"}},
    ),
    AccessCase("DELETE", f"{_API}/strength-sessions/{{strength_session_id}}", "write"),
    AccessCase("DELETE", _API, "write"),
    AccessCase("DELETE", "/api/v1/me", "user", _password_json),
    # pages
    AccessCase("GET", f"{_RUN}/edit", "write"),
    AccessCase("POST", f"{_RUN}/edit", "write", _run_form),
    AccessCase("GET", f"{_RUN}/delete", "write"),
    AccessCase("POST", f"{_RUN}/delete", "write"),
    AccessCase("GET", f"{_LIFT}/edit", "write"),
    AccessCase("POST", f"{_LIFT}/edit", "write", _strength_form),
    AccessCase("GET", f"{_LIFT}/delete", "write"),
    AccessCase("POST", f"{_LIFT}/delete", "write"),
    AccessCase("POST", "/account/delete", "user", _password_form),
    # a watch's strength session: name its unidentified sets, give the session RPE
    AccessCase(
        "POST", f"{_LIFT}/name-unidentified", "write", lambda _: {"data": {"exercise": "leg-press"}}
    ),
    AccessCase("POST", f"{_LIFT}/rpe", "write", lambda _: {"data": {"rpe": "7"}}),
]
