"""Sync sources on the web and in the API: who may add which folder, Sync now, and the Import
page listing each source with its state and the files that failed and why."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from runstrong.services.sources import add_folder_source
from runstrong.settings import Settings
from runstrong.store import Store
from runstrong.web import create_app
from tests.conftest import SHARED_DATA
from tests.web.conftest import Browser, sign_up

FIT = SHARED_DATA / "fit"
pytestmark = pytest.mark.skipif(
    not FIT.is_dir(), reason=f"shared device files not found at {SHARED_DATA}"
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "sources" / "ines" / "watch").mkdir(parents=True)
    (tmp_path / "sources" / "olga" / "watch").mkdir(parents=True)
    return tmp_path / "sources"


def _client(store: Store, source_root: str | None) -> TestClient:
    settings = Settings(database_url=store.url, source_root=source_root, sync_settle_s=0)
    return TestClient(create_app(settings, store=store))


@pytest.fixture
def ines(web_store: Store, root: Path) -> Iterator[Browser]:
    with _client(web_store, str(root)) as client:
        yield sign_up(client, "ines")


def _count(store: Store, table: str) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_api_adds_syncs_lists_and_removes_a_folder(
    ines: Browser, web_store: Store, root: Path
) -> None:
    base = f"/api/v1/athletes/{ines.athlete_id}/sources"
    listed = ines.api("GET", base).json()
    assert listed == {"items": [], "folder_base": str((root / "ines").resolve())}
    added = ines.api("POST", base, json={"kind": "folder", "location": "watch"})
    assert added.status_code == 201, added.text
    source = added.json()
    assert (source["added_by"], source["removable"]) == ("user", True)
    shutil.copy(FIT / "garmin-fenix-5-run.fit", root / "ines" / "watch")
    shutil.copy(FIT / "activity-settings-corruptheader.fit", root / "ines" / "watch")

    synced = ines.api("POST", f"{base}/{source['id']}/sync")

    assert synced.status_code == 200, synced.text
    body = synced.json()
    assert (body["imported"], body["failed"], body["activities_added"]) == (1, 1, 1)
    assert body["source"]["failed_files"][0]["path"] == "activity-settings-corruptheader.fit"
    assert body["source"]["last_sync_at"] is not None
    again = ines.api("POST", f"{base}/{source['id']}/sync").json()
    assert (again["imported"], again["files"]) == (0, [])
    assert _count(web_store, "activities") == 1

    assert ines.api("DELETE", f"{base}/{source['id']}").status_code == 204
    assert ines.api("GET", base).json()["items"] == []
    assert _count(web_store, "activities") == 1  # what the source imported stays


@pytest.mark.parametrize(
    ("location", "status", "code"),
    [
        ("/etc", 403, "permission_denied"),
        ("../olga/watch", 403, "permission_denied"),
        ("not-there", 422, "invalid_input"),
        ("", 422, "invalid_input"),
        ("x" * 1025, 422, "invalid_input"),
        ("bad\x00name", 422, "invalid_input"),
    ],
)
def test_api_refuses_folders_outside_the_users_base(
    ines: Browser, web_store: Store, location: str, status: int, code: str
) -> None:
    response = ines.api(
        "POST", f"/api/v1/athletes/{ines.athlete_id}/sources", json={"location": location}
    )
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
    assert _count(web_store, "sources") == 0


def test_without_a_source_root_only_the_operator_adds_folders(
    web_store: Store, tmp_path: Path
) -> None:
    with _client(web_store, None) as client:
        ines = sign_up(client, "ines")
        base = f"/api/v1/athletes/{ines.athlete_id}/sources"
        refused = ines.api("POST", base, json={"location": str(tmp_path)})
        assert refused.status_code == 403
        assert "operator" in refused.json()["error"]["message"]
        assert _count(web_store, "sources") == 0
        operator = add_folder_source(web_store, ines.athlete_id, str(tmp_path))
        page = client.get(f"/athletes/{ines.athlete_id}/import")
        assert 'id="add-source"' not in page.text and 'id="sources-operator"' in page.text
        assert "read-only here" in page.text and ">Remove<" not in page.text
        listed = ines.api("GET", base).json()
        assert listed["folder_base"] is None and listed["items"][0]["removable"] is False
        assert ines.api("DELETE", f"{base}/{operator.id}").status_code == 403
        assert _count(web_store, "sources") == 1


def test_import_page_lists_sources_and_syncs_now(
    ines: Browser, web_store: Store, root: Path
) -> None:
    page = ines.client.get(f"/athletes/{ines.athlete_id}/import")
    assert 'id="no-sources"' in page.text and 'id="add-source"' in page.text
    added = ines.form(f"/athletes/{ines.athlete_id}/sources", {"location": "watch"})
    assert added.status_code == 303
    refused = ines.form(f"/athletes/{ines.athlete_id}/sources", {"location": "/etc"})
    assert refused.status_code == 403 and 'id="source-error"' in refused.text
    shutil.copy(FIT / "activity-small-fenix2-run.fit", root / "ines" / "watch")
    shutil.copy(FIT / "activity-settings-corruptheader.fit", root / "ines" / "watch")
    [source_id] = [
        s["id"]
        for s in ines.api("GET", f"/api/v1/athletes/{ines.athlete_id}/sources").json()["items"]
    ]

    synced = ines.form(f"/athletes/{ines.athlete_id}/sources/{source_id}/sync", {})

    assert synced.status_code == 200
    assert 'id="sync-report"' in synced.text and "1 file imported" in synced.text
    assert "Files that failed and why" in synced.text
    assert "activity-settings-corruptheader.fit" in synced.text
    removed = ines.form(f"/athletes/{ines.athlete_id}/sources/{source_id}/remove", {})
    assert removed.status_code == 303
    assert _count(web_store, "sources") == 0


def test_one_users_source_is_not_found_through_another_athlete(
    web_store: Store, root: Path
) -> None:
    with _client(web_store, str(root)) as first, _client(web_store, str(root)) as second:
        ines, olga = sign_up(first, "ines"), sign_up(second, "olga")
        source = add_folder_source(web_store, ines.athlete_id, str(root / "ines" / "watch"))
        for method, suffix in (("POST", "/sync"), ("DELETE", "")):
            url = f"/api/v1/athletes/{olga.athlete_id}/sources/{source.id}{suffix}"
            assert olga.api(method, url).status_code == 404
        assert _count(web_store, "sources") == 1


def test_the_served_app_syncs_folders_in_the_background(web_store: Store, root: Path) -> None:
    folder = root / "ines" / "watch"
    with _client(web_store, str(root)) as client:
        ines = sign_up(client, "ines")
    add_folder_source(web_store, ines.athlete_id, str(folder))
    shutil.copy(FIT / "garmin-fenix-5-run.fit", folder)
    settings = Settings(database_url=web_store.url, sync_interval_s=0.2, sync_settle_s=0)
    with TestClient(create_app(settings, store=web_store, poll_sources=True)):
        deadline = time.monotonic() + 30
        while _count(web_store, "activities") == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
    assert _count(web_store, "activities") == 1
    quiet = Settings(database_url=web_store.url, sync_interval_s=0.2, sync_settle_s=0)
    shutil.copy(FIT / "activity-small-fenix2-run.fit", folder)
    with TestClient(create_app(quiet, store=web_store)):  # not served: no background poll
        time.sleep(0.6)
    assert _count(web_store, "activities") == 1


@pytest.mark.parametrize(
    "body",
    [{"kind": "dropbox", "location": "watch"}, {"location": "watch", "owner": 1}, {}, []],
)
def test_api_refuses_malformed_bodies(ines: Browser, web_store: Store, body: object) -> None:
    response = ines.api("POST", f"/api/v1/athletes/{ines.athlete_id}/sources", json=body)
    assert response.status_code == 422 and "error" in response.json()
    assert _count(web_store, "sources") == 0
