"""Web fixtures: an app on a real store (SQLite, and PostgreSQL when one answers), clients
signed in as different people, and helpers that go through the real forms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from runstrong.settings import Settings
from runstrong.store import Store
from runstrong.web import create_app

PASSWORD = "correct horse battery"
_CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]*)">')


@dataclass
class Browser:
    """A signed-in test client with what a page would know: the CSRF token and athlete id."""

    client: TestClient
    username: str
    athlete_id: int | None
    csrf_token: str

    def form(self, url: str, data: dict[str, object], **kwargs: object):  # type: ignore[no-untyped-def]
        return self.client.post(
            url, data={"csrf_token": self.csrf_token, **data}, follow_redirects=False, **kwargs
        )

    def api(self, method: str, url: str, **kwargs: object):  # type: ignore[no-untyped-def]
        headers = {"X-CSRF-Token": self.csrf_token, **dict(kwargs.pop("headers", {}) or {})}  # type: ignore[call-overload]
        return self.client.request(method, url, headers=headers, **kwargs)  # type: ignore[arg-type]


def csrf_from(html: str) -> str:
    found = _CSRF_META.search(html)
    assert found, "page has no csrf meta tag"
    return found.group(1)


def sign_up(app_client: TestClient, username: str, *, email: str | None = None) -> Browser:
    """Sign up through the real form; the client keeps the session cookie."""
    page = app_client.get("/signup")
    assert page.status_code == 200
    token = app_client.cookies.get("runstrong_csrf")
    response = app_client.post(
        "/signup",
        data={
            "csrf_token": token,
            "username": username,
            "password": PASSWORD,
            "email": email or f"{username}@example.org",
            "athlete_name": username.title(),
            "timezone": "Europe/Ljubljana",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    athlete_id = int(response.headers["location"].rsplit("/", 1)[-1])
    home = app_client.get("/account")
    return Browser(app_client, username, athlete_id, csrf_from(home.text))


@pytest.fixture
def web_store(store: Store) -> Store:
    """The shared ``store`` fixture: every web test runs on SQLite and on PostgreSQL."""
    return store


@pytest.fixture
def app(web_store: Store):  # type: ignore[no-untyped-def]
    return create_app(Settings(database_url=web_store.url), store=web_store)


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def new_client(app):  # type: ignore[no-untyped-def]
    """A factory of fresh clients (separate cookie jars) on the same app."""
    clients: list[TestClient] = []

    def make() -> TestClient:
        test_client = TestClient(app)
        clients.append(test_client)
        return test_client

    yield make
    for test_client in clients:
        test_client.close()
