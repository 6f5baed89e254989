"""Authorization matrix cases: sync sources (owners only: a folder is a path on the server)."""

from __future__ import annotations

from tests.web.access_cases import AccessCase

_SOURCE = "/athletes/{athlete_id}/sources/{source_id}"

CASES = [
    AccessCase("GET", "/api/v1/athletes/{athlete_id}/sources", "write"),
    AccessCase(
        "POST",
        "/api/v1/athletes/{athlete_id}/sources",
        "write",
        lambda ctx: {"json": {"kind": "folder", "location": "added"}},
    ),
    AccessCase("POST", "/api/v1" + _SOURCE + "/sync", "write"),
    AccessCase("DELETE", "/api/v1" + _SOURCE, "write"),
    AccessCase(
        "POST",
        "/athletes/{athlete_id}/sources",
        "write",
        lambda ctx: {"data": {"location": "added"}},
    ),
    AccessCase("POST", _SOURCE + "/sync", "write"),
    AccessCase("POST", _SOURCE + "/remove", "write"),
]
