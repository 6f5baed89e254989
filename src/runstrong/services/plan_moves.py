"""Plans from the web: the plan a page shows, one session moved by its id, exports in memory.

The plan itself is made and re-planned by :mod:`runstrong.services.plans`; this module adds what
a calendar needs on top: the athlete's own "today", which sessions may still move and where to,
moving a session by its id (the rest of its week is re-planned under the hard rules), and the
exports as bytes for a download instead of files on disk.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from runstrong.domain.accounts import User
from runstrong.domain.models import EVENT_FOCUSES, Athlete, EventFocus
from runstrong.domain.plan import Plan, PlannedSession, Slot
from runstrong.errors import NotFound, ValidationError
from runstrong.library import EQUIPMENT
from runstrong.planning.edits import Calendar
from runstrong.services.access import check_access_in
from runstrong.services.athletes import resolve_athlete
from runstrong.services.plans import PlanChoices, replan_plan
from runstrong.store import Store

__all__ = [
    "EXPORT_FORMATS",
    "ExportFile",
    "ExportFormat",
    "MoveResult",
    "PlanView",
    "local_today",
    "move_session",
    "move_window",
    "plan_choices",
    "plan_export_bytes",
    "plan_view",
]

ExportFormat = Literal["ics", "pdf", "fit"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("ics", "pdf", "fit")
_MEDIA_TYPES: dict[ExportFormat, str] = {
    "ics": "text/calendar; charset=utf-8",
    "pdf": "application/pdf",
    "fit": "application/zip",
}
#: Zip entries get a fixed time stamp, so the same plan always gives the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def local_today(athlete: Athlete) -> date:
    """Today's date where the athlete lives (their time zone setting)."""
    return datetime.now(ZoneInfo(athlete.timezone)).date()


@dataclass(frozen=True, slots=True)
class PlanView:
    """What a plan page or ``GET .../plan`` shows: the athlete (units, time zone), their active
    plan if any, who approved it and when, and the athlete's today."""

    athlete: Athlete
    plan: Plan | None
    approval: tuple[str, datetime] | None
    today: date

    def active(self) -> Plan:
        """The active plan, or :class:`NotFound` saying how to make one."""
        if self.plan is None:
            raise NotFound(f"{self.athlete.name} has no plan yet: create one first")
        return self.plan


def plan_view(store: Store, user: User, athlete_id: int, today: date | None = None) -> PlanView:
    """The athlete's active plan with its approval, read in one transaction (``read`` access)."""
    with store.unit_of_work() as uow:
        check_access_in(uow, user, athlete_id, "read")
        athlete = resolve_athlete(uow, athlete_id)
        plan = uow.plans.active(athlete_id)
        approval = uow.sharing.plan_approval(plan.id) if plan and plan.id is not None else None
    return PlanView(athlete, plan, approval, today or local_today(athlete))


def move_window(plan: Plan, session: PlannedSession, today: date) -> tuple[date, date] | None:
    """The first and last day ``session`` may move to, or ``None`` if it cannot move: only
    planned sessions from ``today`` on move, within their own plan week, and the race stays."""
    run_type = session.run.session_type if session.run is not None else None
    if session.status != "planned" or session.day < today or run_type == "race" or not plan.weeks:
        return None
    calendar = Calendar(plan)
    try:
        start, end = calendar.ranges[calendar.week_of(session.day)]
    except ValidationError:
        return None
    return max(start, today), end


@dataclass(frozen=True, slots=True)
class MoveResult:
    """The re-planned plan, and the sessions the re-plan left out (as they were planned).

    Re-planning keeps weekly loads within their limits from the moved week on; when a move
    changes a week's load (a heavy session lightened to keep 48 h before a key run, say), later
    weeks may lose easy runs or strength sessions. A calendar should say so."""

    athlete: Athlete
    plan: Plan
    left_out: tuple[PlannedSession, ...]


def move_session(
    store: Store,
    athlete_id: int,
    session_id: int,
    day: date | None,
    slot: Slot | None = None,
    today: date | None = None,
) -> MoveResult:
    """Move the active plan's session ``session_id`` to ``day`` (``None``: the day it is on, to
    change only the time of day) and ``slot`` (``None``: the planner picks), then re-plan its
    week under the hard rules. Moving a session where it already is re-plans its week.

    Raises
    ------
    NotFound
        No active plan, or no session with that id in it.
    ValidationError
        The session is past, done, missed or the race, or the day is past or outside its week;
        :class:`~runstrong.planning.scheduler.PlanInfeasible` (a ``ValidationError``) names the
        hard rule a move would break. Nothing is stored then.
    """
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_id)
        plan = uow.plans.active(athlete_id)
    if plan is None:
        raise NotFound(f"{athlete.name} has no plan yet: create one first")
    session = next((s for s in plan.sessions if s.id == session_id), None)
    if session is None:
        raise NotFound(f"no session with id {session_id} in {athlete.name}'s active plan")
    now = today or local_today(athlete)
    day = day or session.day
    name = f"'{session.title}' ({session.day:%a %d %b})"
    if session.status != "planned":
        raise ValidationError(f"{name} is {session.status}: only planned sessions can move")
    if session.day < now:
        raise ValidationError(f"{name} is in the past: only sessions from today on can move")
    if day < now:
        raise ValidationError(
            f"cannot move {name} to {day:%a %d %b}: that day is in the past; pick today or later"
        )
    _, moved = replan_plan(
        store,
        athlete_id,
        moves={(session.day, session.slot): (day, slot) if slot else day},
        today=now,
    )
    kept = {s.id for s in moved.sessions}
    return MoveResult(athlete, moved, tuple(s for s in plan.sessions if s.id not in kept))


def plan_choices(
    race: str,
    race_date: date,
    *,
    focus: str | None = None,
    available_days: Collection[int] | None = None,
    long_run_day: int | None = None,
    strength_days: int = 2,
    equipment: Iterable[str] | None = None,
    two_a_days: bool = True,
) -> PlanChoices:
    """A runner's choices as typed at a form or API, checked: a known focus, and equipment from
    the library's list (body weight is always there; ``none`` means body weight only). The
    rest (dates, days, strength days) is checked by the planner with the whole request."""
    chosen_focus = focus.strip().lower() if focus and focus.strip() else None
    if chosen_focus is not None and chosen_focus not in EVENT_FOCUSES:
        raise ValidationError(f"unknown focus {focus!r}: use sprint, middle or distance")
    kit: frozenset[str] | None = None
    if equipment is not None:
        names = {name.strip().lower() for name in equipment if name.strip()}
        if "none" in names and names != {"none"}:
            raise ValidationError("equipment 'none' means body weight only: do not combine it")
        unknown = sorted(names - set(EQUIPMENT) - {"none"})
        if unknown:
            raise ValidationError(
                f"unknown equipment {', '.join(unknown)}: use none or any of {', '.join(EQUIPMENT)}"
            )
        kit = frozenset((names - {"none"}) | {"bodyweight"})
    if not race.strip():
        raise ValidationError("say which race: 5k, 10k, half, marathon, 800m ... or a distance")
    focus_value: EventFocus | None = chosen_focus  # type: ignore[assignment]
    return PlanChoices(
        race=race.strip(),
        race_date=race_date,
        focus=focus_value,
        available_days=frozenset(available_days) if available_days is not None else None,
        long_run_day=long_run_day,
        strength_days=strength_days,
        equipment=kit,
        two_a_days=two_a_days,
    )


@dataclass(frozen=True, slots=True)
class ExportFile:
    """A download: its file name, media type and bytes."""

    filename: str
    media_type: str
    content: bytes


def _file_stem(plan: Plan) -> str:
    label = re.sub(r"[^a-z0-9]+", "-", plan.request.race_label.lower()).strip("-") or "race"
    return f"runstrong-plan-{label}-{plan.request.race_date.isoformat()}"


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            archive.writestr(zipfile.ZipInfo(name, date_time=_ZIP_TIME), files[name])
    return buffer.getvalue()


def plan_export_bytes(store: Store, athlete_id: int, fmt: ExportFormat) -> ExportFile:
    """The active plan as an iCalendar file (``ics``), a printable PDF (``pdf``) or a zip of
    FIT workouts, one per run (``fit``), in the athlete's units and time zone."""
    from runstrong.exports import plan_to_fit_files, plan_to_ics, plan_to_pdf

    if fmt not in EXPORT_FORMATS:
        raise ValidationError(f"unknown export format {fmt!r}: use ics, pdf or fit")
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_id)
        plan = uow.plans.active(athlete_id)
    if plan is None:
        raise NotFound(f"{athlete.name} has no plan to export: create one first")
    stem = _file_stem(plan)
    if fmt == "ics":
        content = plan_to_ics(plan, athlete.timezone, athlete.name, athlete.units)
        return ExportFile(f"{stem}.ics", _MEDIA_TYPES[fmt], content)
    if fmt == "pdf":
        return ExportFile(
            f"{stem}.pdf", _MEDIA_TYPES[fmt], plan_to_pdf(plan, athlete.name, athlete.units)
        )
    return ExportFile(f"{stem}-workouts.zip", _MEDIA_TYPES[fmt], _zip(plan_to_fit_files(plan)))
