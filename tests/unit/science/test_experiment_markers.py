"""The experiment's test markers: heart rate in the weekly test run and a time trial every 4
weeks; the power of a schedule with one value per 4 weeks checked against simulated trials."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from runstrong.errors import ValidationError
from runstrong.science.evidence.experiment_analysis import simulate_trials
from runstrong.science.evidence.experiment_design import (
    ExperimentDesign,
    NoiseModel,
    detectable_effect,
    fit_noise_model,
    scheduled_weeks,
)
from runstrong.science.evidence.experiment_markers import (
    EXPERIMENT_MARKERS,
    check_marker,
    one_per_period,
    weekly_test_hr,
    weeks_between_tests,
)

TRIALS = NoiseModel(mean=45.0, sd=1.0, rho=0.5, marker_share=0.25, n_weeks=8, test_every_weeks=4)


def test_test_hr_takes_the_run_closest_to_the_test_pace_within_the_window() -> None:
    values = weekly_test_hr(
        [0, 0, 1, 1, 3],
        [3.30, 3.34, 3.60, 3.10, 3.36],  # week 1: both outside ±5 % of 3.333
        [152.0, 149.0, 170.0, 140.0, 151.0],
        1000 / 300,
        4,
    )
    assert values[0] == 149.0 and values[3] == 151.0
    assert math.isnan(values[1]) and math.isnan(values[2])
    assert EXPERIMENT_MARKERS["test-hr"].higher_is_better is False
    assert EXPERIMENT_MARKERS["test-hr"].unit == "bpm"


def test_test_hr_refuses_broken_input() -> None:
    with pytest.raises(ValidationError, match="same length"):
        weekly_test_hr([0, 1], [3.0], [150.0, 151.0], 3.0, 2)
    with pytest.raises(ValidationError, match="test_speed"):
        weekly_test_hr([0], [3.0], [150.0], 0.0, 1)
    with pytest.raises(ValidationError, match="unknown marker 'pace'"):
        check_marker("pace")


def test_one_time_trial_per_four_weeks_in_the_scheduled_week() -> None:
    assert scheduled_weeks(12, 4).nonzero()[0].tolist() == [3, 7, 11]
    nan = float("nan")
    # Period 0: trials in weeks 1 and 2 (best kept); period 1: one a week early; period 2: none.
    values = one_per_period([nan, 44.0, 45.0, nan, nan, nan, 46.0, nan, nan, nan, nan, nan], 4)
    assert values[3] == 45.0 and values[7] == 46.0
    assert np.count_nonzero(np.isfinite(values)) == 2
    assert weeks_between_tests("time-trial") == 4 and weeks_between_tests("test-hr") == 1


def test_a_few_time_trials_give_a_noise_model_with_an_assumed_rho() -> None:
    series = np.full(60, np.nan)
    series[[3, 15, 27, 39, 51]] = [45.0, 46.0, 45.2, 46.1, 45.6]
    noise = fit_noise_model(series, lookback_weeks=104, min_weeks=4)
    assert noise.rho == 0.5 and noise.n_weeks == 5
    with pytest.raises(ValidationError, match="only 4 weeks"):
        fit_noise_model(series)


def test_one_value_per_four_weeks_detects_less_than_a_weekly_marker() -> None:
    design = ExperimentDesign("abab", 8, 48)
    weekly = replace(TRIALS, marker_share=1.0, test_every_weeks=1)
    assert detectable_effect(TRIALS, design) > 1.2 * detectable_effect(weekly, design)


def test_time_trial_power_matches_simulated_trials() -> None:
    design = ExperimentDesign("abab", 8, 48)
    effect = detectable_effect(TRIALS, design)
    simulated = simulate_trials(TRIALS, design, effect=effect, trials=600, seed=23)
    # 600 trials: binomial SE of a share near 0.8 is 0.016; allow 4 SE (plus the small bias of
    # estimating ρ from the history in the simulated athletes)
    assert abs(simulated.detected - 0.80) < 0.08
    assert abs(simulated.covered - 0.95) < 0.05
