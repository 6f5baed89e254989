"""Tunable numbers of the planner, in one frozen object passed in (never read from the environment).

Defaults follow coaching practice; where a number is a choice rather than a finding the docstring
says so. Grades as in ``docs/science.md``: the 10 % weekly rise is **expert opinion** (Nielsen et
al. 2014 found no support for a universal "10 % rule"; it is kept as a conservative cap), and
taper size follows Bosquet et al. 2007 (Med Sci Sports Exerc 39:1358: 41-60 % volume reduction
over about two weeks with intensity kept; **moderate**).
"""

from __future__ import annotations

from dataclasses import dataclass

from runstrong.errors import ValidationError

__all__ = ["PlanningConfig"]


@dataclass(frozen=True, slots=True)
class PlanningConfig:
    """Numbers the planner and the checker share.

    Attributes
    ----------
    volume_rise : float
        Planned rise of weekly running volume from one loading week to the next (0.08 = 8 %).
    max_weekly_rise : float
        Hard cap on the rise of weekly training load (session-RPE units, races excluded) over the
        last full loading week; the checker enforces it. At least ``volume_rise``.
    deload_every : int or None
        Every n-th week is a deload (3 or 4); ``None`` picks 3 for athletes who run fewer than
        three times a week and 4 otherwise (expert opinion).
    deload_factor : float
        Volume of a deload week relative to the last loading week (0.75: 25 % down, the middle
        of rule V1's 20-30 %).
    peak_volume_ratio : float
        Highest weekly volume relative to the first week.
    plate_step_kg : float
        Smallest load increment on the bar or machine; loads are rounded to it.
    solver_time_limit_s : float
        Time limit of one weekly CP-SAT solve (the models are tiny: milliseconds in practice).

    Examples
    --------
    >>> PlanningConfig().max_weekly_rise
    0.1
    >>> PlanningConfig(volume_rise=0.2)
    Traceback (most recent call last):
    ...
    runstrong.errors.ValidationError: volume_rise (0.2) must not exceed max_weekly_rise (0.1).
    """

    volume_rise: float = 0.08
    max_weekly_rise: float = 0.10
    deload_every: int | None = None
    deload_factor: float = 0.75
    peak_volume_ratio: float = 1.5
    plate_step_kg: float = 2.5
    solver_time_limit_s: float = 10.0

    def __post_init__(self) -> None:
        if not 0 < self.max_weekly_rise <= 0.5:
            raise ValidationError(
                f"max_weekly_rise must be above 0 and at most 0.5, got {self.max_weekly_rise}."
            )
        if not 0 <= self.volume_rise <= self.max_weekly_rise:
            raise ValidationError(
                f"volume_rise ({self.volume_rise}) must not exceed max_weekly_rise "
                f"({self.max_weekly_rise})."
            )
        if self.deload_every not in (None, 3, 4):
            raise ValidationError(f"deload_every must be 3 or 4, got {self.deload_every}.")
        if not 0.3 <= self.deload_factor < 1:
            raise ValidationError(f"deload_factor must be 0.3 to 1, got {self.deload_factor}.")
        if not 1 <= self.peak_volume_ratio <= 3:
            raise ValidationError(
                f"peak_volume_ratio must be 1 to 3, got {self.peak_volume_ratio}."
            )
        if not self.plate_step_kg > 0:
            raise ValidationError(f"plate_step_kg must be above 0, got {self.plate_step_kg}.")
        if not self.solver_time_limit_s > 0:
            raise ValidationError("solver_time_limit_s must be above 0.")
