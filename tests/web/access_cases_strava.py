"""Authorization matrix cases: Strava (owners connect their own athletes; Strava calls the
public webhook, which checks the verify token and ignores athletes it does not know)."""

from __future__ import annotations

from tests.web.access_cases import AccessCase

_EVENT = {"aspect_type": "create", "object_id": 1, "object_type": "activity", "owner_id": 77,
          "subscription_id": 1, "event_time": 1, "updates": {}}  # fmt: skip

CASES = [
    AccessCase("GET", "/api/v1/athletes/{athlete_id}/strava", "write"),
    AccessCase("DELETE", "/api/v1/athletes/{athlete_id}/strava", "write"),
    AccessCase("POST", "/api/v1/athletes/{athlete_id}/strava/sync", "write"),
    AccessCase(
        "GET",
        "/api/v1/strava/webhook",
        "public",
        lambda ctx: {
            "params": {
                "hub.mode": "subscribe",
                "hub.challenge": "c",
                "hub.verify_token": "matrix-verify",
            }
        },
    ),
    AccessCase("POST", "/api/v1/strava/webhook", "public", lambda ctx: {"json": _EVENT}),
    AccessCase("GET", "/athletes/{athlete_id}/strava/connect", "write"),
    AccessCase("POST", "/athletes/{athlete_id}/strava/disconnect", "write"),
    AccessCase(
        "GET", "/strava/callback", "user", lambda ctx: {"params": {"error": "access_denied"}}
    ),
]
