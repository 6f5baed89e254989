"""Pin the public surface of runstrong.science: changing it must be a deliberate decision."""

from __future__ import annotations

import inspect

import runstrong.science as science

EXPECTED_ALL = [
    "E1RM_METHODS",
    "NSCA_PERCENT_BY_REPS",
    "RPE_CHART_PERCENT_AT_RPE10",
    "CriticalSpeed",
    "E1rmMethod",
    "E1rmMethodName",
    "E1rmReliabilityWarning",
    "Effort",
    "PredictionMethod",
    "TrainingPaces",
    "asymmetry_percent",
    "cameron_time_s",
    "critical_speed",
    "equivalent_time_s",
    "estimate_one_rep_max",
    "fraction_sustainable",
    "limb_symmetry_index",
    "load_for_target",
    "oxygen_cost",
    "percent_one_rep_max",
    "predict_time_s",
    "riegel_time_s",
    "round_to_step",
    "set_one_rep_max",
    "target_load_kg",
    "training_paces",
    "vdot",
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
