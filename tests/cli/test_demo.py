"""``runstrong demo``: a year of data for the demo athlete, idempotent, ending with a summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner, Result

from runstrong.cli.main import app
from runstrong.store import open_store
from tests.cli.helpers import TABLES, output_json, row_counts


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Result]:
    """A database seeded once by ``runstrong demo`` (human output) for the tests that read it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    first = CliRunner().invoke(app, ["demo", "--db", url])
    assert first.exit_code == 0, first.stderr
    return url, first


def _demo(url: str, *extra: str, env: dict[str, str] | None = None) -> Result:
    args = ["demo", *extra] if url == "" else ["demo", "--db", url, *extra]
    return CliRunner().invoke(app, args, env=env)


def test_first_run_reports_what_it_added_and_a_summary(demo_db: tuple[str, Result]) -> None:
    url, first = demo_db
    out = first.stdout
    assert first.stderr == ""
    assert "Demo athlete stored in" in out
    assert "activities and" in out and "strength sessions added" in out
    for label in ("Demo Runner", "runs", "strength", "last 28 days", "leg press e1RM"):
        assert label in out
    assert "latest race" in out and "VDOT" in out
    counts = row_counts(url)
    assert counts["athletes"] == 1
    assert counts["activities"] > 200  # about a year: 4-6 runs a week
    assert counts["strength_sessions"] > 60
    assert counts["strength_sets"] >= 10 * counts["strength_sessions"]


def test_second_run_adds_nothing_and_says_so(demo_db: tuple[str, Result]) -> None:
    url, _ = demo_db
    before = row_counts(url)
    again = _demo(url)
    assert again.exit_code == 0, again.stderr
    assert "nothing added" in again.stdout
    assert "Demo Runner" in again.stdout  # the summary is printed again
    assert row_counts(url) == before


def test_json_run_reports_counts_that_match_the_database(demo_db: tuple[str, Result]) -> None:
    url, _ = demo_db
    payload = output_json(_demo(url, "--json"))
    counts = row_counts(url)
    assert payload["activities_added"] == 0
    assert payload["strength_sessions_added"] == 0
    assert payload["already_present"] == counts["activities"] + counts["strength_sessions"]
    summary = payload["summary"]
    assert summary["athlete"]["name"] == "Demo Runner"
    assert summary["runs"] + summary["other_activities"] == counts["activities"]
    assert summary["strength_sessions"] == counts["strength_sessions"]
    assert summary["strength_sets"] == counts["strength_sets"]
    assert summary["latest_race"]["vdot"] == pytest.approx(47, abs=3)
    assert set(summary["predicted_times_s"]) == {"5k", "10k", "half", "marathon"}
    assert row_counts(url) == counts


def test_demo_data_has_runs_with_hr_and_rpe_and_per_side_single_leg_work(
    demo_db: tuple[str, Result],
) -> None:
    url, _ = demo_db
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            types = {
                row[0]
                for row in connection.execute(text("SELECT DISTINCT session_type FROM activities"))
            }
            missing = connection.execute(
                text(
                    "SELECT count(*) FROM activities WHERE distance_m IS NULL "
                    "OR avg_hr_bpm IS NULL OR rpe IS NULL OR moving_time_s IS NULL"
                )
            ).scalar_one()
            sides = {
                row[0]
                for row in connection.execute(
                    text(
                        "SELECT DISTINCT side FROM strength_sets "
                        "WHERE exercise_slug = 'single-leg-leg-press'"
                    )
                )
            }
            unloaded_leg_press = connection.execute(
                text(
                    "SELECT count(*) FROM strength_sets WHERE exercise_slug = 'leg-press' "
                    "AND (load_kg <= 0 OR rpe IS NULL OR reps < 1)"
                )
            ).scalar_one()
    finally:
        engine.dispose()
    assert {"easy", "long", "tempo", "interval"} <= types
    assert missing == 0
    assert sides == {"left", "right"}
    assert unloaded_leg_press == 0


def test_demo_uses_the_environment_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'from-env.db'}"
    result = _demo("", env={"RUNSTRONG_DATABASE_URL": url})
    assert result.exit_code == 0, result.stderr
    assert str(tmp_path / "from-env.db") in result.stdout.replace("\n", "")
    assert row_counts(url)["activities"] > 200


def _truncate(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_demo_on_postgresql_twice(postgres_url: str) -> None:
    """``postgresql://`` as a user writes it, via --db and then via the environment."""
    plain = postgres_url.replace("postgresql+psycopg://", "postgresql://", 1)
    assert plain.startswith("postgresql://")
    open_store(postgres_url).dispose()  # migrate, so that the tables exist to be emptied
    _truncate(postgres_url)
    first: Any = output_json(_demo(plain, "--json"))
    assert first["activities_added"] > 200
    assert first["strength_sessions_added"] > 60
    counts = row_counts(postgres_url)
    assert counts["athletes"] == 1
    assert counts["activities"] == first["activities_added"]
    again = _demo("", env={"RUNSTRONG_DATABASE_URL": plain})
    assert again.exit_code == 0, again.stderr
    assert "nothing added" in again.stdout
    assert row_counts(postgres_url) == counts
