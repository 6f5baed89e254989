"""Tests for runstrong.science.evidence.model on simulated athletes with a known true effect.

Each simulated athlete has 104 weeks: strength work in blocks of 4–12 weeks at 0–3 lower-body
sessions a week, running volume drifting as a random walk around 40 km a week, and an easy-run
efficiency marker (m/s at a reference heart rate) built from the model's own terms — the true
strength effect on the mean sessions of weeks t−8…t−2, a volume effect, a linear trend, a yearly
season — plus AR(1) noise, with 15 % of weeks missing. A true effect of 0.03 m/s per weekly
session (2 sessions: 0.06 m/s, 2 % of 3 m/s) sits at the low end of the about 2–8 % economy gains
in trials (docs/science.md section 5).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from runstrong.errors import ValidationError
from runstrong.science.evidence import (
    EffectEstimate,
    EffectModelSettings,
    WeeklySeries,
    estimate_strength_effect,
)

START = date(2023, 1, 2)
TRUE_EFFECT = 0.03  # m/s per lower-body session a week
SLOW = os.environ.get("RUNSTRONG_SLOW_TESTS") == "1"


def _lagged(values: np.ndarray, lag_min: int = 2, lag_max: int = 8) -> np.ndarray:
    out = np.full(values.size, np.nan)
    for week in range(lag_max, values.size):
        out[week] = values[week - lag_max : week - lag_min + 1].mean()
    return out


def _blocks(rng: np.random.Generator, n_weeks: int) -> np.ndarray:
    sessions = np.zeros(n_weeks)
    week = 0
    while week < n_weeks:
        length = int(rng.integers(4, 13))
        level = float(rng.choice([0, 0, 1, 2, 3]))
        block = np.full(length, level)
        if level:
            block = np.clip(block + rng.choice([-1, 0, 0, 0, 1], size=length), 0, 3)
        sessions[week : week + length] = block[: n_weeks - week]
        week += length
    return sessions


def simulated_athlete(
    rng: np.random.Generator,
    *,
    effect: float = TRUE_EFFECT,
    n_weeks: int = 104,
    noise: float = 0.04,
    phi: float = 0.3,
    missing: float = 0.15,
    sessions: np.ndarray | None = None,
    volume_km: np.ndarray | None = None,
    volume_effect: float = 0.004,
) -> WeeklySeries:
    """A synthetic athlete whose marker follows the model with a known strength effect."""
    strength = _blocks(rng, n_weeks) if sessions is None else sessions
    if volume_km is None:
        volume_km = 40 + np.cumsum(rng.normal(0, 2.0, n_weeks)) + rng.normal(0, 5, n_weeks)
        volume_km = np.clip(volume_km, 5, None)
    shocks = rng.normal(0, noise, n_weeks)
    errors = np.zeros(n_weeks)
    for week in range(n_weeks):
        errors[week] = (phi * errors[week - 1] if week else 0.0) + shocks[week]
    weeks = np.arange(n_weeks)
    marker = (
        3.0
        + effect * _lagged(strength)
        + volume_effect * _lagged(volume_km)
        + 0.05 * weeks / 52
        + 0.03 * np.sin(2 * np.pi * weeks / 52)
        + errors
    )
    marker[rng.random(n_weeks) < missing] = np.nan
    return WeeklySeries(START, marker, strength, volume_km * 1000.0)


def _run(n_athletes: int, seed: int, **kwargs: float) -> list[EffectEstimate]:
    rng = np.random.default_rng(seed)
    return [estimate_strength_effect(simulated_athlete(rng, **kwargs)) for _ in range(n_athletes)]


# --- the simulation study -----------------------------------------------------------------------


def test_true_positive_effect_is_inside_the_interval_at_about_the_stated_rate() -> None:
    results = _run(200, seed=1)
    fitted = [result for result in results if result.per_unit is not None]
    covered = [r.per_unit.low <= TRUE_EFFECT <= r.per_unit.high for r in fitted if r.per_unit]
    coverage = sum(covered) / len(covered)
    assert len(fitted) >= 190
    assert 0.85 <= coverage <= 0.99, coverage
    improved = sum(result.verdict == "improved" for result in results) / len(results)
    assert improved >= 0.6, improved  # power to see a 2 % effect in two years of weeks
    assert not any(result.verdict == "worse" for result in results)


def test_zero_effect_rarely_gives_a_verdict() -> None:
    results = _run(200, seed=2, effect=0.0)
    false_positive = sum(r.verdict in ("improved", "worse") for r in results) / len(results)
    assert false_positive <= 0.10, false_positive
    coverage = sum(r.per_unit.low <= 0 <= r.per_unit.high for r in results if r.per_unit) / sum(
        r.per_unit is not None for r in results
    )
    assert 0.85 <= coverage <= 0.99, coverage


@pytest.mark.skipif(not SLOW, reason="set RUNSTRONG_SLOW_TESTS=1 for the 1000-athlete study")
@pytest.mark.parametrize("phi", [0.0, 0.3, 0.6])
def test_slow_study_size_and_coverage(phi: float) -> None:
    for effect in (0.0, TRUE_EFFECT):
        results = [r for r in _run(1000, seed=3, effect=effect, phi=phi) if r.per_unit]
        coverage = sum(r.per_unit.low <= effect <= r.per_unit.high for r in results if r.per_unit)
        assert 0.90 <= coverage / len(results) <= 0.98


def test_volume_rising_exactly_when_strength_is_added_cannot_tell() -> None:
    rng = np.random.default_rng(4)
    weeks = np.arange(104)
    for _ in range(20):
        sessions = np.where(weeks >= 52, 2.0, 0.0)
        volume_km = np.where(weeks >= 52, 50.0, 30.0) + rng.normal(0, 3, 104)
        athlete = simulated_athlete(
            rng, effect=0.0, sessions=sessions, volume_km=volume_km, volume_effect=0.01
        )
        result = estimate_strength_effect(athlete)
        assert result.verdict == "cannot tell"
        assert "with_volume" in result.reason_codes
        assert any("running volume rose and fell together" in r for r in result.reasons)
        assert result.exposure_volume_correlation is not None
        assert result.exposure_volume_correlation > 0.8
        assert any("one thing at a time" in advice for advice in result.advice)


def test_strength_rising_steadily_with_the_trend_cannot_tell() -> None:
    rng = np.random.default_rng(5)
    sessions = np.round(np.linspace(0, 3, 104))
    result = estimate_strength_effect(simulated_athlete(rng, sessions=sessions))
    assert result.verdict == "cannot tell"
    assert "with_covariate" in result.reason_codes
    assert result.exposure_vif is not None and result.exposure_vif > 5
    assert any("general trend over time" in reason for reason in result.reasons)


def test_a_clear_effect_is_estimated_close_to_the_truth() -> None:
    rng = np.random.default_rng(6)
    athlete = simulated_athlete(rng, effect=0.05, noise=0.01, phi=0.0, missing=0.0)
    result = estimate_strength_effect(athlete)
    assert result.verdict == "improved"
    assert result.per_unit is not None and result.for_contrast is not None
    assert result.per_unit.estimate == pytest.approx(0.05, abs=0.01)
    assert result.for_contrast.estimate == pytest.approx(2 * result.per_unit.estimate)
    assert result.percent_of_mean is not None and result.marker_mean is not None
    assert result.percent_of_mean.estimate == pytest.approx(
        100 * result.for_contrast.estimate / result.marker_mean
    )
    assert result.n_weeks == 96
    assert result.first_week == date(2023, 2, 27)
    assert result.covariates == ("running volume", "a steady trend over time", "season")
    assert result.r_squared is not None and 0 < result.r_squared <= 1
    assert result.p_value is not None and result.p_value < 0.001
    assert result.advice == ()


def test_lower_is_better_markers_read_a_drop_as_improved() -> None:
    rng = np.random.default_rng(7)
    base = simulated_athlete(rng, effect=-0.05, noise=0.01, phi=0.0, missing=0.0)
    drift = replace(base, marker=base.marker + 2.0, marker_kind="hr_drift")
    result = estimate_strength_effect(drift)
    assert result.for_contrast is not None and result.for_contrast.estimate < 0
    assert result.verdict == "improved"
    assert "lower" in result.summary and "better running by this marker" in result.summary


def test_a_worse_marker_reads_worse() -> None:
    rng = np.random.default_rng(8)
    result = estimate_strength_effect(simulated_athlete(rng, effect=-0.05, noise=0.01, phi=0))
    assert result.verdict == "worse"
    assert "worse running by this marker" in result.summary


# --- when the data cannot tell ------------------------------------------------------------------


def test_too_few_weeks_cannot_tell_and_says_what_to_log() -> None:
    rng = np.random.default_rng(9)
    result = estimate_strength_effect(simulated_athlete(rng, n_weeks=20))
    assert result.verdict == "cannot tell"
    assert result.reason_codes[0] == "few_weeks"
    assert re.search(r"Only \d+ weeks .* at least 20 are needed", result.reasons[0])
    assert any(
        "Every 4 weeks" in advice and "5 km time trial" in advice for advice in result.advice
    )
    assert any("12–16 weeks" in advice for advice in result.advice)
    assert any("RPE and heart rate" in advice for advice in result.advice)


def test_strength_every_week_at_the_same_dose_cannot_tell() -> None:
    rng = np.random.default_rng(10)
    result = estimate_strength_effect(simulated_athlete(rng, sessions=np.full(104, 2.0)))
    assert result.verdict == "cannot tell"
    assert {"always_strength", "steady_strength"} <= set(result.reason_codes)
    assert any("almost no weeks without it" in reason for reason in result.reasons)
    assert any("For a personal test, run blocks" in advice for advice in result.advice)
    assert any("published evidence favours keeping it" in advice for advice in result.advice)


def test_no_strength_work_cannot_tell() -> None:
    rng = np.random.default_rng(11)
    result = estimate_strength_effect(simulated_athlete(rng, sessions=np.zeros(104)))
    assert result.verdict == "cannot tell"
    assert result.reason_codes == ("no_strength",)
    assert result.n_weeks_with_strength == 0
    assert any("2–3 lower-body sessions a week" in advice for advice in result.advice)


def test_strength_in_a_few_weeks_only_cannot_tell() -> None:
    rng = np.random.default_rng(12)
    sessions = np.zeros(104)
    sessions[40:45] = 2.0
    result = estimate_strength_effect(simulated_athlete(rng, sessions=sessions))
    assert result.verdict == "cannot tell"
    assert "rare_strength" in result.reason_codes
    assert any("only 5 of" in reason for reason in result.reasons)


def test_thresholds_are_settings() -> None:
    rng = np.random.default_rng(13)
    athlete = simulated_athlete(rng, n_weeks=40)
    assert estimate_strength_effect(athlete).reason_codes == ()
    strict = EffectModelSettings(min_weeks=60)
    assert "few_weeks" in estimate_strength_effect(athlete, settings=strict).reason_codes


# --- wording: association, never causation -----------------------------------------------------

_CAUSAL = re.compile(
    r"\b(caus\w*|because|prov\w*|led to|leads to|thanks to|result of|made you|due to)\b", re.I
)


def _every_kind_of_result() -> list[EffectEstimate]:
    rng = np.random.default_rng(14)
    weeks = np.arange(104)
    return [
        *_run(8, seed=15),
        *_run(8, seed=16, effect=0.0),
        estimate_strength_effect(simulated_athlete(rng, effect=-0.05, noise=0.01)),
        estimate_strength_effect(simulated_athlete(rng, n_weeks=15)),
        estimate_strength_effect(
            simulated_athlete(
                rng,
                sessions=np.where(weeks >= 52, 2.0, 0.0),
                volume_km=np.where(weeks >= 52, 50.0, 30.0),
            )
        ),
    ]


def test_texts_never_claim_causation_outside_the_caveat() -> None:
    results = _every_kind_of_result()
    assert {r.verdict for r in results} == {"improved", "worse", "no clear relation", "cannot tell"}
    for result in results:
        assert result.summary.endswith(result.caveat)
        assert "observational" in result.caveat and "not that strength work caused" in result.caveat
        texts = [
            result.summary.removesuffix(result.caveat),
            *result.reasons,
            *result.confounders,
            *result.advice,
        ]
        for text in texts:
            assert not _CAUSAL.search(text), text


def test_results_state_what_they_rest_on_and_the_confounders() -> None:
    result = _run(1, seed=17)[0]
    assert f"Based on {result.n_weeks} weeks" in result.summary
    assert "95 % confidence interval" in result.summary
    joined = " ".join(result.confounders)
    for topic in ("Running volume", "Season", "Races", "Time trend", "Illness", "Direction"):
        assert topic in joined


def test_no_clear_relation_says_an_effect_may_still_hide() -> None:
    no_clear = [r for r in _run(10, seed=18, effect=0.0) if r.verdict == "no clear relation"]
    assert no_clear
    assert "includes no change" in no_clear[0].summary
    assert "does not show that strength work does nothing" in no_clear[0].summary


# --- inputs ------------------------------------------------------------------------------------


def test_race_weeks_are_a_covariate_only_when_they_vary() -> None:
    rng = np.random.default_rng(19)
    athlete = simulated_athlete(rng)
    races = np.zeros(104, dtype=bool)
    races[[20, 45, 70, 95]] = True
    assert "race weeks" in estimate_strength_effect(replace(athlete, race_week=races)).covariates
    only_races = replace(athlete, marker=np.where(races, athlete.marker, np.nan), race_week=races)
    assert "race weeks" not in estimate_strength_effect(only_races).covariates


def test_season_needs_a_year_of_weeks() -> None:
    rng = np.random.default_rng(20)
    result = estimate_strength_effect(simulated_athlete(rng, n_weeks=45))
    assert "season" not in result.covariates
    assert any("Season: not adjusted for" in text for text in result.confounders)


def test_hard_sets_exposure() -> None:
    rng = np.random.default_rng(23)
    athlete = simulated_athlete(rng, effect=0.05, noise=0.01, phi=0.0)
    with pytest.raises(ValidationError, match="hard_sets"):
        estimate_strength_effect(athlete, exposure="hard_sets")
    with_sets = replace(athlete, hard_sets=athlete.strength_sessions * 6)
    result = estimate_strength_effect(with_sets, exposure="hard_sets")
    assert result.contrast == 12.0
    assert result.per_unit is not None
    assert result.per_unit.estimate == pytest.approx(0.05 / 6, abs=0.002)
    assert result.verdict == "improved"
    assert "12 hard lower-body sets a week" in result.summary


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lag_weeks": (3, 2)}, "lag_weeks"),
        ({"lag_weeks": (0, 30)}, "lag_weeks"),
        ({"contrast": 0}, "contrast"),
    ],
)
def test_bad_arguments_are_refused(kwargs: dict[str, object], message: str) -> None:
    athlete = simulated_athlete(np.random.default_rng(22))
    with pytest.raises(ValidationError, match=message):
        estimate_strength_effect(athlete, **kwargs)  # type: ignore[arg-type]


def test_weekly_series_validates() -> None:
    with pytest.raises(ValidationError, match="same weeks"):
        WeeklySeries(START, [1.0, 2.0], [0, 1, 2], [0, 0])
    with pytest.raises(ValidationError, match="zero or more"):
        WeeklySeries(START, [1.0], [-1], [0])
    with pytest.raises(ValidationError, match="marker_kind"):
        WeeklySeries(START, [1.0], [0], [0], marker_kind="pace")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="finite"):
        WeeklySeries(START, [float("inf")], [0], [0])
    with pytest.raises(ValidationError):
        EffectModelSettings(max_vif=0.5)


# --- fast CLI start -----------------------------------------------------------------------------


def test_importing_science_does_not_import_scipy_or_statsmodels() -> None:
    code = (
        "import sys, runstrong.science, runstrong.science.evidence; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'scipy', 'statsmodels'}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert output == "[]"
