"""``runstrong log run|strength``: what is typed ends up stored, in SI units and UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from runstrong.domain.models import Activity, StrengthSession
from runstrong.domain.units import METRES_PER_MILE, lb_to_kg
from runstrong.store import open_store
from tests.cli.helpers import Invoke, assert_one_line_error, output_json, row_counts


def _stored(db_url: str, name: str) -> tuple[list[Activity], list[StrengthSession]]:
    store = open_store(db_url)
    try:
        with store.unit_of_work() as uow:
            athlete = uow.athletes.get_by_name(name)
            assert athlete is not None and athlete.id is not None
            return (
                uow.activities.list_for_athlete(athlete.id),
                uow.strength.list_for_athlete(athlete.id),
            )
    finally:
        store.dispose()


def test_log_run_with_every_option(cli: Invoke, db_url: str, ana: str) -> None:
    payload = output_json(
        cli(
            "log",
            "run",
            "--athlete",
            ana,
            "--date",
            "2025-06-01",
            "--at",
            "07:15",
            "--distance",
            "10km",
            "--duration",
            "52:30",
            "--type",
            "tempo",
            "--sport",
            "trail_running",
            "--avg-hr",
            "152",
            "--max-hr",
            "171",
            "--rpe",
            "6",
            "--notes",
            "hilly",
            "--json",
        )
    )
    assert payload["athlete"] == "Ana"
    assert payload["distance_m"] == 10000.0
    assert payload["moving_time_s"] == 3150.0
    # 07:15 in Ljubljana in June (CEST, UTC+2) is 05:15 UTC
    assert datetime.fromisoformat(payload["started_at"]) == datetime(2025, 6, 1, 5, 15, tzinfo=UTC)
    [run], _ = _stored(db_url, ana)
    assert run.id == payload["id"]
    assert run.session_type == "tempo"
    assert run.sport == "trail_running"
    assert (run.avg_hr_bpm, run.max_hr_bpm, run.rpe) == (152, 171, 6)
    assert run.notes == "hilly"
    assert run.source == "manual"


def test_log_run_picks_the_only_athlete_and_prints_a_line(
    cli: Invoke, db_url: str, ana: str
) -> None:
    result = cli("log", "run", "-d", "5k", "-t", "25:00", "--date", "2025-06-02")
    assert result.exit_code == 0, result.stderr
    assert "Logged easy run for Ana: 5.0 km in 25:00." in result.stdout
    [run], _ = _stored(db_url, ana)
    assert run.session_type == "easy"
    assert run.distance_m == 5000.0


def test_log_run_bare_numbers_are_in_the_athletes_units(cli: Invoke, db_url: str) -> None:
    assert cli("athlete", "create", "Sam", "--units", "imperial").exit_code == 0
    result = cli("log", "run", "-d", "6.2", "-t", "50:00", "--date", "2025-06-02")
    assert result.exit_code == 0, result.stderr
    assert "6.2 mi" in result.stdout
    [run], _ = _stored(db_url, "Sam")
    assert run.distance_m == pytest.approx(6.2 * METRES_PER_MILE)


def test_log_run_without_date_is_today(cli: Invoke, ana: str) -> None:
    before = datetime.now(UTC)
    payload = output_json(cli("log", "run", "-d", "5k", "-t", "25:00", "--json"))
    started = datetime.fromisoformat(payload["started_at"])
    assert before - timedelta(seconds=5) <= started <= datetime.now(UTC)


def test_log_strength_example_from_the_issue(cli: Invoke, db_url: str, ana: str) -> None:
    payload = output_json(
        cli(
            "log",
            "strength",
            "--date",
            "2025-06-03",
            "--at",
            "18:30",
            "--duration",
            "45:00",
            "--rpe",
            "7",
            "--machine",
            "45° sled",
            "--set",
            "leg-press 4x6@140kg rpe8",
            "--set",
            "single-leg-leg-press 3x8@70kg rpe8 left",
            "--set",
            "single-leg-leg-press 3x8@65kg rpe8 right",
            "--json",
        )
    )
    assert payload["sets"] == 10
    _, [session] = _stored(db_url, ana)
    assert session.duration_s == 2700
    assert session.rpe == 7
    assert session.machine == "45° sled"
    leg_press = [s for s in session.sets if s.exercise_slug == "leg-press"]
    assert [(s.reps, s.load_kg, s.rpe, s.side) for s in leg_press] == [(6, 140.0, 8.0, "both")] * 4
    single = [s for s in session.sets if s.exercise_slug == "single-leg-leg-press"]
    assert [(s.load_kg, s.side) for s in single] == [(70.0, "left")] * 3 + [(65.0, "right")] * 3
    assert [s.exercise_slug for s in session.sets[:4]] == ["leg-press"] * 4  # order kept


def test_log_strength_plyometrics_drills_core_and_names(cli: Invoke, db_url: str, ana: str) -> None:
    result = cli(
        "log",
        "strength",
        "--date",
        "2025-06-03",
        "-s",
        "Leg Press (Machine) 2x10@100kg",
        "-s",
        "pogo-jumps 3x20 bw",
        "-s",
        "a-skip: 2x20",
        "-s",
        "dead-bug 3x10",
    )
    assert result.exit_code == 0, result.stderr
    assert "Logged strength session for Ana: 10 sets." in result.stdout
    _, [session] = _stored(db_url, ana)
    assert [s.exercise_slug for s in session.sets] == ["leg-press"] * 2 + ["pogo-jumps"] * 3 + [
        "a-skip"
    ] * 2 + ["dead-bug"] * 3
    assert all(s.load_kg == 0 for s in session.sets[2:])


def test_log_strength_side_option_applies_to_sets_without_a_side(
    cli: Invoke, db_url: str, ana: str
) -> None:
    result = cli(
        "log",
        "strength",
        "--date",
        "2025-06-03",
        "--side",
        "right",
        "-s",
        "single-leg-leg-press 3x8@60kg",
        "-s",
        "single-leg-leg-press 3x8@70kg left",
    )
    assert result.exit_code == 0, result.stderr
    _, [session] = _stored(db_url, ana)
    assert [s.side for s in session.sets] == ["right"] * 3 + ["left"] * 3


def test_log_strength_side_option_leaves_bilateral_sets_alone(
    cli: Invoke, db_url: str, ana: str
) -> None:
    result = cli(
        "log",
        "strength",
        "--date",
        "2025-06-03",
        "--side",
        "left",
        "-s",
        "leg-press 4x6@140kg",
        "-s",
        "single-leg-leg-press 3x8@70kg",
    )
    assert result.exit_code == 0, result.stderr
    _, [session] = _stored(db_url, ana)
    assert [s.side for s in session.sets] == ["both"] * 4 + ["left"] * 3


def test_log_strength_bare_loads_are_in_the_athletes_units(cli: Invoke, db_url: str) -> None:
    assert cli("athlete", "create", "Sam", "--units", "imperial").exit_code == 0
    result = cli("log", "strength", "--date", "2025-06-03", "-s", "leg-press 4x6@300 rpe8")
    assert result.exit_code == 0, result.stderr
    _, [session] = _stored(db_url, "Sam")
    assert session.sets[0].load_kg == pytest.approx(lb_to_kg(300))


def test_log_to_a_named_athlete_when_two_exist(cli: Invoke, db_url: str, ana: str) -> None:
    assert cli("athlete", "create", "Bob").exit_code == 0
    assert cli("log", "run", "-a", "bob", "-d", "5k", "-t", "25:00").exit_code == 0
    assert cli("log", "strength", "-a", "BOB", "-s", "leg-press 1x5@100kg").exit_code == 0
    runs, lifts = _stored(db_url, "Bob")
    assert (len(runs), len(lifts)) == (1, 1)
    assert _stored(db_url, ana) == ([], [])


def test_log_run_dated_tomorrow_is_refused(cli: Invoke, db_url: str) -> None:
    assert cli("athlete", "create", "Uma", "--timezone", "UTC").exit_code == 0
    before = row_counts(db_url)
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    result = cli("log", "run", "-d", "5k", "-t", "25:00", "--date", tomorrow, "--at", "00:00")
    assert_one_line_error(result, "future")
    assert row_counts(db_url) == before


def test_log_strength_heavy_bare_load_in_pounds_is_accepted(cli: Invoke, db_url: str) -> None:
    assert cli("athlete", "create", "Sam", "--units", "imperial").exit_code == 0
    result = cli("log", "strength", "--date", "2025-06-03", "-s", "leg-press 4x6@1600")
    assert result.exit_code == 0, result.stderr
    _, [session] = _stored(db_url, "Sam")
    assert session.sets[0].load_kg == pytest.approx(lb_to_kg(1600))
