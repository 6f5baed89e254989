"""``runstrong experiment`` with the two test markers: heart rate in the weekly test run
(``test-hr``) and a time trial every 4 weeks (``time-trial``).

Synthetic athletes with a known effect: "Steady" runs the same pace every Tuesday and Saturday
and its Saturday heart rate is 4 bpm lower in the strength blocks; "Trialist" runs a 5 km time
trial every 4 weeks, 1.5 VDOT points better in the strength blocks. "No Heart" has neither heart
rate nor time trials: both markers refuse it with one line and write nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner, Result

from runstrong.cli.main import app
from runstrong.domain.models import Activity, Athlete
from runstrong.science import equivalent_time_s
from runstrong.services.athletes import create_athlete
from runstrong.store import open_store
from tests.cli.helpers import assert_one_line_error, output_json

FIRST_MONDAY = date(2025, 6, 2)
START = date(2026, 1, 5)  # week 31 of the log; after the fact, order ABBA
TEST_PACE = 1000 / 300  # 5:00 /km
HR_EFFECT = -4.0
VDOT_EFFECT = 1.5


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, ["experiment", *args])


def _experiments(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM experiments")).scalar_one())
    finally:
        engine.dispose()


def _at(day: date, hour: int = 7) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _in_strength_block(day: date, block_weeks: int) -> bool:
    week = (day - START).days // 7
    return week >= 0 and (week // block_weeks) in (1, 2)  # ABBA


def _steady_runs(rng: np.random.Generator) -> list[Activity]:
    runs = []
    for week in range(76):
        monday = FIRST_MONDAY + timedelta(weeks=week)
        for offset, hr in ((1, 150.0), (5, 150.0)):
            day = monday + timedelta(days=offset)
            speed = TEST_PACE * rng.uniform(0.985, 1.015)
            effect = HR_EFFECT if offset == 5 and _in_strength_block(day, 6) else 0.0
            runs.append(
                Activity(
                    started_at=_at(day),
                    sport="running",
                    session_type="easy",
                    moving_time_s=8000 / speed,
                    distance_m=8000,
                    avg_hr_bpm=hr + effect + rng.normal(0, 1.0),
                )
            )
        # A faster run far outside the pace window must not count.
        runs.append(
            Activity(
                started_at=_at(monday + timedelta(days=5), 17),
                sport="running",
                session_type="easy",
                moving_time_s=5000 / 4.2,
                distance_m=5000,
                avg_hr_bpm=175.0,
            )
        )
    return runs


def _time_trials(rng: np.random.Generator) -> list[Activity]:
    trials = []
    for week in range(76):
        if (week - 31) % 4 != 3:
            continue
        day = FIRST_MONDAY + timedelta(weeks=week, days=5)
        level = 45.0 + (VDOT_EFFECT if _in_strength_block(day, 8) else 0.0)
        seconds = equivalent_time_s(level + rng.normal(0, 0.3), 5000)
        named = week % 3 == 0  # some logged by name, not as a race
        trials.append(
            Activity(
                started_at=_at(day, 9),
                sport="running",
                session_type=None if named else "race",
                name="5k time trial" if named else "Parkrun",
                moving_time_s=seconds,
                distance_m=5000,
            )
        )
    return trials


@dataclass(frozen=True)
class Db:
    url: str


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Db]:
    url = f"sqlite:///{tmp_path_factory.mktemp('experiment-markers') / 'x.db'}"
    store = open_store(url)
    rng = np.random.default_rng(23)
    try:
        for name, runs in (
            ("Steady", _steady_runs(rng)),
            ("Trialist", _time_trials(rng)),
            (
                "No Heart",
                [
                    Activity(
                        started_at=_at(FIRST_MONDAY + timedelta(days=d)),
                        sport="running",
                        session_type="easy",
                        moving_time_s=1800,
                        distance_m=5000,
                    )
                    for d in range(0, 300, 2)
                ],
            ),
        ):
            athlete = create_athlete(store, Athlete(name=name))
            assert athlete.id is not None
            with store.unit_of_work() as uow:
                for run in runs:
                    uow.activities.add(athlete.id, run)
    finally:
        store.dispose()
    yield Db(url)


def test_test_hr_design_start_status_and_analyse_find_the_lower_heart_rate(db: Db) -> None:
    design = output_json(
        _run("design", "--db", db.url, "-a", "Steady", "--marker", "test-hr",
             "--start", START.isoformat(), "--json")
    )  # fmt: skip
    assert design["marker"] == "test-hr" and design["unit"] == "bpm"
    assert design["higher_is_better"] is False
    assert design["test_speed_m_per_s"] == pytest.approx(TEST_PACE, rel=0.01)
    # The noise is the spread of steady runs at the test pace (SD 1 bpm), not the fast runs.
    assert 0.6 < design["noise"]["week_to_week_sd"] < 1.6
    assert design["noise"]["mean"] == pytest.approx(150, abs=1)
    assert 0 < design["detectable_effect"] < abs(HR_EFFECT)
    human = _run("design", "--db", db.url, "-a", "Steady", "--marker", "test-hr",
                 "--start", START.isoformat())  # fmt: skip
    assert human.exit_code == 0 and "lower heart rate is better" in " ".join(human.stdout.split())

    started = output_json(
        _run("start", "--db", db.url, "-a", "Steady", "--marker", "test-hr",
             "--start", START.isoformat(), "--order", "ABBA", "--test-day", "sat", "--json")
    )  # fmt: skip
    assert started["marker"] == "test-hr"
    assert started["noise"]["test_speed_m_per_s"] == pytest.approx(TEST_PACE, rel=0.01)

    report = output_json(
        _run("analyse", "--db", db.url, "-a", "Steady", "--date", "2026-07-01", "--json")
    )
    effect = report["effect"]
    assert effect["low"] <= HR_EFFECT <= effect["high"] and effect["high"] < 0
    assert report["higher_is_better"] is False
    assert report["weeks_compared"] == 16
    assert report["adherence"]["test_runs_done"] == [16, 16]
    assert "lower in the strength blocks" in report["summary"]
    assert "fewer beats (better)" in report["summary"]
    status = output_json(
        _run("status", "--db", db.url, "-a", "Steady", "--date", "2026-03-01", "--json")
    )
    assert status["current_arm"] == "strength" and status["weeks_left"] == 17


def test_time_trial_counts_one_value_per_four_weeks(db: Db) -> None:
    short = _run("design", "--db", db.url, "-a", "Trialist", "--marker", "time-trial",
                 "--start", START.isoformat())  # fmt: skip
    assert_one_line_error(short, "time trial every 4 weeks gives only 4")
    design = output_json(
        _run("design", "--db", db.url, "-a", "Trialist", "--marker", "time-trial",
             "--block-weeks", "8", "--weeks", "32", "--start", START.isoformat(), "--json")
    )  # fmt: skip
    assert design["noise"]["test_every_weeks"] == 4
    assert design["noise"]["share_of_weeks_with_marker"] == 0.25
    assert design["noise"]["weeks_measured"] == 8  # the eight trials before the start
    assert design["unit"] == "VDOT points" and design["higher_is_better"] is True
    weekly = output_json(
        _run("design", "--db", db.url, "-a", "Steady", "--marker", "efficiency",
             "--block-weeks", "8", "--weeks", "32", "--start", START.isoformat(), "--json")
    )  # fmt: skip
    assert weekly["noise"]["test_every_weeks"] == 1

    output_json(
        _run("start", "--db", db.url, "-a", "Trialist", "--marker", "time-trial",
             "--block-weeks", "8", "--weeks", "32", "--start", START.isoformat(),
             "--order", "ABBA", "--json")
    )  # fmt: skip
    report = output_json(
        _run("analyse", "--db", db.url, "-a", "Trialist", "--date", "2026-09-01", "--json")
    )
    assert report["weeks_compared"] == 8  # 32 weeks, one time trial per 4 weeks
    assert report["weeks_intervention"] == report["weeks_control"] == 4
    assert report["adherence"]["test_runs_done"] == [8, 8]
    effect = report["effect"]
    # Eight noisy trials (SD 0.3 VDOT): the estimate is near the truth and excludes no change.
    assert abs(effect["estimate"] - VDOT_EFFECT) < 0.6 and effect["low"] > 0
    assert not [d for d in report["deviations"] if d["kind"] == "missed_test"]
    assert any("Time trial every 4 weeks" in note for note in report["notes"])


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("test-hr", "no steady runs with heart rate"),
        ("time-trial", "no runs marked as a race or time trial"),
    ],
)
def test_an_athlete_without_the_runs_gets_one_line_and_nothing_is_written(
    db: Db, marker: str, message: str
) -> None:
    before = _experiments(db.url)
    extra = ("--block-weeks", "8", "--weeks", "32") if marker == "time-trial" else ()
    for command in ("design", "start"):
        result = _run(command, "--db", db.url, "-a", "No Heart", "--marker", marker,
                      "--start", "2026-01-05", "--order", "ABBA", *extra)  # fmt: skip
        if command == "design":
            result = _run(command, "--db", db.url, "-a", "No Heart", "--marker", marker,
                          "--start", "2026-01-05", *extra)  # fmt: skip
        assert_one_line_error(result, message)
    assert _experiments(db.url) == before
