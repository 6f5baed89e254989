"""Matrix cases for the athlete dashboard: the page, its JSON and the status (read access)."""

from __future__ import annotations

from tests.web.access_cases import AccessCase

CASES: list[AccessCase] = [
    AccessCase("GET", "/athletes/{athlete_id}", "read"),
    AccessCase("GET", "/api/v1/athletes/{athlete_id}/dashboard", "read"),
    AccessCase(
        "GET",
        "/api/v1/athletes/{athlete_id}/dashboard",
        "read",
        lambda ctx: {"params": {"days": 28}},
    ),
    AccessCase("GET", "/api/v1/athletes/{athlete_id}/status", "read"),
]
