"""Property-based API test: schemathesis plays every operation of ``/api/openapi.json`` with valid
and invalid input; no answer may be a 5xx, and every answer must match the documented status
codes, content types and schemas (errors included: ``{"error": {"code", "message"}}``).

Runs on a fresh SQLite store, as an owner (API token) whose athlete has a run, a strength
session, a plan, a coach and a comment; most generated athlete and item ids are pointed at
those so that the operations do real work instead of answering 404.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from runstrong.services.accounts import create_api_token, create_user
from runstrong.services.sharing import add_comment, share_with_coach
from runstrong.settings import Settings
from runstrong.store import Store, open_store
from runstrong.web import create_app
from runstrong.web.openapi import install_openapi
from tests.web.conftest import PASSWORD
from tests.web.test_authorization_matrix import seed_owner_data

MAX_EXAMPLES = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@dataclass(frozen=True)
class ApiWorld:
    app: FastAPI
    store: Store
    secret: str
    token_id: int
    athlete_id: int
    activity_id: int
    strength_session_id: int
    plan_session_id: int
    coach_user_id: int


@pytest.fixture(scope="module")
def api_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiWorld]:
    path: Path = tmp_path_factory.mktemp("schema") / "runstrong.db"
    store = open_store(f"sqlite:///{path}")
    owner = create_user(
        store, "owner", PASSWORD, email="owner@example.org", athlete_name="Schema Athlete"
    )
    coach = create_user(store, "coach", PASSWORD, email="coach@example.org")
    assert owner.id is not None and coach.id is not None
    with store.unit_of_work() as uow:
        athlete_id = uow.sharing.visible_athletes(owner.id)[0][0]
    share_with_coach(store, owner, athlete_id, "coach")
    activity_id, strength_id, plan_session_id = seed_owner_data(store, athlete_id)
    add_comment(store, coach, athlete_id, "Looks good", subject="activity", subject_id=activity_id)
    token, secret = create_api_token(store, owner, "schemathesis")
    assert token.id is not None
    app = create_app(Settings(database_url=store.url), store=store)
    install_openapi(app)  # idempotent; see test_create_app_documents_unreadable_bodies
    yield ApiWorld(
        app=app,
        store=store,
        secret=secret,
        token_id=token.id,
        athlete_id=athlete_id,
        activity_id=activity_id,
        strength_session_id=strength_id,
        plan_session_id=plan_session_id,
        coach_user_id=coach.id,
    )
    store.dispose()


@pytest.fixture(scope="module")
def api_schema(api_world: ApiWorld) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/api/openapi.json", api_world.app)


def _aim(case: schemathesis.Case, world: ApiWorld) -> None:
    """Point three in four generated ids at the seeded things (deterministically, so that
    Hypothesis can still shrink), and never revoke the token the test runs with."""
    params = case.path_parameters
    if not params:
        return
    path = case.operation.path
    seeded = {
        "athlete_id": world.athlete_id,
        "activity_id": world.activity_id,
        "coach_user_id": world.coach_user_id,
        "session_id": world.plan_session_id if "/plan/" in path else world.strength_session_id,
    }
    for name, value in seeded.items():
        generated = params.get(name)
        if isinstance(generated, int) and not isinstance(generated, bool) and generated % 4 != 3:
            params[name] = value
    if params.get("token_id") == world.token_id:
        params["token_id"] = world.token_id + 1_000_000


def _operations(api_schema: schemathesis.BaseSchema) -> list[schemathesis.APIOperation]:
    return [result.ok() for result in api_schema.get_all_operations()]


def test_api_matches_its_openapi_document(
    api_world: ApiWorld, api_schema: schemathesis.BaseSchema, subtests: pytest.Subtests
) -> None:
    """Each operation, valid then invalid input, as one subtest (``schema.parametrize`` with a
    fixture-loaded schema does not run under pytest 9, so the loop is written out)."""
    headers = {"Authorization": f"Bearer {api_world.secret}"}
    operations = _operations(api_schema)
    assert len(operations) > 10
    for operation in operations:
        raw = operation.definition.raw
        negatable = bool(raw.get("parameters") or raw.get("requestBody"))
        modes = [GenerationMode.POSITIVE] + ([GenerationMode.NEGATIVE] if negatable else [])
        for mode in modes:

            @settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
                phases=[Phase.explicit, Phase.generate],
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def check(case: schemathesis.Case) -> None:
                _aim(case, api_world)
                case.call_and_validate(headers=headers, checks=CHECKS)

            with subtests.test(msg=f"{operation.label} ({mode.value})"):
                check()


def test_openapi_document_describes_errors_as_runstrong_errors(api_world: ApiWorld) -> None:
    """422 is our ``{"error": ...}`` body, never FastAPI's default ``HTTPValidationError``."""
    document = api_world.app.openapi()
    schemas = document.get("components", {}).get("schemas", {})
    assert "HTTPValidationError" not in schemas and "ErrorBody" in schemas
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if status.startswith(("4", "5")) and status != "422":
                    body = answer.get("content", {}).get("application/json", {}).get("schema")
                    assert body == {"$ref": "#/components/schemas/ErrorBody"}, (
                        f"{method.upper()} {path}: {status} is not documented as ErrorBody"
                    )
            if "requestBody" in operation:
                assert "400" in operation["responses"], f"{method.upper()} {path}: no 400"


def test_create_app_documents_unreadable_bodies(tmp_path: Path) -> None:
    """``create_app`` must call ``install_openapi`` (a body that is not UTF-8 is a 400)."""
    store = open_store(f"sqlite:///{tmp_path / 'runstrong.db'}")
    try:
        document = create_app(Settings(database_url=store.url), store=store).openapi()
    finally:
        store.dispose()
    operation = document["paths"]["/api/v1/athletes/{athlete_id}/comments"]["post"]
    assert "400" in operation["responses"]
