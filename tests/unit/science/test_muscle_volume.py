"""Tests for runstrong.science.muscle_volume: the hard-set rule and volume per muscle."""

from __future__ import annotations

import tomllib
from importlib import resources

import numpy as np
import pytest

from runstrong.errors import ValidationError
from runstrong.library import GRADES, MUSCLES, Catalog, Exercise, load_catalog
from runstrong.science.muscle_volume import (
    LoggedSet,
    daily_muscle_volume,
    hard_set_rule,
    is_hard_set,
    set_percent_e1rm,
    weekly_hard_sets_per_muscle,
    with_reference_e1rm,
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def lookup(catalog: Catalog) -> object:
    return lambda slug: catalog.get(slug) if slug in catalog else None


# --- the data file ----------------------------------------------------------------------------


def test_muscle_volume_toml_schema() -> None:
    text = resources.files("runstrong.science").joinpath("data", "muscle_volume.toml")
    document = tomllib.loads(text.read_text("utf-8"))
    assert document["schema_version"] == 1
    rule = hard_set_rule()
    assert rule.grade in GRADES and rule.source
    assert set(rule.lower_body_muscles) <= set(MUSCLES)
    assert set(rule.categories) <= {"strength", "plyometric", "drill", "core"}
    assert "plyometric" not in rule.categories  # counted as foot contacts instead
    assert (rule.primary_weight, rule.secondary_weight) == (1.0, 0.5)


# --- the hard-set rule ------------------------------------------------------------------------


@pytest.mark.parametrize(("rpe", "hard"), [(6.5, False), (7.0, True), (9.5, True)])
def test_logged_rpe_decides(rpe: float, hard: bool) -> None:
    assert is_hard_set(LoggedSet(0, "leg-press", 5, 100, rpe=rpe, reference_e1rm_kg=300)) is hard


def test_without_rpe_reps_in_reserve_are_estimated_from_the_reference() -> None:
    # 75 % of e1RM allows 10 reps by Epley: 7 reps leave 3 in reserve (hard), 6 leave 4 (not).
    assert is_hard_set(LoggedSet(0, "leg-press", 7, 150, reference_e1rm_kg=200))
    assert not is_hard_set(LoggedSet(0, "leg-press", 6, 150, reference_e1rm_kg=200))


def test_without_rpe_or_reference_a_set_counts_as_hard() -> None:
    assert is_hard_set(LoggedSet(0, "leg-press", 10, 100))
    assert is_hard_set(LoggedSet(0, "split-squat", 10, 0, reference_e1rm_kg=80))


def test_set_percent_e1rm_sources() -> None:
    assert set_percent_e1rm(LoggedSet(0, "leg-press", 3, 160, reference_e1rm_kg=200)) == 80.0
    assert set_percent_e1rm(LoggedSet(0, "leg-press", 5, 150, rpe=8)) == pytest.approx(81.1)
    assert set_percent_e1rm(LoggedSet(0, "leg-press", 12, 50, rpe=6)) is None  # off the chart
    assert set_percent_e1rm(LoggedSet(0, "leg-press", 5, 150)) is None


@pytest.mark.parametrize(
    "kwargs",
    [
        {"day_index": -1},
        {"reps": -1},
        {"load_kg": -5},
        {"rpe": 11},
        {"side": "middle"},
        {"reference_e1rm_kg": 0},
    ],
)
def test_logged_set_validates(kwargs: dict[str, object]) -> None:
    values: dict[str, object] = {"day_index": 0, "exercise_slug": "leg-press", "reps": 5}
    with pytest.raises(ValidationError):
        LoggedSet(**{**values, **kwargs})  # type: ignore[arg-type]


# --- volume -----------------------------------------------------------------------------------


def test_primary_counts_one_and_secondary_half(catalog: Catalog) -> None:
    sets = [LoggedSet(0, "leg-press", 8, 150, rpe=8)] * 3
    volume = daily_muscle_volume(sets, catalog.get, 1)
    assert volume.hard_sets_by_muscle["quadriceps"][0] == 3.0
    assert volume.hard_sets_by_muscle["glutes"][0] == 3.0
    assert volume.hard_sets_by_muscle["hamstrings"][0] == 1.5
    assert "calves" not in volume.hard_sets_by_muscle
    assert volume.lower_body_hard_sets[0] == 3.0


def test_easy_sets_do_not_count(catalog: Catalog) -> None:
    volume = daily_muscle_volume([LoggedSet(0, "leg-press", 8, 100, rpe=5)], catalog.get, 1)
    assert volume.hard_sets_by_muscle == {}
    assert volume.lower_body_hard_sets[0] == 0.0


def test_one_set_per_leg_counts_as_one_set(catalog: Catalog) -> None:
    sets = [
        LoggedSet(2, "bulgarian-split-squat", 8, 20, rpe=8, side="left"),
        LoggedSet(2, "bulgarian-split-squat", 8, 20, rpe=8, side="right"),
    ]
    volume = daily_muscle_volume(sets, catalog.get, 3)
    assert volume.hard_sets_by_muscle["quadriceps"].tolist() == [0.0, 0.0, 1.0]
    assert volume.lower_body_hard_sets[2] == 1.0


def test_plyometrics_count_foot_contacts_not_sets(catalog: Catalog) -> None:
    sets = [LoggedSet(1, "depth-jump", 10, 0), LoggedSet(1, "pogo-jumps", 20, 0, side="left")]
    volume = daily_muscle_volume(sets, catalog.get, 2)
    assert volume.foot_contacts.tolist() == [0.0, 40.0]
    assert volume.hard_sets_by_muscle == {}
    assert volume.lower_body_hard_sets.sum() == 0.0


def test_drills_are_not_counted_and_core_is_not_lower_body(catalog: Catalog) -> None:
    sets = [LoggedSet(0, "a-skip", 3, 0), LoggedSet(0, "single-leg-glute-bridge-hold", 3, 0)]
    volume = daily_muscle_volume(sets, catalog.get, 1)
    assert set(volume.hard_sets_by_muscle) == {"glutes", "hamstrings", "core", "lower-back"}
    assert volume.lower_body_hard_sets[0] == 0.0


def test_unknown_exercises_are_reported_and_left_out(catalog: Catalog) -> None:
    sets = [LoggedSet(0, "zercher-squat", 5, 100), LoggedSet(0, "leg-press", 5, 100)]
    volume = daily_muscle_volume(sets, lookup(catalog), 1)  # type: ignore[arg-type]
    assert volume.unknown_slugs == ("zercher-squat",)
    assert volume.hard_sets_by_muscle["quadriceps"][0] == 1.0


def test_sets_after_the_series_are_left_out(catalog: Catalog) -> None:
    volume = daily_muscle_volume([LoggedSet(5, "leg-press", 5, 100)], catalog.get, 3)
    assert volume.lower_body_hard_sets.tolist() == [0.0, 0.0, 0.0]


def test_weekly_hard_sets_sum_the_trailing_seven_days(catalog: Catalog) -> None:
    sets = [LoggedSet(day, "calf-press", 10, 100, rpe=8) for day in (0, 3, 8)]
    weekly = weekly_hard_sets_per_muscle(sets, catalog.get, 9)
    assert weekly["calves"].tolist() == [1, 1, 1, 2, 2, 2, 2, 1, 2]


def test_library_exercise_satisfies_the_profile_protocol(catalog: Catalog) -> None:
    exercise: Exercise = catalog.get("leg-press")
    volume = daily_muscle_volume(
        [LoggedSet(0, exercise.slug, 5, 100)], {"leg-press": exercise}.get, 1
    )
    assert isinstance(volume.lower_body_hard_sets, np.ndarray)


# --- reference e1RM ---------------------------------------------------------------------------


def test_reference_e1rm_is_the_best_of_earlier_days_in_the_window() -> None:
    sets = [
        LoggedSet(0, "leg-press", 5, 150, rpe=8),  # e1RM ≈ 185
        LoggedSet(10, "leg-press", 5, 120),  # e1RM 140
        LoggedSet(10, "leg-press", 5, 200),  # same day: not its own reference
        LoggedSet(90, "leg-press", 5, 150),  # day 0 is outside 84 days; day 10 best is 233
        LoggedSet(10, "leg-press", 5, 150, side="left"),  # no earlier left set
    ]
    filled = with_reference_e1rm(sets)
    assert filled[0].reference_e1rm_kg is None
    assert filled[1].reference_e1rm_kg == pytest.approx(150 / 0.811, abs=0.1)
    assert filled[2].reference_e1rm_kg == pytest.approx(150 / 0.811, abs=0.1)
    assert filled[3].reference_e1rm_kg == pytest.approx(200 * (1 + 5 / 30))
    assert filled[4].reference_e1rm_kg is None


def test_reference_e1rm_keeps_given_references() -> None:
    sets = [LoggedSet(0, "leg-press", 5, 150), LoggedSet(1, "leg-press", 5, 150, None, "both", 300)]
    assert with_reference_e1rm(sets)[1].reference_e1rm_kg == 300
