"""Readiness rules (docs/science.md "Readiness"): HRV band, resting HR, sore legs; data schema."""

from __future__ import annotations

import math

import numpy as np
import pytest

from runstrong.errors import ValidationError
from runstrong.science.risk import readiness
from runstrong.science.risk._readiness_catalogue import _parse
from runstrong.science.risk.readiness import (
    KeyRun,
    ReadinessThresholds,
    StrengthMark,
    evaluate_readiness,
    hrv_band,
    hrv_low,
    resting_hr_high,
    sore_legs,
)

BASELINE = [60.0, 70.0] * 30  # 60 mornings: ln 4.0943 and 4.2485


def test_worked_example_band_numbers() -> None:
    band = hrv_band([*BASELINE, 50.0])
    ln = np.log(BASELINE)
    assert band.mean[-1] == pytest.approx(4.1714, abs=1e-4)
    assert band.mean[-1] == pytest.approx(ln.mean())
    assert band.lower[-1] == pytest.approx(ln.mean() - 0.5 * ln.std(ddof=1))
    assert band.lower[-1] == pytest.approx(4.1326, abs=1e-4)
    assert band.upper[-1] == pytest.approx(4.2103, abs=1e-4)
    # the 7-day mean on the first 50 ms morning: 3 x 70, 3 x 60 ... 4.1344, still inside
    assert band.rolling[-1] == pytest.approx(4.1344, abs=1e-4)
    assert not band.below[-1]


def test_worked_example_fires_on_second_day_below_not_first() -> None:
    rmssd = [*BASELINE, 50.0, 50.0, 50.0]
    band = hrv_band(rmssd)
    assert band.rolling[61] == pytest.approx(
        (3 * math.log(70) + 2 * math.log(60) + 2 * math.log(50)) / 7
    )
    assert band.below[61] and not band.below[60]
    assert hrv_low(rmssd[:62]) == ()  # first day below: one low day is not a signal
    signal = hrv_low(rmssd)[0]
    assert signal.day_index == 62 and signal.metrics["days"] == 2
    assert signal.evidence_grade == "moderate"
    assert signal.actions == ("swap", "keep")
    assert "2 days in a row" in signal.explanation


def test_single_low_morning_never_fires() -> None:
    rmssd = [*BASELINE, 40.0, 70.0, 60.0, 70.0]
    assert hrv_low(rmssd, every_day=True) == ()


def test_too_few_baseline_mornings_give_no_band() -> None:
    rmssd = [np.nan] * 50 + [60.0, 70.0] * 5 + [30.0] * 3
    assert np.isnan(hrv_band(rmssd).lower[-1])
    assert hrv_low(rmssd) == ()


def test_missing_mornings_are_skipped_not_zero() -> None:
    rmssd = np.array([*BASELINE, 50.0, 50.0, 50.0])
    gaps = rmssd.copy()
    gaps[5:60:3] = np.nan
    assert len(hrv_low(gaps, every_day=True)) >= 1
    with pytest.raises(ValidationError):
        hrv_band([60.0, 0.0])


def test_swc_factor_from_thresholds_changes_the_band() -> None:
    wide = ReadinessThresholds(**{**_fields(), "swc_factor": 3.0})
    assert hrv_low([*BASELINE, 50.0, 50.0, 50.0], wide) == ()


def test_resting_hr_two_measured_days_above_baseline() -> None:
    hr = [50.0] * 30 + [np.nan] * 10 + [56.0, np.nan, 57.0]
    signal = resting_hr_high(hr)[0]
    # the first high morning (56) is already part of the second morning's baseline
    assert signal.metrics["baseline"] == pytest.approx((30 * 50 + 56) / 31)
    assert signal.metrics["rise"] == pytest.approx(57 - (30 * 50 + 56) / 31)
    assert signal.evidence_grade == "weak"
    assert resting_hr_high([50.0] * 30 + [56.0, 52.0]) == ()
    assert resting_hr_high([50.0] * 30 + [54.0, 54.0]) == ()


def test_sore_legs_after_heavy_session_names_cause_and_run_at_risk() -> None:
    sore = {"quads": [np.nan, np.nan, 6.0], "hips": [9.0, 9.0, 9.0]}
    press = StrengthMark(start_h=18.0, name="Leg press (Mon)", heavy_lower_body=True)
    light = StrengthMark(start_h=20.0, name="Core", heavy_lower_body=False)
    signal = sore_legs(sore, [press, light], [KeyRun(4, "Intervals (Fri)")])[0]
    assert signal.day_index == 2
    assert signal.labels["caused_by"] == "Leg press (Mon)"
    assert signal.labels["at_risk"] == "Intervals (Fri)"
    assert signal.metrics["hours_since_heavy"] == 30.0
    assert "Leg press (Mon)" in signal.explanation and "Intervals (Fri)" in signal.advice
    assert signal.actions == ("swap", "lighten", "keep")


def test_sore_legs_rules_boundaries() -> None:
    press = StrengthMark(0.0, "Leg press", True)
    # more than 48 h after the session, no key run today: nothing
    assert sore_legs({"calves": [0, 0, 0, 7.0]}, [press], [KeyRun(5, "Long run")]) == ()
    # key run too far ahead
    assert sore_legs({"calves": [0, 7.0]}, [press], [KeyRun(6, "Long run")]) == ()
    # hips do not count, 4/10 is below the threshold
    assert sore_legs({"hips": [0, 9.0], "glutes": [0, 4.0]}, [press], [KeyRun(2, "Tempo")]) == ()
    # a key-run morning needs no strength session
    assert sore_legs({"hamstrings": [5.0]}, (), [KeyRun(0, "Race")])[0].labels["cause"] == ""
    with pytest.raises(ValidationError):
        sore_legs({"elbows": [5.0]})
    with pytest.raises(ValidationError):
        sore_legs({"quads": [11.0]})


def test_evaluate_readiness_orders_by_day_and_kind() -> None:
    n = 63
    signals = evaluate_readiness(
        n,
        rmssd_ms=[*BASELINE, 50.0, 50.0, 50.0],
        resting_hr_bpm=[50.0] * 61 + [58.0, 58.0],
        soreness={"quads": [np.nan] * 62 + [7.0]},
        key_runs=[KeyRun(62, "Tempo")],
    )
    assert [s.kind for s in signals] == ["hrv_low", "resting_hr_high", "sore_legs_key_run"]


def _fields() -> dict[str, float]:
    d = ReadinessThresholds.defaults()
    return {name: getattr(d, name) for name in d.__dataclass_fields__}


def test_data_file_schema_is_checked() -> None:
    import tomllib
    from importlib import resources

    text = resources.files("runstrong.science").joinpath("data", "readiness_signals.toml")
    document = tomllib.loads(text.read_text("utf-8"))
    thresholds, texts = _parse(document)
    assert thresholds == readiness.ReadinessThresholds.defaults()
    assert set(texts) == set(readiness.READINESS_KINDS)
    broken = {**document, "signal": {**document["signal"]}}
    broken["signal"]["hrv_low"] = {**document["signal"]["hrv_low"], "actions": ["nap"]}
    with pytest.raises(ValidationError):
        _parse(broken)
    with pytest.raises(ValidationError):
        _parse({**document, "threshold": {**document["threshold"], "swc_factor": -1}})
