"""Authorization matrix cases: check-ins and readiness (API and the check-in page).

The matrix seeds check-ins (``seed_checkins`` in test_authorization_matrix.py): one 100 days
ago, and 62 days of rMSSD ending in two low mornings, so this morning has an HRV signal.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tests.web.access_cases import AccessCase, Ctx

# The athlete's days are local; 100 days back is the same day in every time zone that matters.
_OLD = (date.today() - timedelta(days=100)).isoformat()
_DAY = "/api/v1/athletes/{athlete_id}/checkins/" + _OLD


def _put(ctx: Ctx) -> dict[str, object]:
    return {"json": {"sleep_h": 7.0}}


def _form(ctx: Ctx) -> dict[str, object]:
    return {"data": {"day": _OLD, "sleep_h": "7"}}


_HRV_CSV = Path(__file__).resolve().parents[1] / "data" / "wellness" / "hrv4training_export.csv"


def _upload(_: Ctx) -> dict[str, object]:
    data = _HRV_CSV.read_bytes()
    return {"files": [("files", ("hrv.csv", data, "text/csv"))]}


def _upload_form(ctx: Ctx) -> dict[str, object]:
    return {"data": {}, **_upload(ctx)}


def _keep(ctx: Ctx) -> dict[str, object]:
    return {"json": {"signal": "hrv_low", "action": "keep"}}


CASES = [
    AccessCase("GET", "/api/v1/athletes/{athlete_id}/checkins", "read"),
    AccessCase("GET", _DAY, "read"),
    AccessCase("PUT", _DAY, "write", _put),
    AccessCase("DELETE", _DAY, "write"),
    AccessCase("GET", "/api/v1/athletes/{athlete_id}/readiness", "read"),
    AccessCase("POST", "/api/v1/athletes/{athlete_id}/readiness/choices", "write", _keep),
    AccessCase("POST", "/api/v1/athletes/{athlete_id}/checkins/import", "write", _upload),
    AccessCase("POST", "/athletes/{athlete_id}/import/checkins", "write", _upload_form),
    AccessCase("GET", "/athletes/{athlete_id}/checkin", "write"),
    AccessCase("POST", "/athletes/{athlete_id}/checkin", "write", _form),
]
