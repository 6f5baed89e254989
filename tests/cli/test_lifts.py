"""``runstrong lifts EXERCISE`` and ``runstrong log strength`` with warm-up and timed sets:
records computed by hand, in kg and lb; bad input exits 2 with one line and stores nothing."""

from __future__ import annotations

import pytest

from runstrong.domain.units import kg_to_lb
from tests.cli.helpers import Invoke, assert_one_line_error, output_json, row_counts


def _log(cli: Invoke, ana: str, day: str, *sets: str) -> dict[str, object]:
    args = ["log", "strength", "--athlete", ana, "--date", day, "--json"]
    for item in sets:
        args += ["--set", item]
    result: dict[str, object] = output_json(cli(*args))
    return result


def test_log_strength_reports_records_and_keeps_warm_ups_and_holds(cli: Invoke, ana: str) -> None:
    first = _log(cli, ana, "2026-01-05", "leg-press 1x10@60kg warmup", "leg-press 3x5@140kg rpe8")
    assert first["records"] == []  # the first session sets records without announcing them
    second = _log(
        cli,
        ana,
        "2026-01-08",
        "leg-press 1x1@170kg warmup",
        "leg-press 2x5@150kg rpe8",
        "front-plank 3x40s bw",
    )
    assert second["sets"] == 6
    texts = [r["text"] for r in second["records"]]  # type: ignore[union-attr]
    assert texts[0] == "New 5-rep best: 150 kg leg press"
    assert texts[1].startswith("New e1RM best: ")
    plain = cli(
        "log", "strength", "--athlete", ana, "--date", "2026-01-12", "--set", "leg-press 1x6@155kg"
    )
    assert plain.exit_code == 0, plain.stderr
    assert "New 6-rep best" not in plain.stdout  # no earlier set of 6 or more reps
    assert "New e1RM best: 186 kg leg press" in plain.stdout  # 155 x (1 + 6/30) > 150 / 81.1 %


def test_lifts_json_records_trend_and_sessions(cli: Invoke, ana: str) -> None:
    _log(cli, ana, "2026-01-05", "leg-press 1x10@60kg warmup", "leg-press 3x5@140kg rpe8")
    _log(cli, ana, "2026-01-08", "leg-press 1x1@170kg warmup", "leg-press 1x3@155kg rpe8")
    history = output_json(cli("lifts", "leg-press", "--athlete", ana, "--json"))
    assert history["exercise"] == "leg-press"
    assert [(r["reps"], r["load_kg"], r["date"]) for r in history["records"]] == [
        (1, 155.0, "2026-01-08"),
        (2, 155.0, "2026-01-08"),
        (3, 155.0, "2026-01-08"),
        (4, 140.0, "2026-01-05"),
        (5, 140.0, "2026-01-05"),
    ]  # neither warm-up (60 kg x 10, 170 kg x 1) makes a record
    assert [p["date"] for p in history["e1rm"]] == ["2026-01-05", "2026-01-08"]
    assert [len(s["sets"]) for s in history["sessions"]] == [4, 2]
    assert history["sessions"][0]["sets"][0]["warmup"] is True
    plank = output_json(cli("lifts", "leg-press", "--athlete", ana, "--json"))
    assert plank["sessions"][1]["volume_kg"] == 465.0


def test_lifts_table_in_pounds(cli: Invoke) -> None:
    assert cli("athlete", "create", "Sam", "--units", "imperial").exit_code == 0
    _log(cli, "Sam", "2026-01-05", "leg-press 3x5@300lb rpe8")
    result = cli("lifts", "leg-press", "--athlete", "Sam")
    assert result.exit_code == 0, result.stderr
    assert "Rep-max records" in result.stdout
    assert "3x5@300lb rpe8" in result.stdout
    assert f"{round(kg_to_lb(300 * 0.45359237 * 15), 1):g} lb" in result.stdout  # volume


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("lifts", "moon-walk"), "no exercise 'moon-walk'"),
        (("lifts", " "), "name an exercise"),
        (("log", "strength", "--set", "front-plank 3x9999s bw"), "a hold must be 1 to 3600 s"),
        (("log", "strength", "--set", "leg-press 1x10@60kg warm"), "invalid set"),
    ],
)
def test_bad_input_exits_2_and_stores_nothing(
    cli: Invoke, ana: str, db_url: str, args: tuple[str, ...], fragment: str
) -> None:
    counts = row_counts(db_url)
    assert_one_line_error(cli(*args, "--athlete", ana), fragment)
    assert row_counts(db_url) == counts
