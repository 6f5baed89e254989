"""Authorization matrix cases: an activity's samples and the athlete's best efforts."""

from __future__ import annotations

from tests.web.access_cases import AccessCase

CASES = [
    AccessCase("GET", "/api/v1/athletes/{athlete_id}/activities/{activity_id}/samples", "read"),
    AccessCase(
        "GET",
        "/api/v1/athletes/{athlete_id}/activities/{activity_id}/samples",
        "read",
        lambda ctx: {"params": {"fields": "time_s,hr_bpm", "step": 10}},
    ),
    AccessCase("GET", "/athletes/{athlete_id}/bests", "read"),
]
