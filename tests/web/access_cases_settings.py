"""Authorization matrix cases: the athlete's settings page."""

from __future__ import annotations

from tests.web.access_cases import AccessCase

CASES = [
    AccessCase("GET", "/athletes/{athlete_id}/settings", "write"),
    AccessCase(
        "POST",
        "/athletes/{athlete_id}/settings",
        "write",
        lambda ctx: {
            "data": {
                "units": "metric",
                "timezone": "Europe/Ljubljana",
                "event_focus": "distance",
                "sex": "unspecified",
            }
        },
    ),
]
