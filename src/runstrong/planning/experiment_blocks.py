"""A personal experiment inside the plan: which block a day falls in, the weekly test run, and
which planned strength sessions the experiment asks to skip (docs/science.md, "Your own
experiment").

Strength sessions belong only in intervention blocks (B); in control blocks (A) the plan's
strength sessions are to be skipped, while every run stays as planned, so running volume is the
same in both kinds of block and cannot explain a difference. The standard test run falls on the
same weekday every week. Pure: the service passes the registered design in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from runstrong.domain.plan import PlannedSession

__all__ = [
    "BlockSpec",
    "ExperimentWeek",
    "is_test_day",
    "session_note",
    "skipped_sessions",
    "strength_only_in_intervention",
    "week_of",
]

Arm = Literal["A", "B"]


@dataclass(frozen=True, slots=True)
class BlockSpec:
    """The registered blocks: ``order[i]`` is block ``i`` ("A" control, "B" strength)."""

    start_date: date
    block_weeks: int
    n_weeks: int
    run_in_weeks: int
    order: str
    test_weekday: int

    @property
    def end_date(self) -> date:
        return self.start_date + timedelta(weeks=self.n_weeks) - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ExperimentWeek:
    """The experiment week holding a day: block (1-based), its arm, run-in or compared."""

    week: int
    block: int
    n_blocks: int
    arm: Arm
    run_in: bool
    weeks_left: int

    @property
    def label(self) -> str:
        kind = "strength" if self.arm == "B" else "control (no heavy leg work)"
        stage = "run-in" if self.run_in else "compared"
        return f"Experiment block {self.block} of {self.n_blocks}: {kind}, {stage}"


def week_of(spec: BlockSpec, day: date) -> ExperimentWeek | None:
    """The experiment week of ``day``, or None outside the experiment.

    >>> spec = BlockSpec(date(2027, 1, 4), 6, 24, 2, "ABBA", 5)
    >>> week_of(spec, date(2027, 3, 2)).label
    'Experiment block 2 of 4: strength, compared'
    """
    week = (day - spec.start_date).days // 7
    if not 0 <= week < spec.n_weeks:
        return None
    block = week // spec.block_weeks
    arm: Arm = "B" if spec.order[block] == "B" else "A"
    return ExperimentWeek(
        week=week,
        block=block + 1,
        n_blocks=len(spec.order),
        arm=arm,
        run_in=week % spec.block_weeks < spec.run_in_weeks,
        weeks_left=spec.n_weeks - week,
    )


def is_test_day(spec: BlockSpec, day: date) -> bool:
    """True on the weekly test-run day inside the experiment."""
    return week_of(spec, day) is not None and day.weekday() == spec.test_weekday


def session_note(spec: BlockSpec, session: PlannedSession) -> str | None:
    """What the experiment asks of a planned session, or None when it stays as planned."""
    week = week_of(spec, session.day)
    if week is None:
        return None
    if session.kind == "strength" and week.arm == "A":
        return "Skip: experiment control block"
    if session.kind == "run" and session.day.weekday() == spec.test_weekday and not session.key:
        return "Test run: steady, flat, same route"
    return None


def skipped_sessions(spec: BlockSpec, sessions: tuple[PlannedSession, ...]) -> set[int]:
    """Ids of the planned strength sessions that fall in control blocks."""
    return {
        s.id
        for s in sessions
        if s.id is not None and s.kind == "strength" and (w := week_of(spec, s.day)) is not None
        and w.arm == "A"
    }  # fmt: skip


def _in_control(spec: BlockSpec, session: PlannedSession) -> bool:
    week = week_of(spec, session.day)
    return session.kind == "strength" and week is not None and week.arm == "A"


def strength_only_in_intervention(
    spec: BlockSpec, sessions: tuple[PlannedSession, ...], since: date | None = None
) -> tuple[PlannedSession, ...]:
    """``sessions`` without the planned strength sessions in control blocks (on or after
    ``since``); runs and everything else are returned unchanged, in the same order.

    >>> from runstrong.domain.plan import PlannedSession
    >>> spec = BlockSpec(date(2027, 1, 4), 6, 24, 2, "ABBA", 5)
    >>> lift = PlannedSession(day=date(2027, 1, 5), kind="strength", title="Legs")
    >>> later = PlannedSession(day=date(2027, 2, 16), kind="strength", title="Legs")
    >>> [s.day.isoformat() for s in strength_only_in_intervention(spec, (lift, later))]
    ['2027-02-16']
    """
    return tuple(
        s
        for s in sessions
        if not (
            _in_control(spec, s) and s.status == "planned" and (since is None or s.day >= since)
        )
    )
