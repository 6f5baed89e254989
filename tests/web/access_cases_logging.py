"""Authorization matrix cases for logging, history, imports and the exercise library.

Each request is valid, so the owner gets a 2xx/3xx answer; the runner checks the others get
what ``need`` says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.web.access_cases import AccessCase, Ctx

__all__ = ["CASES"]

_RUN_FIT = Path(__file__).resolve().parents[1] / "data" / "fit" / "run.fit"
_ATHLETE = "/athletes/{athlete_id}"
_API = "/api/v1/athletes/{athlete_id}"


def _run_json(_: Ctx) -> dict[str, Any]:
    return {
        "json": {"started_at": "2024-03-01T07:00:00", "distance_m": 8000, "moving_time_s": 2700}
    }


def _strength_json(_: Ctx) -> dict[str, Any]:
    body = {
        "started_at": "2024-03-01T18:00:00+01:00",
        "sets": [{"exercise": "leg-press", "reps": 6, "load_kg": 120, "rpe": 8}],
        "notes": "knees tracked well",
    }
    return {"json": body}


def _run_form(_: Ctx) -> dict[str, Any]:
    return {
        "data": {
            "date": "2024-03-02",
            "time": "07:15",
            "distance": "10",
            "duration": "50:00",
            "session_type": "easy",
            "sport": "running",
        }
    }


def _strength_form(_: Ctx) -> dict[str, Any]:
    return {
        "data": {
            "date": "2024-03-02",
            "time": "18:00",
            "exercise": ["leg-press"],
            "reps": ["6"],
            "load": ["120"],
            "set_rpe": ["8"],
            "side": ["both"],
        }
    }


def _upload(_: Ctx) -> dict[str, Any]:
    return {"files": [("files", ("run.fit", _RUN_FIT.read_bytes(), "application/octet-stream"))]}


def _upload_form(ctx: Ctx) -> dict[str, Any]:
    return {"data": {}, **_upload(ctx)}


CASES: list[AccessCase] = [
    # JSON API
    AccessCase("GET", f"{_API}/activities", "read"),
    AccessCase("POST", f"{_API}/activities", "write", _run_json),
    AccessCase("GET", f"{_API}/activities/{{activity_id}}", "read"),
    AccessCase("GET", f"{_API}/strength-sessions", "read"),
    AccessCase("POST", f"{_API}/strength-sessions", "write", _strength_json),
    AccessCase("GET", f"{_API}/strength-sessions/last", "read"),
    AccessCase("GET", f"{_API}/strength-sessions/{{strength_session_id}}", "read"),
    AccessCase("POST", f"{_API}/imports", "write", _upload),
    AccessCase("GET", "/api/v1/exercises", "public", lambda _: {"params": {"muscle": "calves"}}),
    AccessCase("GET", "/api/v1/exercises/leg-press", "public"),
    # pages
    AccessCase("GET", f"{_ATHLETE}/log", "write"),
    AccessCase("POST", f"{_ATHLETE}/log/run", "write", _run_form),
    AccessCase("POST", f"{_ATHLETE}/log/strength", "write", _strength_form),
    AccessCase("GET", f"{_ATHLETE}/history", "read"),
    AccessCase("GET", f"{_ATHLETE}/activities/{{activity_id}}", "read"),
    AccessCase("GET", f"{_ATHLETE}/strength/{{strength_session_id}}", "read"),
    AccessCase("GET", f"{_ATHLETE}/import", "write"),
    AccessCase("POST", f"{_ATHLETE}/import", "write", _upload_form),
    AccessCase("GET", "/exercises", "public", lambda _: {"params": {"muscle": "calves"}}),
    AccessCase("GET", "/exercises/leg-press", "public"),
]
