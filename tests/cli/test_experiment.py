"""``runstrong experiment``: design, start, status, analyse and amend; --json; bad input.

The demo (seeded on 2026-11-25) supplies a year of easy runs with heart rate. Experiments entered
after the fact (May to October 2026) and registered in advance (2027) are both exercised; every
error is one line on stderr with exit code 2 and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner, Result

from runstrong.cli.main import app
from runstrong.domain.models import Activity, Athlete
from runstrong.services.athletes import create_athlete
from runstrong.services.demo import seed_demo
from runstrong.services.plans import PlanChoices, create_plan
from runstrong.store import open_store
from tests.cli.helpers import assert_one_line_error, output_json

DEMO_TODAY = date(2026, 11, 25)


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, ["experiment", *args])


def _experiments(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM experiments")).scalar_one())
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Demo:
    url: str


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    folder = tmp_path_factory.mktemp("experiment-cli")
    url = f"sqlite:///{folder / 'demo.db'}"
    store = open_store(url)
    try:
        seed_demo(store, today=DEMO_TODAY)
        create_plan(
            store,
            "Demo Runner",
            PlanChoices(race="10k", race_date=date(2027, 3, 7)),
            today=DEMO_TODAY,
        )
        athlete = create_athlete(store, Athlete(name="No Heart"))
        assert athlete.id is not None
        with store.unit_of_work() as uow:
            for day in range(60):
                uow.activities.add(
                    athlete.id,
                    Activity(
                        started_at=datetime(2026, 9, 1, 7, tzinfo=UTC) + timedelta(days=day),
                        sport="running",
                        session_type="easy",
                        moving_time_s=1800,
                        distance_m=5000,
                    ),
                )
    finally:
        store.dispose()
    yield Demo(url)


def test_design_reports_the_detectable_effect_from_the_log(demo: Demo) -> None:
    payload = output_json(
        _run("design", "--db", demo.url, "--athlete", "Demo Runner", "--start", "2026-05-04",
             "--block-weeks", "6", "--weeks", "24", "--json")
    )  # fmt: skip
    assert payload["design"] == "abab" and payload["weeks"] == 24
    assert payload["start_date"] == "2026-05-04" and payload["end_date"] == "2026-10-18"
    assert 0 < payload["detectable_effect"] < payload["noise"]["mean"]
    assert payload["detectable_effect_percent"] == pytest.approx(
        100 * payload["detectable_effect"] / payload["noise"]["mean"]
    )
    assert 0 <= payload["noise"]["ar1"] <= 0.9 and payload["noise"]["week_to_week_sd"] > 0
    by_design = {(o["block_weeks"], o["weeks"]): o for o in payload["options"]}
    assert by_design[(6, 48)]["detectable_effect"] < by_design[(6, 24)]["detectable_effect"]
    assert by_design[(6, 24)]["detectable_effect"] == pytest.approx(payload["detectable_effect"])
    powers = [point["power"] for point in payload["power_curve"]]
    assert powers == sorted(powers) and powers[0] < 0.1 and powers[-1] > 0.95
    human = _run("design", "--db", demo.url, "--athlete", "Demo Runner", "--start", "2026-05-04")
    assert human.exit_code == 0, human.stderr
    assert "24 weeks of ABAB in 6-week blocks detects a change of" in " ".join(human.stdout.split())


def test_start_after_the_fact_then_status_and_analyse(demo: Demo) -> None:
    missing = _run("start", "--db", demo.url, "-a", "Demo Runner", "--start", "2026-05-04")
    assert_one_line_error(missing, "--order")
    started = output_json(
        _run("start", "--db", demo.url, "-a", "Demo Runner", "--start", "2026-05-04",
             "--order", "abba", "--test-day", "saturday", "--json")
    )  # fmt: skip
    assert started["order"] == "ABBA"
    assert started["registered_in_advance"] is False
    assert started["label"] == "not registered in advance"
    assert started["test_weekday"] == "sat"
    overlap = _run("start", "--db", demo.url, "-a", "Demo Runner", "--start", "2026-06-01",
                   "--order", "ABAB")  # fmt: skip
    assert_one_line_error(overlap, "may not overlap")
    assert _experiments(demo.url) == 1

    report = output_json(_run("analyse", "--db", demo.url, "-a", "Demo Runner", "--json"))
    effect = report["effect"]
    assert effect["low"] <= effect["estimate"] <= effect["high"]
    assert report["effect_percent"]["low"] <= report["effect_percent"]["high"]
    assert report["randomisation_orders"] == 4
    assert report["randomisation_p"] in (0.5, 1.0)
    assert report["smallest_possible_p"] == 0.5
    assert report["weeks_intervention"] + report["weeks_control"] == report["weeks_compared"]
    assert report["weeks_compared"] <= 16
    assert report["interim"] is False
    assert any("Not registered in advance" in note for note in report["notes"])
    done, due = report["adherence"]["test_runs_done"]
    assert 0 <= done <= due == 16
    assert {d["kind"] for d in report["deviations"]} <= {
        "strength_in_control", "missed_strength", "missed_test",
    }  # fmt: skip
    assert all(d["cost"] for d in report["deviations"])
    assert {f["grade"] for f in report["published"]} <= {"strong", "moderate", "weak"}

    status = output_json(_run("status", "--db", demo.url, "-a", "Demo Runner", "--json"))
    assert status["weeks_left"] == 0 and status["current_block"] is None
    interim = output_json(
        _run("status", "--db", demo.url, "-a", "Demo Runner", "--date", "2026-07-01", "--json")
    )
    assert interim["current_block"] == 2 and interim["current_arm"] == "strength"
    assert interim["weeks_left"] == 16
    assert interim["interim"] is True
    assert any("Interim look" in note for note in interim["notes"])
    human = _run("analyse", "--db", demo.url, "-a", "Demo Runner")
    assert human.exit_code == 0 and "95 % interval" in " ".join(human.stdout.split())

    amended = output_json(
        _run("amend", "--db", demo.url, "-a", "Demo Runner", "--analysis-date", "2026-10-25",
             "--reason", "injury week", "--json")
    )  # fmt: skip
    assert amended["analysis_date"] == "2026-10-25"
    assert amended["amendments"][0]["old"] == "2026-10-18"
    after = output_json(_run("analyse", "--db", demo.url, "-a", "Demo Runner", "--json"))
    assert any("injury week" in note for note in after["notes"])


def test_registered_in_advance_draws_the_order(demo: Demo) -> None:
    refused = _run("start", "--db", demo.url, "-a", "Demo Runner", "--start", "2027-04-05",
                   "--order", "ABAB")  # fmt: skip
    assert_one_line_error(refused, "drawn at random")
    started = output_json(
        _run("start", "--db", demo.url, "-a", "Demo Runner", "--start", "2027-04-05", "--json")
    )
    assert started["registered_in_advance"] is True
    assert started["order"] in ("ABAB", "ABBA", "BAAB", "BABA")
    assert started["start_date"] == "2027-04-05"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("design", "--block-weeks", "3", "--weeks", "12"), "too short for a run-in"),
        (("design", "--weeks", "20"), "not a whole number"),
        (("design", "--start", "2027-01-04"), "after your race on 2027-03-07"),
        (("design", "--marker", "pace"), "unknown marker"),
        (("design", "--design", "abc"), "abab or ab"),
        (("design", "--date", "yesterday"), "invalid date"),
        (("start", "--start", "2026-05-04", "--order", "AABB"), "does not fit"),
        (("start", "--test-day", "someday", "--start", "2027-04-05"), "unknown weekday"),
        (("amend", "--reason", " "), "say why"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    demo: Demo, args: tuple[str, ...], message: str
) -> None:
    before = _experiments(demo.url)
    result = _run(args[0], "--db", demo.url, "-a", "Demo Runner", *args[1:])
    assert_one_line_error(result, message)
    assert _experiments(demo.url) == before


def test_an_athlete_without_heart_rate_runs_cannot_use_the_heart_rate_marker(demo: Demo) -> None:
    result = _run("design", "--db", demo.url, "-a", "No Heart", "--start", "2026-11-02")
    assert_one_line_error(result, "no easy runs with heart rate")
    assert_one_line_error(_run("status", "--db", demo.url, "-a", "No Heart"), "no experiment")
