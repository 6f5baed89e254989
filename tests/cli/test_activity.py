"""``runstrong activity show`` and ``runstrong bests`` on a real device file, as a new user
runs them; bad input is one line on stderr, exit code 2, nothing changed."""

from __future__ import annotations

import pytest

from tests.cli.helpers import Invoke, assert_one_line_error, output_json, row_counts
from tests.conftest import SHARED_DATA

FIT_RUN = SHARED_DATA / "fit" / "activity-small-fenix2-run.fit"
pytestmark = pytest.mark.skipif(not FIT_RUN.is_file(), reason=f"{FIT_RUN} is not available")


@pytest.fixture
def imported(cli: Invoke) -> Invoke:
    created = cli("athlete", "create", "Ana", "--hr-rest", "50", "--hr-max", "190")
    assert created.exit_code == 0, created.stderr
    result = cli("import", str(FIT_RUN), "--athlete", "Ana")
    assert result.exit_code == 0, result.stderr
    return cli


def test_activity_show_prints_splits_laps_zones_and_efforts(imported: Invoke) -> None:
    result = imported("activity", "show", "1")
    assert result.exit_code == 0, result.stderr
    for text in ("Splits per km", "Laps (device)", "Heart-rate zones", "Best efforts", "GAP"):
        assert text in result.stdout
    assert "personal best" in result.stdout
    assert "* partial split: 0.01 km" in result.stdout


def test_activity_show_json_is_the_documented_document(imported: Invoke) -> None:
    document = output_json(imported("activity", "show", "1", "--json"))
    assert document["format_version"] == 1
    assert set(document) == {
        "format_version", "athlete", "activity", "grade_adjusted_pace_s_per_km",
        "split_length_m", "splits", "laps", "zones", "best_efforts", "key_run", "heavy_legs",
    }  # fmt: skip
    assert document["activity"]["sample_count"] == 2809
    splits = document["splits"]
    assert splits[-1]["partial"] and not any(s["partial"] for s in splits[:-1])
    assert sum(s["elapsed_time_s"] for s in splits) == pytest.approx(
        document["activity"]["elapsed_time_s"], rel=0.005
    )
    assert len(document["laps"]) == 4
    assert document["zones"]["heart_rate"]["model"] == "hrr"


def test_bests_lists_the_fastest_efforts(imported: Invoke) -> None:
    document = output_json(imported("bests", "--athlete", "Ana", "--json"))
    assert [row["name"] for row in document["all_time"]] == ["400 m", "1 km", "1 mile", "5 km"]
    assert document["all_time"][0]["activity_id"] == 1
    text = imported("bests", "--athlete", "Ana")
    assert text.exit_code == 0 and "best efforts, all time" in text.stdout


def test_bad_input_is_one_line_and_changes_nothing(imported: Invoke, db_url: str) -> None:
    before = row_counts(db_url)
    assert_one_line_error(imported("activity", "show", "42"), "no activity with id 42")
    assert_one_line_error(imported("activity", "show", "0"))
    assert_one_line_error(imported("activity", "show", "one"))
    assert_one_line_error(imported("bests", "--athlete", "Nobody"), "nobody")
    assert row_counts(db_url) == before
