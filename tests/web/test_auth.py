"""Accounts through the real forms: sign up, sign in, sign out, password change, tokens."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from runstrong.services.accounts import MAX_FAILURES_PER_USERNAME
from tests.web.conftest import PASSWORD, csrf_from, sign_up


def test_sign_up_creates_a_user_who_owns_an_athlete(client: TestClient) -> None:
    browser = sign_up(client, "alice")
    home = client.get("/")
    assert home.status_code == 200
    assert f'href="/athletes/{browser.athlete_id}"' in home.text
    cookie = next(c for c in client.cookies.jar if c.name == "runstrong_session")
    assert cookie.has_nonstandard_attr("HttpOnly")


def test_session_cookie_is_httponly_samesite_and_secure_behind_tls(client: TestClient) -> None:
    client.get("/signup")
    response = client.post(
        "https://testserver/signup",
        data={
            "csrf_token": client.cookies.get("runstrong_csrf"),
            "username": "tina",
            "password": PASSWORD,
        },
        follow_redirects=False,
    )
    header = response.headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=lax" in header and "secure" in header


def test_a_form_without_csrf_token_is_refused_and_stores_nothing(client: TestClient) -> None:
    client.get("/signup")
    response = client.post("/signup", data={"username": "mallory", "password": PASSWORD})
    assert response.status_code == 403
    assert "security token" in response.text
    login = client.get("/login")
    assert "No accounts yet" in login.text


def test_wrong_password_and_rate_limit(client: TestClient, new_client) -> None:  # type: ignore[no-untyped-def]
    sign_up(client, "bob")
    other = new_client()
    other.get("/login")
    token = other.cookies.get("runstrong_csrf")
    for _ in range(MAX_FAILURES_PER_USERNAME):
        wrong = other.post(
            "/login", data={"csrf_token": token, "username": "bob", "password": "not the password"}
        )
        assert wrong.status_code == 403
        assert "wrong username or password" in wrong.text
    blocked = other.post(
        "/login", data={"csrf_token": token, "username": "bob", "password": PASSWORD}
    )
    assert blocked.status_code == 429
    assert "too many failed sign-ins" in blocked.text


def test_sign_in_sign_out(client: TestClient, new_client) -> None:  # type: ignore[no-untyped-def]
    sign_up(client, "carol")
    other = new_client()
    other.get("/login")
    response = other.post(
        "/login",
        data={
            "csrf_token": other.cookies.get("runstrong_csrf"),
            "username": "CAROL",
            "password": PASSWORD,
            "next": "https://evil.example/steal",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    # not the other site: where a sign-in without a page to go to lands (carol's only athlete)
    assert re.fullmatch(r"/athletes/\d+", response.headers["location"])
    account = other.get("/account")
    assert account.status_code == 200 and "carol" in account.text
    out = other.post(
        "/logout", data={"csrf_token": csrf_from(account.text)}, follow_redirects=False
    )
    assert out.status_code == 303
    after = other.get("/account", follow_redirects=False)
    assert after.status_code == 303 and after.headers["location"].startswith("/login?next=")


def test_password_change_signs_out_other_sessions(client: TestClient, new_client) -> None:  # type: ignore[no-untyped-def]
    browser = sign_up(client, "dave")
    other = new_client()
    other.get("/login")
    other.post(
        "/login",
        data={
            "csrf_token": other.cookies.get("runstrong_csrf"),
            "username": "dave",
            "password": PASSWORD,
        },
    )
    assert other.get("/account", follow_redirects=False).status_code == 200
    wrong = browser.form(
        "/account/password",
        {"current_password": "nope nope nope", "new_password": "another long password"},
    )
    assert wrong.status_code == 403
    short = browser.form(
        "/account/password", {"current_password": PASSWORD, "new_password": "short"}
    )
    assert short.status_code == 422 and "at least 10 characters" in short.text
    done = browser.form(
        "/account/password", {"current_password": PASSWORD, "new_password": "another long password"}
    )
    assert done.status_code == 200 and "Password changed" in done.text
    assert other.get("/account", follow_redirects=False).status_code == 303
    assert client.get("/account", follow_redirects=False).status_code == 200


def test_api_token_authenticates_scripts(client: TestClient, new_client) -> None:  # type: ignore[no-untyped-def]
    browser = sign_up(client, "erin")
    page = browser.form("/account/tokens", {"name": "laptop script"})
    assert page.status_code == 200
    secret = page.text.split('<code id="new-token">')[1].split("</code>")[0]
    script = new_client()
    me = script.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200 and me.json()["username"] == "erin"
    bad = script.get("/api/v1/me", headers={"Authorization": "Bearer rs_wrong"})
    assert bad.status_code == 401
    assert bad.json()["error"]["code"] == "unauthenticated"
    anonymous = script.get("/api/v1/me")
    assert anonymous.status_code == 401 and "sign in" in anonymous.json()["error"]["message"]
