"""``runstrong status``: human output, ``--json`` (docs/status-json.md), ``--history``, per-athlete
thresholds through ``runstrong athlete thresholds``, and bad input."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner, Result

from runstrong.cli.main import app
from runstrong.domain.models import Activity, Athlete
from runstrong.science import RISK_KINDS
from runstrong.services.athletes import create_athlete
from runstrong.services.demo import seed_demo
from runstrong.services.logging import log_activity
from runstrong.services.status import signal_history
from runstrong.store import open_store
from tests.cli.helpers import Invoke, assert_one_line_error, output_json, row_counts

DOC = Path(__file__).resolve().parents[2] / "docs" / "status-json.md"
DEMO_TODAY = date(2026, 11, 25)
DAY0 = date(2025, 3, 3)
WEEK = [300.0, 0, 450, 0, 300, 600, 0]
TOP_LEVEL = {
    "schema_version",
    "athlete",
    "as_of",
    "log_starts",
    "running",
    "strength",
    "load",
    "performance",
    "signals",
    "thresholds",
    "notes",
    "readiness",
}
# The objects of docs/status-json.md whose keys are fixed (not muscles or threshold names).
FIXED_KEYS = {
    ("running",): {"distance_7d_m", "time_7d_s", "distance_28d_m", "time_28d_s", "runs_7d"},
    ("strength",): {
        "sessions_7d",
        "sessions_28d",
        "hard_sets_7d_by_muscle",
        "plyometric_foot_contacts_7d",
        "leg_press_e1rm",
        "side_balance",
    },
    ("load",): {
        "unit",
        "today",
        "running_7d",
        "strength_7d",
        "other_7d",
        "trimp_7d",
        "rtss_7d",
        "ctl",
        "atl",
        "tsb",
        "acwr_rolling",
        "acwr_ewma",
        "monotony",
        "strain",
        "daily_28d",
        "history_days",
        "sessions_with_estimated_rpe",
    },
    ("performance",): {
        "vdot",
        "vdot_from",
        "predicted_times_s",
        "critical_speed_m_per_s",
        "d_prime_m",
        "critical_speed_note",
        "critical_speed_from",
    },
}
SIGNAL_KEYS = {
    "kind",
    "severity",
    "date",
    "title",
    "metrics",
    "labels",
    "explanation",
    "advice",
    "evidence_grade",
    "source",
}
SIDE_BALANCE_KEYS = {
    "exercise_slug",
    "day",
    "left_e1rm_kg",
    "right_e1rm_kg",
    "asymmetry_percent",
    "weaker_side",
}
GRADES = {
    "running_distance_spike": "weak",
    "load_spike": "weak",
    "high_monotony": "weak",
    "heavy_legs_before_key_run": "expert opinion",
    "asymmetry": "weak",
    "strength_volume_jump": "expert opinion",
    "pain_reported": "expert opinion",
    "easy_runs_too_hard": "expert opinion",
}


def _plain(output: str) -> str:
    """Rich output with box drawing removed and whitespace collapsed, for phrase checks."""
    return " ".join(re.sub(r"[─-╿]", " ", output).split())


def _athletes_rows(url: str) -> list[tuple[Any, ...]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text("SELECT * FROM athletes"))]
    finally:
        engine.dispose()


def _seed_runs(url: str, loads: list[float], name: str = "Ana", **athlete: Any) -> None:
    """An athlete (UTC) with one run a day from DAY0 whose load is RPE 5 × minutes."""
    store = open_store(url)
    try:
        create_athlete(store, Athlete(name=name, **athlete))
        for day, load in enumerate(loads):
            if load:
                started = datetime.combine(DAY0 + timedelta(days=day), time(7), tzinfo=UTC)
                minutes = load / 5
                run = Activity(started, "running", minutes * 60, distance_m=minutes * 180, rpe=5.0)
                log_activity(store, name, run)
    finally:
        store.dispose()


# ---------------------------------------------------------------------------------------------
# the demo: a signal of every kind, shown by `status --date`


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, date]]]:
    """The demo seeded once, anchored on a fixed day, and the first date of each signal kind."""
    url = f"sqlite:///{tmp_path_factory.mktemp('status') / 'demo.db'}"
    store = open_store(url)
    try:
        seed_demo(store, today=DEMO_TODAY)
        _, first, signals = signal_history(store, None, DEMO_TODAY)
    finally:
        store.dispose()
    dates: dict[str, date] = {}
    for signal in signals:
        dates.setdefault(signal.kind, first + timedelta(days=signal.day_index))
    yield url, dates


def _demo_status(invoke: Invoke, url: str, *args: str) -> Result:
    return invoke("status", "--db", url, *args)


@pytest.mark.parametrize("kind", RISK_KINDS)
def test_status_on_a_demo_signal_date_shows_it(
    invoke: Invoke, demo: tuple[str, dict[str, date]], kind: str
) -> None:
    url, dates = demo
    assert set(dates) == set(RISK_KINDS)
    day = dates[kind].isoformat()
    human = _demo_status(invoke, url, "--date", day)
    assert human.exit_code == 0, human.stderr
    assert human.stderr == ""
    text_out = _plain(human.stdout)
    assert f"Demo Runner — status on {day}" in text_out
    document = output_json(_demo_status(invoke, url, "--date", day, "--json"))
    assert document["schema_version"] == 1
    assert set(document) == TOP_LEVEL
    assert document["as_of"] == day and document["athlete"] == "Demo Runner"
    found = [s for s in document["signals"] if s["kind"] == kind]
    assert found, [s["kind"] for s in document["signals"]]
    for signal in found:
        assert set(signal) == SIGNAL_KEYS
        assert signal["date"] == day
        assert signal["evidence_grade"] == GRADES[kind]
        assert f"{signal['severity']}: {signal['title']}" in text_out
        assert f"Evidence: {signal['evidence_grade']} —" in text_out
        assert _plain(signal["explanation"]) in text_out
    assert "No risk signals today." not in text_out


def test_history_lists_every_kind_with_dates(
    invoke: Invoke, demo: tuple[str, dict[str, date]]
) -> None:
    url, dates = demo
    day = DEMO_TODAY.isoformat()
    document = output_json(_demo_status(invoke, url, "--history", "--json", "--date", day))
    assert set(document) == {"athlete", "signals"} and document["athlete"] == "Demo Runner"
    assert {s["kind"] for s in document["signals"]} == set(RISK_KINDS)
    for kind, first in dates.items():
        assert min(s["date"] for s in document["signals"] if s["kind"] == kind) == first.isoformat()
    assert all(set(s) == SIGNAL_KEYS for s in document["signals"])
    assert [s["date"] for s in document["signals"]] == sorted(
        s["date"] for s in document["signals"]
    )
    human = _demo_status(invoke, url, "--history", "--date", day)
    assert human.exit_code == 0, human.stderr
    text_out = _plain(human.stdout)
    assert f"Risk signals in Demo Runner's log ({len(document['signals'])} signal-days)" in text_out
    assert dates["load_spike"].isoformat() in text_out
    # up to an earlier date only
    cut = dates["easy_runs_too_hard"] - timedelta(days=1)
    earlier = output_json(
        _demo_status(invoke, url, "--history", "--json", "--date", cut.isoformat())
    )
    assert "easy_runs_too_hard" not in {s["kind"] for s in earlier["signals"]}
    assert all(s["date"] <= cut.isoformat() for s in earlier["signals"])


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in _keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in _keys(item)}
    return set()


def test_json_has_every_key_documented(invoke: Invoke, demo: tuple[str, dict[str, date]]) -> None:
    url, dates = demo
    day = dates["asymmetry"].isoformat()  # a day with leg press, side balance, race and signals
    document = output_json(_demo_status(invoke, url, "--date", day, "--json"))
    block = DOC.read_text(encoding="utf-8").split("```json", 1)[1].split("```", 1)[0]
    documented = set(re.findall(r'"([a-z0-9_]+)"', block))
    assert {"schema_version", "leg_press_e1rm", "critical_speed_note", "5k"} <= documented
    assert documented - _keys(document) == set()
    assert set(document) == TOP_LEVEL
    for path, keys in FIXED_KEYS.items():
        assert set(document[path[0]]) == keys, path
    assert set(document["strength"]["side_balance"]) == SIDE_BALANCE_KEYS
    assert set(document["performance"]["predicted_times_s"]) == {"5k", "10k", "half", "marathon"}
    assert all(
        set(p) == {"date", "e1rm_kg", "per_kg_body_mass"}
        for p in document["strength"]["leg_press_e1rm"]
    )
    assert len(document["load"]["daily_28d"]) == 28
    assert document["load"]["unit"].startswith("AU (session-RPE")
    assert set(document["thresholds"]) >= {"distance_spike_ratio", "load_spike_acwr"}
    assert document["thresholds"]["distance_spike_ratio"] == 1.3
    # every signal in the documented closed sets
    for signal in document["signals"]:
        assert signal["kind"] in RISK_KINDS
        assert signal["severity"] in {"info", "caution", "high"}
        assert signal["evidence_grade"] in {"strong", "moderate", "weak", "expert opinion"}


def test_demo_status_human_output_shows_every_metric(
    invoke: Invoke, demo: tuple[str, dict[str, date]]
) -> None:
    url, dates = demo
    day = dates["asymmetry"].isoformat()
    result = _demo_status(invoke, url, "--date", day)
    document = output_json(_demo_status(invoke, url, "--date", day, "--json"))
    out = _plain(result.stdout)
    running, load = document["running"], document["load"]
    assert f"({running['runs_7d']} runs)" in out
    for label in (
        "running 7 days:",
        "28 days:",
        "strength",
        "hard sets / 7 days",
        "load (AU)",
        "TRIMP",
        "rTSS",
        "fitness / fatigue",
        "ACWR rolling",
        "EWMA",
        "monotony / strain",
        "leg press e1RM",
        "left / right single-leg leg press",
        "VDOT",
        "race predictions",
        "critical speed",
    ):
        assert label in out, label
    assert f"CTL {load['ctl']:.0f} · ATL {load['atl']:.0f}" in out
    assert f"rolling {load['acwr_rolling']:.2f} · EWMA {load['acwr_ewma']:.2f}" in out
    side = document["strength"]["side_balance"]
    assert f"asymmetry {side['asymmetry_percent']:.0f} %" in out
    assert f"VDOT {document['performance']['vdot']:.1f} from" in out


# ---------------------------------------------------------------------------------------------
# JSON values and nulls on small logs


def test_json_nulls_where_nothing_can_be_computed_yet(cli: Invoke, ana: str) -> None:
    logged = cli("log", "run", "-d", "5km", "-t", "25:00", "--rpe", "4", "--date", "2025-03-03")
    assert logged.exit_code == 0, logged.stderr
    document = output_json(cli("status", "--date", "2025-03-03", "--json"))
    assert set(document) == TOP_LEVEL
    for path, keys in FIXED_KEYS.items():
        assert set(document[path[0]]) == keys, path
    load, perf, strength = document["load"], document["performance"], document["strength"]
    for key in ("acwr_rolling", "acwr_ewma", "monotony", "rtss_7d"):
        assert load[key] is None, key
    assert (
        load["today"] == 100.0
        and load["running_7d"] == 100.0
        and load["daily_28d"] == [0.0] * 27 + [100.0]
    )
    assert load["trimp_7d"] == 0.0 and load["sessions_with_estimated_rpe"] == 0
    for key in ("vdot", "vdot_from", "critical_speed_m_per_s", "d_prime_m"):
        assert perf[key] is None, key
    assert "two or more" in perf["critical_speed_note"]
    assert strength["side_balance"] is None and strength["leg_press_e1rm"] == []
    assert strength["hard_sets_7d_by_muscle"] == {}
    assert document["signals"] == [] and document["notes"] == []
    assert document["running"] == {
        "distance_7d_m": 5000.0,
        "time_7d_s": 1500,
        "distance_28d_m": 5000.0,
        "time_28d_s": 1500,
        "runs_7d": 1,
    }
    assert document["log_starts"] == "2025-03-03"


def test_json_strain_is_null_while_monotony_is(cli: Invoke, ana: str) -> None:
    assert cli("log", "run", "-d", "5km", "-t", "25:00", "--date", "2025-03-03").exit_code == 0
    load = output_json(cli("status", "--date", "2025-03-03", "--json"))["load"]
    assert load["monotony"] is None
    assert load["strain"] is None


def test_json_predictions_keep_their_documented_keys_without_a_race(cli: Invoke, ana: str) -> None:
    assert cli("log", "run", "-d", "5km", "-t", "25:00", "--date", "2025-03-03").exit_code == 0
    perf = output_json(cli("status", "--date", "2025-03-03", "--json"))["performance"]
    predicted = perf["predicted_times_s"]
    assert predicted is None or (
        set(predicted) == {"5k", "10k", "half", "marathon"}
        and all(v is None for v in predicted.values())
    )


def test_json_loads_match_the_science_vectors(cli: Invoke, db_url: str) -> None:
    _seed_runs(db_url, WEEK * 6 + [2 * x for x in WEEK])
    day48 = (DAY0 + timedelta(days=48)).isoformat()
    load = output_json(cli("status", "--date", day48, "--json"))["load"]
    assert load["acwr_rolling"] == 1.6 and load["acwr_ewma"] == 1.358
    day6 = (DAY0 + timedelta(days=6)).isoformat()
    week = output_json(cli("status", "--date", day6, "--json"))["load"]
    assert week["monotony"] == 1.049 and week["strain"] == 1730.5
    assert week["daily_28d"] == [0.0] * 21 + WEEK
    human = _plain(cli("status", "--date", day48).stdout)
    assert "ACWR rolling 1.60 · EWMA 1.36" in human
    assert "monotony / strain" in human


def test_status_after_a_week_of_identical_loads_prints_a_sensible_strain(
    cli: Invoke, db_url: str
) -> None:
    _seed_runs(db_url, [100.0] * 7)
    day = (DAY0 + timedelta(days=6)).isoformat()
    human = _plain(cli("status", "--date", day).stdout)
    assert "Monotonous training" in human
    assert not re.search(r"\d{10,}", human), human
    strain = output_json(cli("status", "--date", day, "--json"))["load"]["strain"]
    assert strain is None or strain < 1e9


def test_short_log_human_output_says_what_is_missing(cli: Invoke, ana: str) -> None:
    assert cli("log", "run", "-d", "5km", "-t", "25:00", "--date", "2025-03-03").exit_code == 0
    result = cli("status", "--date", "2025-03-03")
    assert result.exit_code == 0 and result.stderr == ""
    out = _plain(result.stdout)
    assert "Ana — status on 2025-03-03" in out
    assert "ACWR not enough history (28 days)" in out
    assert "monotony / strain not enough history (7 days)" in out
    assert "VDOT no race in the last 180 days" in out
    assert "critical speed needs two or more" in out
    assert "No risk signals today." in out
    # no RPE logged: the easy run's load uses RPE 3 and a note says so
    assert "Note: 1 session had no RPE" in out


# ---------------------------------------------------------------------------------------------
# local days through the CLI


def test_a_2330_run_in_los_angeles_is_on_that_local_day(cli: Invoke, db_url: str) -> None:
    created = cli("athlete", "create", "Lee", "--timezone", "America/Los_Angeles")
    assert created.exit_code == 0, created.stderr
    logged = cli(
        "log",
        "run",
        "-d",
        "4km",
        "-t",
        "20:00",
        "--rpe",
        "5",
        "--date",
        "2025-01-15",
        "--at",
        "23:30",
    )
    assert logged.exit_code == 0, logged.stderr
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT started_at FROM activities")).scalar_one()
    finally:
        engine.dispose()
    assert str(stored).startswith("2025-01-16 07:30")  # UTC
    on_the_day = output_json(cli("status", "--date", "2025-01-15", "--json"))
    assert on_the_day["log_starts"] == "2025-01-15"
    assert on_the_day["load"]["today"] == 100.0
    assert on_the_day["running"]["distance_7d_m"] == 4000.0
    week_later = output_json(cli("status", "--date", "2025-01-22", "--json"))
    assert week_later["running"]["distance_7d_m"] == 0.0
    assert week_later["load"]["daily_28d"][-8] == 100.0
    before = cli("status", "--date", "2025-01-14")
    assert_one_line_error(before, "before Lee's first session (2025-01-15)")


# ---------------------------------------------------------------------------------------------
# thresholds per athlete


def test_a_threshold_override_changes_the_status(cli: Invoke, db_url: str) -> None:
    _seed_runs(db_url, WEEK)  # monotony 1.049: not flagged at the default 2.0
    day = (DAY0 + timedelta(days=6)).isoformat()

    def kinds() -> set[str]:
        return {s["kind"] for s in output_json(cli("status", "--date", day, "--json"))["signals"]}

    assert "high_monotony" not in kinds()
    changed = output_json(
        cli(
            "athlete", "thresholds", "--set", "high_monotony=1.0", "--set", "pain_score=5", "--json"
        )
    )
    assert changed["overrides"] == {"high_monotony": 1.0, "pain_score": 5.0}
    assert changed["thresholds"]["high_monotony"] == 1.0
    assert "high_monotony" in kinds()
    document = output_json(cli("status", "--date", day, "--json"))
    assert document["thresholds"]["high_monotony"] == 1.0
    signal = next(s for s in document["signals"] if s["kind"] == "high_monotony")
    assert signal["metrics"]["monotony"] == 1.049 and signal["metrics"]["threshold_monotony"] == 1
    assert "1.05, above your threshold of 1.00" in signal["explanation"]
    human = _plain(cli("status", "--date", day).stdout)
    assert "caution: Monotonous training" in human and "Evidence: weak" in human
    table = _plain(cli("athlete", "thresholds").stdout)
    assert "high_monotony 1 *" in table
    reset = output_json(cli("athlete", "thresholds", "--reset", "--json"))
    assert reset["overrides"] == {} and reset["thresholds"]["high_monotony"] == 2.0
    assert "high_monotony" not in kinds()


@pytest.mark.parametrize(
    ("setting", "fragment"),
    [
        ("load_spike_acwr=9", "must be from 1.1 to 3"),
        ("load_spike_acwr=1.0", "must be from 1.1 to 3"),
        ("pain_score=-1", "must be from 1 to 10"),
        ("no_such_threshold=1", "unknown risk threshold 'no_such_threshold'"),
        ("load_spike_acwr=abc", "use NAME=NUMBER"),
        ("load_spike_acwr=", "use NAME=NUMBER"),
        ("load_spike_acwr", "use NAME=NUMBER"),
        ("=1.5", "unknown risk threshold"),
        ("load_spike_acwr=nan", "finite"),
        ("load_spike_acwr=inf", "finite"),
        ("baseline_weeks=4.5", "whole number"),
        ("asymmetry_caution_percent=20", "must not be below"),
    ],
)
def test_an_invalid_threshold_is_refused_and_nothing_is_written(
    cli: Invoke, db_url: str, setting: str, fragment: str
) -> None:
    _seed_runs(db_url, WEEK)
    assert cli("athlete", "thresholds", "--set", "high_monotony=2.5").exit_code == 0
    rows, counts = _athletes_rows(db_url), row_counts(db_url)
    result = cli("athlete", "thresholds", "--set", "pain_score=5", "--set", setting)
    assert_one_line_error(result, fragment)
    assert _athletes_rows(db_url) == rows
    assert row_counts(db_url) == counts
    shown = output_json(cli("athlete", "thresholds", "--json"))
    assert shown["overrides"] == {"high_monotony": 2.5}


# ---------------------------------------------------------------------------------------------
# bad input: one line, exit 2, nothing stored


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("log", "run", "-d", "5km", "-t", "-10:00"), "non-negative"),
        (("log", "run", "-d", "5km", "-t", "0:00"), "longer than zero"),
        (("log", "run", "-d", "5km", "-t", "25:00", "--rpe", "11"), "RPE must be between 0 and 10"),
        (("log", "run", "-d", "5km", "-t", "25:00", "--rpe", "-1"), "RPE must be between 0 and 10"),
        (("log", "run", "-d", "5km", "-t", "25:00", "--rpe", "ten"), "--rpe"),
        (("log", "run", "-d", "5km", "-t", "25:00", "--date", "2025-02-30"), "invalid date"),
        (
            ("log", "strength", "--set", "leg-press 3x5@100kg", "--rpe", "11"),
            "session RPE must be between 0 and 10",
        ),
        (
            ("log", "strength", "--set", "leg-press 3x5@100kg", "--rpe", "-0.5"),
            "session RPE must be between 0 and 10",
        ),
        (("log", "strength", "--set", "leg-press 3x5@100kg rpe11"), "RPE must be between 1 and 10"),
        (
            ("log", "strength", "--set", "leg-press 3x5@100kg", "--duration", "-30:00"),
            "non-negative",
        ),
        (("status", "--date", "2025-03-02"), "2025-03-02 is before Ana's first session"),
        (("status", "--history", "--date", "2025-03-02"), "before Ana's first session"),
        (("status", "--date", "2025-13-45"), "invalid date '2025-13-45': use YYYY-MM-DD"),
        (("status", "--date", "3/3/2025"), "invalid date"),
        (("status", "--athlete", "Nobody"), "no athlete named 'Nobody' (known: Ana)"),
        (("status", "--history", "--athlete", "Nobody"), "no athlete named 'Nobody'"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_stores_nothing(
    cli: Invoke, db_url: str, args: tuple[str, ...], fragment: str
) -> None:
    _seed_runs(db_url, [100.0])  # Ana, one run on 2025-03-03
    before = row_counts(db_url)
    assert_one_line_error(cli(*args), fragment)
    assert row_counts(db_url) == before


def test_status_without_sessions_or_athletes_says_what_to_do(cli: Invoke) -> None:
    assert_one_line_error(cli("status"), "no athletes yet")
    assert cli("athlete", "create", "Ana").exit_code == 0
    assert_one_line_error(cli("status"), "Ana has no sessions yet")
    assert_one_line_error(cli("status", "--json"), "Ana has no sessions yet")


def test_status_with_two_athletes_needs_a_name(cli: Invoke, db_url: str) -> None:
    _seed_runs(db_url, [100.0])
    assert cli("athlete", "create", "Bo").exit_code == 0
    assert_one_line_error(cli("status", "--date", "2025-03-03"), "choose one with --athlete")
    chosen = output_json(cli("status", "--date", "2025-03-03", "--athlete", "Ana", "--json"))
    assert chosen["athlete"] == "Ana"


def test_status_default_date_is_today_in_the_athletes_zone(cli: Invoke, db_url: str) -> None:
    _seed_runs(db_url, [100.0], timezone="Pacific/Kiritimati")  # UTC+14
    document = output_json(cli("status", "--json"))
    assert document["as_of"] == datetime.now(ZoneInfo("Pacific/Kiritimati")).date().isoformat()


def test_status_reads_the_database_from_the_environment(runner: CliRunner, db_url: str) -> None:
    _seed_runs(db_url, [100.0])
    result = runner.invoke(
        app, ["status", "--date", "2025-03-03", "--json"], env={"RUNSTRONG_DATABASE_URL": db_url}
    )
    assert json.loads(result.stdout)["athlete"] == "Ana"
