"""Authorization matrix cases: background jobs."""

from __future__ import annotations

from tests.web.access_cases import AccessCase

CASES = [
    AccessCase(
        "POST",
        "/api/v1/athletes/{athlete_id}/jobs",
        "read",
        lambda ctx: {"json": {"kind": "recompute_status"}},
    ),
    AccessCase("GET", "/api/v1/athletes/{athlete_id}/jobs/{job_id}", "read"),
]
