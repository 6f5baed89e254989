"""Plans and their sessions: stored, read back as domain objects, re-planned in place."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any, cast

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from runstrong.domain.plan import Plan, PlannedSession
from runstrong.store.plan_codec import (
    baseline_from_json,
    baseline_to_json,
    request_from_json,
    request_to_json,
    session_from_payload,
    session_payload,
    weeks_from_json,
    weeks_to_json,
)
from runstrong.store.tables import PlanRow, PlanSessionRow

__all__ = ["PlanRepository"]


def _session_row(session: PlannedSession) -> PlanSessionRow:
    return PlanSessionRow(
        day=session.day,
        slot=session.slot,
        kind=session.kind,
        title=session.title,
        key=session.key,
        heavy_lower_body=session.heavy_lower_body,
        planned_load_au=session.planned_load_au,
        status=session.status,
        payload=session_payload(session),
    )


def _session(row: PlanSessionRow) -> PlannedSession:
    return session_from_payload(
        row.payload,
        id=row.id,
        day=row.day,
        slot=cast(Any, row.slot),
        kind=cast(Any, row.kind),
        title=row.title,
        key=row.key,
        heavy_lower_body=row.heavy_lower_body,
        planned_load_au=row.planned_load_au,
        status=cast(Any, row.status),
    )


class PlanRepository:
    def __init__(self, session: Session, changed: set[int] | None = None) -> None:
        self._session = session
        self._changed = changed if changed is not None else set()

    @staticmethod
    def _to_domain(row: PlanRow) -> Plan:
        return Plan(
            id=row.id,
            request=request_from_json(row.request),
            baseline=baseline_from_json(row.baseline),
            weeks=weeks_from_json(row.weeks),
            sessions=tuple(_session(s) for s in row.sessions),
        )

    def add(self, athlete_id: int, plan: Plan) -> Plan:
        """Store a plan as the athlete's active one (an earlier active plan is retired)."""
        self._changed.add(athlete_id)
        self._session.execute(
            update(PlanRow).where(PlanRow.athlete_id == athlete_id).values(active=False)
        )
        row = PlanRow(
            athlete_id=athlete_id,
            race_label=plan.request.race_label,
            race_date=plan.request.race_date,
            start_date=plan.request.start_date,
            active=True,
            request=request_to_json(plan.request),
            baseline=baseline_to_json(plan.baseline),
            weeks=weeks_to_json(plan.weeks),
            sessions=[_session_row(s) for s in plan.sessions],
        )
        self._session.add(row)
        self._session.flush()
        return self._to_domain(row)

    def active(self, athlete_id: int) -> Plan | None:
        row = self._session.scalars(
            select(PlanRow)
            .where(PlanRow.athlete_id == athlete_id, PlanRow.active.is_(True))
            .options(selectinload(PlanRow.sessions))
            .order_by(PlanRow.id.desc())
        ).first()
        return self._to_domain(row) if row else None

    def replace_sessions(self, plan_id: int, sessions: Iterable[PlannedSession]) -> Plan:
        """Make ``sessions`` the plan's sessions: rows with an id are updated, others added,
        and stored sessions not among them are deleted."""
        row = self._session.get_one(PlanRow, plan_id)
        self._changed.add(row.athlete_id)
        # An approval is of the sessions as they were; a changed plan needs a new one.
        row.approved_by_user_id = None
        row.approved_at = None
        wanted = list(sessions)
        keep = {s.id for s in wanted if s.id is not None}
        by_id = {s.id: s for s in row.sessions}
        for stored in list(row.sessions):
            if stored.id not in keep:
                row.sessions.remove(stored)
        for session in wanted:
            if session.id is not None and session.id in by_id:
                fresh = _session_row(session)
                target = by_id[session.id]
                for column in (
                    "day",
                    "slot",
                    "kind",
                    "title",
                    "key",
                    "heavy_lower_body",
                    "planned_load_au",
                    "status",
                    "payload",
                ):
                    setattr(target, column, getattr(fresh, column))
            else:
                row.sessions.append(_session_row(replace(session, id=None)))
        self._session.flush()
        self._session.refresh(row)
        return self._to_domain(row)

    def set_weeks(self, plan_id: int, plan: Plan) -> None:
        row = self._session.get_one(PlanRow, plan_id)
        self._changed.add(row.athlete_id)
        row.weeks = weeks_to_json(plan.weeks)
