"""The experiment on the plan calendar: each week's block, the test-run days, and the planned
sessions the experiment changes (strength skipped in control blocks, the standard test run)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from runstrong.domain.plan import Plan
from runstrong.planning.experiment_blocks import is_test_day, session_note, week_of
from runstrong.services.experiments import block_spec
from runstrong.store import Store

__all__ = ["CalendarExperiment", "calendar_experiment"]


@dataclass(frozen=True, slots=True)
class CalendarExperiment:
    link: str
    days: dict[date, str] = field(default_factory=dict)
    test_days: frozenset[date] = frozenset()
    notes: dict[int, str] = field(default_factory=dict)

    def label_for(self, days: list[date]) -> str | None:
        """The label of the first of ``days`` inside the experiment (a calendar row's days)."""
        return next((self.days[day] for day in days if day in self.days), None)


def calendar_experiment(
    store: Store, athlete_id: int | None, plan: Plan | None, first: date, last: date
) -> CalendarExperiment | None:
    """What the calendar from ``first`` to ``last`` shows of the athlete's experiment."""
    if athlete_id is None:
        return None
    spec = block_spec(store, athlete_id, first, last)
    if spec is None:
        return None
    days: dict[date, str] = {}
    tests = set()
    day = first
    while day <= last:
        week = week_of(spec, day)
        if week is not None:
            days[day] = f"{week.label}; {week.weeks_left} week(s) left"
            if is_test_day(spec, day):
                tests.add(day)
        day += timedelta(days=1)
    notes = {}
    for session in plan.sessions if plan is not None else ():
        note = session_note(spec, session)
        if note is not None and session.id is not None:
            notes[session.id] = note
    return CalendarExperiment(f"/athletes/{athlete_id}/experiment", days, frozenset(tests), notes)
