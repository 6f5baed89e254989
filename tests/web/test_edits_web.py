"""Editing and deleting through the pages and the JSON API: forms prefilled like the log form,
only what changed saved, a confirmation step before a delete and a flash after it, the owner
alone may write, bad input refused with nothing changed, account deletion with the password."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from runstrong.domain.models import Activity, StrengthSession, StrengthSet
from runstrong.services.logging import log_activity, log_strength_session
from runstrong.services.sharing import add_comment, share_with_coach
from runstrong.store import Store
from tests.web.conftest import PASSWORD, Browser, sign_up

TABLES = ("activities", "strength_sessions", "strength_sets", "comments", "athletes", "users")
FUTURE = (datetime.now(UTC) + timedelta(days=3)).date().isoformat()


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in TABLES
        }


def _rows(store: Store, query: str, **params: object) -> list[tuple[object, ...]]:
    with store.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(query), params)]


@pytest.fixture
def owner(client: TestClient) -> Browser:
    return sign_up(client, "olga")


def _run(store: Store, browser: Browser, **values: object) -> int:
    fields: dict[str, object] = {"distance_m": 10_000.0, "rpe": 4.0, "session_type": "easy"}
    fields.update(values)
    start = datetime(2024, 5, 6, 5, 15, tzinfo=UTC)
    stored = log_activity(store, browser.athlete_id, Activity(start, "running", 3000.0, **fields))  # type: ignore[arg-type]
    assert stored.id is not None
    return stored.id


def _lift(store: Store, browser: Browser) -> int:
    sets = (
        StrengthSet("leg-press", 6, 140.0, 8.0),
        StrengthSet("single-leg-leg-press", 8, 60.0, None, "left"),
        StrengthSet("single-leg-leg-press", 8, 57.5, None, "right"),
    )
    start = datetime(2024, 5, 6, 16, 30, tzinfo=UTC)
    stored = log_strength_session(
        store, browser.athlete_id, StrengthSession(start, sets, duration_s=2700, rpe=7)
    )
    assert stored.id is not None
    return stored.id


def _values(html: str) -> dict[str, str]:
    """name -> value of the text inputs of a page (first of each name)."""
    found: dict[str, str] = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        found.setdefault(name, value)
    return found


def test_run_edit_form_is_prefilled_and_saves_only_what_changed(
    owner: Browser, web_store: Store
) -> None:
    run_id = _run(web_store, owner, distance_m=10_012.345)
    base = f"/athletes/{owner.athlete_id}/activities/{run_id}"
    page = owner.client.get(base)
    assert f'href="{base}/edit"' in page.text and f'href="{base}/delete"' in page.text
    form = owner.client.get(f"{base}/edit")
    assert form.status_code == 200
    values = _values(form.text)
    # 07:15 in Ljubljana (UTC+2 in May), 10.01 km shown
    assert values["date"] == "2024-05-06" and values["time"] == "07:15"
    assert values["distance"] == "10.01" and values["duration"] == "50:00"
    data = {**values, "rpe": "6", "sport": "running", "session_type": "tempo"}
    response = owner.form(f"{base}/edit", data)
    assert response.status_code == 303 and response.headers["location"] == f"{base}?saved=1"
    stored = owner.api("GET", f"/api/v1/athletes/{owner.athlete_id}/activities/{run_id}").json()
    assert stored["rpe"] == 6 and stored["session_type"] == "tempo"
    assert stored["distance_m"] == pytest.approx(10_012.345)  # untouched: full precision kept
    edited = _rows(web_store, "SELECT edited_fields FROM activities WHERE id = :i", i=run_id)[0][0]
    assert set(edited if isinstance(edited, list) else json.loads(str(edited))) == {
        "rpe",
        "session_type",
    }


def test_run_edit_with_bad_input_changes_nothing(owner: Browser, web_store: Store) -> None:
    run_id = _run(web_store, owner)
    base = f"/athletes/{owner.athlete_id}/activities/{run_id}"
    values = _values(owner.client.get(f"{base}/edit").text)
    before = _rows(web_store, "SELECT rpe, started_at FROM activities WHERE id = :i", i=run_id)
    for change, message in (
        ({"rpe": "11"}, "RPE must be between 0 and 10"),
        ({"date": FUTURE}, "cannot start in the future"),
        ({"duration": "abc"}, "duration"),
    ):
        data = {**values, "sport": "running", "session_type": "easy", **change}
        response = owner.form(f"{base}/edit", data)
        assert response.status_code == 422, change
        assert message in response.text
        assert 'id="run-error"' in response.text
    after = _rows(web_store, "SELECT rpe, started_at FROM activities WHERE id = :i", i=run_id)
    assert after == before


def test_strength_edit_form_keeps_per_side_rows_and_changes_a_set(
    owner: Browser, web_store: Store
) -> None:
    session_id = _lift(web_store, owner)
    base = f"/athletes/{owner.athlete_id}/strength/{session_id}"
    form = owner.client.get(f"{base}/edit")
    assert form.status_code == 200
    sides = re.findall(r'<option value="(left|right|both)" selected>', form.text)
    assert sides[:3] == ["both", "left", "right"]
    data = {
        "date": "2024-05-06",
        "time": "18:30",
        "duration_min": "45",
        "rpe": "7",
        "exercise": ["leg-press", "single-leg-leg-press", "single-leg-leg-press", ""],
        "reps": ["6", "8", "8", ""],
        "load": ["145", "60", "57.5", ""],
        "set_rpe": ["8", "", "", ""],
        "side": ["both", "left", "right", "both"],
    }
    response = owner.form(f"{base}/edit", data)
    assert response.status_code == 303, response.text
    sets = _rows(
        web_store,
        "SELECT load_kg, side FROM strength_sets WHERE session_id = :i ORDER BY position",
        i=session_id,
    )
    assert sets == [(145.0, "both"), (60.0, "left"), (57.5, "right")]
    page = owner.client.get(f"{base}?saved=1")
    assert "Saved." in page.text and "145 kg" in page.text


def test_unchanged_strength_form_changes_nothing(owner: Browser, web_store: Store) -> None:
    session_id = _lift(web_store, owner)
    base = f"/athletes/{owner.athlete_id}/strength/{session_id}"
    before = _rows(web_store, "SELECT * FROM strength_sessions WHERE id = :i", i=session_id)
    data = {
        "date": "2024-05-06",
        "time": "18:30",
        "duration_min": "45",
        "rpe": "7",
        "exercise": ["leg-press", "single-leg-leg-press", "single-leg-leg-press", ""],
        "reps": ["6", "8", "8", ""],
        "load": ["140", "60", "57.5", ""],
        "set_rpe": ["8", "", "", ""],
        "side": ["both", "left", "right", "both"],
    }
    assert owner.form(f"{base}/edit", data).status_code == 303
    after = _rows(web_store, "SELECT * FROM strength_sessions WHERE id = :i", i=session_id)
    assert after == before


def test_delete_asks_first_then_deletes_with_a_flash(owner: Browser, web_store: Store) -> None:
    run_id = _run(web_store, owner)
    base = f"/athletes/{owner.athlete_id}/activities/{run_id}"
    history = owner.client.get(f"/athletes/{owner.athlete_id}/history")
    assert f'href="{base}/delete"' in history.text and 'class="row-menu"' in history.text
    confirm = owner.client.get(f"{base}/delete")
    assert confirm.status_code == 200 and 'id="confirm-delete"' in confirm.text
    assert _counts(web_store)["activities"] == 1  # asking deletes nothing
    response = owner.form(f"{base}/delete", {})
    assert response.status_code == 303
    assert response.headers["location"] == f"/athletes/{owner.athlete_id}/history?deleted=run"
    page = owner.client.get(response.headers["location"])
    assert 'id="deleted-flash"' in page.text and "Run deleted" in page.text
    assert _counts(web_store)["activities"] == 0
    assert owner.form(f"{base}/delete", {}).status_code == 404  # deleting twice


def test_coach_reads_but_may_not_edit_or_delete(
    client: TestClient, new_client, web_store: Store
) -> None:  # type: ignore[no-untyped-def]
    owner = sign_up(client, "olga")
    coach = sign_up(new_client(), "carl")
    share_with_coach(web_store, _user(web_store, "olga"), owner.athlete_id or 0, "carl")
    run_id = _run(web_store, owner)
    base = f"/athletes/{owner.athlete_id}/activities/{run_id}"
    page = coach.client.get(base)
    assert page.status_code == 200 and 'id="edit-session"' not in page.text
    before = _counts(web_store)
    assert coach.client.get(f"{base}/edit").status_code == 403
    assert coach.form(f"{base}/delete", {}).status_code == 403
    api = f"/api/v1/athletes/{owner.athlete_id}/activities/{run_id}"
    assert coach.api("PATCH", api, json={"rpe": 5}).status_code == 403
    assert coach.api("DELETE", api).json()["error"]["code"] == "permission_denied"
    assert _counts(web_store) == before


def _user(store: Store, username: str):  # type: ignore[no-untyped-def]
    with store.unit_of_work() as uow:
        return uow.users.find(username)


# -- API -----------------------------------------------------------------------------------------


def test_api_patch_and_delete_a_run(owner: Browser, web_store: Store) -> None:
    run_id = _run(web_store, owner)
    url = f"/api/v1/athletes/{owner.athlete_id}/activities/{run_id}"
    response = owner.api("PATCH", url, json={"rpe": 7, "notes": "windy", "name": "River loop"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["rpe"] == 7 and body["notes"] == "windy" and body["distance_m"] == 10_000
    assert owner.api("DELETE", url).status_code == 204
    second = owner.api("DELETE", url)
    assert second.status_code == 404 and second.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"rpe": 11}, 422),
        ({"started_at": f"{FUTURE}T07:00:00"}, 422),
        ({"sport": None}, 422),
        ({"unknown": 1}, 422),
        ({"distance_m": 100_000, "moving_time_s": 600}, 422),
    ],
)
def test_api_patch_run_refuses_bad_input_and_changes_nothing(
    owner: Browser, web_store: Store, body: dict[str, object], status: int
) -> None:
    run_id = _run(web_store, owner)
    url = f"/api/v1/athletes/{owner.athlete_id}/activities/{run_id}"
    before = _rows(web_store, "SELECT * FROM activities")
    response = owner.api("PATCH", url, json=body)
    assert response.status_code == status
    assert set(response.json()["error"]) == {"code", "message"}
    assert _rows(web_store, "SELECT * FROM activities") == before


def test_api_patch_strength_replaces_sets_and_refuses_bad_sets(
    owner: Browser, web_store: Store
) -> None:
    session_id = _lift(web_store, owner)
    url = f"/api/v1/athletes/{owner.athlete_id}/strength-sessions/{session_id}"
    before = _rows(web_store, "SELECT * FROM strength_sets")
    bad = {"sets": [{"exercise": "no-such-lift", "reps": 5, "load_kg": 100}]}
    assert owner.api("PATCH", url, json=bad).status_code == 422
    assert owner.api("PATCH", url, json={"rpe": 11}).status_code == 422
    assert _rows(web_store, "SELECT * FROM strength_sets") == before
    good = {"rpe": 8, "sets": [{"exercise": "leg-press", "reps": 5, "load_kg": 150, "rpe": 9}]}
    response = owner.api("PATCH", url, json=good)
    assert response.status_code == 200, response.text
    assert response.json()["rpe"] == 8 and len(response.json()["sets"]) == 1
    assert response.json()["volume_kg"] == 750


def test_api_ids_of_another_athlete_are_missing(
    client: TestClient, new_client, web_store: Store
) -> None:  # type: ignore[no-untyped-def]
    owner = sign_up(client, "olga")
    other = sign_up(new_client(), "otto")
    run_id = _run(web_store, owner)
    url = f"/api/v1/athletes/{other.athlete_id}/activities/{run_id}"
    before = _counts(web_store)
    assert other.api("PATCH", url, json={"rpe": 3}).status_code == 404
    assert other.api("DELETE", url).status_code == 404
    assert _counts(web_store) == before


def test_api_delete_athlete_removes_everything_of_theirs(owner: Browser, web_store: Store) -> None:
    _run(web_store, owner)
    _lift(web_store, owner)
    add_comment(web_store, _user(web_store, "olga"), owner.athlete_id or 0, "note")
    response = owner.api("DELETE", f"/api/v1/athletes/{owner.athlete_id}")
    assert response.status_code == 204
    counts = _counts(web_store)
    assert counts["athletes"] == 0 and counts["activities"] == 0
    assert counts["strength_sets"] == 0 and counts["comments"] == 0 and counts["users"] == 1


def test_delete_my_account_needs_the_password(
    client: TestClient, new_client, web_store: Store
) -> None:  # type: ignore[no-untyped-def]
    owner = sign_up(client, "olga")
    coach = sign_up(new_client(), "carl")
    share_with_coach(web_store, _user(web_store, "olga"), owner.athlete_id or 0, "carl")
    coach_user = _user(web_store, "carl")
    add_comment(web_store, coach_user, owner.athlete_id or 0, "Keep the knees out")
    _run(web_store, owner)
    before = _counts(web_store)
    wrong = owner.api("DELETE", "/api/v1/me", json={"password": "not the password"})
    assert wrong.status_code == 403 and _counts(web_store) == before
    # the coach leaves: their comment and access go, the athlete's data stays
    assert coach.api("DELETE", "/api/v1/me", json={"password": PASSWORD}).status_code == 204
    after = _counts(web_store)
    assert after["comments"] == 0 and after["activities"] == 1 and after["users"] == 1
    assert after["athletes"] == 1  # the coach's own athlete profile went with them
    assert coach.client.get("/api/v1/me").status_code == 401
    # the owner leaves through the account page
    page = owner.client.get("/account")
    assert 'id="delete-account-form"' in page.text
    response = owner.form("/account/delete", {"password": PASSWORD})
    assert response.status_code == 200 and 'id="account-deleted"' in response.text
    assert _counts(web_store) == {t: 0 for t in TABLES}


def test_edit_and_delete_pages_have_labels_one_h1_and_a_skip_link(
    owner: Browser, web_store: Store
) -> None:
    from tests.web.test_accessibility import _problems

    run_id, lift_id = _run(web_store, owner), _lift(web_store, owner)
    athlete = f"/athletes/{owner.athlete_id}"
    pages = [
        f"{athlete}/activities/{run_id}", f"{athlete}/activities/{run_id}/edit",
        f"{athlete}/activities/{run_id}/delete", f"{athlete}/strength/{lift_id}",
        f"{athlete}/strength/{lift_id}/edit", f"{athlete}/strength/{lift_id}/delete",
        f"{athlete}/history?deleted=run", "/account",
    ]  # fmt: skip
    found = {}
    for url in pages:
        response = owner.client.get(url)
        assert response.status_code == 200, url
        if problems := _problems(response.text):
            found[url] = problems
    wrong = owner.form("/account/delete", {"password": "wrong"})
    assert wrong.status_code == 403 and "the password is wrong" in wrong.text
    if problems := _problems(wrong.text):
        found["/account/delete"] = problems
    assert not found, found


def test_a_session_with_an_imported_unknown_exercise_stays_editable(
    owner: Browser, web_store: Store
) -> None:
    sets = (StrengthSet("leg-press", 6, 140.0), StrengthSet("unknown:Cable Kickback", 12, 20.0))
    start = datetime(2024, 5, 6, 16, 30, tzinfo=UTC)
    stored = log_strength_session(
        web_store, owner.athlete_id, StrengthSession(start, sets, source="strong")
    )
    base = f"/athletes/{owner.athlete_id}/strength/{stored.id}"
    form = owner.client.get(f"{base}/edit")
    assert 'value="unknown:Cable Kickback" data-unilateral="false" selected' in form.text
    data = {
        "date": "2024-05-06",
        "time": "18:30",
        "rpe": "6",
        "exercise": ["leg-press", "unknown:Cable Kickback"],
        "reps": ["6", "12"],
        "load": ["140", "20"],
        "set_rpe": ["", ""],
        "side": ["both", "both"],
    }
    assert owner.form(f"{base}/edit", data).status_code == 303  # only the RPE changed
    data["reps"] = ["6", "15"]
    assert owner.form(f"{base}/edit", data).status_code == 303  # a set of it changed
    rows = _rows(
        web_store,
        "SELECT exercise_slug, reps FROM strength_sets WHERE session_id = :i ORDER BY position",
        i=stored.id,
    )
    assert rows == [("leg-press", 6), ("unknown:Cable Kickback", 15)]
    session = _rows(web_store, "SELECT rpe FROM strength_sessions WHERE id = :i", i=stored.id)
    assert session == [(6.0,)]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rpe": "11"}, "session RPE must be between 0 and 10"),
        ({"date": FUTURE}, "cannot start in the future"),
        ({"reps": ["6", "eight", "8", ""]}, "set 2: reps"),
        ({"exercise": ["", "", "", ""]}, "at least one set"),
    ],
)
def test_strength_edit_with_bad_input_changes_nothing(
    owner: Browser, web_store: Store, change: dict[str, object], message: str
) -> None:
    session_id = _lift(web_store, owner)
    base = f"/athletes/{owner.athlete_id}/strength/{session_id}"
    data: dict[str, object] = {
        "date": "2024-05-06",
        "time": "18:30",
        "duration_min": "45",
        "rpe": "7",
        "exercise": ["leg-press", "single-leg-leg-press", "single-leg-leg-press", ""],
        "reps": ["6", "8", "8", ""],
        "load": ["150", "60", "57.5", ""],
        "set_rpe": ["8", "", "", ""],
        "side": ["both", "left", "right", "both"],
        **change,
    }
    before = _rows(web_store, "SELECT * FROM strength_sets ORDER BY id")
    response = owner.form(f"{base}/edit", data)
    assert response.status_code == 422 and message in response.text
    assert 'id="strength-error"' in response.text
    assert _rows(web_store, "SELECT * FROM strength_sets ORDER BY id") == before


# -- warm-up sets and timed holds ---------------------------------------------------------------


class _FormReader(HTMLParser):
    """Every field of one form as the browser would send it unchanged: name -> values in order
    (a select sends its selected option, or its first)."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, {}  # type: ignore[var-annotated]
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self.inside = found.get("id") == self.form_id
        elif self.inside and tag == "input" and found.get("name"):
            self.fields.setdefault(found["name"], []).append(found.get("value") or "")
        elif self.inside and tag == "select":
            self._select, self._options = found.get("name"), []
        elif self.inside and tag == "option" and self._select:
            self._options.append((found.get("value") or "", "selected" in found))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select:
            chosen = [v for v, selected in self._options if selected] or [self._options[0][0]]
            self.fields.setdefault(self._select, []).append(chosen[0])
            self._select = None


def _form_fields(html: str, form_id: str = "strength-form") -> dict[str, list[str]]:
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.fields  # type: ignore[no-any-return]


def _post_data(fields: dict[str, list[str]]) -> dict[str, object]:
    columns = {"exercise", "reps", "load", "set_rpe", "side", "kind"}
    return {k: (v if k in columns else v[0]) for k, v in fields.items() if k != "csrf_token"}


_SETS_QUERY = (
    "SELECT exercise_slug, reps, load_kg, warmup, duration_s FROM strength_sets "
    "WHERE session_id = :i ORDER BY position"
)


def _sets(store: Store, session_id: int) -> list[tuple[object, ...]]:
    return [
        (slug, reps, load, bool(warm), hold)
        for slug, reps, load, warm, hold in _rows(store, _SETS_QUERY, i=session_id)
    ]


def _warm_lift(store: Store, browser: Browser, *extra: StrengthSet, source: str = "manual") -> int:
    sets = (
        StrengthSet("leg-press", 10, 60.0, warmup=True),
        StrengthSet("leg-press", 6, 140.0, 8.0),
        StrengthSet("front-plank", 1, 0.0, duration_s=40.0),
        StrengthSet("front-plank", 1, 0.0, warmup=True, duration_s=20.0),
        *extra,
    )
    start = datetime(2024, 5, 6, 16, 30, tzinfo=UTC)
    stored = log_strength_session(
        store, browser.athlete_id, StrengthSession(start, sets, rpe=7, source=source)
    )
    assert stored.id is not None
    return stored.id


def test_warm_ups_and_holds_round_trip_through_the_edit_form(
    owner: Browser, web_store: Store
) -> None:
    session_id = _warm_lift(web_store, owner)
    base = f"/athletes/{owner.athlete_id}/strength/{session_id}"
    fields = _form_fields(owner.client.get(f"{base}/edit").text)
    assert fields["kind"] == ["warmup", "work", "work", "warmup", "work"]  # + the empty row
    assert fields["reps"] == ["10", "6", "40s", "20s", ""]
    before = _rows(web_store, "SELECT * FROM strength_sets ORDER BY id")
    assert owner.form(f"{base}/edit", _post_data(fields)).status_code == 303
    assert _rows(web_store, "SELECT * FROM strength_sets ORDER BY id") == before
    # changing one set's load rewrites the sets: the others keep their flags and holds
    fields["load"][1] = "145"
    assert owner.form(f"{base}/edit", _post_data(fields)).status_code == 303
    assert _sets(web_store, session_id) == [
        ("leg-press", 10, 60.0, True, None),
        ("leg-press", 6, 145.0, False, None),
        ("front-plank", 1, 0.0, False, 40.0),
        ("front-plank", 1, 0.0, True, 20.0),
    ]


def test_the_edit_form_marks_and_unmarks_warm_ups_and_takes_a_hold(
    owner: Browser, web_store: Store
) -> None:
    session_id = _warm_lift(web_store, owner)
    base = f"/athletes/{owner.athlete_id}/strength/{session_id}"
    fields = _form_fields(owner.client.get(f"{base}/edit").text)
    fields["kind"][:2] = ["work", "warmup"]  # set 1 is a work set after all, set 2 a warm-up
    fields["reps"][2] = "45s"  # the plank was held longer
    fields["exercise"][4], fields["reps"][4], fields["kind"][4] = "side-plank", "30s", "warmup"
    response = owner.form(f"{base}/edit", _post_data(fields))
    assert response.status_code == 303, response.text
    assert _sets(web_store, session_id) == [
        ("leg-press", 10, 60.0, False, None),
        ("leg-press", 6, 140.0, True, None),
        ("front-plank", 1, 0.0, False, 45.0),
        ("front-plank", 1, 0.0, True, 20.0),
        ("side-plank", 1, 0.0, True, 30.0),
    ]
    page = owner.client.get(base).text
    assert page.count('<span class="badge">warm-up</span>') == 3
    assert "0:45 hold" in page and "0:30 hold" in page
    again = _form_fields(owner.client.get(f"{base}/edit").text)
    assert again["kind"][:5] == ["work", "warmup", "work", "warmup", "warmup"]


def test_an_imported_unknown_exercise_keeps_its_hold_and_warm_up_when_editing(
    owner: Browser, web_store: Store
) -> None:
    wall_sit = StrengthSet("unknown:Wall Sit", 1, 0.0, warmup=True, duration_s=60.0)
    session_id = _warm_lift(web_store, owner, wall_sit, source="strong")
    base = f"/athletes/{owner.athlete_id}/strength/{session_id}"
    fields = _form_fields(owner.client.get(f"{base}/edit").text)
    assert fields["reps"][4] == "60s" and fields["kind"][4] == "warmup"
    fields["load"][1] = "142.5"
    response = owner.form(f"{base}/edit", _post_data(fields))
    assert response.status_code == 303, response.text
    assert _sets(web_store, session_id)[1:] == [
        ("leg-press", 6, 142.5, False, None),
        ("front-plank", 1, 0.0, False, 40.0),
        ("front-plank", 1, 0.0, True, 20.0),
        ("unknown:Wall Sit", 1, 0.0, True, 60.0),
    ]


def test_a_bad_set_type_or_hold_in_the_edit_form_changes_nothing(
    owner: Browser, web_store: Store
) -> None:
    session_id = _warm_lift(web_store, owner)
    base = f"/athletes/{owner.athlete_id}/strength/{session_id}"
    fields = _form_fields(owner.client.get(f"{base}/edit").text)
    before = _rows(web_store, "SELECT * FROM strength_sets ORDER BY id")
    for column, index, value, message in (
        ("kind", 1, "cooldown", "set 2: unknown set type"),
        ("reps", 2, "0s", "set 3: a hold must be 1 to 3600 s"),
    ):
        data = _post_data(fields)
        changed = list(fields[column])
        changed[index] = value
        response = owner.form(f"{base}/edit", {**data, column: changed, "rpe": "8"})
        assert response.status_code == 422 and message in response.text, value
        # the form comes back with what was typed, flags included
        shown = _form_fields(response.text)
        assert shown["kind"][0] == "warmup" and shown["reps"][2:4] == (
            ["40s", "20s"] if column == "kind" else ["0s", "20s"]
        )
    assert _rows(web_store, "SELECT * FROM strength_sets ORDER BY id") == before


def test_api_patch_takes_warm_ups_and_holds_like_post_and_keeps_them(
    owner: Browser, web_store: Store
) -> None:
    session_id = _warm_lift(web_store, owner)
    url = f"/api/v1/athletes/{owner.athlete_id}/strength-sessions/{session_id}"
    before = _rows(web_store, "SELECT * FROM strength_sets ORDER BY id")
    counts = _counts(web_store)
    plank = {"exercise": "front-plank", "reps": 1}
    for bad in (
        {**plank, "duration_s": -40},
        {**plank, "duration_s": 0},
        {**plank, "duration_s": 3601},
        {**plank, "warmup": "maybe"},
        {**plank, "warmup": "yes"},
        {**plank, "warmup": 1},
        {**plank, "warmup": None},
    ):
        response = owner.api("PATCH", url, json={"sets": [bad]})
        assert response.status_code == 422, bad
        assert set(response.json()["error"]) == {"code", "message"}, bad
    assert _rows(web_store, "SELECT * FROM strength_sets ORDER BY id") == before
    assert _counts(web_store) == counts
    # a PATCH without sets keeps them, flags and holds included
    response = owner.api("PATCH", url, json={"notes": "short on time"})
    assert response.status_code == 200, response.text
    kept = [(s["warmup"], s["duration_s"]) for s in response.json()["sets"]]
    assert kept == [(True, None), (False, None), (False, 40.0), (True, 20.0)]
    assert _rows(web_store, "SELECT * FROM strength_sets ORDER BY id") == before
    sets = [
        {"exercise": "leg-press", "reps": 8, "load_kg": 80, "warmup": True},
        {"exercise": "leg-press", "reps": 5, "load_kg": 150, "rpe": 9},
        {"exercise": "front-plank", "reps": 1, "duration_s": 50},
    ]
    response = owner.api("PATCH", url, json={"sets": sets})
    assert response.status_code == 200, response.text
    answered = [(s["warmup"], s["duration_s"]) for s in response.json()["sets"]]
    assert answered == [(True, None), (False, None), (False, 50.0)]
    assert _sets(web_store, session_id) == [
        ("leg-press", 8, 80.0, True, None),
        ("leg-press", 5, 150.0, False, None),
        ("front-plank", 1, 0.0, False, 50.0),
    ]
