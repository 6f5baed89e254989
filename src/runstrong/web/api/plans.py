"""JSON API: the athlete's active plan — read, create, move a session, re-plan, approve, export.

Reading and exporting need ``read`` access; creating, moving, re-planning and approving need
``review`` (the owner, or a coach they share with: a coach edits or approves their plans).
Values are SI (metres, seconds, kilograms); ``units`` and ``timezone`` say how the athlete
reads them. Weekdays are ``mon`` .. ``sun``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Final, Literal, get_args

from fastapi import APIRouter, Depends, Path, Response
from pydantic import BaseModel, ConfigDict, Field

from runstrong.domain.models import EventFocus, SessionType, UnitSystem
from runstrong.domain.plan import (
    Plan,
    PlannedSession,
    PlanPhase,
    SessionKind,
    SessionStatus,
    Slot,
    StepKind,
    week_spans,
)
from runstrong.services.plan_moves import (
    ExportFile,
    ExportFormat,
    PlanView,
    move_session,
    move_window,
    plan_choices,
    plan_export_bytes,
    plan_view,
)
from runstrong.services.plans import create_plan, replan_plan
from runstrong.services.sharing import approve_plan
from runstrong.web.api.schemas import ERROR_RESPONSES
from runstrong.web.deps import CurrentUser, ReadAccess, ReviewAccess, StoreDep

__all__ = [
    "ApprovalPublic",
    "PlanAfterMove",
    "PlanCreate",
    "PlanPublic",
    "PlanToday",
    "SessionMove",
    "export_response",
    "plan_public",
    "plan_today",
    "router",
]

router = APIRouter(tags=["plans"], responses=ERROR_RESPONSES)

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: Final[tuple[Weekday, ...]] = get_args(Weekday)
RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def plan_today() -> date | None:
    """The day plans count from; ``None`` means today in the athlete's time zone.

    A dependency, so a test (or a demo) can pin the calendar with ``dependency_overrides``."""
    return None


PlanToday = Annotated[date | None, Depends(plan_today)]


# --- what comes in -----------------------------------------------------------------------


class PlanCreate(BaseModel):
    """A new plan to race day; it replaces the active plan. Loads and paces come from the log."""

    model_config = ConfigDict(extra="forbid")

    race: Annotated[
        str, Field(min_length=1, max_length=40, description="5k, 10k, half, marathon, 800m ...")
    ]
    race_date: date
    focus: EventFocus | None = Field(None, description="Default: from the race distance.")
    available_days: list[Weekday] | None = Field(
        None, max_length=7, description="Days you can train (default: every day)."
    )
    long_run_day: Weekday | None = Field(None, description="Default: sun, or your last day.")
    strength_days: int = Field(2, ge=0, le=3, description="Strength sessions a week.")
    equipment: list[Annotated[str, Field(max_length=40)]] | None = Field(
        None, max_length=20, description="e.g. barbell, leg-press; ['none'] = body weight only."
    )
    two_a_days: bool = True


class SessionMove(BaseModel):
    """Where the session goes: a day in its own plan week, from today on (``null``: the day it
    is on, to change only the time of day), and the time of day (``null``: the planner picks)."""

    model_config = ConfigDict(extra="forbid")

    day: date | None = None
    slot: Slot | None = None


class MissedSession(BaseModel):
    model_config = ConfigDict(extra="forbid")

    day: date
    slot: Slot | None = None


class Replan(BaseModel):
    """Sessions you missed (the log says what else was done); the rest is re-planned."""

    model_config = ConfigDict(extra="forbid")

    missed: list[MissedSession] = Field(default_factory=list, max_length=100)


# --- what goes out -----------------------------------------------------------------------


class PlanRequestPublic(BaseModel):
    race_label: str
    race_distance_m: float
    race_date: date
    start_date: date
    focus: EventFocus
    available_days: list[Weekday]
    long_run_day: Weekday
    strength_days: int
    equipment: list[str]
    two_a_days: bool


class RuleBendPublic(BaseModel):
    rule: str = Field(description="The plan rule that gave way (C1 .. D1, docs/science.md).")
    reason: str


class PlanWeekPublic(BaseModel):
    number: int = Field(description="1 = the first week.")
    start: date
    end: date
    phase: PlanPhase
    deload: bool
    bends: list[RuleBendPublic] = Field(
        default_factory=list, description="Rules this week could not keep, and why."
    )


class StepPublic(BaseModel):
    kind: StepKind
    duration_s: float | None
    distance_m: float | None
    pace_fast_s_per_km: float | None
    pace_slow_s_per_km: float | None
    repeat: int
    recovery_s: float | None


class RunPublic(BaseModel):
    session_type: SessionType
    description: str
    distance_m: float | None
    duration_s: float | None
    steps: list[StepPublic]


class ExercisePublic(BaseModel):
    exercise_slug: str
    sets: int
    reps: int
    load_kg: float | None
    target_rpe: float | None
    per_side: bool
    foot_contacts: int | None
    note: str | None
    hold_s: float | None = None


class SessionPublic(BaseModel):
    id: int
    day: date
    slot: Slot
    kind: SessionKind
    title: str
    key: bool
    heavy_lower_body: bool
    status: SessionStatus
    planned_load_au: float
    run: RunPublic | None
    exercises: list[ExercisePublic]
    movable_from: date | None = Field(description="First day it may move to; null: it stays.")
    movable_to: date | None


class ApprovalPublic(BaseModel):
    approved_by: str
    approved_at: datetime


class LeftOutPublic(BaseModel):
    id: int
    day: date
    slot: Slot
    kind: SessionKind
    title: str


class PlanPublic(BaseModel):
    id: int
    athlete_id: int
    units: UnitSystem
    timezone: str
    today: date = Field(description="Today in the athlete's time zone.")
    request: PlanRequestPublic
    weeks: list[PlanWeekPublic]
    sessions: list[SessionPublic]
    approval: ApprovalPublic | None


class PlanAfterMove(PlanPublic):
    left_out: list[LeftOutPublic] = Field(
        description="Sessions the re-plan left out to keep weekly loads within their limits."
    )


def _session(plan: Plan, session: PlannedSession, today: date) -> SessionPublic:
    assert session.id is not None
    window = move_window(plan, session, today)
    run = session.run
    return SessionPublic(
        id=session.id,
        day=session.day,
        slot=session.slot,
        kind=session.kind,
        title=session.title,
        key=session.key,
        heavy_lower_body=session.heavy_lower_body,
        status=session.status,
        planned_load_au=session.planned_load_au,
        run=RunPublic(
            session_type=run.session_type,
            description=run.description,
            distance_m=run.distance_m,
            duration_s=run.duration_s,
            steps=[StepPublic.model_validate(step, from_attributes=True) for step in run.steps],
        )
        if run is not None
        else None,
        exercises=[
            ExercisePublic.model_validate(e, from_attributes=True) for e in session.exercises
        ],
        movable_from=window[0] if window else None,
        movable_to=window[1] if window else None,
    )


def plan_public(view: PlanView) -> PlanPublic:
    plan, athlete = view.active(), view.athlete
    assert plan.id is not None and athlete.id is not None
    request = plan.request
    return PlanPublic(
        id=plan.id,
        athlete_id=athlete.id,
        units=athlete.units,
        timezone=athlete.timezone,
        today=view.today,
        request=PlanRequestPublic(
            race_label=request.race_label,
            race_distance_m=request.race_distance_m,
            race_date=request.race_date,
            start_date=request.start_date,
            focus=request.focus,
            available_days=[WEEKDAYS[d] for d in sorted(request.available_days)],
            long_run_day=WEEKDAYS[request.long_run_day],
            strength_days=request.strength_days,
            equipment=sorted(request.equipment),
            two_a_days=request.two_a_days,
        ),
        weeks=[
            PlanWeekPublic(
                number=week.index + 1,
                start=first,
                end=last,
                phase=week.phase,
                deload=week.deload,
                bends=[RuleBendPublic(rule=b.rule, reason=b.reason) for b in week.bends],
            )
            for week, first, last in week_spans(plan)
        ],
        sessions=[_session(plan, s, view.today) for s in plan.sessions],
        approval=ApprovalPublic(approved_by=view.approval[0], approved_at=view.approval[1])
        if view.approval
        else None,
    )


# --- routes -------------------------------------------------------------------------------


@router.get("/athletes/{athlete_id}/plan", response_model=PlanPublic)
def plan_get(
    access: ReadAccess, store: StoreDep, user: CurrentUser, today: PlanToday
) -> PlanPublic:
    """The active plan: what was asked for, its weeks, its sessions (with ids) and approval.
    404 when there is no plan yet."""
    return plan_public(plan_view(store, user, access.athlete_id, today))


@router.post("/athletes/{athlete_id}/plan", response_model=PlanPublic, status_code=201)
def plan_create(
    body: PlanCreate, access: ReviewAccess, store: StoreDep, user: CurrentUser, today: PlanToday
) -> PlanPublic:
    """Build a plan from today to race day and make it the active one (the old one is
    retired). 422 names what to change: a past race, an unknown distance, too few days..."""
    choices = plan_choices(
        body.race,
        body.race_date,
        focus=body.focus,
        available_days=[WEEKDAYS.index(d) for d in body.available_days]
        if body.available_days is not None
        else None,
        long_run_day=WEEKDAYS.index(body.long_run_day) if body.long_run_day else None,
        strength_days=body.strength_days,
        equipment=body.equipment,
        two_a_days=body.two_a_days,
    )
    create_plan(store, access.athlete_id, choices, today=today)
    return plan_public(plan_view(store, user, access.athlete_id, today))


@router.post("/athletes/{athlete_id}/plan/sessions/{session_id}/move", response_model=PlanAfterMove)
def plan_session_move(
    session_id: RowId,
    body: SessionMove,
    access: ReviewAccess,
    store: StoreDep,
    user: CurrentUser,
    today: PlanToday,
) -> PlanAfterMove:
    """Move one session within its week and re-plan from that week on. 422 names the hard rule
    a move would break (48 h between heavy legs and key runs, rest days, one run a day...);
    404: no such session in the active plan. Nothing changes when the move is refused."""
    result = move_session(store, access.athlete_id, session_id, body.day, body.slot, today)
    left_out = [
        LeftOutPublic(id=s.id or 0, day=s.day, slot=s.slot, kind=s.kind, title=s.title)
        for s in result.left_out
    ]
    shown = plan_public(plan_view(store, user, access.athlete_id, today))
    return PlanAfterMove(**shown.model_dump(), left_out=left_out)


@router.post("/athletes/{athlete_id}/plan/replan", response_model=PlanPublic)
def plan_replan(
    access: ReviewAccess,
    store: StoreDep,
    user: CurrentUser,
    today: PlanToday,
    body: Replan | None = None,
) -> PlanPublic:
    """Mark past sessions done or missed from the log (and ``missed`` ones explicitly) and
    re-plan from today: the past stays, missed load is not made up."""
    missed = [(item.day, item.slot) for item in (body.missed if body else [])]
    replan_plan(store, access.athlete_id, missed=missed, today=today)
    return plan_public(plan_view(store, user, access.athlete_id, today))


@router.post("/athletes/{athlete_id}/plan/approve", response_model=ApprovalPublic)
def plan_approve(access: ReviewAccess, store: StoreDep, user: CurrentUser) -> ApprovalPublic:
    """Approve the active plan (the owner or their coach); 404 when there is no plan."""
    username, at = approve_plan(store, user, access.athlete_id)
    return ApprovalPublic(approved_by=username, approved_at=at)


@router.get(
    "/athletes/{athlete_id}/plan/export/{fmt}",
    response_class=Response,
    responses={
        200: {
            "description": "The file: text/calendar, application/pdf or application/zip",
            "content": {"text/calendar": {}, "application/pdf": {}, "application/zip": {}},
        }
    },
)
def plan_export(fmt: ExportFormat, access: ReadAccess, store: StoreDep) -> Response:
    """The active plan as an iCalendar file (``ics``), a printable PDF (``pdf``) or a zip of
    FIT workouts for a watch (``fit``)."""
    return export_response(plan_export_bytes(store, access.athlete_id, fmt))


def export_response(export: ExportFile) -> Response:
    """A download: the file name is ASCII letters, digits, dashes and dots (safe in a header)."""
    return Response(
        export.content,
        media_type=export.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{export.filename}"',
            "Cache-Control": "private, no-store",
        },
    )
