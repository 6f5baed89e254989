"""Matrix cases for the experiment pages and API: designing and reading need ``read`` (the
owner and their coach); starting one needs ``write`` (the athlete's own account).

The owner's log has an easy run with heart rate every week for 60 weeks, and a race 12 weeks
ahead: the designs here lie in the past (entered after the fact, with the order followed), the
API's 20 to 8 weeks ago, the page's 40 to 28 weeks ago, so the two never overlap. The answer is
read after the starts (cases run in order).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.web.access_cases import AccessCase, Ctx

__all__ = ["CASES"]


def _monday(weeks_ago: int) -> str:
    today = date.today()
    return (today - timedelta(days=today.weekday(), weeks=weeks_ago)).isoformat()


def _design(ctx: Ctx) -> dict[str, Any]:
    return {"params": {"start": _monday(20), "weeks": 12, "block_weeks": 6}}


def _start_api(ctx: Ctx) -> dict[str, Any]:
    return {"json": {"start": _monday(20), "weeks": 12, "block_weeks": 6, "order": "BA"}}


def _start_form(ctx: Ctx) -> dict[str, Any]:
    return {"data": {"start": _monday(40), "weeks": "12", "block_weeks": "6", "order": "AB"}}


CASES: list[AccessCase] = [
    AccessCase("GET", "/athletes/{athlete_id}/experiment/design", "read", _design),
    AccessCase("GET", "/api/v1/athletes/{athlete_id}/experiment/design", "read", _design),
    AccessCase("POST", "/api/v1/athletes/{athlete_id}/experiments", "write", _start_api),
    AccessCase("POST", "/athletes/{athlete_id}/experiment/start", "write", _start_form),
    AccessCase("GET", "/athletes/{athlete_id}/experiment", "read"),
    AccessCase("GET", "/api/v1/athletes/{athlete_id}/experiment", "read"),
]
