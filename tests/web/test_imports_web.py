"""Uploading files to import, through the JSON API and through the plain form: per-file
outcomes, idempotent re-uploads, and broken uploads (corrupt, empty, mislabelled, too big)
refused with a clear message while the stored data stays exactly as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from runstrong.services import uploads
from runstrong.services.accounts import authenticate
from runstrong.services.sharing import share_with_coach
from runstrong.store import Store
from tests.conftest import SHARED_DATA
from tests.web.conftest import PASSWORD, Browser, sign_up

DATA = Path(__file__).resolve().parents[1] / "data"
TABLES = ("activities", "activity_samples", "strength_sessions", "strength_sets")

needs_shared = pytest.mark.skipif(
    not SHARED_DATA.is_dir(), reason=f"shared device files not found at {SHARED_DATA}"
)


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in TABLES
        }


def _files(*items: tuple[str, bytes]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (name, data, "application/octet-stream")) for name, data in items]


def _data(relative: str) -> tuple[str, bytes]:
    path = DATA / relative
    return path.name, path.read_bytes()


@pytest.fixture
def owner(client: TestClient) -> Browser:
    return sign_up(client, "ines")


def _upload(browser: Browser, *items: tuple[str, bytes]) -> Any:
    return browser.api(
        "POST", f"/api/v1/athletes/{browser.athlete_id}/imports", files=_files(*items)
    )


def test_import_page_works_without_javascript_and_names_its_parts(
    client: TestClient, owner: Browser
) -> None:
    page = client.get(f"/athletes/{owner.athlete_id}/import")
    assert page.status_code == 200
    for marker in (
        'enctype="multipart/form-data"',
        'id="import-form"',
        'id="upload-progress"',
        'id="import-report"',
        'name="files"',
        f'name="csrf_token" value="{owner.csrf_token}"',
        f'data-api="/api/v1/athletes/{owner.athlete_id}/imports"',
        'src="/static/upload.js"',
        '<label for="import-files">',
    ):
        assert marker in page.text, marker
    assert client.get("/static/upload.js").status_code == 200


def test_api_upload_reports_each_file_and_a_second_upload_adds_nothing(
    owner: Browser, web_store: Store
) -> None:
    first = _upload(owner, _data("fit/run.fit"), _data("csv/strong.csv"))
    assert first.status_code == 200, first.text
    body = first.json()
    assert (body["imported"], body["failed"]) == (2, 0)
    assert body["activities_added"] == 1 and body["strength_sessions_added"] >= 1
    by_name = {f["name"]: f for f in body["files"]}
    assert by_name["run.fit"]["format"] == "fit" and by_name["run.fit"]["samples_added"] > 0
    after_first = _counts(web_store)
    again = _upload(owner, _data("fit/run.fit"), _data("csv/strong.csv"))
    assert again.status_code == 200
    assert [f["status"] for f in again.json()["files"]] == ["already_present"] * 2
    assert _counts(web_store) == after_first
    listed = owner.api("GET", f"/api/v1/athletes/{owner.athlete_id}/activities").json()
    assert listed["total"] == 1 and listed["items"][0]["source"] != "manual"


def test_gpx_tcx_and_an_export_archive_import(owner: Browser) -> None:
    for relative in ("gpx/run.gpx", "tcx/run.tcx", "archives/strava-export.zip"):
        response = _upload(owner, _data(relative))
        assert response.status_code == 200, (relative, response.text)
        statuses = {f["status"] for f in response.json()["files"]}
        assert statuses & {"imported", "already_present"}, (relative, response.json())


def test_a_bad_file_beside_a_good_one_fails_alone(owner: Browser, web_store: Store) -> None:
    response = _upload(owner, _data("fit/run.fit"), ("bad.fit", b"not a fit file at all"))
    assert response.status_code == 200
    files = {f["name"]: f for f in response.json()["files"]}
    assert files["run.fit"]["status"] == "imported"
    assert files["bad.fit"]["status"] == "failed"
    assert "bad.fit: not a FIT file" in files["bad.fit"]["message"]
    assert _counts(web_store)["activities"] == 1


BROKEN = [
    ([_data("fit/bad-header.fit")], "bad-header.fit: not a FIT file"),
    ([_data("fit/bad-crc.fit")], "bad-crc.fit"),
    ([("notes.fit", b"Monday: 10k easy. Tuesday: leg press 4x6.")], "notes.fit: not a FIT file"),
    ([("track.gpx", b"<?xml version='1.0'?><gpx><trk><trkseg><trkpt lat='x'")], "track.gpx"),
    ([_data("gpx/billion-laughs.gpx")], "billion-laughs.gpx"),
    ([_data("gpx/external-entity.gpx")], "external-entity.gpx"),
    ([_data("csv/wrong-columns.csv")], "wrong-columns.csv"),
    ([_data("archives/corrupt.zip")], "corrupt.zip"),
    ([_data("fit/workout.fit")], "workout.fit"),
    ([("holiday.jpg", b"\xff\xd8\xff\xe0 JFIF image bytes")], "not a file runstrong can import"),
]


def test_broken_uploads_are_422_with_the_reason_and_store_nothing(
    owner: Browser, web_store: Store
) -> None:
    before = _counts(web_store)
    for files, message in BROKEN:
        response = _upload(owner, *files)
        assert response.status_code == 422, (files[0][0], response.text)
        body = response.json()
        assert body["error"]["code"] == "import_format"
        assert body["error"]["message"].startswith("nothing could be imported")
        assert message in body["error"]["message"], body
        assert body["files"] and body["files"][0]["status"] in ("failed", "skipped")
        assert body["files"][0]["message"]
        assert _counts(web_store) == before, files[0][0]


def test_empty_uploads_are_refused(owner: Browser, web_store: Store) -> None:
    before = _counts(web_store)
    url = f"/api/v1/athletes/{owner.athlete_id}/imports"
    cases: list[tuple[dict[str, Any], str]] = [
        ({"files": _files(("empty.fit", b""))}, "the upload is empty"),
        ({"files": [("other", ("run.fit", b"x", "application/octet-stream"))]}, "choose at least"),
        ({"data": {"files": "run.fit"}}, "choose at least one file"),
        ({"json": {"files": []}}, "choose at least one file"),
        ({}, "choose at least one file"),
    ]
    for kwargs, message in cases:
        response = owner.api("POST", url, **kwargs)
        assert response.status_code == 422, (kwargs, response.text)
        assert message in response.json()["error"]["message"], kwargs
    assert _counts(web_store) == before


def test_too_big_uploads_are_refused_before_anything_is_stored(
    owner: Browser, web_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 4096)
    monkeypatch.setattr(uploads, "_FRAMING_ALLOWANCE_BYTES", 1024)
    before = _counts(web_store)
    response = _upload(owner, _data("fit/run.fit"))
    assert response.status_code == 422
    assert "the upload is larger than" in response.json()["error"]["message"]
    page = owner.client.post(
        f"/athletes/{owner.athlete_id}/import",
        data={"csrf_token": owner.csrf_token},
        files=_files(_data("fit/run.fit")),
    )
    assert page.status_code == 422 and "the upload is larger than" in page.text
    assert _counts(web_store) == before


def test_a_path_in_the_file_name_is_ignored(owner: Browser) -> None:
    response = _upload(owner, ("../../../../tmp/evil.fit", _data("fit/run.fit")[1]))
    assert response.status_code == 200
    assert response.json()["files"][0]["name"] == "evil.fit"


def test_form_post_without_javascript_shows_the_report(
    client: TestClient, owner: Browser, web_store: Store
) -> None:
    url = f"/athletes/{owner.athlete_id}/import"
    page = owner.client.post(
        url, data={"csrf_token": owner.csrf_token}, files=_files(_data("fit/run.fit"))
    )
    assert page.status_code == 200
    assert 'id="import-summary"' in page.text and "1 imported" in page.text
    assert "run.fit" in page.text and "Imported (fit)" in page.text
    stored = _counts(web_store)
    broken = owner.client.post(
        url, data={"csrf_token": owner.csrf_token}, files=_files(("notes.fit", b"plain text"))
    )
    assert broken.status_code == 422
    assert 'id="import-error"' in broken.text and "notes.fit: not a FIT file" in broken.text
    assert 'class="outcome-failed"' in broken.text
    none = owner.client.post(url, data={"csrf_token": owner.csrf_token})
    assert none.status_code == 422 and "choose at least one file" in none.text
    no_token = owner.client.post(url, files=_files(_data("gpx/run.gpx")))
    assert no_token.status_code == 403
    assert _counts(web_store) == stored


def test_coach_cannot_import_and_a_stranger_is_told_nothing_exists(
    owner: Browser, web_store: Store, new_client
) -> None:  # type: ignore[no-untyped-def]
    coach = sign_up(new_client(), "conor")
    stranger = sign_up(new_client(), "sven")
    share_with_coach(
        web_store,
        authenticate(web_store, "ines", PASSWORD, client="test"),
        owner.athlete_id or 0,
        "conor",
    )
    before = _counts(web_store)
    api = f"/api/v1/athletes/{owner.athlete_id}/imports"
    page = f"/athletes/{owner.athlete_id}/import"
    coach_api = coach.api("POST", api, files=_files(_data("fit/run.fit")))
    assert coach_api.status_code == 403
    assert coach_api.json()["error"]["code"] == "permission_denied"
    assert coach.client.get(page).status_code == 403
    assert coach.form(page, {}, files=_files(_data("fit/run.fit"))).status_code == 403
    assert stranger.api("POST", api, files=_files(_data("fit/run.fit"))).status_code == 404
    assert stranger.client.get(page).status_code == 404
    anonymous = new_client().post(api, files=_files(_data("fit/run.fit")))
    assert anonymous.status_code == 401
    assert _counts(web_store) == before


@needs_shared
def test_real_device_files(owner: Browser, web_store: Store) -> None:
    fit = SHARED_DATA / "fit"
    good = _upload(
        owner,
        *[
            (n, (fit / n).read_bytes())
            for n in ("garmin-fenix-5-run.fit", "garmin-fenix-5-walk.fit")
        ],
    )
    assert good.status_code == 200, good.text
    assert good.json()["imported"] == 2
    gpx = _upload(
        owner, ("cerknicko-jezero.gpx", (SHARED_DATA / "gpx" / "cerknicko-jezero.gpx").read_bytes())
    )
    assert gpx.status_code == 200, gpx.text
    before = _counts(web_store)
    for name in ("activity-settings-corruptheader.fit", "activity-filecrc.fit", "Settings.fit"):
        broken = _upload(owner, (name, (fit / name).read_bytes()))
        assert broken.status_code == 422, (name, broken.text)
        assert name in broken.json()["error"]["message"]
    assert _counts(web_store) == before
    again = _upload(
        owner, ("garmin-fenix-5-run.fit", (fit / "garmin-fenix-5-run.fit").read_bytes())
    )
    assert again.json()["files"][0]["status"] == "already_present"
    assert _counts(web_store) == before
