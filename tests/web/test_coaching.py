"""Coaching through the real forms and the API: sharing with a coach, what a coach may do,
stopping, comments and the form notes a coach reviews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from runstrong.domain.models import StrengthSession, StrengthSet
from runstrong.services.logging import log_strength_session
from runstrong.services.sharing import MAX_COMMENT_LENGTH
from runstrong.store import Store
from runstrong.store.tables import ActivityRow, CoachShareRow, CommentRow
from tests.web.conftest import Browser, sign_up


def _rows(store: Store) -> tuple[int, int, int]:
    """(comments, coach shares, activities): what a refused request must not change."""
    with store.engine.connect() as connection:
        return tuple(  # type: ignore[return-value]
            int(connection.scalar(select(func.count()).select_from(table)) or 0)
            for table in (CommentRow, CoachShareRow, ActivityRow)
        )


def _pair(client: TestClient, new_client, *, share: bool = True) -> tuple[Browser, Browser]:  # type: ignore[no-untyped-def]
    athlete = sign_up(client, "ada")
    coach = sign_up(new_client(), "cora")
    if share:
        response = athlete.form(
            f"/athletes/{athlete.athlete_id}/coaching/invite", {"coach": "cora"}
        )
        assert response.status_code == 303, response.text
    return athlete, coach


def _strength_session_with_notes(store: Store, athlete_id: int, notes: str) -> int:
    stored = log_strength_session(
        store,
        athlete_id,
        StrengthSession(
            datetime.now(UTC) - timedelta(days=1),
            (StrengthSet("leg-press", 8, 100.0, 8),),
            notes=notes,
        ),
    )
    assert stored.id is not None
    return stored.id


def test_invite_by_username_lets_the_coach_see_the_athlete(
    client: TestClient, new_client, web_store: Store
) -> None:  # type: ignore[no-untyped-def]
    athlete, coach = _pair(client, new_client, share=False)
    aid = athlete.athlete_id
    before = coach.api("GET", f"/api/v1/athletes/{aid}")
    assert before.status_code == 404

    response = athlete.form(f"/athletes/{aid}/coaching/invite", {"coach": "CORA"})
    assert response.status_code == 303
    page = athlete.client.get(response.headers["location"])
    assert "cora is now your coach" in page.text
    assert "Stop sharing" in page.text and 'id="invite-form"' in page.text

    home = coach.client.get("/")
    assert f'href="/athletes/{aid}"' in home.text.split('id="coached-athletes"')[1]
    seen = coach.api("GET", f"/api/v1/athletes/{aid}")
    assert seen.status_code == 200 and seen.json()["role"] == "coach"
    dashboard = coach.api("GET", f"/api/v1/athletes/{aid}/dashboard")
    assert dashboard.status_code == 200
    coaches = athlete.api("GET", f"/api/v1/athletes/{aid}/coaches").json()
    assert [c["coach_username"] for c in coaches["items"]] == ["cora"]


def test_invite_by_email_through_the_api(client: TestClient, new_client) -> None:  # type: ignore[no-untyped-def]
    athlete = sign_up(client, "ada")
    sign_up(new_client(), "cora", email="Cora.Coach@example.org")
    response = athlete.api(
        "POST",
        f"/api/v1/athletes/{athlete.athlete_id}/coaches",
        json={"coach": "Cora.Coach@example.org"},
    )
    assert response.status_code == 201, response.text
    assert response.json()["coach_username"] == "cora"


def test_unknown_user_self_and_duplicate_invites_are_refused_clearly(
    client: TestClient, new_client, web_store: Store
) -> None:  # type: ignore[no-untyped-def]
    athlete, _ = _pair(client, new_client)
    aid = athlete.athlete_id
    counts = _rows(web_store)

    unknown = athlete.form(f"/athletes/{aid}/coaching/invite", {"coach": "nobody@example.org"})
    assert unknown.status_code == 404
    assert (
        "no user with username or e-mail" in unknown.text and "nobody@example.org" in unknown.text
    )
    assert 'value="nobody@example.org"' in unknown.text  # the form keeps what was typed

    yourself = athlete.form(f"/athletes/{aid}/coaching/invite", {"coach": "ada"})
    assert yourself.status_code == 422 and "cannot invite yourself" in yourself.text

    twice = athlete.api("POST", f"/api/v1/athletes/{aid}/coaches", json={"coach": "cora"})
    assert twice.status_code == 409
    assert twice.json()["error"] == {"code": "conflict", "message": "cora is already your coach"}
    again = athlete.form(f"/athletes/{aid}/coaching/invite", {"coach": "cora"})
    assert again.status_code == 409 and "already your coach" in again.text

    empty = athlete.api("POST", f"/api/v1/athletes/{aid}/coaches", json={"coach": ""})
    assert empty.status_code == 422
    assert _rows(web_store) == counts


def test_coach_comments_and_the_athlete_reads_them(client: TestClient, new_client) -> None:  # type: ignore[no-untyped-def]
    athlete, coach = _pair(client, new_client)
    aid = athlete.athlete_id
    page = coach.client.get(f"/athletes/{aid}/coaching")
    assert page.status_code == 200
    assert 'id="invite-form"' not in page.text and "Stop sharing" not in page.text
    assert 'id="comment-form"' in page.text

    posted = coach.form(
        f"/athletes/{aid}/comments", {"body": "Easy week, well done.\nRest Sunday."}
    )
    assert posted.status_code == 303
    assert posted.headers["location"] == f"/athletes/{aid}/coaching?commented=1"
    by_api = coach.api("POST", f"/api/v1/athletes/{aid}/comments", json={"body": "Hips level?"})
    assert by_api.status_code == 201
    assert by_api.json()["author_username"] == "cora" and by_api.json()["subject"] == "athlete"

    thread = athlete.client.get(f"/athletes/{aid}/coaching")
    assert "Easy week, well done.\nRest Sunday." in thread.text and "Hips level?" in thread.text
    listed = athlete.api("GET", f"/api/v1/athletes/{aid}/comments", params={"limit": 1})
    body = listed.json()
    assert body["total"] == 2 and [c["body"] for c in body["items"]] == ["Hips level?"]


def test_coach_reviews_form_notes_and_comments_on_a_session(
    client: TestClient, new_client, web_store: Store
) -> None:  # type: ignore[no-untyped-def]
    athlete, coach = _pair(client, new_client)
    aid = athlete.athlete_id
    assert aid is not None
    session_id = _strength_session_with_notes(web_store, aid, "Left knee caves on rep 6")
    page = coach.client.get(f"/athletes/{aid}/coaching")
    assert f'href="/athletes/{aid}/strength/{session_id}"' in page.text
    assert "Left knee caves on rep 6" in page.text

    response = coach.form(
        f"/athletes/{aid}/comments",
        {
            "body": "Push the knee out over the little toe.",
            "subject": "strength_session",
            "subject_id": str(session_id),
            "next": f"/athletes/{aid}/strength/{session_id}",
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/athletes/{aid}/strength/{session_id}"
    found = athlete.api(
        "GET",
        f"/api/v1/athletes/{aid}/comments",
        params={"subject": "strength_session", "subject_id": session_id},
    ).json()
    assert [c["body"] for c in found["items"]] == ["Push the knee out over the little toe."]
    assert "1 comment" in coach.client.get(f"/athletes/{aid}/coaching").text


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "evil", ""]
)
def test_comment_redirect_stays_on_this_site(client: TestClient, new_client, target: str) -> None:  # type: ignore[no-untyped-def]
    athlete, _ = _pair(client, new_client)
    aid = athlete.athlete_id
    response = athlete.form(f"/athletes/{aid}/comments", {"body": "note", "next": target})
    assert response.status_code == 303
    assert response.headers["location"] == f"/athletes/{aid}/coaching?commented=1"


def test_coach_cannot_invite_others_or_log(
    client: TestClient, new_client, web_store: Store
) -> None:  # type: ignore[no-untyped-def]
    athlete, coach = _pair(client, new_client)
    sign_up(new_client(), "eve")
    aid = athlete.athlete_id
    counts = _rows(web_store)
    invite = coach.form(f"/athletes/{aid}/coaching/invite", {"coach": "eve"})
    assert invite.status_code == 403 and "only the athlete" in invite.text
    by_api = coach.api("POST", f"/api/v1/athletes/{aid}/coaches", json={"coach": "eve"})
    assert by_api.status_code == 403
    assert by_api.json()["error"]["code"] == "permission_denied"
    log = coach.api(
        "POST",
        f"/api/v1/athletes/{aid}/activities",
        json={"started_at": "2026-03-02T07:00:00", "sport": "running", "moving_time_s": 1800},
    )
    assert log.status_code == 403
    removal = coach.api("DELETE", f"/api/v1/athletes/{aid}/coaches/{_user_id(coach)}")
    assert removal.status_code == 403
    assert _rows(web_store) == counts


def _user_id(browser: Browser) -> int:
    return int(browser.api("GET", "/api/v1/me").json()["id"])


def test_stop_sharing_removes_access_at_once(client: TestClient, new_client) -> None:  # type: ignore[no-untyped-def]
    athlete, coach = _pair(client, new_client)
    aid = athlete.athlete_id
    coach_id = _user_id(coach)
    assert coach.api("GET", f"/api/v1/athletes/{aid}").status_code == 200

    response = athlete.form(f"/athletes/{aid}/coaching/{coach_id}/remove", {})
    assert response.status_code == 303
    page = athlete.client.get(response.headers["location"])
    assert "You stopped sharing with cora" in page.text

    assert coach.api("GET", f"/api/v1/athletes/{aid}").status_code == 404
    assert coach.client.get(f"/athletes/{aid}/coaching").status_code == 404
    assert (
        coach.api("POST", f"/api/v1/athletes/{aid}/comments", json={"body": "hi"}).status_code
        == 404
    )
    assert f'href="/athletes/{aid}"' not in coach.client.get("/").text
    again = athlete.api("DELETE", f"/api/v1/athletes/{aid}/coaches/{coach_id}")
    assert again.status_code == 404


def test_share_and_stop_through_the_api(client: TestClient, new_client) -> None:  # type: ignore[no-untyped-def]
    athlete, coach = _pair(client, new_client, share=False)
    aid = athlete.athlete_id
    added = athlete.api("POST", f"/api/v1/athletes/{aid}/coaches", json={"coach": "cora"})
    assert added.status_code == 201
    coach_id = added.json()["coach_user_id"]
    assert coach.api("GET", f"/api/v1/athletes/{aid}/coaches").status_code == 200
    removed = athlete.api("DELETE", f"/api/v1/athletes/{aid}/coaches/{coach_id}")
    assert removed.status_code == 204
    assert coach.api("GET", f"/api/v1/athletes/{aid}/coaches").status_code == 404


def test_a_crafted_link_cannot_claim_a_share(client: TestClient) -> None:
    athlete = sign_up(client, "ada")
    page = client.get(f"/athletes/{athlete.athlete_id}/coaching", params={"shared": "mallory"})
    assert page.status_code == 200 and "mallory" not in page.text


@pytest.mark.parametrize(
    ("payload", "status", "message"),
    [
        ({"body": ""}, 422, "at least 1 character"),
        ({"body": "   "}, 422, "a comment needs some text"),
        ({"body": "x" * (MAX_COMMENT_LENGTH + 1)}, 422, "at most 4000 characters"),
        ({"body": "hi", "subject": "weather"}, 422, "subject"),
        ({"body": "hi", "subject": "activity"}, 422, "needs its subject_id"),
        ({"body": "hi", "extra": 1}, 422, "extra"),
    ],
)
def test_broken_comments_by_api_are_refused_and_store_nothing(
    client: TestClient, web_store: Store, payload: dict[str, object], status: int, message: str
) -> None:
    athlete = sign_up(client, "ada")
    counts = _rows(web_store)
    response = athlete.api("POST", f"/api/v1/athletes/{athlete.athlete_id}/comments", json=payload)
    assert response.status_code == status, response.text
    assert message in response.json()["error"]["message"]
    assert _rows(web_store) == counts


def test_broken_comments_by_form_are_refused_and_store_nothing(
    client: TestClient, new_client, web_store: Store
) -> None:  # type: ignore[no-untyped-def]
    athlete = sign_up(client, "ada")
    other = sign_up(new_client(), "otto")
    assert other.athlete_id is not None
    foreign = _strength_session_with_notes(web_store, other.athlete_id, "not ada's")
    aid = athlete.athlete_id
    counts = _rows(web_store)

    empty = athlete.form(f"/athletes/{aid}/comments", {"body": "  "})
    assert empty.status_code == 422 and "a comment needs some text" in empty.text
    long_text = "y" * (MAX_COMMENT_LENGTH + 1)
    too_long = athlete.form(f"/athletes/{aid}/comments", {"body": long_text})
    assert too_long.status_code == 422 and "at most 4000 characters" in too_long.text
    assert long_text in too_long.text  # kept in the textarea to shorten, not lost
    unknown = athlete.form(f"/athletes/{aid}/comments", {"body": "hi", "subject": "weather"})
    assert unknown.status_code == 422 and "unknown comment subject" in unknown.text
    not_a_number = athlete.form(
        f"/athletes/{aid}/comments", {"body": "hi", "subject": "activity", "subject_id": "1e3"}
    )
    assert not_a_number.status_code == 422 and "subject_id" in not_a_number.text
    no_id = athlete.form(f"/athletes/{aid}/comments", {"body": "hi", "subject": "plan"})
    assert no_id.status_code == 422 and "needs its subject_id" in no_id.text
    theirs = athlete.form(
        f"/athletes/{aid}/comments",
        {"body": "hi", "subject": "strength_session", "subject_id": str(foreign)},
    )
    assert theirs.status_code == 404
    by_api = athlete.api(
        "POST",
        f"/api/v1/athletes/{aid}/comments",
        json={"body": "hi", "subject": "strength_session", "subject_id": foreign},
    )
    assert by_api.status_code == 404
    assert _rows(web_store) == counts
    other_listing = athlete.api("GET", f"/api/v1/athletes/{other.athlete_id}/comments")
    assert other_listing.status_code == 404


def test_comment_filters_are_checked(client: TestClient) -> None:
    athlete = sign_up(client, "ada")
    url = f"/api/v1/athletes/{athlete.athlete_id}/comments"
    assert athlete.api("GET", url, params={"subject": "weather"}).status_code == 422
    assert athlete.api("GET", url, params={"limit": 0}).status_code == 422
    assert athlete.api("GET", url, params={"subject_id": -1}).status_code == 422
    fine = athlete.api("GET", url, params={"subject": "plan", "subject_id": 7})
    assert fine.status_code == 200 and fine.json() == {
        "items": [],
        "total": 0,
        "limit": 50,
        "offset": 0,
    }
