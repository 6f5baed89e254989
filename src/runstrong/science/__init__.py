"""The pure science core: strength, running performance, race prediction, critical speed.

Plain functions and frozen dataclasses, SI units in every name, no I/O. Each function's docstring
states its formula, units, valid range and source; ``docs/science.md`` holds the test vectors.
Violated preconditions raise :class:`runstrong.errors.ValidationError`.

>>> from runstrong.science import estimate_one_rep_max, vdot
>>> round(estimate_one_rep_max(100, 5), 2), round(vdot(5000, 1200), 1)
(116.67, 49.8)
"""

from runstrong.science.critical_speed import CriticalSpeed, Effort, critical_speed
from runstrong.science.prediction import (
    PredictionMethod,
    cameron_time_s,
    predict_time_s,
    riegel_time_s,
)
from runstrong.science.running import (
    TrainingPaces,
    equivalent_time_s,
    fraction_sustainable,
    oxygen_cost,
    training_paces,
    vdot,
)
from runstrong.science.strength import (
    E1RM_METHODS,
    NSCA_PERCENT_BY_REPS,
    RPE_CHART_PERCENT_AT_RPE10,
    E1rmMethod,
    E1rmMethodName,
    E1rmReliabilityWarning,
    asymmetry_percent,
    estimate_one_rep_max,
    limb_symmetry_index,
    load_for_target,
    percent_one_rep_max,
    round_to_step,
    set_one_rep_max,
    target_load_kg,
)

__all__ = [
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
