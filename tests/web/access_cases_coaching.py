"""Matrix cases for coaching: coaches (share, stop sharing), comments, the coaching page."""

from __future__ import annotations

from tests.web.access_cases import INVITEE_USERNAME, AccessCase

CASES: list[AccessCase] = [
    AccessCase("GET", "/api/v1/athletes/{athlete_id}/coaches", "read"),
    AccessCase(
        "POST",
        "/api/v1/athletes/{athlete_id}/coaches",
        "write",
        lambda ctx: {"json": {"coach": INVITEE_USERNAME}},
    ),
    AccessCase("DELETE", "/api/v1/athletes/{athlete_id}/coaches/{coach_user_id}", "write"),
    AccessCase(
        "GET",
        "/api/v1/athletes/{athlete_id}/comments",
        "read",
        lambda ctx: {"params": {"subject": "strength_session", "limit": 5}},
    ),
    AccessCase(
        "POST",
        "/api/v1/athletes/{athlete_id}/comments",
        "review",
        lambda ctx: {
            "json": {
                "body": "Knees in on the last reps?",
                "subject": "strength_session",
                "subject_id": ctx.strength_session_id,
            }
        },
    ),
    AccessCase("GET", "/athletes/{athlete_id}/coaching", "read"),
    AccessCase(
        "POST",
        "/athletes/{athlete_id}/coaching/invite",
        "write",
        lambda ctx: {"data": {"coach": f"{INVITEE_USERNAME}@example.org"}},
    ),
    AccessCase("POST", "/athletes/{athlete_id}/coaching/{coach_user_id}/remove", "write"),
    AccessCase(
        "POST",
        "/athletes/{athlete_id}/comments",
        "review",
        lambda ctx: {
            "data": {
                "body": "Good week.",
                "subject": "plan_session",
                "subject_id": str(ctx.plan_session_id),
                "next": f"/athletes/{ctx.athlete_id}/coaching",
            }
        },
    ),
]
