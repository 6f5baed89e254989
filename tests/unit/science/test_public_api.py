"""Pin the public surface of runstrong.science: changing it must be a deliberate decision."""

from __future__ import annotations

import inspect

import runstrong.science as science

EXPECTED_ALL = [
    "E1RM_METHODS",
    "NSCA_PERCENT_BY_REPS",
    "RISK_KINDS",
    "RPE_CHART_PERCENT_AT_RPE10",
    "CriticalSpeed",
    "DataAvailability",
    "E1rmMethod",
    "E1rmMethodName",
    "E1rmReliabilityWarning",
    "EffectEstimate",
    "EffectInterval",
    "EffectModelSettings",
    "EffectVerdict",
    "EfficiencyMarker",
    "Effort",
    "EvidenceGrade",
    "ExerciseProfile",
    "ExposureKind",
    "FitnessFatigue",
    "HardSetRule",
    "LegSession",
    "LoggedSet",
    "MarkerKind",
    "MuscleVolume",
    "PainReport",
    "PredictionMethod",
    "PublishedEvidence",
    "PublishedFinding",
    "RiskInputs",
    "RiskKind",
    "RiskSignal",
    "RiskThresholds",
    "RunSession",
    "SetTable",
    "Severity",
    "ThresholdSpec",
    "TrainingPaces",
    "WeeklySeries",
    "acwr_ewma",
    "acwr_rolling",
    "asymmetry",
    "asymmetry_percent",
    "banister_trimp",
    "banister_trimp_per_session",
    "cameron_time_s",
    "critical_speed",
    "daily_muscle_volume",
    "daily_totals",
    "easy_runs_too_hard",
    "efficiency_marker",
    "equivalent_time_s",
    "estimate_one_rep_max",
    "estimate_strength_effect",
    "evaluate_all",
    "ewma",
    "fitness_fatigue",
    "fraction_sustainable",
    "hard_set_mask",
    "hard_set_rule",
    "heavy_legs_before_key_run",
    "high_monotony",
    "hr_drift_percent",
    "is_hard_set",
    "leg_session",
    "leg_sessions",
    "limb_symmetry_index",
    "load_for_target",
    "load_spike",
    "monotony",
    "one_rep_max_per_set",
    "oxygen_cost",
    "pain_reported",
    "percent_e1rm_per_set",
    "percent_one_rep_max",
    "predict_time_s",
    "published_evidence",
    "published_findings",
    "riegel_time_s",
    "rolling_sum",
    "round_to_step",
    "rtss",
    "running_distance_spike",
    "session_rpe_load",
    "session_rpe_load_per_session",
    "set_one_rep_max",
    "set_percent_e1rm",
    "strain",
    "strength_volume_jump",
    "target_load_kg",
    "threshold_specs",
    "training_paces",
    "vdot",
    "weekly_best",
    "weekly_hard_sets_per_muscle",
    "weekly_median",
    "what_to_log",
    "with_reference_e1rm",
]


def test_all_is_pinned() -> None:
    assert science.__all__ == EXPECTED_ALL


def test_every_public_name_exists() -> None:
    for name in science.__all__:
        assert hasattr(science, name), name


def test_public_functions_document_their_science() -> None:
    for name in science.__all__:
        obj = getattr(science, name)
        if inspect.isfunction(obj):
            doc = inspect.getdoc(obj) or ""
            assert ">>>" in doc, f"{name} needs a doctest example"
            assert any(char.isdigit() for char in doc), f"{name} should cite a source year"
        elif inspect.isclass(obj):
            assert inspect.getdoc(obj), f"{name} needs a docstring"
