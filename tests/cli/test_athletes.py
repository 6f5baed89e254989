"""``runstrong athlete create|list``."""

from __future__ import annotations

import pytest

from runstrong.domain.units import lb_to_kg
from tests.cli.helpers import Invoke, assert_one_line_error, output_json, row_counts


def test_create_with_every_option_then_list_as_json(cli: Invoke) -> None:
    created = output_json(
        cli(
            "athlete",
            "create",
            "Ana Novak",
            "--body-mass",
            "58.5",
            "--sex",
            "female",
            "--birth-year",
            "1994",
            "--focus",
            "middle",
            "--units",
            "metric",
            "--hr-rest",
            "50",
            "--hr-max",
            "190",
            "--timezone",
            "Europe/Ljubljana",
            "--json",
        )
    )
    assert isinstance(created["id"], int)
    expected = {
        "name": "Ana Novak",
        "body_mass_kg": 58.5,
        "sex": "female",
        "birth_year": 1994,
        "event_focus": "middle",
        "units": "metric",
        "hr_rest_bpm": 50,
        "hr_max_bpm": 190,
        "timezone": "Europe/Ljubljana",
    }
    assert {key: created[key] for key in expected} == expected
    assert output_json(cli("athlete", "list", "--json")) == [created]


def test_create_prints_a_confirmation_and_list_shows_a_table(cli: Invoke) -> None:
    created = cli("athlete", "create", "Ana", "--body-mass", "58")
    assert created.exit_code == 0
    assert "Created athlete Ana" in created.stdout
    assert cli("athlete", "create", "Bob", "--focus", "sprint").exit_code == 0
    listed = cli("athlete", "list")
    assert listed.exit_code == 0
    assert "Ana" in listed.stdout and "Bob" in listed.stdout
    assert "58 kg" in listed.stdout
    assert "sprint" in listed.stdout


def test_list_is_sorted_by_name(cli: Invoke) -> None:
    for name in ("Zoe", "Ana", "Mia"):
        assert cli("athlete", "create", name).exit_code == 0
    assert [a["name"] for a in output_json(cli("athlete", "list", "--json"))] == [
        "Ana",
        "Mia",
        "Zoe",
    ]


def test_imperial_body_mass_is_stored_in_kg_and_shown_in_lb(cli: Invoke) -> None:
    created = output_json(
        cli("athlete", "create", "Sam", "--units", "imperial", "--body-mass", "132", "--json")
    )
    assert created["body_mass_kg"] == pytest.approx(lb_to_kg(132))
    assert "132 lb" in cli("athlete", "list").stdout


def test_defaults(cli: Invoke) -> None:
    created = output_json(cli("athlete", "create", "Kim", "--json"))
    assert created["sex"] == "unspecified"
    assert created["event_focus"] == "distance"
    assert created["units"] == "metric"
    assert created["timezone"] == "UTC"
    assert created["body_mass_kg"] is None


def test_empty_list_says_how_to_start(cli: Invoke) -> None:
    result = cli("athlete", "list")
    assert result.exit_code == 0
    assert "athlete create" in result.stdout and "demo" in result.stdout
    assert output_json(cli("athlete", "list", "--json")) == []


def test_name_is_trimmed(cli: Invoke) -> None:
    assert output_json(cli("athlete", "create", "  Ana  ", "--json"))["name"] == "Ana"


@pytest.mark.parametrize("duplicate", ["Ana", "ana", "ANA", " Ana "])
def test_duplicate_name_is_refused_whatever_the_case(
    cli: Invoke, db_url: str, duplicate: str
) -> None:
    assert cli("athlete", "create", "Ana").exit_code == 0
    before = row_counts(db_url)
    assert_one_line_error(cli("athlete", "create", duplicate), "already exists")
    assert row_counts(db_url) == before
