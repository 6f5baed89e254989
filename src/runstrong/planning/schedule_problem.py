"""The weekly scheduling problem: what to place (:class:`SessionToPlace`), the week it goes into
(:class:`WeekFrame`), the answer (:class:`Placement`), the hard rules by name
(:data:`SCHEDULER_RULES`) and the error that names the one a week cannot keep
(:class:`PlanInfeasible`). The rules themselves are described in
:mod:`runstrong.planning.scheduler`; the solver model is :mod:`runstrong.planning.schedule_model`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from runstrong.domain.plan import SessionKind, Slot
from runstrong.errors import ValidationError

__all__ = [
    "HOUR",
    "LOWER_BODY_GAP_H",
    "SCHEDULER_RULES",
    "SLOTS",
    "Placement",
    "PlanInfeasible",
    "SessionToPlace",
    "WeekFrame",
    "day_label",
    "lower_body_blocked",
]

SCHEDULER_RULES: Final = (
    "heavy-legs-48h",
    "lower-body-48h",
    "race-approach",
    "two-a-days",
    "one-run-a-day",
    "one-strength-a-day",
    "one-session-per-slot",
    "strength-after-run",
    "rest-days",
)
SLOTS: Final[tuple[Slot, Slot]] = ("am", "pm")
HOUR: Final = {"am": 7, "pm": 18}
LOWER_BODY_GAP_H: Final = 48


class PlanInfeasible(ValidationError):
    """The sessions cannot be placed without breaking a hard rule; ``rule`` names it."""

    code = "plan_infeasible"

    def __init__(self, message: str, rule: str) -> None:
        super().__init__(message)
        self.rule = rule


@dataclass(frozen=True, slots=True)
class SessionToPlace:
    """A session to schedule: what it is, and where it must or would like to go.

    ``key`` marks intervals, tempo, long runs and races; ``heavy_lower_body`` marks strength
    sessions under the 48-hour rule; ``race`` exempts the race from the rest-day rule;
    ``lower_body`` marks sessions with lower-body load (heavy or plyometric) that must be 48 h
    apart.
    """

    name: str
    kind: SessionKind
    key: bool = False
    heavy_lower_body: bool = False
    race: bool = False
    fixed_day: date | None = None
    fixed_slot: Slot | None = None
    allowed_days: frozenset[date] | None = None
    preferred_day: date | None = None
    preferred_slot: Slot | None = None
    lower_body: bool = False


@dataclass(frozen=True, slots=True)
class WeekFrame:
    """The calendar of one week: its days, which are available, and what its neighbours impose.

    ``key_blocked_days`` follow a heavy session of the week before (no key run there);
    ``heavy_blocked_days`` precede a key run of the week after (no heavy session there);
    ``hard_days_around`` are hard-run days just outside the week, for hard/easy alternation;
    ``lower_body_blocked`` are the (day, slot) cells within 48 h of a lower-body session of the
    weeks around (:func:`lower_body_blocked`); ``runs_before`` the days of the runs of the six
    days before the week (one entry per run).
    """

    days: tuple[date, ...]
    available_days: frozenset[date]
    two_a_days: bool = True
    race_day: date | None = None
    key_blocked_days: frozenset[date] = frozenset()
    heavy_blocked_days: frozenset[date] = frozenset()
    hard_days_around: frozenset[date] = frozenset()
    lower_body_blocked: frozenset[tuple[date, Slot]] = frozenset()
    runs_before: tuple[date, ...] = ()


def lower_body_blocked(outside: Iterable[tuple[date, Slot]]) -> frozenset[tuple[date, Slot]]:
    """The (day, slot) cells less than 48 h from any of the lower-body sessions ``outside``.

    >>> sorted((d.day, t) for d, t in lower_body_blocked([(date(2025, 3, 2), "pm")]))
    [(1, 'am'), (1, 'pm'), (2, 'am'), (2, 'pm'), (3, 'am'), (3, 'pm'), (4, 'am')]
    """
    blocked = set()
    for day, slot in outside:
        for offset in range(-2, 3):
            other = day + timedelta(days=offset)
            for other_slot in SLOTS:
                gap = abs(offset * 24 + HOUR[other_slot] - HOUR[slot])
                if gap < LOWER_BODY_GAP_H:
                    blocked.add((other, other_slot))
    return frozenset(blocked)


@dataclass(frozen=True, slots=True)
class Placement:
    day: date
    slot: Slot


def day_label(day: date | None) -> str:
    return "-" if day is None else f"{day:%a %d %b %Y}"
