"""Personal experiments: design rules, noise model, power against simulation, analysis."""

from __future__ import annotations

import math

import numpy as np
import pytest

from runstrong.errors import ValidationError
from runstrong.science.evidence._batch_gls import fit_ar1_batch
from runstrong.science.evidence._regression import fit_ar1
from runstrong.science.evidence.experiment_analysis import analyse_experiment, simulate_trials
from runstrong.science.evidence.experiment_design import (
    ExperimentDesign,
    NoiseModel,
    allowed_orders,
    check_order,
    design_matrix,
    design_options,
    detectable_effect,
    fit_noise_model,
    power_curve,
)

# Like the demo athlete's easy-run speed: about 3 m/s, 1.7 % week-to-week spread, ρ about 0.5.
REAL_LIKE = NoiseModel(mean=3.0, sd=0.05, rho=0.5, marker_share=0.9, n_weeks=40)


def test_orders_are_randomised_in_pairs() -> None:
    design = ExperimentDesign("abab", 6, 36)
    orders = allowed_orders(design)
    assert len(orders) == 8
    assert all(order[i : i + 2] in ("AB", "BA") for order in orders for i in (0, 2, 4))
    assert allowed_orders(ExperimentDesign("ab", 6, 12)) == ("AB",)
    assert check_order(design, "abbaab") == "ABBAAB"
    with pytest.raises(ValidationError, match="does not fit"):
        check_order(design, "AABBAB")


def test_run_in_weeks_are_not_compared() -> None:
    indicator, compared = design_matrix(ExperimentDesign("abab", 6, 24, run_in_weeks=2), "BAAB")
    assert indicator.tolist() == [1] * 6 + [0] * 12 + [1] * 6
    assert compared.tolist() == ([False] * 2 + [True] * 4) * 4


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "abab", "block_weeks": 3, "n_weeks": 12, "run_in_weeks": 2}, "too short"),
        ({"kind": "abab", "block_weeks": 6, "n_weeks": 20}, "whole number"),
        ({"kind": "abab", "block_weeks": 6, "n_weeks": 18}, "even number"),
        ({"kind": "ab", "block_weeks": 6, "n_weeks": 24}, "two blocks"),
        ({"kind": "abc", "block_weeks": 6, "n_weeks": 24}, "abab or ab"),
    ],
)
def test_bad_designs_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        ExperimentDesign(**kwargs)  # type: ignore[arg-type]


def test_noise_model_recovers_spread_and_autocorrelation() -> None:
    rng = np.random.default_rng(4)
    n = 52
    errors = np.empty(n)
    errors[0] = rng.normal(0, 0.05)
    for week in range(1, n):
        errors[week] = 0.6 * errors[week - 1] + rng.normal(0, 0.05 * math.sqrt(1 - 0.36))
    marker = 3.0 + 0.001 * np.arange(n) + errors
    marker[::7] = np.nan
    noise = fit_noise_model(marker)
    assert 0.03 < noise.sd < 0.07
    assert 0.3 < noise.rho < 0.85
    assert noise.marker_share == pytest.approx(44 / 51)  # counted from the first week with one
    with pytest.raises(ValidationError, match="at least 8"):
        fit_noise_model(np.array([3.0, np.nan, 3.1, 3.0]))


def test_batch_fit_matches_the_evidence_model_fit() -> None:
    rng = np.random.default_rng(1)
    weeks = np.array([0, 1, 2, 4, 5, 6, 8, 9, 11, 12, 13, 15, 16, 17], dtype=np.intp)
    matrix = np.column_stack([np.ones(weeks.size), weeks % 2, weeks.astype(float)])
    ys = 3 + rng.normal(0, 0.05, (weeks.size, 3))
    batch = fit_ar1_batch(ys, matrix, weeks, column=1)
    for i in range(3):
        single = fit_ar1(ys[:, i], matrix, weeks, column=1, confidence=0.95)
        assert single is not None
        assert batch.estimate[i] == pytest.approx(single.estimate, rel=1e-6)
        assert batch.low[i] == pytest.approx(single.low, rel=1e-6)
        assert batch.high[i] == pytest.approx(single.high, rel=1e-6)
        assert batch.rho[i] == pytest.approx(single.rho)


def test_power_shown_at_design_matches_simulated_trials() -> None:
    design = ExperimentDesign("abab", 6, 24)
    effect = detectable_effect(REAL_LIKE, design)
    assert 2.0 < 100 * effect / REAL_LIKE.mean < 6.0
    simulated = simulate_trials(REAL_LIKE, design, effect=effect, trials=600, seed=11)
    # 600 trials: binomial SE of a share near 0.8 is 0.016; allow 4 SE
    assert abs(simulated.detected - 0.80) < 0.065
    assert abs(simulated.covered - 0.95) < 0.04
    assert simulated.mean_estimate == pytest.approx(effect, rel=0.1)


def test_no_effect_gives_the_nominal_false_positive_rate_and_coverage() -> None:
    design = ExperimentDesign("abab", 8, 32)
    simulated = simulate_trials(
        REAL_LIKE, design, effect=0.0, trials=600, seed=12, trend_per_week=0.002
    )
    assert simulated.detected < 0.05 + 0.035
    assert abs(simulated.covered - 0.95) < 0.035


def test_longer_designs_detect_smaller_effects() -> None:
    short = detectable_effect(REAL_LIKE, ExperimentDesign("abab", 6, 24))
    long = detectable_effect(REAL_LIKE, ExperimentDesign("abab", 6, 48))
    assert long < short
    options = design_options(REAL_LIKE, ExperimentDesign("abab", 6, 24))
    assert {(o.block_weeks, o.n_weeks) for o in options} >= {(6, 24), (8, 32), (6, 48)}
    curve = power_curve(REAL_LIKE, ExperimentDesign("abab", 6, 24))
    powers = [point.power for point in curve]
    assert powers[0] == pytest.approx(0.05, abs=0.01)
    assert powers == sorted(powers)
    assert powers[-1] > 0.99


def test_analysis_finds_a_planted_effect_and_the_randomisation_test() -> None:
    design = ExperimentDesign("abab", 6, 48)
    order = "ABBAABBA"
    indicator, _ = design_matrix(design, order)
    rng = np.random.default_rng(3)
    marker = 3.0 + 0.15 * indicator + rng.normal(0, 0.04, design.n_weeks)
    answer = analyse_experiment(marker, design, order, rho=0.0)
    assert answer.effect is not None and answer.percent is not None
    assert answer.effect.low < 0.15 < answer.effect.high
    assert answer.effect.low > 0
    assert answer.n_orders == 16
    # two-sided: the order followed and its mirror image (BAABBAAB) are the most extreme
    assert answer.randomisation_p == pytest.approx(2 / 16)
    assert answer.smallest_p == pytest.approx(2 / 16)
    assert answer.weeks_compared == 32
    null = analyse_experiment(3.0 + rng.normal(0, 0.04, 48), design, order, rho=0.0)
    assert null.randomisation_p is not None and null.randomisation_p > 2 / 16


def test_interim_look_with_too_few_weeks_gives_no_effect() -> None:
    design = ExperimentDesign("abab", 6, 24)
    answer = analyse_experiment(np.full(24, 3.0), design, "ABAB", through_week=5)
    assert answer.effect is None
    assert answer.weeks_compared == 3
