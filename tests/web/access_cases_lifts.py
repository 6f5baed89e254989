"""Authorization matrix cases: exercise history pages and API, gym-floor mode and its gym
settings, the service worker and the web app manifest."""

from __future__ import annotations

from tests.web.access_cases import AccessCase

CASES = [
    AccessCase("GET", "/athletes/{athlete_id}/exercises", "read"),
    AccessCase(
        "GET",
        "/athletes/{athlete_id}/exercises/{slug}",
        "read",
        path_params=lambda ctx: {"slug": "leg-press"},
    ),
    AccessCase(
        "GET",
        "/api/v1/athletes/{athlete_id}/exercises/{slug}",
        "read",
        path_params=lambda ctx: {"slug": "leg-press"},
    ),
    AccessCase("GET", "/athletes/{athlete_id}/gym", "write"),
    AccessCase("GET", "/athletes/{athlete_id}/gym/settings", "write"),
    AccessCase(
        "POST",
        "/athletes/{athlete_id}/gym/settings",
        "write",
        lambda ctx: {
            "data": {"unit": "kg", "bar": "20", "plates": "25, 20, 10, 5, 2.5", "sled": "50"}
        },
    ),
    AccessCase("GET", "/sw.js", "public"),
    AccessCase("GET", "/manifest.webmanifest", "public"),
]
