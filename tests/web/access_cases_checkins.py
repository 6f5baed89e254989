"""Authorization matrix cases: check-ins and readiness (API and the check-in page)."""

from __future__ import annotations

from datetime import date, timedelta

from tests.web.access_cases import AccessCase

_DAY = (date.today() - timedelta(days=1)).isoformat()
_CHECKIN = "/api/v1/athletes/{athlete_id}/checkins/" + _DAY


def _put(ctx: object) -> dict[str, object]:
    return {"json": {"sleep_h": 7.0, "soreness": {"quads": 3}}}


CASES = [
    AccessCase("GET", "/api/v1/athletes/{athlete_id}/checkins", "read"),
    AccessCase("PUT", _CHECKIN, "write", _put),
    AccessCase("GET", "/api/v1/athletes/{athlete_id}/readiness", "read"),
    AccessCase("GET", "/athletes/{athlete_id}/checkin", "write"),
]
