"""``runstrong db upgrade``, ``export``, ``restore`` and ``backup``.

The commands are mounted here on a small app with the root's error handling, so these tests do
not depend on their registration in ``runstrong.cli.main``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from runstrong.cli import data
from runstrong.cli.main import _RunstrongGroup
from runstrong.store.migrations_runner import HEAD_REVISION
from tests.cli.helpers import Invoke, assert_one_line_error, output_json, row_counts

app = typer.Typer(cls=_RunstrongGroup, pretty_exceptions_enable=False, add_completion=False)
app.add_typer(data.db_app, name="db")
app.command("export")(data.export_command)
app.command("restore")(data.restore_command)
app.command("backup")(data.backup_command)


@pytest.fixture
def run(runner: CliRunner) -> Invoke:
    def invoke(*args: str) -> Result:
        return runner.invoke(app, list(args))

    return invoke


@pytest.fixture
def archive(run: Invoke, cli: Invoke, ana: str, db_url: str, tmp_path: Path) -> Path:
    logged = cli("log", "strength", "-a", ana, "-s", "leg-press 4x6@100kg rpe8", "--rpe", "8")
    assert logged.exit_code == 0, logged.stderr
    path = tmp_path / "ana.zip"
    exported = output_json(run("export", "--athlete", ana, str(path), "--db", db_url, "--json"))
    assert exported["athlete"] == "Ana"
    assert exported["counts"]["strength_sessions"] == 1
    return path


def test_db_upgrade_prints_the_revisions(run: Invoke, db_url: str) -> None:
    first = output_json(run("db", "upgrade", "--db", db_url, "--json"))
    assert (first["revision_before"], first["revision_after"]) == (None, HEAD_REVISION)
    again = run("db", "upgrade", "--db", db_url)
    assert again.exit_code == 0
    assert f"up to date at revision {HEAD_REVISION}" in again.stdout


def test_export_then_restore_into_another_database(
    run: Invoke, archive: Path, tmp_path: Path
) -> None:
    other = f"sqlite:///{tmp_path / 'other.db'}"
    restored = run("restore", str(archive), "--db", other)
    assert restored.exit_code == 0, restored.stderr
    assert "Restored Ana" in restored.stdout
    again = run("export", "--athlete", "Ana", str(tmp_path / "again.zip"), "--db", other)
    assert again.exit_code == 0, again.stderr
    assert (tmp_path / "again.zip").read_bytes() == archive.read_bytes()


def test_restore_onto_an_existing_name_needs_as(run: Invoke, archive: Path, db_url: str) -> None:
    before = row_counts(db_url)
    assert_one_line_error(run("restore", str(archive), "--db", db_url), "--as NEWNAME")
    assert row_counts(db_url) == before
    copy = output_json(run("restore", str(archive), "--as", "Ana B", "--db", db_url, "--json"))
    assert copy["athlete"] == "Ana B"
    assert row_counts(db_url)["athletes"] == before["athletes"] + 1


def test_a_broken_archive_is_one_line_and_writes_nothing(
    run: Invoke, ana: str, db_url: str, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 truncated")
    before = row_counts(db_url)
    assert_one_line_error(run("restore", str(broken), "--db", db_url), "not a readable zip")
    assert_one_line_error(run("restore", str(tmp_path / "nope.zip"), "--db", db_url), "no archive")
    assert row_counts(db_url) == before


def test_export_of_an_unknown_athlete_is_one_line(
    run: Invoke, ana: str, db_url: str, tmp_path: Path
) -> None:
    result = run("export", "--athlete", "Bob", str(tmp_path / "bob.zip"), "--db", db_url)
    assert_one_line_error(result, "no athlete named 'Bob'")
    assert not (tmp_path / "bob.zip").exists()


def test_backup_refuses_to_overwrite_without_force(
    run: Invoke, ana: str, db_url: str, tmp_path: Path
) -> None:
    target = tmp_path / "backup.db"
    made = output_json(run("backup", str(target), "--db", db_url, "--json"))
    assert made["bytes"] == target.stat().st_size
    assert row_counts(f"sqlite:///{target}") == row_counts(db_url)
    assert_one_line_error(run("backup", str(target), "--db", db_url), "--force")
    forced = run("backup", str(target), "--force", "--db", db_url)
    assert forced.exit_code == 0, forced.stderr


def test_backup_of_postgresql_points_to_pg_dump(run: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "club.dump"
    result = run("backup", str(target), "--db", "postgresql://coach@db.example/club")
    assert_one_line_error(result, "pg_dump --format=custom")
    assert not target.exists()
