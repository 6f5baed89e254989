"""Strength science: estimated one-rep max, %1RM for reps and RPE, load targets, asymmetry.

Loads are in kilograms, repetitions are whole numbers, RPE is the 6-10 reps-in-reserve scale.
Formulas and test vectors: ``docs/science.md`` section 1.
"""

from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal, get_args

import numpy as np
import numpy.typing as npt

from runstrong.errors import ValidationError
from runstrong.science._checks import non_negative, positive, whole_number

__all__ = [
    "E1RM_METHODS",
    "NSCA_PERCENT_BY_REPS",
    "RPE_CHART_PERCENT_AT_RPE10",
    "E1rmMethod",
    "E1rmMethodName",
    "E1rmReliabilityWarning",
    "asymmetry_percent",
    "asymmetry_percent_per_pair",
    "estimate_one_rep_max",
    "limb_symmetry_index",
    "limb_symmetry_index_per_pair",
    "load_for_target",
    "one_rep_max_per_set",
    "percent_one_rep_max",
    "percent_one_rep_max_per_set",
    "round_to_step",
    "set_one_rep_max",
    "target_load_kg",
]

FloatArray = npt.NDArray[np.float64]

E1rmMethodName = Literal["epley", "brzycki", "lombardi", "mayhew", "oconner", "wathan", "lander"]

_E1RM_SILENT_MAX_REPS: Final = 12
_E1RM_MAX_REPS: Final = 20
_RPE_MIN: Final = 6.0
_RPE_MAX: Final = 10.0


class E1rmReliabilityWarning(UserWarning):
    """An e1RM was estimated from a set of 13-20 reps, where every formula loses accuracy."""


@dataclass(frozen=True, slots=True)
class E1rmMethod:
    """One published equation for estimating a one-rep max from a set taken to (near) failure.

    Attributes
    ----------
    name : str
        Key used by :func:`estimate_one_rep_max` (``"epley"``, ``"brzycki"`` ...).
    formula_text : str
        The equation, with ``w`` the load lifted (kg) and ``r`` the repetitions.
    source : str
        Author(s) and year of the original publication.
    reliable_reps : tuple[int, int]
        Inclusive range of reps for which the estimate is considered reliable. The literature
        validates these equations only up to about 10 reps (LeSuer et al. 1997 compared all
        seven with sets of fewer than 10), so every method is listed as reliable for 1-10.
    """

    name: E1rmMethodName
    formula_text: str
    source: str
    reliable_reps: tuple[int, int]


# All seven equations were developed or checked with sets of about 10 reps or fewer; LeSuer et al.
# (1997) compared them with sets of fewer than 10 reps. None is documented as reliable beyond that.
_RELIABLE_REPS: Final = (1, 10)

E1RM_METHODS: Final[Mapping[E1rmMethodName, E1rmMethod]] = MappingProxyType(
    {
        "epley": E1rmMethod("epley", "w * (1 + r/30)", "Epley 1985", _RELIABLE_REPS),
        "brzycki": E1rmMethod("brzycki", "w * 36 / (37 - r)", "Brzycki 1993", _RELIABLE_REPS),
        "lombardi": E1rmMethod("lombardi", "w * r**0.10", "Lombardi 1989", _RELIABLE_REPS),
        "mayhew": E1rmMethod(
            "mayhew",
            "100 * w / (52.2 + 41.9 * exp(-0.055 r))",
            "Mayhew et al. 1992",
            _RELIABLE_REPS,
        ),
        "oconner": E1rmMethod("oconner", "w * (1 + r/40)", "O'Conner et al. 1989", _RELIABLE_REPS),
        "wathan": E1rmMethod(
            "wathan", "100 * w / (48.8 + 53.8 * exp(-0.075 r))", "Wathan 1994", _RELIABLE_REPS
        ),
        "lander": E1rmMethod(
            "lander", "100 * w / (101.3 - 2.67123 r)", "Lander 1985", _RELIABLE_REPS
        ),
    }
)
"""The seven e1RM equations by name (formulas and sources: docs/science.md section 1)."""

_E1RM_FORMULAS: Final[Mapping[E1rmMethodName, Callable[[float, int], float]]] = MappingProxyType(
    {
        "epley": lambda load_kg, reps: load_kg * (1 + reps / 30),
        "brzycki": lambda load_kg, reps: load_kg * 36 / (37 - reps),
        "lombardi": lambda load_kg, reps: load_kg * reps**0.10,
        "mayhew": lambda load_kg, reps: 100 * load_kg / (52.2 + 41.9 * math.exp(-0.055 * reps)),
        "oconner": lambda load_kg, reps: load_kg * (1 + reps / 40),
        "wathan": lambda load_kg, reps: 100 * load_kg / (48.8 + 53.8 * math.exp(-0.075 * reps)),
        "lander": lambda load_kg, reps: 100 * load_kg / (101.3 - 2.67123 * reps),
    }
)

NSCA_PERCENT_BY_REPS: Final[Mapping[int, float]] = MappingProxyType(
    {1: 100, 2: 95, 3: 93, 4: 90, 5: 87, 6: 85, 7: 83, 8: 80, 9: 77, 10: 75, 11: 70, 12: 67, 15: 65}
)
"""%1RM that allows a given number of reps (NSCA; Baechle & Earle 2008)."""

RPE_CHART_PERCENT_AT_RPE10: Final[Mapping[int, float]] = MappingProxyType(
    {
        1: 100.0,
        2: 95.5,
        3: 92.2,
        4: 89.2,
        5: 86.3,
        6: 83.7,
        7: 81.1,
        8: 78.6,
        9: 76.2,
        10: 73.9,
        11: 70.7,
        12: 68.0,
    }
)
"""%1RM for a set of n reps at RPE 10 (Tuchscherer 2008; as used by Helms et al. 2016)."""

_CHART_MAX_REPS: Final = max(RPE_CHART_PERCENT_AT_RPE10)
_CHART_REPS: Final = np.array(sorted(RPE_CHART_PERCENT_AT_RPE10), dtype=np.float64)
_CHART_PERCENT: Final = np.array(
    [RPE_CHART_PERCENT_AT_RPE10[reps] for reps in sorted(RPE_CHART_PERCENT_AT_RPE10)]
)


def estimate_one_rep_max(load_kg: float, reps: int, method: E1rmMethodName = "epley") -> float:
    """Estimate the one-rep max (kg) from one set of ``reps`` reps with ``load_kg`` kg.

    The set should be taken to failure or close to it. A single rep returns the load itself for
    every method. The equations were developed and compared with sets of about 10 reps or fewer
    (LeSuer et al. 1997) and lose accuracy quickly beyond that; see :data:`E1RM_METHODS`.

    Parameters
    ----------
    load_kg : float
        Load lifted, kg, greater than zero.
    reps : int
        Repetitions completed, 1 to 20. Sets of 13-20 reps emit an
        :class:`E1rmReliabilityWarning`; more than 20 reps are refused.
    method : E1rmMethodName
        One of ``epley`` (Epley 1985), ``brzycki`` (Brzycki 1993), ``lombardi`` (Lombardi 1989),
        ``mayhew`` (Mayhew et al. 1992), ``oconner`` (O'Conner et al. 1989), ``wathan``
        (Wathan 1994) or ``lander`` (Lander 1985).

    Returns
    -------
    float
        Estimated one-rep max, kg.

    Examples
    --------
    >>> round(estimate_one_rep_max(100, 5), 2)
    116.67
    >>> round(estimate_one_rep_max(100, 10, "brzycki"), 2)
    133.33
    >>> estimate_one_rep_max(100, 1, "mayhew")
    100.0
    """
    load = positive("load_kg", load_kg)
    formula = _E1RM_FORMULAS.get(method)
    if formula is None:
        valid = ", ".join(get_args(E1rmMethodName))
        raise ValidationError(f"unknown e1RM method {method!r}: use one of {valid}")
    whole_reps = whole_number("reps", reps, 1, _E1RM_MAX_REPS)
    if whole_reps > _E1RM_SILENT_MAX_REPS:
        warnings.warn(
            f"an e1RM from {whole_reps} reps is unreliable: the formulas are validated up to "
            "about 10 reps, so test with a heavier load for a better estimate",
            E1rmReliabilityWarning,
            stacklevel=2,
        )
    if whole_reps == 1:
        return load
    return formula(load, whole_reps)


def percent_one_rep_max(reps: int, rpe: float = 10.0) -> float:
    """Percent of one-rep max that allows ``reps`` reps at the given RPE.

    Uses Tuchscherer's RPE chart (:data:`RPE_CHART_PERCENT_AT_RPE10`): a set of n reps at RPE r
    equals n + (10 - r) reps at RPE 10, i.e. the reps in reserve are added to the set. Half RPE
    steps fall between two chart rows and are interpolated linearly.

    Parameters
    ----------
    reps : int
        Repetitions in the set, a whole number of at least 1.
    rpe : float
        Rating of perceived exertion from 6 to 10 in steps of 0.5 (10 = no reps in reserve).
        ``reps + (10 - rpe)`` must not exceed 12, the end of the chart.

    Returns
    -------
    float
        Percent of one-rep max (100 = 1RM).

    Examples
    --------
    >>> percent_one_rep_max(5, 8)
    81.1
    >>> round(percent_one_rep_max(5, 8.5), 2)
    82.4
    """
    whole_reps = whole_number("reps", reps, 1, _CHART_MAX_REPS)
    checked_rpe = _check_rpe(rpe)
    reps_at_rpe10 = whole_reps + (_RPE_MAX - checked_rpe)
    if reps_at_rpe10 > _CHART_MAX_REPS:
        raise ValidationError(
            f"{whole_reps} reps at RPE {checked_rpe:g} equals {reps_at_rpe10:g} reps at RPE 10, "
            f"beyond the chart's {_CHART_MAX_REPS}; choose fewer reps or a higher RPE"
        )
    return float(percent_one_rep_max_per_set(whole_reps, checked_rpe))


def target_load_kg(e1rm_kg: float, reps: int, rpe: float) -> float:
    """Unrounded load (kg) for ``reps`` reps at ``rpe``, given an estimated 1RM.

    ``e1rm_kg * percent_one_rep_max(reps, rpe) / 100`` (Tuchscherer 2008 chart); see
    :func:`percent_one_rep_max` for the allowed reps and RPE.

    Examples
    --------
    >>> round(target_load_kg(200, 5, 8), 1)
    162.2
    """
    e1rm = positive("e1rm_kg", e1rm_kg)
    return e1rm * percent_one_rep_max(reps, rpe) / 100


def round_to_step(load_kg: float, step_kg: float) -> float:
    """Round a load to the nearest multiple of ``step_kg`` (halves round up).

    Parameters
    ----------
    load_kg : float
        Load, kg, zero or more.
    step_kg : float
        Smallest load increment on the bar or machine, kg, greater than zero.

    Examples
    --------
    >>> round_to_step(162.2, 2.5), round_to_step(161.25, 2.5), round_to_step(41.0, 1.25)
    (162.5, 162.5, 41.25)
    """
    step = positive("step_kg", step_kg)
    load = non_negative("load_kg", load_kg)
    return _round_steps(math.floor(load / step + 0.5), step)


def load_for_target(e1rm_kg: float, reps: int, rpe: float, plate_step_kg: float = 2.5) -> float:
    """Load (kg) to put on the bar for ``reps`` reps at ``rpe``, rounded to the plate step.

    The unrounded :func:`target_load_kg` is rounded to the nearest ``plate_step_kg``; if that
    would exceed the e1RM itself (possible for 1 rep at RPE 10) it is rounded down instead, so
    the prescription never asks for more than the estimated maximum.

    Parameters
    ----------
    e1rm_kg : float
        Estimated one-rep max, kg, greater than zero.
    reps : int
        Repetitions in the set (see :func:`percent_one_rep_max`).
    rpe : float
        Target RPE, 6 to 10 in steps of 0.5.
    plate_step_kg : float
        Smallest load increment available, kg (2.5 kg for most plate-loaded machines).

    Examples
    --------
    >>> load_for_target(200, 5, 8)
    162.5
    >>> load_for_target(101, 1, 10)
    100.0
    """
    step = positive("plate_step_kg", plate_step_kg)
    raw_kg = target_load_kg(e1rm_kg, reps, rpe)
    steps = math.floor(raw_kg / step + 0.5)
    if _round_steps(steps, step) > float(e1rm_kg):
        steps = math.floor(raw_kg / step)
    if steps < 1:
        raise ValidationError(
            f"the target load {raw_kg:.2f} kg is smaller than the plate step {step:g} kg; "
            "use a smaller plate_step_kg"
        )
    return _round_steps(steps, step)


def limb_symmetry_index(left: float, right: float) -> float:
    """Limb symmetry index: weaker side / stronger side x 100, in percent.

    Compare like with like: e1RMs (kg) or volume at equal reps of the same single-leg exercise in
    the same session. 100 means perfectly symmetric; return-to-sport criteria commonly ask for
    LSI >= 90 %. Evidence that asymmetry predicts running injury is weak.

    Parameters
    ----------
    left, right : float
        The same measure for each side, in the same unit, each greater than zero.

    Examples
    --------
    >>> limb_symmetry_index(90, 100), limb_symmetry_index(100, 90)
    (90.0, 90.0)
    """
    return float(limb_symmetry_index_per_pair(positive("left", left), positive("right", right)))


def asymmetry_percent(left: float, right: float) -> float:
    """Asymmetry between sides in percent: ``100 - limb_symmetry_index(left, right)``.

    runstrong flags > 10 % as caution and > 15 % as high (common return-to-sport thresholds).

    Examples
    --------
    >>> round(asymmetry_percent(85, 100), 6)
    15.0
    """
    return float(asymmetry_percent_per_pair(positive("left", left), positive("right", right)))


def _check_rpe(rpe: float) -> float:
    message = f"rpe must be from 6 to 10 in steps of 0.5 (e.g. 7.5 or 8), got {rpe!r}"
    if isinstance(rpe, bool) or not isinstance(rpe, numbers.Real):
        raise ValidationError(message)
    value = float(rpe)
    if not (math.isfinite(value) and _RPE_MIN <= value <= _RPE_MAX and (value * 2).is_integer()):
        raise ValidationError(message)
    return value


def _round_steps(steps: int, step_kg: float) -> float:
    # round() removes binary noise such as 3 * 0.1 = 0.30000000000000004
    return round(steps * step_kg, 9)


def set_one_rep_max(load_kg: float, reps: int, rpe: float | None = None) -> float:
    """Estimated 1RM (kg) from one logged set, using its RPE where the set has one.

    With an RPE of 6 to 10 (half steps) and ``reps + (10 - rpe) <= 12``, the set is read off
    Tuchscherer's chart: ``load / percent_one_rep_max(reps, rpe) * 100``. Otherwise the reps in
    reserve are added to the reps (``10 - rpe`` when an RPE is given, none when not: the set is
    taken as done to failure) and the Epley (1985) formula is applied; more than 20 reps to
    failure is refused as too far from a maximal effort to estimate one.

    Parameters
    ----------
    load_kg : float
        Load lifted, kg, greater than zero.
    reps : int
        Repetitions completed, at least 1.
    rpe : float or None
        The set's RPE on the RIR-based scale, or ``None`` when it was not logged.

    Examples
    --------
    >>> round(set_one_rep_max(162.2, 5, 8), 1)
    200.0
    >>> round(set_one_rep_max(100, 10), 2)
    133.33
    """
    load = positive("load_kg", load_kg)
    whole_reps = whole_number("reps", reps, 1, 200)
    if rpe is not None:
        checked_rpe = float(rpe)
        if (
            math.isfinite(checked_rpe)
            and _RPE_MIN <= checked_rpe <= _RPE_MAX
            and (checked_rpe * 2).is_integer()
            and whole_reps + (_RPE_MAX - checked_rpe) <= _CHART_MAX_REPS
        ):
            return load / percent_one_rep_max(whole_reps, checked_rpe) * 100
        in_reserve = max(0.0, _RPE_MAX - min(max(checked_rpe, 0.0), _RPE_MAX))
    else:
        in_reserve = 0.0
    reps_to_failure = whole_reps + round(in_reserve)
    if reps_to_failure > 20:
        raise ValidationError(
            f"{whole_reps} reps with {round(in_reserve)} in reserve is too far from a maximal "
            "effort to estimate a 1RM (at most 20 reps to failure)"
        )
    return load if reps_to_failure == 1 else load * (1 + reps_to_failure / 30)


def one_rep_max_per_set(
    load_kg: npt.ArrayLike, reps: npt.ArrayLike, rpe: npt.ArrayLike | None = None
) -> FloatArray:
    """Estimated 1RM (kg) of each of many logged sets: :func:`set_one_rep_max` in one pass.

    The same rule, set by set: the RPE chart of Tuchscherer (2008) where a set has an RPE of 6
    to 10 in half steps and ``reps + (10 - rpe) <= 12``, otherwise Epley (1985) on the reps plus
    the reps in reserve. Where :func:`set_one_rep_max` would refuse a set (no load, no reps, more
    than 20 reps to failure) the result is ``nan``.

    Parameters
    ----------
    load_kg, reps : array_like
        Load (kg) and repetitions of each set.
    rpe : array_like or None
        RPE of each set, ``nan`` where it was not logged; ``None`` when no set has one.

    Examples
    --------
    >>> one_rep_max_per_set([162.2, 100, 0], [5, 10, 5], [8, np.nan, 8]).round(1)
    array([200. , 133.3,   nan])
    """
    load = np.asarray(load_kg, dtype=np.float64)
    whole_reps = np.asarray(reps, dtype=np.float64)
    rating = np.full(load.shape, np.nan) if rpe is None else np.asarray(rpe, dtype=np.float64)
    percent = percent_one_rep_max_per_set(whole_reps, rating)
    on_chart = ~np.isnan(percent)
    # nan (no RPE) leaves no reps in reserve; RPE outside 0-10 is clipped to the scale
    in_reserve = np.where(np.isnan(rating), 0.0, _RPE_MAX - np.clip(rating, 0.0, _RPE_MAX))
    reps_to_failure = whole_reps + np.rint(in_reserve)
    epley = np.where(reps_to_failure == 1, load, load * (1 + reps_to_failure / 30))
    with np.errstate(divide="ignore", invalid="ignore"):
        estimate = np.where(on_chart, load / percent * 100, epley)
    valid = (
        np.isfinite(load)
        & (load > 0)
        & (whole_reps >= 1)
        & (whole_reps == np.floor(whole_reps))
        & (on_chart | (reps_to_failure <= _E1RM_MAX_REPS))
    )
    return np.where(valid, estimate, np.nan)


def percent_one_rep_max_per_set(reps: npt.ArrayLike, rpe: npt.ArrayLike) -> FloatArray:
    """Percent of 1RM that allows each set's reps at its RPE: :func:`percent_one_rep_max` in one
    pass (Tuchscherer 2008 chart), ``nan`` where the set is off the chart.

    Off the chart: no RPE (``nan``), an RPE that is not 6 to 10 in half steps, reps that are not
    a whole number of at least 1, or ``reps + (10 - rpe) > 12``.

    Examples
    --------
    >>> percent_one_rep_max_per_set([5, 5, 12], [8, 8.5, 6]).round(2)
    array([81.1, 82.4,  nan])
    """
    whole_reps = np.asarray(reps, dtype=np.float64)
    rating = np.asarray(rpe, dtype=np.float64)
    reps_at_rpe10 = whole_reps + (_RPE_MAX - rating)
    with np.errstate(invalid="ignore"):
        on_chart = (
            (rating >= _RPE_MIN)
            & (rating <= _RPE_MAX)
            & (rating * 2 == np.floor(rating * 2))
            & (whole_reps >= 1)
            & (whole_reps == np.floor(whole_reps))
            & (reps_at_rpe10 <= _CHART_MAX_REPS)
        )
    percent = np.interp(reps_at_rpe10, _CHART_REPS, _CHART_PERCENT)
    return np.where(on_chart, percent, np.nan)


def limb_symmetry_index_per_pair(left: npt.ArrayLike, right: npt.ArrayLike) -> FloatArray:
    """:func:`limb_symmetry_index` of each left-right pair: weaker / stronger × 100, in percent.

    The values are not checked: pass measures greater than zero.

    >>> limb_symmetry_index_per_pair([90, 100], [100, 80])
    array([90., 80.])
    """
    left_values = np.asarray(left, dtype=np.float64)
    right_values = np.asarray(right, dtype=np.float64)
    return np.minimum(left_values, right_values) / np.maximum(left_values, right_values) * 100


def asymmetry_percent_per_pair(left: npt.ArrayLike, right: npt.ArrayLike) -> FloatArray:
    """:func:`asymmetry_percent` of each left-right pair: ``100 - LSI``, values not checked.

    >>> asymmetry_percent_per_pair([85, 100], [100, 100]).round(6)
    array([15.,  0.])
    """
    return 100 - limb_symmetry_index_per_pair(left, right)
