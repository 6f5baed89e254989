"""The authorization matrix: every route × owner / coach with access / coach without / stranger /
anonymous gets exactly the allowed answer, and refused requests change nothing.

Cases live in ``tests/web/access_cases_*.py`` (see :mod:`tests.web.access_cases`); a route of the
app without a case fails :func:`test_every_route_has_a_case`. The app and its users are built once
per backend; after each allowed (possibly destructive) request the fixture is restored.
"""

from __future__ import annotations

import hashlib
import importlib
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select

from runstrong.domain.accounts import User
from runstrong.domain.checkin import Checkin
from runstrong.domain.models import Activity, StrengthSession, StrengthSet
from runstrong.services.accounts import (
    create_api_token,
    create_user,
    list_api_tokens,
    session_user,
    start_session,
)
from runstrong.services.checkins import athlete_today
from runstrong.services.logging import log_activity, log_strength_session
from runstrong.services.plans import PlanChoices, create_plan
from runstrong.services.sharing import add_comment, share_with_coach
from runstrong.services.sources import add_folder_source
from runstrong.settings import Settings
from runstrong.store import Store, open_store
from runstrong.store.tables import Base
from runstrong.web import create_app
from runstrong.web.security import CSRF_COOKIE, SESSION_COOKIE
from tests.conftest import _empty_postgres_store
from tests.web.access_cases import INVITEE_USERNAME, AccessCase, Ctx
from tests.web.conftest import PASSWORD

try:  # FastAPI >= 0.165 includes routers lazily; older versions list flat routes
    from fastapi.routing import iter_route_contexts
except ImportError:  # pragma: no cover
    iter_route_contexts = None  # type: ignore[assignment]

RoleName = Literal["owner", "coach", "other_coach", "stranger", "anonymous"]
ROLES: tuple[RoleName, ...] = ("owner", "coach", "other_coach", "stranger", "anonymous")
OWNER_ATHLETE = "Zelda Quickfoot"  # distinctive, so a leak of it in a refusal is easy to spot
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
#: Rows that change on reads (sessions, sign-in failures) are no evidence of a refused write.
_VOLATILE_TABLES = frozenset({"web_sessions", "login_failures", "evidence_reports"})
_VOLATILE_COLUMNS = frozenset({"last_used_at"})


def load_cases() -> list[AccessCase]:
    cases: list[AccessCase] = []
    for module_file in sorted(Path(__file__).parent.glob("access_cases_*.py")):
        module = importlib.import_module(f"tests.web.{module_file.stem}")
        cases.extend(module.CASES)
    return cases


CASES = load_cases()


# --- seeding (also used by test_api_schema) -----------------------------------------------------


def seed_owner_data(store: Store, athlete_id: int) -> tuple[int, int, int]:
    """One run, one strength session with a form note and an active 10k plan:
    (activity id, strength session id, a plan session id)."""
    now = datetime.now(UTC)
    activity = log_activity(
        store,
        athlete_id,
        Activity(now - timedelta(days=2), "running", 1800.0, distance_m=6000.0, rpe=4),
    )
    strength = log_strength_session(
        store,
        athlete_id,
        StrengthSession(
            now - timedelta(days=1),
            (StrengthSet("leg-press", 8, 120.0, 8), StrengthSet("leg-press", 8, 120.0, 9)),
            duration_s=2400,
            notes="Knees cave in on the last reps",
        ),
    )
    assert activity.id is not None and strength.id is not None
    _seed_easy_runs_with_heart_rate(store, athlete_id, now)
    return activity.id, strength.id, _plan_session(store, athlete_id)


def _seed_easy_runs_with_heart_rate(store: Store, athlete_id: int, now: datetime) -> None:
    """An easy run with heart rate every week for 60 weeks (for the experiment designs)."""
    for week in range(3, 63):
        log_activity(
            store,
            athlete_id,
            Activity(
                now - timedelta(weeks=week),
                "running",
                2400.0 + 37 * (week % 5),
                distance_m=8000.0 + 61 * (week % 7),
                session_type="easy",
                avg_hr_bpm=138.0 + (week % 9),
            ),
        )


def seed_checkins(store: Store, athlete_id: int) -> None:
    """Morning check-ins (issue 24), written only where missing: one 100 days ago for the
    check-in routes, and 62 days of rMSSD whose last two mornings are low, so this morning has
    an HRV signal for the readiness-choice route."""
    with store.unit_of_work() as uow:
        athlete = uow.athletes.get(athlete_id)
        assert athlete is not None
        today = athlete_today(athlete)
        present = {c.day for c in uow.checkins.list_for_athlete(athlete_id, today - timedelta(100))}
        wanted = {today - timedelta(days=back): 60.0 + 10 * (back % 2) for back in range(2, 64)}
        wanted |= {today - timedelta(days=1): 40.0, today: 40.0}
        for day, rmssd in wanted.items():
            if day not in present:
                uow.checkins.put(athlete_id, Checkin(day, rmssd_ms=rmssd))
        if today - timedelta(days=100) not in present:
            uow.checkins.put(athlete_id, Checkin(today - timedelta(days=100), sleep_h=7.0))


def _plan_session(store: Store, athlete_id: int) -> int:
    with store.unit_of_work() as uow:
        plan = uow.plans.active(athlete_id)
    if plan is None:
        race_date = date.today() + timedelta(weeks=12)
        _, plan = create_plan(store, athlete_id, PlanChoices(race="10k", race_date=race_date))
    later = [s for s in plan.sessions if s.id is not None and s.day > date.today()]
    chosen = later[0] if later else plan.sessions[0]
    assert chosen.id is not None
    return chosen.id


# --- the world: users, clients, the seeded data -------------------------------------------------


@dataclass
class Role:
    name: RoleName
    user: User | None = None
    session_token: str = ""
    csrf_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    def cookie_header(self) -> str:
        if self.user is None:
            return f"{CSRF_COOKIE}={self.csrf_token}"
        return f"{SESSION_COOKIE}={self.session_token}"


@dataclass
class World:
    store: Store
    client: TestClient
    roles: dict[RoleName, Role]
    ctx: Ctx
    #: Users, athletes and coach shares as first made: an allowed request may delete an
    #: account or an athlete, and :meth:`restore` puts them back with the same ids.
    kept: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def owner(self) -> User:
        user = self.roles["owner"].user
        assert user is not None
        return user

    def sign_in(self, role: Role) -> None:
        assert role.user is not None
        signed_in = start_session(self.store, role.user)
        role.session_token, role.csrf_token = signed_in.session_token, signed_in.csrf_token

    def ctx_for(self, role: Role) -> Ctx:
        user = role.user or self.owner
        tokens = list_api_tokens(self.store, user)
        token_id = tokens[0].id if tokens else create_api_token(self.store, user, "matrix")[0].id
        return replace(self.ctx, token_id=token_id)

    def send(self, case: AccessCase, role: Role, ctx: Ctx) -> Response:
        kwargs: dict[str, Any] = case.kwargs(ctx)
        url = case.url(ctx)
        headers = {**dict(kwargs.pop("headers", None) or {}), "Cookie": role.cookie_header()}
        if case.method not in _SAFE:
            if url.startswith("/api/"):
                headers["X-CSRF-Token"] = role.csrf_token
            elif "json" not in kwargs:
                kwargs["data"] = {"csrf_token": role.csrf_token, **dict(kwargs.get("data") or {})}
        self.client.cookies.clear()  # only the role's own cookies, sent in the header above
        try:
            return self.client.request(
                case.method, url, headers=headers, follow_redirects=False, **kwargs
            )
        finally:
            self.client.cookies.clear()

    def restore(self, role: Role) -> None:
        """Undo what an allowed request may have changed that later cases rely on."""
        _put_back(self.store, self.kept)
        if role.user is not None:
            found = session_user(self.store, role.session_token)
            if found is None or found[0].id != role.user.id:
                self.sign_in(role)
        coach = self.roles["coach"].user
        assert coach is not None and coach.id is not None
        athlete_id = self.ctx.athlete_id
        with self.store.unit_of_work() as uow:
            shares = {s.coach_user_id for s in uow.sharing.shares_of_athlete(athlete_id)}
            for coach_user_id in shares - {coach.id}:
                uow.sharing.remove_share(athlete_id, coach_user_id)
            if coach.id not in shares:
                uow.sharing.add_share(athlete_id, coach.id)
            activity = uow.activities.get(self.ctx.activity_id)
            strength_ids = {s.id for s in uow.strength.list_for_athlete(athlete_id)}
            plan = uow.plans.active(athlete_id)
            comment_ids = {c.id for c in uow.sharing.comments(athlete_id, limit=500)[0]}
        ctx = self.ctx
        if activity is None or self.ctx.strength_session_id not in strength_ids:
            activity_id, strength_id, _ = seed_owner_data(self.store, athlete_id)
            ctx = replace(ctx, activity_id=activity_id, strength_session_id=strength_id)
        if plan is None or ctx.plan_session_id not in {s.id for s in plan.sessions}:
            ctx = replace(ctx, plan_session_id=_plan_session(self.store, athlete_id))
        ctx = self._restore_sources(ctx)
        seed_checkins(self.store, athlete_id)
        if ctx.comment_id not in comment_ids:
            comment = add_comment(self.store, self.owner, athlete_id, "Seeded note")
            ctx = replace(ctx, comment_id=comment.id)
        self.ctx = ctx

    def _restore_sources(self, ctx: Ctx) -> Ctx:
        """Only the seeded source stays (an allowed request may add or remove one)."""
        with self.store.unit_of_work() as uow:
            sources = uow.sources.listed(self.ctx.athlete_id)
            for source in sources:
                if source.id != ctx.source_id:
                    uow.sources.remove(source.id)
        if ctx.source_id in {s.id for s in sources}:
            return ctx
        root = self.client.app.state.runstrong.settings.source_root  # type: ignore[attr-defined]
        return replace(ctx, source_id=_seed_source(self.store, self.owner, ctx.athlete_id, root))


_KEPT_TABLES = ("users", "athletes")


def _keep(store: Store) -> dict[str, list[dict[str, Any]]]:
    tables = {table.name: table for table in Base.metadata.sorted_tables}
    with store.engine.connect() as connection:
        kept = {
            name: [dict(row._mapping) for row in connection.execute(select(tables[name]))]
            for name in _KEPT_TABLES
        }
        shares = connection.execute(select(tables["coach_shares"])).all()
    kept["coach_shares"] = [
        {"athlete_id": r.athlete_id, "coach_user_id": r.coach_user_id} for r in shares
    ]
    return kept


def _put_back(store: Store, kept: dict[str, list[dict[str, Any]]]) -> None:
    """Re-insert deleted users and athletes (same ids) and their coach shares."""
    tables = {table.name: table for table in Base.metadata.sorted_tables}
    with store.engine.begin() as connection:
        for name in _KEPT_TABLES:
            table = tables[name]
            present = set(connection.execute(select(table.c.id)).scalars())
            missing = [row for row in kept[name] if row["id"] not in present]
            if missing:
                connection.execute(table.insert(), missing)
        shares = tables["coach_shares"]
        present_shares = {
            (r.athlete_id, r.coach_user_id) for r in connection.execute(select(shares))
        }
        missing = [
            share
            for share in kept["coach_shares"]
            if (share["athlete_id"], share["coach_user_id"]) not in present_shares
        ]
        if missing:
            connection.execute(shares.insert(), missing)


def snapshot(store: Store) -> str:
    """A digest of every stored row that a write could touch."""
    digest = hashlib.sha256()
    with store.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in _VOLATILE_TABLES:
                continue
            columns = [c for c in table.columns if c.name not in _VOLATILE_COLUMNS]
            rows = connection.execute(select(*columns)).all()
            digest.update(table.name.encode())
            for row in sorted(repr(tuple(row)) for row in rows):
                digest.update(row.encode())
    return digest.hexdigest()


def _sign_up_form(client: TestClient, username: str, athlete_name: str) -> Role:
    csrf = secrets.token_urlsafe(32)
    response = client.post(
        "/signup",
        headers={"Cookie": f"{CSRF_COOKIE}={csrf}"},
        data={
            "csrf_token": csrf,
            "username": username,
            "password": PASSWORD,
            "email": f"{username}@example.org",
            "athlete_name": athlete_name,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    token = response.cookies.get(SESSION_COOKIE)
    client.cookies.clear()
    assert token
    found = session_user(client.app.state.runstrong.store, token)  # type: ignore[attr-defined]
    assert found is not None
    return Role(name="owner", user=found[0], session_token=token, csrf_token=found[1])


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    if request.param == "sqlite":
        store = open_store(f"sqlite:///{tmp_path_factory.mktemp('matrix') / 'runstrong.db'}")
    else:
        store = _empty_postgres_store(request.getfixturevalue("postgres_url"))
    source_root = tmp_path_factory.mktemp("sources")
    for folder in (SOURCE_FOLDER, ADDED_FOLDER):
        (source_root / "owner" / folder).mkdir(parents=True)
    settings = Settings(
        database_url=store.url, source_root=str(source_root), sync_settle_s=0,
        strava_client_id="1", strava_client_secret="matrix-secret",
        strava_verify_token="matrix-verify", strava_base_url="http://127.0.0.1:9",
    )  # fmt: skip
    app = create_app(settings, store=store)
    with TestClient(app) as client:
        roles: dict[RoleName, Role] = {"anonymous": Role(name="anonymous")}
        for name, username, athlete in (
            ("owner", "owner", OWNER_ATHLETE),
            ("coach", "coach", "Coach Profile"),
            ("other_coach", "othercoach", "Othercoach Profile"),
            ("stranger", "stranger", "Stranger Profile"),
        ):
            roles[name] = replace(_sign_up_form(client, username, athlete), name=name)  # type: ignore[arg-type]
        create_user(store, INVITEE_USERNAME, PASSWORD, email=f"{INVITEE_USERNAME}@example.org")
        elsewhere = _sign_up_form(client, "elsewhere", "Elsewhere Athlete")
        assert elsewhere.user is not None
        owner, coach = roles["owner"].user, roles["coach"].user
        assert owner is not None and coach is not None and coach.id is not None
        athlete_id = _owned_athlete(store, owner)
        share_with_coach(store, owner, athlete_id, "coach")
        share_with_coach(store, elsewhere.user, _owned_athlete(store, elsewhere.user), "othercoach")
        activity_id, strength_id, plan_session_id = seed_owner_data(store, athlete_id)
        seed_checkins(store, athlete_id)
        comment = add_comment(store, coach, athlete_id, "Seeded note")
        job = app.state.runstrong.jobs.submit(
            "recompute_status", athlete_id=athlete_id, user_id=owner.id or 0
        )
        source = _seed_source(store, owner, athlete_id, str(source_root))
        ctx = Ctx(
            athlete_id, activity_id, strength_id, plan_session_id, coach.id, comment.id,
            job_id=job.id, source_id=source,
        )  # fmt: skip
        yield World(store=store, client=client, roles=roles, ctx=ctx, kept=_keep(store))
    store.dispose()


SOURCE_FOLDER, ADDED_FOLDER = "watch", "added"


def _seed_source(store: Store, owner: User, athlete_id: int, source_root: str) -> int:
    """The owner's web-added folder source (the matrix syncs and removes it)."""
    source = add_folder_source(
        store, athlete_id, SOURCE_FOLDER, user=owner, source_root=source_root
    )
    return source.id


def _owned_athlete(store: Store, user: User) -> int:
    assert user.id is not None
    with store.unit_of_work() as uow:
        owned = [a for a in uow.sharing.visible_athletes(user.id) if a[2] == "owner"]
    return owned[0][0]


# --- expectations -------------------------------------------------------------------------------

Expected = Literal["allowed", "unauthenticated", "forbidden", "not_found"]


def expected(case: AccessCase, role: RoleName) -> Expected:
    if case.need == "public":
        return "allowed"
    if role == "anonymous":
        return "unauthenticated"
    if case.need == "user" or role == "owner":
        return "allowed"
    if role == "coach":
        return "forbidden" if case.need == "write" else "allowed"
    return "not_found"


def _problem(case: AccessCase, role: RoleName, want: Expected, response: Response) -> str | None:
    status, is_api = response.status_code, case.path.startswith("/api/")
    where = f"{case.method} {case.path} as {role}: expected {want}, got {status}"
    if want == "allowed":
        return None if status < 400 else f"{where} {response.text[:300]}"
    if want == "unauthenticated":
        if is_api:
            return None if status == 401 else where
        location = response.headers.get("location", "")
        ok = status == 303 and location.startswith("/login")
        return None if ok else f"{where} (location {location!r})"
    if status != {"forbidden": 403, "not_found": 404}[want]:
        return f"{where} {response.text[:300]}"
    if is_api and response.json().get("error", {}).get("code") not in (
        "permission_denied",
        "not_found",
    ):
        return f"{where}: not the JSON error shape: {response.text[:200]}"
    return None


def _case_ids(cases: list[AccessCase]) -> list[str]:
    seen: dict[str, int] = {}
    ids = []
    for case in cases:
        key = f"{case.method} {case.path}"
        seen[key] = seen.get(key, 0) + 1
        ids.append(key if seen[key] == 1 else f"{key} #{seen[key]}")
    return ids


@pytest.mark.parametrize("case", CASES, ids=_case_ids(CASES))
def test_route_answers_each_role_as_allowed(world: World, case: AccessCase) -> None:
    problems: list[str] = []
    # Refusals first: they must leave the fixture exactly as it was.
    for role_name in sorted(ROLES, key=lambda r: expected(case, r) == "allowed"):
        role = world.roles[role_name]
        want = expected(case, role_name)
        ctx = world.ctx_for(role)  # may create a token: before the snapshot
        before = snapshot(world.store) if want != "allowed" else ""
        response = world.send(case, role, ctx)
        problem = _problem(case, role_name, want, response)
        if problem:
            problems.append(problem)
        if want == "allowed":
            world.restore(role)
            continue
        if snapshot(world.store) != before:
            problems.append(f"{case.method} {case.path} as {role_name}: refused but changed data")
        if want in ("not_found", "unauthenticated") and OWNER_ATHLETE in response.text:
            problems.append(f"{case.method} {case.path} as {role_name}: leaks the athlete name")
    assert not problems, "\n".join(problems)


def _app_routes(world: World) -> list[tuple[str, str]]:
    """(method, path template) of every route, in the order the app tries them."""
    app = world.client.app
    routes = iter_route_contexts(app.routes) if iter_route_contexts else app.routes  # type: ignore[attr-defined]
    found: list[tuple[str, str]] = []
    for route in routes:
        methods = getattr(route, "methods", None)
        path = getattr(route, "path", None)
        if not methods or path is None:  # mounts (static files) have no methods
            continue
        found.extend((method, path) for method in sorted(methods) if method != "HEAD")
    return found


def _template(path: str) -> re.Pattern[str]:
    """A route path as a regex over case paths: a ``{param}`` takes one segment, concrete
    (``leg-press``) or a placeholder (``{strength_session_id}``); ``{p:path}`` takes the rest."""
    pattern = ""
    for literal, name in re.findall(r"([^{]*)(\{[^}]*\}|$)", path):
        pattern += re.escape(literal)
        if name:
            pattern += ".+" if name.endswith(":path}") else "[^/]+"
    return re.compile(pattern + "$")


def route_of(case: AccessCase, routes: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The route that serves ``case``: the first that matches, as in the app's own routing."""
    for method, path in routes:
        if method == case.method and _template(path).match(case.path):
            return method, path
    return None


def test_every_route_has_a_case(world: World) -> None:
    routes = _app_routes(world)
    served = {case: route_of(case, routes) for case in CASES}
    missing = sorted(set(routes) - set(served.values()))
    stale = sorted(f"{case.method} {case.path}" for case, route in served.items() if route is None)
    assert not missing, "routes without an access case (add them to an access_cases_*.py):\n" + (
        "\n".join(f"{method} {path}" for method, path in missing)
    )
    assert not stale, f"access cases for routes that do not exist: {stale}"


def test_a_route_needs_the_same_access_in_every_case(world: World) -> None:
    routes = _app_routes(world)
    needs: dict[tuple[str, str] | None, set[str]] = {}
    for case in CASES:
        needs.setdefault(route_of(case, routes), set()).add(case.need)
    mixed = {route: need for route, need in needs.items() if route is not None and len(need) > 1}
    assert not mixed, f"cases of one route disagree on its access need: {mixed}"
