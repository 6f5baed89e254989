"""Check-in files uploaded on the Import page and through ``POST .../checkins/import``: the
importer of ``runstrong checkin import`` with a per-file report; broken, mislabelled and empty
uploads are refused with a reason and the stored check-ins stay exactly as they were."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from runstrong.services.checkins import list_checkins
from runstrong.services.uploads import Upload
from runstrong.services.wellness_uploads import import_wellness_uploads
from runstrong.store import Store
from tests.web.conftest import Browser, sign_up

DATA = Path(__file__).resolve().parents[1] / "data"
WELLNESS = DATA / "wellness"


def _files(*items: tuple[str, bytes]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (name, data, "application/octet-stream")) for name, data in items]


def _csv() -> tuple[str, bytes]:
    return "hrv4training_export.csv", (WELLNESS / "hrv4training_export.csv").read_bytes()


def _apple_zip(member: str = "apple_health_export/export.xml") -> tuple[str, bytes]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, (WELLNESS / "apple_health_export.xml").read_bytes())
        archive.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
    return "export.zip", buffer.getvalue()


@pytest.fixture
def owner(client: TestClient) -> Browser:
    return sign_up(client, "wren")


def _api(browser: Browser, *items: tuple[str, bytes]) -> Any:
    url = f"/api/v1/athletes/{browser.athlete_id}/checkins/import"
    return browser.api("POST", url, files=_files(*items))


def _days(store: Store, athlete_id: int) -> list[Any]:
    return list_checkins(store, athlete_id)[1]


def test_api_imports_check_in_files_idempotently(owner: Browser, web_store: Store) -> None:
    first = _api(owner, _apple_zip(), _csv())
    assert first.status_code == 200, first.text
    body = first.json()
    assert [f["status"] for f in body["files"]] == ["imported", "imported"]
    assert body["files"][0]["name"] == "export.zip" and body["files"][0]["days_read"] == 10
    assert body["files"][1]["days_read"] == 30 and body["files"][1]["format"] == "hrv4training_csv"
    stored = _days(web_store, owner.athlete_id)
    assert any(c.sdnn_ms is not None for c in stored)  # Apple's SDNN kept apart from rMSSD
    again = _api(owner, _csv()).json()
    assert (again["already_present"], again["days_added"], again["days_changed"]) == (1, 0, 0)
    assert _days(web_store, owner.athlete_id) == stored


@pytest.mark.parametrize(
    ("item", "fragment"),
    [
        (("no_rmssd.csv", (WELLNESS / "broken_hrv4training_no_rmssd.csv").read_bytes()), "rmssd"),
        (("cut.xml", (WELLNESS / "broken_apple_health_cut.xml").read_bytes()), "well-formed"),
        (("run.fit", (DATA / "fit" / "run.fit").read_bytes()), "HRV"),
        (("notes.txt", b"just some words"), "not a wellness file"),
        (("export.zip", b"PK\x03\x04 not really a zip"), "zip"),
        (_apple_zip("apple_health_export/other.xml"), "without an Apple Health export.xml"),
    ],
)
def test_api_refuses_broken_or_wrong_files_and_stores_nothing(
    owner: Browser, web_store: Store, item: tuple[str, bytes], fragment: str
) -> None:
    answer = _api(owner, item)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert fragment.lower() in body["error"]["message"].lower()
    assert body["files"][0]["status"] == "failed" and body["files"][0]["name"] == item[0]
    assert "/tmp" not in answer.text and "runstrong-upload" not in answer.text
    assert _days(web_store, owner.athlete_id) == []


def test_api_refuses_empty_uploads(owner: Browser, web_store: Store) -> None:
    empty = _api(owner, ("hrv.csv", b""))
    assert empty.status_code == 422 and "empty" in empty.json()["error"]["message"]
    none = owner.api("POST", f"/api/v1/athletes/{owner.athlete_id}/checkins/import", data={})
    assert none.status_code == 422 and "choose at least one file" in none.text
    assert _days(web_store, owner.athlete_id) == []


def test_a_good_file_beside_a_bad_one_is_imported(owner: Browser, web_store: Store) -> None:
    answer = _api(owner, ("bad.json", b"{}"), _csv())
    assert answer.status_code == 200
    assert [f["status"] for f in answer.json()["files"]] == ["failed", "imported"]
    assert len(_days(web_store, owner.athlete_id)) == 30


def test_upload_limit_is_the_one_of_every_upload(owner: Browser, web_store: Store) -> None:
    athlete_id = owner.athlete_id
    name, data = _csv()
    with pytest.raises(Exception, match="larger than"):
        import_wellness_uploads(
            web_store, athlete_id, [Upload(name, io.BytesIO(data))], limit_bytes=100
        )
    assert _days(web_store, athlete_id) == []


def test_import_page_uploads_check_in_files_with_a_report(
    client: TestClient, owner: Browser
) -> None:
    url = f"/athletes/{owner.athlete_id}/import"
    page = client.get(url)
    assert 'id="checkin-import-form"' in page.text and 'id="sources"' in page.text
    done = owner.form(f"{url}/checkins", {}, files=_files(_csv()))
    assert done.status_code == 200, done.text
    assert 'id="checkin-files-report"' in done.text and "30 read, 30 added" in done.text
    assert 'id="sources"' in done.text
    broken = owner.form(f"{url}/checkins", {}, files=_files(("notes.txt", b"words")))
    assert broken.status_code == 422
    assert 'id="checkin-import-error"' in broken.text and "not a wellness file" in broken.text
    empty = owner.form(f"{url}/checkins", {}, files=_files(("a.csv", b"")))
    assert empty.status_code == 422 and "empty" in empty.text
