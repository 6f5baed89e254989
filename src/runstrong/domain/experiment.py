"""A personal (n-of-1) experiment as registered: the design locked at start and its amendments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

__all__ = ["DEFAULT_QUESTION", "Amendment", "Experiment"]

DEFAULT_QUESTION = (
    "Does heavy lower-body strength work (leg press and its complements) twice a week, "
    "against none, change my running?"
)


@dataclass(frozen=True, slots=True)
class Amendment:
    """A change to the design after it was registered."""

    on: date
    field: str
    old: str
    new: str
    reason: str


@dataclass(frozen=True, slots=True)
class Experiment:
    """The registered design. Block ``i`` covers weeks ``i·block_weeks …``; "A" = control
    (no heavy lower-body work), "B" = intervention; ``test_weekday`` 0 = Monday."""

    question: str
    marker: str
    design: str
    block_weeks: int
    n_weeks: int
    run_in_weeks: int
    block_order: str
    start_date: date
    analysis_date: date
    test_weekday: int
    registered_in_advance: bool
    started_by: str
    started_at: datetime
    noise: dict[str, float]
    detectable_effect: float
    amendments: tuple[Amendment, ...] = field(default=())
    id: int | None = None

    @property
    def end_date(self) -> date:
        """The last day of the last block."""
        return self.start_date + timedelta(weeks=self.n_weeks) - timedelta(days=1)

    def week_of(self, day: date) -> int:
        """Design week of ``day`` (negative before the start, ``n_weeks`` or more after)."""
        return (day - self.start_date).days // 7

    def block_of(self, day: date) -> int | None:
        """Index of the block holding ``day``, or None outside the experiment."""
        week = self.week_of(day)
        if not 0 <= week < self.n_weeks:
            return None
        return week // self.block_weeks

    def arm_on(self, day: date) -> str | None:
        """ "A" or "B" on ``day``, None outside the experiment."""
        block = self.block_of(day)
        return None if block is None else self.block_order[block]

    def overlaps(self, other: Experiment) -> bool:
        return self.start_date <= other.end_date and other.start_date <= self.end_date
