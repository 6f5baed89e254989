"""Tests for runstrong.science.risk and risk_signals.toml against docs/science.md section 4."""

from __future__ import annotations

import contextlib
import dataclasses
import math
import string
import tomllib
from importlib import resources
from typing import Any, get_type_hints

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runstrong.errors import ValidationError
from runstrong.library import load_catalog
from runstrong.science.muscle_volume import LoggedSet, SetTable
from runstrong.science.risk import (
    RISK_KINDS,
    LegSession,
    PainReport,
    RiskInputs,
    RiskSignal,
    RiskThresholds,
    RunSession,
    asymmetry,
    easy_runs_too_hard,
    evaluate_all,
    heavy_legs_before_key_run,
    high_monotony,
    leg_session,
    leg_sessions,
    load_spike,
    pain_reported,
    running_distance_spike,
    strength_volume_jump,
    threshold_specs,
)
from runstrong.science.strength import asymmetry_percent, set_one_rep_max

GRADES = {"strong", "moderate", "weak", "expert opinion"}
SEVERITIES = {"info", "caution", "high"}
# docs/science.md section 4
SCIENCE_GRADES = {
    "running_distance_spike": "weak",
    "load_spike": "weak",
    "high_monotony": "weak",
    "heavy_legs_before_key_run": "expert opinion",
    "asymmetry": "weak",
    "strength_volume_jump": "expert opinion",
    "pain_reported": "expert opinion",
    "easy_runs_too_hard": "expert opinion",
}
SCIENCE_DEFAULTS = {
    "distance_spike_ratio": 1.3,
    "baseline_weeks": 4,
    "load_spike_acwr": 1.5,
    "high_monotony": 2.0,
    "heavy_percent_e1rm": 80.0,
    "heavy_rpe": 8.0,
    "heavy_legs_window_h": 48.0,
    "asymmetry_caution_percent": 10.0,
    "asymmetry_high_percent": 15.0,
    "strength_jump_ratio": 1.5,
    "pain_score": 4.0,
    "pain_window_days": 14,
    "pain_repeat_count": 2,
}
WEEK_KM = [8000.0, 0.0, 10000.0, 0.0, 8000.0, 16000.0, 0.0]  # 42 km a week


def toml_document() -> dict[str, Any]:
    text = resources.files("runstrong.science").joinpath("data", "risk_signals.toml")
    return tomllib.loads(text.read_text("utf-8"))


def assert_signal(signal: RiskSignal, kind: str, severity: str, *numbers: str) -> None:
    """Common checks: kind, severity, grade from science.md, finite metrics, numbers shown."""
    assert signal.kind == kind
    assert signal.severity == severity
    assert signal.evidence_grade == SCIENCE_GRADES[kind]
    assert signal.source and signal.title and signal.advice
    assert all(math.isfinite(value) for value in signal.metrics.values())
    for number in numbers:
        assert number in signal.explanation, (number, signal.explanation)
    assert "{" not in signal.explanation + signal.advice


# --- the data file ----------------------------------------------------------------------------


def test_toml_has_every_kind_with_texts_grade_and_source() -> None:
    signals = toml_document()["signal"]
    assert set(signals) == set(RISK_KINDS)
    for kind, spec in signals.items():
        assert spec["title"].strip() and spec["advice"].strip() and spec["source"].strip()
        assert spec["grade"] in GRADES
        assert spec["grade"] == SCIENCE_GRADES[kind]
        assert spec["reason"], kind
        for reason in spec["reason"].values():
            assert reason["severity"] in SEVERITIES
            assert reason["explanation"].strip()


def test_toml_placeholders_are_all_fillable() -> None:
    for kind, spec in toml_document()["signal"].items():
        for name, reason in spec["reason"].items():
            values: dict[str, object] = {metric: 1.5 for metric in reason["metrics"]}
            values.update({label: "text" for label in reason["labels"]})
            for template in (reason["explanation"], reason.get("advice", spec["advice"])):
                fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
                assert fields <= set(values), (kind, name, fields - set(values))
                template.format(**values)
    assert toml_document()["signal"]["pain_reported"]["when"]["earlier"].format(days=3)


def test_toml_thresholds_match_the_dataclass() -> None:
    specs = threshold_specs()
    hints = get_type_hints(RiskThresholds)
    assert set(specs) == {item.name for item in dataclasses.fields(RiskThresholds)}
    for name, spec in specs.items():
        assert spec.min <= spec.default <= spec.max, name
        assert spec.whole == (hints[name] is int), name
        assert spec.unit and spec.description


def test_defaults_follow_science_md() -> None:
    defaults = RiskThresholds.defaults()
    for name, value in SCIENCE_DEFAULTS.items():
        assert getattr(defaults, name) == value, name


def test_texts_are_honest_about_the_evidence() -> None:
    signals = toml_document()["signal"]
    load_text = signals["load_spike"]["reason"]["spike"]["explanation"]
    assert "not a prediction" in load_text and "Impellizzeri et al. 2020" in load_text
    distance_text = signals["running_distance_spike"]["reason"]["spike"]["explanation"]
    assert "10 % rule" in distance_text and "not supported" in distance_text
    assert "Nielsen et al. 2014" in distance_text


# --- thresholds -------------------------------------------------------------------------------


def test_with_overrides_changes_only_the_named_fields() -> None:
    defaults = RiskThresholds.defaults()
    custom = defaults.with_overrides(high_monotony=2.5, baseline_weeks=6)
    assert (custom.high_monotony, custom.baseline_weeks) == (2.5, 6)
    assert custom.load_spike_acwr == defaults.load_spike_acwr
    assert defaults.high_monotony == 2.0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"load_spike_acwr": 0.5}, "load_spike_acwr must be from 1.1 to 3"),
        ({"pain_score": 11}, "pain_score must be from"),
        ({"baseline_weeks": 2.5}, "baseline_weeks must be a whole number"),
        ({"asymmetry_high_percent": 8.0}, "must not be below asymmetry_caution_percent"),
        ({"pain_score": 8, "pain_high_score": 7}, "must not be below pain_score"),
        ({"load_spike": 1.5}, "unknown risk threshold 'load_spike'"),
        ({"heavy_rpe": math.nan}, "heavy_rpe must be a finite number"),
    ],
)
def test_with_overrides_validates(overrides: dict[str, float], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        RiskThresholds.defaults().with_overrides(**overrides)


# --- running distance spike -------------------------------------------------------------------


def test_running_distance_spike_fires_above_the_ratio() -> None:
    days = WEEK_KM * 4 + [10000.0, 0, 15000, 0, 10000, 20000, 0]  # 55 km vs 42 km a week
    (signal,) = running_distance_spike(days)
    assert_signal(signal, "running_distance_spike", "caution", "1.31", "1.30", "4 weeks")
    assert signal.day_index == len(days) - 1
    assert signal.metrics["week_distance_m"] == 55000.0
    assert signal.metrics["baseline_weekly_distance_m"] == 42000.0


def test_running_distance_spike_stays_quiet_at_steady_distance() -> None:
    assert running_distance_spike(WEEK_KM * 5) == ()
    assert running_distance_spike(WEEK_KM * 4 + [0.0] * 6 + [54000.0]) == ()  # 1.29
    assert running_distance_spike([0.0] * 28 + [20000.0] * 7) == ()  # no baseline: no ratio
    assert running_distance_spike(WEEK_KM * 4 + [13000.0] * 3) == ()  # short history


def test_running_distance_spike_threshold_is_per_athlete() -> None:
    days = WEEK_KM * 4 + [10000.0, 0, 15000, 0, 10000, 20000, 0]
    assert (
        running_distance_spike(
            days, RiskThresholds.defaults().with_overrides(distance_spike_ratio=1.4)
        )
        == ()
    )


# --- load spike -------------------------------------------------------------------------------


def test_load_spike_fires_on_a_sudden_jump() -> None:
    (signal,) = load_spike([100.0] * 42 + [300.0] * 7)
    assert_signal(signal, "load_spike", "caution", "1.56", "1.50")
    assert signal.metrics["acwr_ewma"] == pytest.approx(1.5555, abs=1e-3)
    assert "not a prediction" in signal.explanation


def test_load_spike_quiet_for_steady_load_and_short_history() -> None:
    assert load_spike([100.0] * 100) == ()
    assert load_spike([300.0] * 10) == ()  # the early overshoot is not reported


def test_load_spike_every_day_finds_the_dates() -> None:
    days = [
        load_spike_day.day_index
        for load_spike_day in load_spike([100.0] * 42 + [300.0] * 7 + [100.0] * 30, every_day=True)
    ]
    assert days and min(days) >= 42 and days == sorted(days)


# --- monotony ---------------------------------------------------------------------------------


def test_high_monotony_fires_for_uniform_training() -> None:
    (signal,) = high_monotony([300.0, 200, 250, 300, 200, 250, 150])
    assert_signal(signal, "high_monotony", "caution", "4.58", "2.00", "1650")
    assert signal.metrics["strain"] == pytest.approx(1650 * signal.metrics["monotony"])


def test_high_monotony_same_load_every_day_has_its_own_text() -> None:
    (signal,) = high_monotony([200.0] * 7)
    assert_signal(signal, "high_monotony", "caution", "200", "1400")
    assert "monotony" not in signal.metrics


def test_high_monotony_quiet_for_varied_training() -> None:
    assert high_monotony([300.0, 0, 450, 0, 300, 600, 0]) == ()
    assert high_monotony([0.0] * 7) == ()


# --- heavy legs before a key run --------------------------------------------------------------


def test_heavy_legs_before_key_run_by_percent_e1rm() -> None:
    legs = [LegSession(start_h=18.0, top_percent_e1rm=85.0), LegSession(start_h=2.0, top_rpe=9)]
    runs = [RunSession(start_h=24 + 8.0, session_type="interval")]
    (signal,) = heavy_legs_before_key_run(legs, runs, n_days=2)
    assert_signal(signal, "heavy_legs_before_key_run", "caution", "14 h", "85 %", "80 %")
    assert signal.labels["run_type"] == "interval session"
    assert signal.day_index == 1


def test_heavy_legs_before_key_run_by_rpe() -> None:
    legs = [LegSession(start_h=10.0, top_percent_e1rm=70.0, top_rpe=8.5)]
    (signal,) = heavy_legs_before_key_run(legs, [RunSession(48 + 9.0, "long")], n_days=3)
    assert_signal(signal, "heavy_legs_before_key_run", "caution", "47 h", "RPE 8.5", "48 h")
    assert signal.labels["run_type"] == "long run"


@pytest.mark.parametrize(
    ("leg", "run"),
    [
        (LegSession(start_h=10.0, top_rpe=9), RunSession(48 + 11.0, "tempo")),  # 49 h before
        (LegSession(start_h=30.0, top_rpe=9), RunSession(32.0, "easy")),  # not a key run
        (LegSession(start_h=30.0, top_rpe=7, top_percent_e1rm=75), RunSession(32.0, "race")),
        (LegSession(start_h=33.0, top_rpe=9), RunSession(32.0, "race")),  # lifted after
        (LegSession(start_h=30.0, top_rpe=9), RunSession(32.0, None)),
    ],
)
def test_heavy_legs_before_key_run_quiet(leg: LegSession, run: RunSession) -> None:
    assert heavy_legs_before_key_run([leg], [run], n_days=3) == ()


def test_heavy_legs_only_today_unless_every_day() -> None:
    legs = [LegSession(start_h=18.0, top_rpe=9)]
    runs = [RunSession(24 + 8.0, "tempo")]
    assert heavy_legs_before_key_run(legs, runs, n_days=5) == ()
    assert len(heavy_legs_before_key_run(legs, runs, n_days=5, every_day=True)) == 1


leg_summaries = st.builds(
    LegSession,
    start_h=st.integers(min_value=0, max_value=24 * 20).map(float),
    top_percent_e1rm=st.one_of(st.none(), st.sampled_from([70.0, 80.0, 90.0])),
    top_rpe=st.one_of(st.none(), st.sampled_from([6.0, 8.0, 9.5])),
)
run_sessions = st.builds(
    RunSession,
    start_h=st.integers(min_value=0, max_value=24 * 20).map(float),
    session_type=st.sampled_from([None, "easy", "tempo", "interval", "long"]),
)


@given(st.lists(leg_summaries, max_size=12), st.lists(run_sessions, max_size=20))
def test_heavy_legs_names_the_latest_heavy_session_before_each_key_run(
    legs: list[LegSession], runs: list[RunSession]
) -> None:
    thresholds = RiskThresholds.defaults()
    expected = []
    for run in runs:
        earlier = [
            leg
            for leg in legs
            if leg.start_h < run.start_h
            and (
                (leg.top_percent_e1rm or 0) >= thresholds.heavy_percent_e1rm
                or (leg.top_rpe or 0) >= thresholds.heavy_rpe
            )
        ]
        latest = max((leg.start_h for leg in earlier), default=-math.inf)
        key_run = run.session_type in {"tempo", "interval", "long"}
        if key_run and run.start_h - latest <= thresholds.heavy_legs_window_h:
            expected.append((run.day_index, run.start_h - latest))
    signals = heavy_legs_before_key_run(legs, runs, n_days=21, every_day=True)
    found = [(signal.day_index, signal.metrics["hours_before"]) for signal in signals]
    assert found == sorted(expected, key=lambda item: item[0])


def test_leg_session_summarises_lower_body_sets_only() -> None:
    catalog = load_catalog()
    sets = [
        LoggedSet(0, "leg-press", 5, 150, rpe=8),
        LoggedSet(0, "front-plank", 1, 0, rpe=9.5),  # core: not lower body
    ]
    summary = leg_session(17.5, sets, catalog.get, session_rpe=7)
    assert summary is not None
    assert summary.top_percent_e1rm == pytest.approx(81.1)
    assert (summary.start_h, summary.top_rpe) == (17.5, 8.0)
    assert leg_session(17.5, [LoggedSet(0, "front-plank", 1, 0)], catalog.get) is None
    no_intensity = leg_session(1.0, [LoggedSet(0, "leg-press", 5, 150)], catalog.get)
    assert no_intensity == LegSession(1.0, None, None)


def test_leg_sessions_group_a_table_by_session() -> None:
    catalog = load_catalog()
    sets = SetTable.from_columns(
        day_index=[0, 0, 1, 2, 2],
        session_index=[0, 0, 1, 3, 3],
        exercise_slug=["leg-press", "leg-press", "front-plank", "calf-press", "calf-press"],
        reps=[5, 3, 1, 10, 10],
        load_kg=[150.0, 160.0, 0.0, 100.0, 100.0],
        rpe=[8.0, None, 9.5, None, 6.0],
        reference_e1rm_kg=[None, 200.0, None, None, None],
    )
    summaries = leg_sessions(sets, [17.0, 41.0, 60.0, 65.0], catalog.get, [7.0, 9.0, 8.0, np.nan])
    # session 1 is core only and session 2 has no sets: neither is summarised
    assert summaries == (LegSession(17.0, 81.1, 8.0), LegSession(65.0, None, 6.0))
    with pytest.raises(ValidationError, match="one value for every session"):
        leg_sessions(sets, [17.0, 41.0], catalog.get)


# --- asymmetry --------------------------------------------------------------------------------


def single_leg(day: int, left_kg: float, right_kg: float) -> list[LoggedSet]:
    return [
        LoggedSet(day, "bulgarian-split-squat", 8, left_kg, rpe=8, side="left"),
        LoggedSet(day, "bulgarian-split-squat", 8, right_kg, rpe=8, side="right"),
    ]


@pytest.mark.parametrize(
    ("left_kg", "right_kg", "severity", "numbers"),
    [(40.0, 35.0, "caution", ("12.5 %", "10 %")), (40.0, 32.0, "high", ("20.0 %", "15 %"))],
)
def test_asymmetry_fires(
    left_kg: float, right_kg: float, severity: str, numbers: tuple[str, ...]
) -> None:
    names = {"bulgarian-split-squat": "Bulgarian Split Squat"}
    (signal,) = asymmetry(single_leg(2, left_kg, right_kg), n_days=5, exercise_names=names)
    assert_signal(signal, "asymmetry", severity, *numbers, "Bulgarian Split Squat", "right")
    assert signal.labels["measure"] == "estimated 1RM (kg)"
    assert signal.metrics["days_since"] == 2.0


def test_asymmetry_quiet_when_balanced_old_or_one_sided() -> None:
    assert asymmetry(single_leg(0, 40, 37), n_days=3) == ()  # 7.5 %
    assert asymmetry(single_leg(0, 40, 30), n_days=40) == ()  # older than 28 days
    assert asymmetry(single_leg(0, 40, 30)[:1], n_days=3) == ()  # left only


def test_asymmetry_uses_the_latest_measurement() -> None:
    sets = single_leg(0, 40, 30) + single_leg(5, 40, 39)
    assert asymmetry(sets, n_days=8) == ()
    every = asymmetry(sets, n_days=8, every_day=True)
    assert [signal.day_index for signal in every] == [0, 1, 2, 3, 4]


def test_asymmetry_of_body_weight_work_compares_reps() -> None:
    sets = [
        LoggedSet(0, "single-leg-calf-raise", 20, 0, side="left"),
        LoggedSet(0, "single-leg-calf-raise", 15, 0, side="right"),
    ]
    (signal,) = asymmetry(sets, n_days=1)
    assert signal.labels["measure"] == "reps at the same load"
    assert signal.metrics["asymmetry_percent"] == pytest.approx(25.0)


def _asymmetry_by_brute_force(
    sets: list[LoggedSet], n_days: int
) -> list[tuple[int, str, str, float]]:
    """The detector read literally: (day, severity, exercise, percent) of every firing day."""
    thresholds = RiskThresholds.defaults()
    measured: dict[str, list[tuple[int, float]]] = {}
    for day, slug in sorted({(s.day_index, s.exercise_slug) for s in sets if s.side != "both"}):
        sides = {
            side: [s for s in sets if (s.day_index, s.exercise_slug, s.side) == (day, slug, side)]
            for side in ("left", "right")
        }
        if day >= n_days or not sides["left"] or not sides["right"]:
            continue
        best = {}
        for side, logged in sides.items():
            estimates = []
            for one in logged:
                with contextlib.suppress(ValidationError):
                    estimates.append(set_one_rep_max(one.load_kg, one.reps, one.rpe))
            best[side] = max(estimates, default=None)
        if best["left"] is not None and best["right"] is not None:
            values = (best["left"], best["right"])
        elif all(one.load_kg == 0 for one in sides["left"] + sides["right"]):
            values = tuple(float(max(one.reps for one in sides[side])) for side in sides)
            if min(values) <= 0:
                continue
        else:
            continue
        measured.setdefault(slug, []).append((day, asymmetry_percent(*values)))
    fired = []
    for slug, measurements in measured.items():
        for number, (day, percent) in enumerate(measurements):
            if percent <= thresholds.asymmetry_caution_percent:
                continue
            last = min(day + thresholds.asymmetry_lookback_days - 1, n_days - 1)
            if number + 1 < len(measurements):
                last = min(last, measurements[number + 1][0] - 1)
            severity = "high" if percent > thresholds.asymmetry_high_percent else "caution"
            fired += [(current, severity, slug, percent) for current in range(day, last + 1)]
    return sorted(fired, key=lambda item: item[0])


single_leg_sets = st.builds(
    LoggedSet,
    day_index=st.integers(min_value=0, max_value=60),
    exercise_slug=st.sampled_from(["step-up", "single-leg-calf-raise", "bulgarian-split-squat"]),
    reps=st.integers(min_value=0, max_value=12),
    load_kg=st.sampled_from([0.0, 0.0, 30.0, 40.0, 45.0]),
    rpe=st.one_of(st.none(), st.sampled_from([6.0, 7.5, 8.0, 9.0])),
    side=st.sampled_from(["left", "right", "right", "both"]),
)


@given(st.lists(single_leg_sets, max_size=40), st.integers(min_value=1, max_value=80))
@settings(max_examples=150, deadline=None)
def test_asymmetry_every_day_matches_the_rule_set_by_set(
    sets: list[LoggedSet], n_days: int
) -> None:
    signals = asymmetry(sets, n_days, every_day=True)
    found = [
        (s.day_index, s.severity, s.labels["exercise"], s.metrics["asymmetry_percent"])
        for s in signals
    ]
    assert found == _asymmetry_by_brute_force(sets, n_days)
    today = [signal for signal in signals if signal.day_index == n_days - 1]
    assert asymmetry(SetTable.from_sets(sets), n_days) == tuple(today)


# --- strength volume jump ---------------------------------------------------------------------


def test_strength_volume_jump_fires() -> None:
    days = [0.0, 6, 0, 0, 6, 0, 0] * 4 + [0.0, 10, 0, 0, 9, 0, 0]
    (signal,) = strength_volume_jump(days)
    assert_signal(signal, "strength_volume_jump", "caution", "19.0", "1.58", "12.0", "1.50")
    assert signal.metrics["ratio"] == pytest.approx(19 / 12)


def test_strength_volume_jump_quiet_at_the_threshold() -> None:
    days = [0.0, 6, 0, 0, 6, 0, 0] * 4 + [0.0, 9, 0, 0, 9, 0, 0]  # 18 / 12 = 1.5, not above
    assert strength_volume_jump(days) == ()
    assert strength_volume_jump([0.0] * 28 + [6.0] * 7) == ()  # no baseline: no ratio


# --- pain -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("score", "severity"), [(4, "caution"), (8, "high")])
def test_pain_score_fires(score: float, severity: str) -> None:
    (signal,) = pain_reported([PainReport(3, score, "Right Achilles")], n_days=6)
    assert_signal(signal, "pain_reported", severity, f"{score}/10", "right achilles", "2 days ago")
    assert signal.metrics["max_score"] == score


def test_pain_at_the_same_location_twice_fires() -> None:
    reports = [PainReport(0, 2, "left knee"), PainReport(13, 3, "left knee")]
    (signal,) = pain_reported(reports, n_days=14)
    assert_signal(signal, "pain_reported", "caution", "2 times", "14 days", "3/10", "today")
    assert signal.metrics["threshold_count"] == 2


def test_pain_quiet_when_mild_spread_out_or_elsewhere() -> None:
    assert pain_reported([PainReport(0, 3, "left knee")], n_days=5) == ()
    spread = [PainReport(0, 2, "left knee"), PainReport(14, 2, "left knee")]
    assert pain_reported(spread, n_days=15) == ()
    elsewhere = [PainReport(0, 2, "left knee"), PainReport(1, 2, "right knee")]
    assert pain_reported(elsewhere, n_days=3) == ()
    assert pain_reported([PainReport(0, 5, "hip")], n_days=15) == ()  # out of the window
    assert pain_reported([PainReport(0, 0, "hip"), PainReport(1, 0, "hip")], n_days=2) == ()


def test_pain_report_needs_a_location() -> None:
    with pytest.raises(ValidationError, match="body location"):
        PainReport(0, 5, "  ")


# --- easy runs too hard -----------------------------------------------------------------------


def test_easy_runs_too_hard_fires() -> None:
    runs = [RunSession(24.0 * day + 7, "easy", rpe) for day, rpe in ((0, 6), (5, 7), (13, 8))]
    (signal,) = easy_runs_too_hard(runs, n_days=14)
    assert_signal(signal, "easy_runs_too_hard", "info", "3 of", "14 days", "RPE 6", "7.0")


def test_easy_runs_too_hard_quiet() -> None:
    runs = [RunSession(24.0 * day + 7, "easy", 6) for day in (0, 5, 14)]  # spread over 15 days
    assert easy_runs_too_hard(runs, n_days=15) == ()
    tempo = [RunSession(24.0 * day + 7, "tempo", 8) for day in (0, 1, 2)]
    assert easy_runs_too_hard(tempo, n_days=3) == ()
    unrated = [RunSession(24.0 * day + 7, "recovery") for day in (0, 1, 2)]
    assert easy_runs_too_hard(unrated, n_days=3) == ()


# --- evaluate_all -----------------------------------------------------------------------------


def test_evaluate_all_collects_and_orders_signals() -> None:
    days = 49
    inputs = RiskInputs(
        daily_load=np.array([100.0] * 42 + [300.0, 0, 450, 0, 300, 600, 500]),
        daily_running_distance_m=np.zeros(days),
        daily_lower_body_hard_sets=np.zeros(days),
        pain_reports=(PainReport(48, 8, "shin"),),
        runs=tuple(RunSession(24.0 * day + 7, "easy", 7) for day in (40, 44, 48)),
    )
    signals = evaluate_all(inputs)
    assert [signal.kind for signal in signals] == [
        "pain_reported",
        "load_spike",
        "easy_runs_too_hard",
    ]
    assert all(signal.day_index == days - 1 for signal in signals)
    history = evaluate_all(inputs, every_day=True)
    assert [s.day_index for s in history] == sorted(s.day_index for s in history)


def test_evaluate_all_reads_single_leg_sets_from_the_set_table() -> None:
    both = LoggedSet(2, "leg-press", 5, 150.0, rpe=8.0)
    inputs = RiskInputs(
        np.zeros(5),
        np.zeros(5),
        np.zeros(5),
        set_table=SetTable.from_sets([both, *single_leg(2, 40, 32)]),
    )
    assert [signal.kind for signal in evaluate_all(inputs)] == ["asymmetry"]
    assert inputs.single_leg_sets == tuple(single_leg(2, 40, 32))


def test_risk_inputs_need_equal_lengths() -> None:
    with pytest.raises(ValidationError, match="same days"):
        RiskInputs(np.zeros(3), np.zeros(4), np.zeros(3))


@given(st.lists(st.floats(min_value=0, max_value=1500), min_size=1, max_size=120))
@settings(max_examples=40, deadline=None)
def test_series_signals_always_carry_finite_metrics(loads: list[float]) -> None:
    series = np.array(loads)
    inputs = RiskInputs(series, series * 20, series / 100)
    for signal in evaluate_all(inputs, every_day=True):
        assert all(math.isfinite(value) for value in signal.metrics.values())
        assert "{" not in signal.explanation
