"""The thresholds of the plan rules: the packaged data/rules.toml and its schema checks."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from runstrong.errors import ValidationError
from runstrong.planning.rules import RULE_CODES, parse_rules, rules


def _raw() -> dict[str, Any]:
    text = resources.files("runstrong.planning").joinpath("data/rules.toml").read_text("utf-8")
    return tomllib.loads(text)


def test_packaged_numbers_are_the_published_ones() -> None:
    numbers = rules()
    assert numbers.c1_hours == 48 and numbers.c3_hours == 48 and numbers.c3_heavy_per_week == 2
    assert numbers.t1_days == (8, 14) and numbers.t1_cut == (0.41, 0.60)  # Bosquet et al. 2007
    assert numbers.t2_frequency == 0.8  # Mujika & Padilla 2003
    assert numbers.s4_cut == (0.30, 0.70) and numbers.s4_no_heavy_days == 7  # Pritchard 2015
    assert numbers.v1_rise == 0.20 and numbers.v1_lighter_cut == (0.20, 0.30)
    assert numbers.i1_easy_share == 0.75 and numbers.i1_hard_per_week == 3  # Seiler 2010
    assert numbers.p1_contacts == {
        "beginner": (80, 100),
        "intermediate": (100, 120),
        "advanced": (120, 140),
    }
    assert numbers.d1_sets == (2, 3) and numbers.d1_distance_m == (20, 50)


def test_every_rule_is_in_the_docs() -> None:
    docs = (Path(__file__).resolve().parents[3] / "docs" / "science.md").read_text("utf-8")
    for code in ("C1", "C2", "C3", "T1", "T2", "S1", "S2", "S3", "S4", "V1", "I1", "P1", "D1"):
        assert f"| {code} |" in docs
        assert code in RULE_CODES


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda raw: raw.update(schema_version=2), "schema_version"),
        (lambda raw: raw.pop("C1"), "[C1] min_hours_before_key_run must be a number"),
        (lambda raw: raw["C3"].update(max_heavy_per_week="two"), "must be a number"),
        (lambda raw: raw["C3"].update(max_heavy_per_week=True), "must be a number"),
        (lambda raw: raw["T1"].update(min_volume_cut=1.5), "is not 0-1"),
        (lambda raw: raw["T1"].update(min_days=20), "min_days is above max_days"),
        (lambda raw: raw["P1"].update(beginner=[100, 80]), "[P1] beginner"),
        (lambda raw: raw["P1"].pop("advanced"), "[P1] advanced"),
        (lambda raw: raw["D1"].update(max_distance_m=-5), "is not 1-400"),
    ],
)
def test_broken_files_are_refused_with_the_value_named(change: Any, message: str) -> None:
    raw = copy.deepcopy(_raw())
    change(raw)
    with pytest.raises(ValidationError) as raised:
        parse_rules(raw)
    assert message in str(raised.value)
