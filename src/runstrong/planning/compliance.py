"""Planned against done: match logged sessions to the plan's and say how each went.

A done session matches a planned one of the same kind on the same day (in time order when a
day has several). Each pair, and each session left over, gets a compliance status:

* ``done``: matched, and at least :data:`PARTLY_BELOW` of the planned amount was done;
* ``partly``: matched, but less than that;
* ``missed``: planned on a day before today (or recorded as missed) with nothing logged;
* ``planned``: today or later, nothing logged yet;
* ``unplanned``: logged with no planned session to match.

The amount compared is the planned distance for runs that have one (else the planned
duration, else the planned load), and the planned load (sRPE, AU) for strength sessions.
Weekly totals add up what was done: running distance and time, running and strength load and
hard sets, beside the planned running distance and loads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

from runstrong.domain.plan import PlannedSession

__all__ = [
    "PARTLY_BELOW",
    "CalendarEntry",
    "ComplianceStatus",
    "DoneKind",
    "DoneSession",
    "WeekTotals",
    "match_sessions",
    "week_totals",
]

ComplianceStatus = Literal["done", "partly", "missed", "planned", "unplanned"]
DoneKind = Literal["run", "strength", "other"]
#: A matched session with less than this share of the planned amount is "partly" done.
PARTLY_BELOW: Final = 0.8


@dataclass(frozen=True, slots=True)
class DoneSession:
    """A logged or imported session as the calendar needs it (local day, in SI units)."""

    id: int
    day: date
    kind: DoneKind
    title: str
    start_hour: float
    duration_s: float
    load_au: float
    distance_m: float | None = None
    hard_sets: int = 0


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One card of the calendar: a planned session, a done one, or both matched.

    ``ratio`` is the done amount over the planned amount (None when either is unknown)."""

    day: date
    status: ComplianceStatus
    planned: PlannedSession | None = None
    done: DoneSession | None = None
    ratio: float | None = None

    @property
    def kind(self) -> DoneKind:
        if self.planned is not None:
            return self.planned.kind
        assert self.done is not None
        return self.done.kind


@dataclass(frozen=True, slots=True)
class WeekTotals:
    """What a week held: done totals, planned totals and how many sessions had each status."""

    first_day: date
    distance_m: float
    duration_s: float
    running_load_au: float
    strength_load_au: float
    hard_sets: int
    planned_distance_m: float
    planned_running_load_au: float
    planned_strength_load_au: float
    counts: dict[ComplianceStatus, int]


def _planned_amount(session: PlannedSession, done: DoneSession) -> tuple[float, float] | None:
    """(done, planned) amounts to compare, or None when the plan gives no amount."""
    run = session.run
    if session.kind == "run" and run is not None:
        if run.distance_m and done.distance_m is not None:
            return done.distance_m, run.distance_m
        if run.duration_s:
            return done.duration_s, run.duration_s
    if session.planned_load_au > 0:
        return done.load_au, session.planned_load_au
    return None


def _pair(session: PlannedSession, done: DoneSession) -> CalendarEntry:
    amounts = _planned_amount(session, done)
    ratio = amounts[0] / amounts[1] if amounts is not None else None
    status: ComplianceStatus = "partly" if ratio is not None and ratio < PARTLY_BELOW else "done"
    return CalendarEntry(session.day, status, session, done, ratio)


def _unmatched(session: PlannedSession, today: date) -> CalendarEntry:
    missed = session.status == "missed" or session.day < today
    return CalendarEntry(session.day, "missed" if missed else "planned", session)


def match_sessions(
    planned: Iterable[PlannedSession], done: Iterable[DoneSession], today: date
) -> list[CalendarEntry]:
    """Every planned and done session as calendar entries, by day (pairs where they match).

    >>> from runstrong.domain.plan import RunPrescription
    >>> long_run = PlannedSession(date(2026, 3, 1), "run", "Long run",
    ...     run=RunPrescription("long", (), "", distance_m=16000.0), planned_load_au=300)
    >>> logged = DoneSession(7, date(2026, 3, 1), "run", "Sunday run", 9.0, 5600, 310, 15800.0)
    >>> (entry,) = match_sessions([long_run], [logged], today=date(2026, 3, 2))
    >>> entry.status, round(entry.ratio, 3)
    ('done', 0.988)
    """
    planned_by: dict[tuple[date, str], list[PlannedSession]] = defaultdict(list)
    done_by: dict[tuple[date, str], list[DoneSession]] = defaultdict(list)
    for session in planned:
        planned_by[(session.day, session.kind)].append(session)
    for logged in done:
        done_by[(logged.day, logged.kind)].append(logged)
    entries: list[CalendarEntry] = []
    for key in sorted(planned_by.keys() | done_by.keys()):
        plans = sorted(planned_by.get(key, []), key=lambda s: (s.slot, s.id or 0))
        logs = sorted(done_by.get(key, []), key=lambda d: (d.start_hour, d.id))
        for index in range(max(len(plans), len(logs))):
            if index < len(plans) and index < len(logs):
                entries.append(_pair(plans[index], logs[index]))
            elif index < len(plans):
                entries.append(_unmatched(plans[index], today))
            else:
                entries.append(CalendarEntry(key[0], "unplanned", done=logs[index]))
    return entries


def week_totals(entries: Sequence[CalendarEntry], first_day: date) -> WeekTotals:
    """Totals of the entries in the seven days from ``first_day``."""
    last_day = first_day + timedelta(days=6)
    week = [e for e in entries if first_day <= e.day <= last_day]
    done = [e.done for e in week if e.done is not None]
    planned = [e.planned for e in week if e.planned is not None]
    counts: dict[ComplianceStatus, int] = {
        "done": 0, "partly": 0, "missed": 0, "planned": 0, "unplanned": 0,
    }  # fmt: skip
    for entry in week:
        counts[entry.status] += 1
    return WeekTotals(
        first_day=first_day,
        distance_m=sum(d.distance_m or 0.0 for d in done if d.kind == "run"),
        duration_s=sum(d.duration_s for d in done),
        running_load_au=sum(d.load_au for d in done if d.kind == "run"),
        strength_load_au=sum(d.load_au for d in done if d.kind == "strength"),
        hard_sets=sum(d.hard_sets for d in done),
        planned_distance_m=sum(
            p.run.distance_m or 0.0 for p in planned if p.run is not None and p.status != "missed"
        ),
        planned_running_load_au=sum(p.planned_load_au for p in planned if p.kind == "run"),
        planned_strength_load_au=sum(p.planned_load_au for p in planned if p.kind == "strength"),
        counts=counts,
    )
