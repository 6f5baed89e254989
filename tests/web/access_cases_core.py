"""Matrix cases for the foundation: sign-up and sign-in, the account, API tokens, athletes."""

from __future__ import annotations

import uuid
from importlib.metadata import version

from tests.web.access_cases import AccessCase, Ctx
from tests.web.conftest import PASSWORD


def _new_account(ctx: Ctx) -> dict[str, object]:
    name = f"new{uuid.uuid4().hex[:10]}"
    return {"data": {"username": name, "password": PASSWORD, "athlete_name": name.title()}}


def _owner_login(ctx: Ctx) -> dict[str, object]:
    return {"data": {"username": "owner", "password": PASSWORD}}


CASES: list[AccessCase] = [
    AccessCase("GET", "/api/openapi.json", "public"),
    AccessCase(
        "GET",
        "/static/vendor/plotly-{plotly_version}.min.js",
        "public",
        path_params=lambda ctx: {"plotly_version": version("plotly")},
    ),
    AccessCase("GET", "/login", "public"),
    AccessCase("POST", "/login", "public", _owner_login),
    AccessCase("GET", "/signup", "public"),
    AccessCase("POST", "/signup", "public", _new_account),
    AccessCase("POST", "/logout", "public"),
    AccessCase("GET", "/", "user"),
    AccessCase("GET", "/account", "user"),
    AccessCase(
        "POST",
        "/account/password",
        "user",
        lambda ctx: {"data": {"current_password": PASSWORD, "new_password": PASSWORD}},
    ),
    AccessCase("POST", "/account/tokens", "user", lambda ctx: {"data": {"name": "matrix"}}),
    AccessCase("POST", "/account/tokens/{token_id}/delete", "user"),
    AccessCase(
        "POST",
        "/api/v1/auth/token",
        "public",
        lambda ctx: {"json": {"username": "owner", "password": PASSWORD, "name": "matrix"}},
    ),
    AccessCase("GET", "/api/v1/me", "user"),
    AccessCase("GET", "/api/v1/tokens", "user"),
    AccessCase("POST", "/api/v1/tokens", "user", lambda ctx: {"json": {"name": "matrix"}}),
    AccessCase("DELETE", "/api/v1/tokens/{token_id}", "user"),
    AccessCase("GET", "/api/v1/athletes", "user"),
    AccessCase("GET", "/api/v1/athletes/{athlete_id}", "read"),
    AccessCase(
        "PATCH", "/api/v1/athletes/{athlete_id}", "write", lambda ctx: {"json": {"hr_rest_bpm": 48}}
    ),
]

CASES.append(AccessCase("GET", "/favicon.ico", "public"))
