"""Training load on one scale for running and strength, and the series derived from it.

Session loads: session-RPE (Foster et al. 2001), Banister TRIMP (Banister 1991) and rTSS
(TrainingPeaks). Daily series: fitness-fatigue (CTL/ATL/TSB), the acute:chronic workload ratio
(rolling and EWMA) and Foster's monotony and strain. Formulas and test vectors:
``docs/science.md`` section 3.

A daily series is a 1-D array of consecutive calendar days, oldest first, one load per day (zero on
rest days; several sessions on one day are added, see :func:`daily_totals`). Every series function
returns an array of the same length, computed in one vectorised pass (SciPy ``lfilter`` for the
exponentially weighted averages, NumPy windows for the rolling ones): a decade of days takes
milliseconds. Loads are in arbitrary units (AU); only ratios and trends between loads on the same
scale are meaningful.
"""

from runstrong.science.load._hr_rpe import edwards_trimp, hr_estimated_rpe
from runstrong.science.load._series import (
    FitnessFatigue,
    FloatArray,
    acwr_ewma,
    acwr_rolling,
    as_daily_series,
    daily_totals,
    ewma,
    fitness_fatigue,
    monotony,
    rolling_sum,
    strain,
)
from runstrong.science.load._session import (
    banister_trimp,
    banister_trimp_per_session,
    rtss,
    session_rpe_load,
    session_rpe_load_per_session,
)

__all__ = [
    "FitnessFatigue",
    "FloatArray",
    "acwr_ewma",
    "acwr_rolling",
    "as_daily_series",
    "banister_trimp",
    "banister_trimp_per_session",
    "daily_totals",
    "edwards_trimp",
    "ewma",
    "fitness_fatigue",
    "hr_estimated_rpe",
    "monotony",
    "rolling_sum",
    "rtss",
    "session_rpe_load",
    "session_rpe_load_per_session",
    "strain",
]
