"""The calendar of the plan page (week and month): planned sessions and done ones together.

Rows of seven days follow the plan's weeks (they end on race day's weekday), or run Monday to
Sunday without a plan. A done session that matches a planned one (same day and kind, see
:mod:`runstrong.planning.compliance`) shares its card, with both figures and a compliance
label; done sessions with no match get their own card; each row ends with the week's totals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final, Literal

from runstrong.domain.models import UnitSystem
from runstrong.domain.plan import Plan, PlannedSession, Slot, week_spans
from runstrong.domain.units import format_distance, format_duration
from runstrong.exports._plan_text import planned_duration_text, session_lines
from runstrong.planning.compliance import (
    CalendarEntry,
    DoneSession,
    WeekTotals,
    match_sessions,
    week_totals,
)
from runstrong.services.plan_moves import move_window

__all__ = [
    "COMPLIANCE_LABELS",
    "CalendarView",
    "DayCell",
    "SessionCard",
    "View",
    "WeekRow",
    "build_calendar",
    "calendar_range",
]

View = Literal["week", "month"]
WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SLOTS: Final[tuple[Slot, ...]] = ("am", "pm")
#: How far the calendar may be paged before or after the plan.
_MARGIN: Final = timedelta(days=366)
#: Done sessions that start before this local hour go in the morning (am) half of a day.
_PM_FROM_HOUR: Final = 13.0
COMPLIANCE_LABELS: Final = {
    "done": "Done",
    "partly": "Partly done",
    "missed": "Missed",
    "planned": "Planned",
    "unplanned": "Unplanned",
}


@dataclass(frozen=True, slots=True)
class SessionCard:
    """A session as its card shows it, in the athlete's units."""

    session: PlannedSession
    summary: str
    lines: tuple[str, ...]
    window: tuple[date, date] | None


@dataclass(frozen=True, slots=True)
class CalendarItem:
    """One card in a slot: a planned card (maybe with its done session) or a done session."""

    entry: CalendarEntry
    card: SessionCard | None
    label: str
    done_text: str


@dataclass(slots=True)
class DayCell:
    day: date
    in_focus: bool
    in_plan: bool
    is_today: bool
    is_race: bool
    slots: dict[Slot, list[CalendarItem]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class WeekRow:
    label: str
    cells: tuple[DayCell, ...]
    totals: WeekTotals
    totals_text: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CalendarView:
    view: View
    title: str
    anchor: date
    weekdays: tuple[str, ...]
    rows: tuple[WeekRow, ...]
    previous: date
    following: date


def _card(plan: Plan, session: PlannedSession, units: UnitSystem, today: date) -> SessionCard:
    parts = [planned_duration_text(session)]
    if session.run is not None and session.run.distance_m:
        parts.append(format_distance(session.run.distance_m, units))
    lines = list(session_lines(session, units))
    if session.run is not None and units != "metric" and session.run.description:
        lines.remove(session.run.description)  # its paces are per km
    parts.append(f"load {session.planned_load_au:.0f} AU")
    return SessionCard(session, " · ".join(parts), tuple(lines), move_window(plan, session, today))


def _done_text(done: DoneSession, units: UnitSystem) -> str:
    parts = []
    if done.distance_m:
        parts.append(format_distance(done.distance_m, units))
    parts.append(format_duration(done.duration_s))
    parts.append(f"load {done.load_au:.0f} AU")
    if done.kind == "strength":
        parts.append(f"{done.hard_sets} hard set{'s' if done.hard_sets != 1 else ''}")
    return " · ".join(parts)


def _totals_text(totals: WeekTotals, units: UnitSystem) -> tuple[str, ...]:
    distance = format_distance(totals.distance_m, units)
    if totals.planned_distance_m:
        distance += f" of {format_distance(totals.planned_distance_m, units)} planned"
    lines = [
        f"Run {distance}",
        f"Time {format_duration(totals.duration_s)}",
        f"Load: running {totals.running_load_au:.0f} AU, strength {totals.strength_load_au:.0f} AU",
        f"Hard sets {totals.hard_sets}",
    ]
    counted = [
        f"{count} {COMPLIANCE_LABELS[status].lower()}"
        for status, count in totals.counts.items()
        if count
    ]
    if counted:
        lines.append(", ".join(counted))
    return tuple(lines)


def _row_start(day: date, first_weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def _month_bounds(anchor: date) -> tuple[date, date]:
    first = anchor.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _Range:
    mode: View
    anchor: date
    first: date
    last: date
    focus: tuple[date, date]
    previous: date
    following: date
    title: str
    first_weekday: int


def calendar_range(plan: Plan | None, today: date, mode: View, start: date | None) -> _Range:
    """The days the calendar shows: whole rows around the week or month of ``start``."""
    if plan is not None:
        request = plan.request
        default = min(max(today, request.start_date), request.race_date)
        anchor = min(
            max(start or default, request.start_date - _MARGIN), request.race_date + _MARGIN
        )
        first_weekday = (request.race_date.weekday() + 1) % 7
    else:
        anchor, first_weekday = start or today, 0
    if mode == "week":
        first = last = _row_start(anchor, first_weekday)
        previous, following = anchor - timedelta(days=7), anchor + timedelta(days=7)
        focus = (first, first + timedelta(days=6))
        title = f"Week of {first:%a %d %b %Y}"
    else:
        focus = _month_bounds(anchor)
        first, last = _row_start(focus[0], first_weekday), _row_start(focus[1], first_weekday)
        previous = (focus[0] - timedelta(days=1)).replace(day=1)
        following = focus[1] + timedelta(days=1)
        title = f"{anchor:%B %Y}"
    return _Range(
        mode, anchor, first, last + timedelta(days=6), focus, previous, following, title,
        first_weekday,
    )  # fmt: skip


def _item(entry: CalendarEntry, plan: Plan | None, units: UnitSystem, today: date) -> CalendarItem:
    card = _card(plan, entry.planned, units, today) if plan and entry.planned else None
    done_text = _done_text(entry.done, units) if entry.done is not None else ""
    return CalendarItem(entry, card, COMPLIANCE_LABELS[entry.status], done_text)


def _slot_of(entry: CalendarEntry) -> Slot:
    if entry.planned is not None:
        return entry.planned.slot
    assert entry.done is not None
    return "am" if entry.done.start_hour < _PM_FROM_HOUR else "pm"


def build_calendar(
    plan: Plan | None,
    units: UnitSystem,
    today: date,
    span: _Range,
    done: list[DoneSession],
) -> CalendarView:
    """The calendar of ``span`` with the plan's sessions (if any) and the ``done`` ones."""
    planned = [s for s in (plan.sessions if plan else ()) if span.first <= s.day <= span.last]
    entries = match_sessions(planned, done, today)
    by_day: dict[date, list[CalendarEntry]] = {}
    for entry in entries:
        by_day.setdefault(entry.day, []).append(entry)
    spans = week_spans(plan) if plan is not None else ()
    rows = []
    row_start = span.first
    while row_start <= span.last:
        days = [row_start + timedelta(days=n) for n in range(7)]
        label = next(
            (
                f"Week {week.index + 1} · {week.phase}" + (" (deload)" if week.deload else "")
                for week, week_first, week_last in spans
                if week_first <= days[-1] and week_last >= days[0]
            ),
            "",
        )
        cells = []
        for day in days:
            cell = DayCell(
                day=day,
                in_focus=span.focus[0] <= day <= span.focus[1],
                in_plan=plan is not None
                and plan.request.start_date <= day <= plan.request.race_date,
                is_today=day == today,
                is_race=plan is not None and day == plan.request.race_date,
            )
            for slot in _SLOTS:
                cell.slots[slot] = [
                    _item(e, plan, units, today) for e in by_day.get(day, []) if _slot_of(e) == slot
                ]
            cells.append(cell)
        totals = week_totals(entries, row_start)
        rows.append(WeekRow(label, tuple(cells), totals, _totals_text(totals, units)))
        row_start += timedelta(days=7)
    weekdays = tuple(WEEKDAYS[(span.first_weekday + n) % 7] for n in range(7))
    return CalendarView(
        span.mode, span.title, span.anchor, weekdays, tuple(rows), span.previous, span.following
    )
