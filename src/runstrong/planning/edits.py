"""What the athlete changed, checked: session references, moves, and the plan's week calendar.

A session is referred to by its id, by its day (every session that day) or by the session itself.
A move keeps a planned session in its own week, from today on, on a training day; a move that a
session pinned in place already rules out (a past or done session, the race, a long run, another
move) is refused with a message about the move itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Final

from runstrong.domain.plan import Plan, PlannedSession, Slot
from runstrong.errors import NotFound, ValidationError
from runstrong.planning.scheduler import PlanInfeasible, WeekFrame

__all__ = ["Calendar", "MoveTarget", "SessionRef", "check_moves", "checked_move", "resolve"]

SessionRef = int | date | PlannedSession
"""A session by its id, by its day (every session that day), or the session itself."""
MoveTarget = date | tuple[date, Slot]
"""Where a session moves: a day, or a day and a slot."""

_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Calendar:
    """The plan's weeks as day ranges."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        starts = [week.start for week in plan.weeks]
        ends = [start - timedelta(days=1) for start in starts[1:]] + [plan.request.race_date]
        self.ranges = list(zip(starts, ends, strict=True))

    def week_of(self, day: date) -> int:
        for index, (start, end) in enumerate(self.ranges):
            if start <= day <= end:
                return index
        raise ValidationError(
            f"{day} is outside the plan ({self.ranges[0][0]} to {self.ranges[-1][1]})."
        )

    def days(self, week: int) -> tuple[date, ...]:
        start, end = self.ranges[week]
        return tuple(start + timedelta(days=n) for n in range((end - start).days + 1))

    def full(self, week: int) -> bool:
        start, end = self.ranges[week]
        return (end - start).days == 6 and start >= self.plan.request.start_date


def resolve(plan: Plan, ref: SessionRef) -> list[int]:
    if isinstance(ref, PlannedSession):
        found = [n for n, s in enumerate(plan.sessions) if s == ref]
        what = f"session '{ref.title}' on {ref.day}"
    elif isinstance(ref, date):
        found = [n for n, s in enumerate(plan.sessions) if s.day == ref]
        what = f"session on {ref}"
    else:
        found = [n for n, s in enumerate(plan.sessions) if s.id == ref]
        what = f"session with id {ref}"
    if not found:
        raise NotFound(f"No {what} in this plan.")
    return found


def checked_move(
    plan: Plan,
    sessions: list[PlannedSession],
    calendar: Calendar,
    today: date,
    ref: SessionRef,
    where: MoveTarget,
) -> tuple[int, tuple[date, Slot | None]]:
    found = resolve(plan, ref)
    if len(found) > 1:
        raise ValidationError(
            f"{ref} has {len(found)} sessions; name the session to move by its id."
        )
    index = found[0]
    session = sessions[index]
    day, slot = where if isinstance(where, tuple) else (where, None)
    name = f"'{session.title}' ({session.day:%a %d %b})"
    if session.run is not None and session.run.session_type == "race":
        raise ValidationError("The race stays on race day; create a new plan for another date.")
    if session.status != "planned":
        raise ValidationError(f"Only planned sessions can move; {name} is {session.status}.")
    if session.day < today or day < today:
        raise ValidationError(f"Cannot move {name} to {day:%a %d %b}: only from today on.")
    week = calendar.week_of(session.day)
    start, end = calendar.ranges[week]
    if not start <= day <= end:
        raise ValidationError(
            f"Move {name} within its week ({start:%a %d %b} to {end:%a %d %b}); "
            "to skip it, mark it missed."
        )
    if day.weekday() not in plan.request.available_days:
        raise PlanInfeasible(
            f"rest days are honoured: {_WEEKDAYS[day.weekday()]} is not one of your training "
            f"days, so {name} cannot move to {day:%a %d %b}",
            "rest-days",
        )
    return index, (day, slot)


def check_moves(
    sessions: list[PlannedSession],
    members: list[int],
    today: date,
    targets: Mapping[int, tuple[date, Slot | None]],
    frame: WeekFrame,
) -> None:
    """Refuse, with a message about the move itself, a move onto a day that a session which
    cannot move (past, done, race, long run, another move) already rules out."""
    pinned = {}
    for n in members:
        session = sessions[n]
        run_type = session.run.session_type if session.run else None
        if n in targets:
            pinned[n] = targets[n][0]
        elif session.day < today or session.status == "done" or run_type in ("long", "race"):
            pinned[n] = session.day
    for n, (day, _slot) in targets.items():
        if n not in members:
            continue
        moved = sessions[n]
        name = f"'{moved.title}' to {day:%a %d %b}"
        for m, other_day in pinned.items():
            other = sessions[m]
            if m == n:
                continue
            what = f"'{other.title}' ({other_day:%a %d %b})"
            if other_day == day and moved.kind == other.kind:
                rule = "one-run-a-day" if moved.kind == "run" else "one-strength-a-day"
                one = "one run a day" if moved.kind == "run" else "one strength session a day"
                raise PlanInfeasible(f"{one}: cannot move {name}, {what} is there", rule)
            if other_day == day and not frame.two_a_days:
                raise PlanInfeasible(
                    f"without two-a-days every session needs its own day: cannot move {name}, "
                    f"{what} is there",
                    "two-a-days",
                )
            gap = (day - other_day).days
            if moved.key and other.heavy_lower_body and m not in targets and 0 < gap <= 2:
                raise PlanInfeasible(
                    "no heavy lower-body session within 48 h before intervals, tempo, long run "
                    f"or race: cannot move {name}, {what} is {gap} day(s) before",
                    "heavy-legs-48h",
                )
        if moved.key and day in frame.key_blocked_days:
            raise PlanInfeasible(
                "no heavy lower-body session within 48 h before intervals, tempo, long run or "
                f"race: cannot move {name}, the heavy session of the week before is too close",
                "heavy-legs-48h",
            )
        race = frame.race_day
        if race is not None and not (moved.run and moved.run.session_type == "race"):
            before_race = (race - day).days
            if (moved.kind == "strength" and before_race <= 2) or (moved.key and before_race <= 2):
                raise PlanInfeasible(
                    "no strength and no other key run in the two days before the race: "
                    f"cannot move {name}",
                    "race-approach",
                )
