"""``runstrong checkin``: record, edit, list, delete; broken input is one line, stores nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.cli.helpers import Invoke, assert_one_line_error, output_json

DAY = (date.today() - timedelta(days=2)).isoformat()


def test_record_edit_list_delete(cli: Invoke, ana: str) -> None:
    saved = output_json(
        cli(
            "checkin", "-a", ana, "--date", DAY, "--soreness", "quads=6", "--soreness",
            "calves=4", "--sleep", "6.5h", "--rmssd", "48", "--resting-hr", "52",
            "--hrv-source", "HRV4Training", "--ill", "--json",
        )
    )  # fmt: skip
    assert saved["soreness"] == {"quads": 6, "calves": 4}
    assert (saved["sleep_h"], saved["rmssd_ms"], saved["sdnn_ms"]) == (6.5, 48.0, None)
    assert saved["illness"] is True and saved["hrv_source"] == "HRV4Training"
    edited = output_json(
        cli("checkin", "edit", "-a", ana, "--date", DAY, "--sleep", "7h30", "--soreness",
            "quads=2", "--json")
    )  # fmt: skip
    assert edited["sleep_h"] == 7.5 and edited["soreness"] == {"quads": 2, "calves": 4}
    assert edited["rmssd_ms"] == 48.0
    listed = output_json(cli("checkin", "list", "-a", ana, "--json"))
    assert [c["date"] for c in listed["checkins"]] == [DAY]
    deleted = cli("checkin", "delete", "-a", ana, "--date", DAY)
    assert deleted.exit_code == 0, deleted.stderr
    assert output_json(cli("checkin", "list", "-a", ana, "--json"))["checkins"] == []


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--soreness", "elbow=3"), "unknown soreness region"),
        (("--soreness", "quads=11"), "0 to 10"),
        (("--soreness", "quads"), "REGION=SCORE"),
        (("--sleep", "lots"), "invalid sleep"),
        (("--sleep", "7h75"), "minutes"),
        (("--rmssd", "0"), "HRV rMSSD"),
        (("--resting-hr", "300"), "resting heart rate"),
        (("--fatigue", "6"), "fatigue"),
        (("--date", "2099-01-01", "--sleep", "7"), "future"),
        (("--date", "yesterday", "--sleep", "7"), "invalid date"),
        ((), "empty"),
    ],
)
def test_broken_input_is_refused_and_nothing_stored(
    cli: Invoke, ana: str, args: tuple[str, ...], fragment: str
) -> None:
    assert_one_line_error(cli("checkin", "-a", ana, *args), fragment)
    assert output_json(cli("checkin", "list", "-a", ana, "--json"))["checkins"] == []


def test_edit_delete_and_choose_refusals(cli: Invoke, ana: str) -> None:
    assert_one_line_error(cli("checkin", "delete", "-a", ana, "--date", DAY), "no check-in")
    assert_one_line_error(cli("checkin", "edit", "-a", ana, "--date", DAY, "--sleep", "7"))
    assert_one_line_error(
        cli("checkin", "choose", "-a", ana, "--signal", "moon", "--action", "keep"),
        "unknown signal",
    )
    assert_one_line_error(
        cli("checkin", "choose", "-a", ana, "--signal", "hrv_low", "--action", "keep"),
        "no hrv low signal",
    )


@pytest.mark.parametrize(
    ("day", "fragment"),
    [
        ("2099-01-01", "future"),
        ("someday", "invalid date"),
        (DAY, f"no sore legs key run signal on {DAY}"),
    ],
)
def test_choose_on_an_earlier_morning_refuses_days_without_a_signal(
    cli: Invoke, ana: str, day: str, fragment: str
) -> None:
    result = cli(
        "checkin", "choose", "-a", ana, "--signal", "sore_legs_key_run", "--action", "keep",
        "--date", day,
    )  # fmt: skip
    assert_one_line_error(result, fragment)
