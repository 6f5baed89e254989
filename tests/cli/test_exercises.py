"""``runstrong exercises``: list, filter and show the exercise library."""

from __future__ import annotations

import pytest

from runstrong.library import load_catalog
from tests.cli.helpers import Invoke, assert_one_line_error, output_json


def test_list_shows_the_whole_library(invoke: Invoke) -> None:
    result = invoke("exercises")
    assert result.exit_code == 0
    assert f"Exercise library ({len(load_catalog())})" in result.stdout
    assert "leg-press" in result.stdout


def test_list_as_json_has_every_exercise_in_library_order(invoke: Invoke) -> None:
    payload = output_json(invoke("exercises", "--json"))
    assert [item["slug"] for item in payload] == [e.slug for e in load_catalog()]
    assert {"slug", "name", "category", "primary_muscles", "cues"} <= set(payload[0])


@pytest.mark.parametrize("category", ["strength", "plyometric", "drill", "core"])
def test_filter_by_category(invoke: Invoke, category: str) -> None:
    payload = output_json(invoke("exercises", "--category", category, "--json"))
    assert payload
    assert {item["category"] for item in payload} == {category}
    assert len(payload) == len(load_catalog().by_category(category))  # type: ignore[arg-type]


def test_filter_by_muscle_includes_secondary_muscles(invoke: Invoke) -> None:
    payload = output_json(invoke("exercises", "--muscle", "hamstrings", "--json"))
    slugs = {item["slug"] for item in payload}
    assert "leg-press" in slugs  # hamstrings are secondary on the leg press
    assert all(
        "hamstrings" in item["primary_muscles"] + item["secondary_muscles"] for item in payload
    )


def test_filters_combine(invoke: Invoke) -> None:
    payload = output_json(invoke("exercises", "-c", "strength", "-m", "calves", "--json"))
    assert payload
    assert "calf-press" in {item["slug"] for item in payload}
    assert "leg-press" not in {item["slug"] for item in payload}  # the leg press skips calves
    assert all(item["category"] == "strength" for item in payload)


def test_show_one_exercise(invoke: Invoke) -> None:
    result = invoke("exercises", "leg-press")
    assert result.exit_code == 0
    out = result.stdout
    assert "Leg Press (leg-press)" in out
    assert "quadriceps" in out and "glutes" in out
    assert "Form cues" in out and "Common faults" in out and "Substitutes" in out
    assert "does not train the calves" in out


def test_show_one_exercise_as_json(invoke: Invoke) -> None:
    payload = output_json(invoke("exercises", "single-leg-leg-press", "--json"))
    assert payload["slug"] == "single-leg-leg-press"
    assert payload["unilateral"] is True
    assert payload["cues"]


@pytest.mark.parametrize("name", ["Leg Press", "leg press (machine)", "LEG-PRESS"])
def test_show_accepts_names_and_aliases(invoke: Invoke, name: str) -> None:
    assert output_json(invoke("exercises", name, "--json"))["slug"] == "leg-press"


def test_unknown_exercise_suggests_a_close_one(invoke: Invoke) -> None:
    message = assert_one_line_error(invoke("exercises", "leg-pres"), "leg-pres")
    assert "leg-press" in message.replace("'leg-pres'", "")


def test_show_prints_evidence_as_text_not_a_repr(invoke: Invoke) -> None:
    result = invoke("exercises", "leg-press")
    assert result.exit_code == 0
    assert "Evidence(" not in result.stdout
    assert "grade=" not in result.stdout


def test_show_fault_lines_have_no_double_full_stop(invoke: Invoke) -> None:
    result = invoke("exercises", "leg-press")
    assert result.exit_code == 0
    assert ".." not in result.stdout
