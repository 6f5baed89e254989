"""Matrix cases for the evidence page and its API (read access: the owner and their coach)."""

from __future__ import annotations

from tests.web.access_cases import AccessCase

CASES: list[AccessCase] = [
    AccessCase("GET", "/athletes/{athlete_id}/evidence", "read"),
    AccessCase(
        "GET",
        "/athletes/{athlete_id}/evidence",
        "read",
        lambda ctx: {"params": {"marker": "vdot", "exposure": "hard_sets"}},
    ),
    AccessCase("GET", "/api/v1/athletes/{athlete_id}/evidence", "read"),
    AccessCase(
        "GET",
        "/api/v1/athletes/{athlete_id}/evidence",
        "read",
        lambda ctx: {"params": {"marker": "vdot", "exposure": "hard_sets"}},
    ),
    AccessCase(
        "GET",
        "/athletes/{athlete_id}/plan",
        "read",
        lambda ctx: {"params": {"view": "month", "start": "2026-01-15"}},
    ),
]
