"""Tests for runstrong.science.muscle_volume: the hard-set rule and volume per muscle."""

from __future__ import annotations

import math
import tomllib
from importlib import resources

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runstrong.errors import ValidationError
from runstrong.library import GRADES, MUSCLES, Catalog, Exercise, load_catalog
from runstrong.science.muscle_volume import (
    LoggedSet,
    SetTable,
    daily_muscle_volume,
    hard_set_mask,
    hard_set_rule,
    is_hard_set,
    percent_e1rm_per_set,
    set_percent_e1rm,
    weekly_hard_sets_per_muscle,
    with_reference_e1rm,
)
from runstrong.science.strength import set_one_rep_max


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
def test_logged_sets_are_checked_when_they_become_a_table(kwargs: dict[str, object]) -> None:
    values: dict[str, object] = {"day_index": 0, "exercise_slug": "leg-press", "reps": 5}
    logged = LoggedSet(**{**values, **kwargs})  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        SetTable.from_sets([logged])
    with pytest.raises(ValidationError):
        is_hard_set(logged)


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


# --- the set table ----------------------------------------------------------------------------


def test_set_table_from_columns_encodes_exercises_and_fills_defaults() -> None:
    table = SetTable.from_columns(
        day_index=[0, 1, 1], exercise_slug=["step-up", "leg-press", "step-up"], reps=[8, 5, 8]
    )
    assert table.exercise_slugs == ("leg-press", "step-up")
    assert table.exercise_code.tolist() == [1, 0, 1]
    assert table.load_kg.tolist() == [0.0, 0.0, 0.0]
    assert table.side_code.tolist() == [0, 0, 0] and table.session_index.tolist() == [0, 0, 0]
    assert np.isnan(table.rpe).all() and np.isnan(table.reference_e1rm_kg).all()
    assert len(table) == 3


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reps": [5, -1]}, r"reps must be a whole number from 0 to 100000, got -1 \(set 2\)"),
        ({"day_index": [0, 1.5]}, r"day_index must be a whole number .* got 1\.5 \(set 2\)"),
        ({"rpe": [8, 11]}, r"rpe must be a finite number from 0 to 10, got 11\.0 \(set 2\)"),
        ({"load_kg": [100, math.inf]}, r"load_kg must be a finite number from 0, got inf"),
        ({"side": ["both", "middle"]}, r"side must be 'both', 'left' or 'right', got 'middle'"),
        ({"reference_e1rm_kg": [None, 0]}, r"reference_e1rm_kg must be .* greater than 0"),
        ({"reps": [5]}, r"one value per set"),
        ({"reps": [True, False]}, r"reps must hold whole numbers"),
        ({"exercise_slug": ["leg-press", 3]}, r"exercise_slug .* must hold strings"),
    ],
)
def test_set_table_checks_every_column_once(changes: dict[str, object], message: str) -> None:
    columns: dict[str, object] = {
        "day_index": [0, 1],
        "exercise_slug": ["leg-press", "leg-press"],
        "reps": [5, 5],
        **changes,
    }
    with pytest.raises(ValidationError, match=message):
        SetTable.from_columns(**columns)  # type: ignore[arg-type]


def test_set_table_rows_round_trip_and_select_drops_unused_exercises() -> None:
    rows = (
        LoggedSet(0, "leg-press", 5, 150.0, rpe=8.0),
        LoggedSet(2, "step-up", 8, 20.0, side="left", reference_e1rm_kg=40.0),
    )
    table = SetTable.from_sets(rows)
    assert table.rows() == rows
    selected = table.select(np.array([False, True]))
    assert selected.exercise_slugs == ("step-up",)
    assert selected.rows() == rows[1:]


def test_an_empty_table_gives_empty_results(catalog: Catalog) -> None:
    empty = SetTable.empty()
    assert len(with_reference_e1rm(empty)) == 0
    volume = daily_muscle_volume(empty, catalog.get, 3)
    assert volume.hard_sets_by_muscle == {}
    assert volume.lower_body_hard_sets.tolist() == [0.0, 0.0, 0.0]
    assert volume.foot_contacts.tolist() == [0.0, 0.0, 0.0]


# --- table functions agree with the one-set functions -----------------------------------------

SLUGS = ["leg-press", "calf-press", "bulgarian-split-squat", "depth-jump", "front-plank", "a-skip"]
logged_sets = st.builds(
    LoggedSet,
    day_index=st.integers(min_value=0, max_value=200),
    exercise_slug=st.sampled_from(SLUGS),
    reps=st.integers(min_value=0, max_value=25),
    load_kg=st.sampled_from([0.0, 20.0, 62.5, 100.0, 150.0, 162.2]),
    rpe=st.one_of(st.none(), st.sampled_from([5.0, 6.5, 7.0, 8.0, 9.5, 10.0])),
    side=st.sampled_from(["both", "left", "right"]),
    reference_e1rm_kg=st.one_of(st.none(), st.sampled_from([40.0, 180.0, 250.0])),
)


@given(st.lists(logged_sets, max_size=30))
def test_hard_sets_and_intensity_per_set_match_the_one_set_functions(
    sets: list[LoggedSet],
) -> None:
    table = SetTable.from_sets(sets)
    assert hard_set_mask(table).tolist() == [is_hard_set(logged) for logged in sets]
    percents = [set_percent_e1rm(logged) for logged in sets]
    expected = [math.nan if percent is None else percent for percent in percents]
    np.testing.assert_array_equal(percent_e1rm_per_set(table), expected)


def _reference_by_brute_force(sets: list[LoggedSet], lookback_days: int) -> list[float | None]:
    """The rule read literally: best e1RM of the same exercise and side on earlier days."""
    result = []
    for logged in sets:
        if logged.reference_e1rm_kg is not None:
            result.append(logged.reference_e1rm_kg)
            continue
        estimates = []
        for earlier in sets:
            same = (earlier.exercise_slug, earlier.side) == (logged.exercise_slug, logged.side)
            days_before = logged.day_index - earlier.day_index
            if same and 1 <= days_before <= lookback_days and earlier.load_kg > 0:
                try:
                    estimates.append(set_one_rep_max(earlier.load_kg, earlier.reps, earlier.rpe))
                except ValidationError:
                    continue
        result.append(max(estimates) if estimates else None)
    return result


@given(st.lists(logged_sets, max_size=40), st.integers(min_value=1, max_value=100))
@settings(max_examples=200)
def test_reference_e1rm_is_the_best_earlier_e1rm(sets: list[LoggedSet], lookback: int) -> None:
    filled = with_reference_e1rm(sets, lookback)
    assert [logged.reference_e1rm_kg for logged in filled] == _reference_by_brute_force(
        sets, lookback
    )
    as_table = with_reference_e1rm(SetTable.from_sets(sets), lookback)
    assert as_table.rows() == filled


def _volume_by_brute_force(
    sets: list[LoggedSet], catalog: Catalog, n_days: int
) -> tuple[dict[str, list[float]], list[float], list[float]]:
    """The counting rule read literally, one set at a time."""
    rule = hard_set_rule()
    muscles: dict[str, list[float]] = {}
    lower_body, contacts = [0.0] * n_days, [0.0] * n_days
    for logged in sets:
        exercise = catalog.get(logged.exercise_slug)
        if logged.day_index >= n_days:
            continue
        if exercise.foot_contacts_per_rep is not None:
            contacts[logged.day_index] += logged.reps * exercise.foot_contacts_per_rep
            continue
        if exercise.category not in rule.categories or not is_hard_set(logged):
            continue
        side_weight = 1.0 if logged.side == "both" else 0.5
        for muscle in exercise.primary_muscles:
            muscles.setdefault(muscle, [0.0] * n_days)[logged.day_index] += side_weight
        for muscle in exercise.secondary_muscles:
            muscles.setdefault(muscle, [0.0] * n_days)[logged.day_index] += 0.5 * side_weight
        if exercise.category in rule.lower_body_categories and set(exercise.primary_muscles) & set(
            rule.lower_body_muscles
        ):
            lower_body[logged.day_index] += side_weight
    return muscles, lower_body, contacts


@given(st.lists(logged_sets, max_size=30))
def test_volume_counts_each_set_by_the_rule(sets: list[LoggedSet]) -> None:
    catalog = load_catalog()
    volume = daily_muscle_volume(SetTable.from_sets(sets), catalog.get, 150)
    muscles, lower_body, contacts = _volume_by_brute_force(sets, catalog, 150)
    assert list(volume.hard_sets_by_muscle) == sorted(muscles)
    for muscle, series in muscles.items():
        np.testing.assert_allclose(volume.hard_sets_by_muscle[muscle], series)
    np.testing.assert_allclose(volume.lower_body_hard_sets, lower_body)
    np.testing.assert_allclose(volume.foot_contacts, contacts)
